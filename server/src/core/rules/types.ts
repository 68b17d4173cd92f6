import type { ResolvedConfig, SectionDef } from '../config/types';
import type { CoverageEntry } from '../model';
import type { PlannedFix } from '../fixes';
import type { DocModel } from '../model';
import type { OutlineEntry } from '../outline';
import type { ProseBlock, Span } from '../prose';
import type { Finding, Range, Severity } from '../types';

/** The built-in presets, from the least to the most demanding. Each rule says in which of
 * them it is on; the presets' YAML says only how (severity, options). */
export const PRESET_NAMES = ['minimal', 'recommended', 'strict'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

/** One rule option: the subset of JSON Schema rule options use, with its default. The
 * config schema, the options table of the rule's doc page and the defaults the rule sees
 * are all made from this. */
export type OptionSchema = { description: string } & (
  | { type: 'string'; enum?: readonly string[]; default: string }
  | { type: 'number'; minimum?: number; default: number }
  | {
      type: 'array';
      items: { type: 'string'; minLength?: number };
      default: readonly string[];
      /** The values are section ids: checked against the sections of the resolved config. */
      sectionIds?: boolean;
    }
);

export type OptionsSchema<O> = { [K in keyof O]: OptionSchema & { default: O[K] } };

export interface RuleMeta<O = Record<string, unknown>> {
  /** Kebab-case id: the diagnostic code, this rule's file name and its doc page's name. */
  id: string;
  /** One line, shown in rule tables and SARIF. */
  summary: string;
  defaultSeverity: Severity;
  /** Whether the rule's findings carry fixes. */
  fixable: boolean;
  /** 'document': findings are about the whole doc (shown on its title), so a disable
   * directive anywhere in the doc silences them. Default 'line'. */
  scope?: 'document' | 'line';
  /** The built-in presets that turn the rule on (at its default severity, unless the
   * preset's YAML says otherwise). */
  presets: readonly PresetName[];
  /** The rule's options, each with its default. */
  options?: OptionsSchema<O>;
}

/** What a rule gets to work with: the document model, its validated options (defaults
 * filled in) and the queries rules keep needing. */
export interface RuleContext<O = Record<string, unknown>> {
  model: DocModel;
  config: ResolvedConfig;
  options: Readonly<O>;
  /** Section ids in canonical order, for placing inserted sections. */
  order: readonly string[];
  /** Every rule id, for rules that check references to rules. */
  ruleIds: readonly string[];
  /** A catalogue section's definition; undefined when the config has no such section. */
  section(id: string): SectionDef | undefined;
  /** Where findings about the whole document go (its title, else its first line). */
  documentRange(): Range;
  /** How a catalogue section fares in this document. */
  coverage(id: string): CoverageEntry | undefined;
  /** The real or pseudo headings that stand for a covered section (all its matches with
   * content); empty unless the section is covered. */
  coveredEntries(id: string): OutlineEntry[];
  /** Runs `scan` over the prose of the top-level blocks whose source matches `pattern` (or passes it)
   * (within a range when given), remembered per block for this rule and these options:
   * on a keystroke only the blocks an edit touched are read again. */
  scanProse<S extends Span>(pattern: RegExp | ((source: string) => boolean), scan: (blocks: ProseBlock[]) => S[], within?: Span): S[];
}

/** What a rule reports; the engine fills in the rule id and the configured severity. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity' | 'fixes'> & { severity?: Severity; fixes: PlannedFix[] };

export interface Rule<O = Record<string, unknown>> {
  meta: RuleMeta<O>;
  check(ctx: RuleContext<O>): RuleFinding[];
}

/** Types a rule's options from its meta in one place. */
export function defineRule<O extends object = Record<string, never>>(rule: Rule<O>): Rule<O> {
  return rule;
}
