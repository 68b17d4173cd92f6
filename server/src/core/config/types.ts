import type { SectionLevel } from '../coverage-state';
import type { Range, Severity } from '../types';

export type { SectionLevel };

/** A section of the catalogue, fully resolved (template text read, defaults applied). */
export interface SectionDef {
  id: string;
  title: string;
  level: SectionLevel;
  /** Inherited aliases and each layer's own, combined. */
  aliases: string[];
  /** Headings that never count as this section (a false match a team ruled out), combined
   * across layers like aliases. */
  notAliases: string[];
  guidance: string;
  /** Questions with no topic behind them (team sections may give only these). */
  checklist: string[];
  /** What covering the section means: the questions it answers, each with the words that
   * show a passage answers it. */
  topics: TopicDef[];
  /** Words that tie a passage elsewhere in the doc to this section's subject: topic words
   * outside the section count only in a sentence that also has one of these. */
  anchors: string[];
  /** Template body in VS Code snippet syntax (tab stops), without the heading. */
  template: string;
  /** Where the template came from: "builtin:templates/monitoring.md" or a file path. */
  templateSource: string;
  /** Severity of this section's missing-section finding, overriding the rule's. */
  severity?: Severity;
}

/** One thing a section should address. */
export interface TopicDef {
  /** Kebab-case, unique within its section. */
  id: string;
  title: string;
  /** The checklist question the topic answers. */
  question: string;
  /** Words and phrases that show a passage addresses it (matched at word starts, with
   * plural and -ed/-ing forms; a trailing * matches any ending; all-caps terms keep case). */
  terms: string[];
  /** Words that show the topic only inside the section's own text: too common elsewhere
   * ("pipeline", "version") to say what a passage there is about. */
  local: string[];
  /** When given, a passage must also hold one of these, in the same sentence. */
  with: string[];
  /** Reported by missing-topic when a present section lacks it; otherwise only counted. */
  required: boolean;
}

export type RuleSeverity = Severity | 'off';

export interface RuleSetting {
  severity: RuleSeverity;
  options: Record<string, unknown>;
}

/** Which files are design docs, when a config says so. Globs are relative to `baseDir`,
 * which is itself relative to the workspace root ('' for the root). */
export interface FileSelection {
  baseDir: string;
  include?: string[];
  exclude?: string[];
}

export interface ResolvedConfig {
  /** In canonical document order: fixes insert a missing section after its predecessors. */
  sections: SectionDef[];
  rules: Record<string, RuleSetting>;
  files?: FileSelection;
  /** Severity of every finding by front matter `status` (lower case). */
  status: Record<string, Severity>;
  /** Config files and presets this configuration was built from, nearest last. */
  sources: string[];
}

/** A config file as written (YAML or JSON), before resolution. */
export interface RawSection {
  id: string;
  title?: string;
  level?: SectionLevel;
  aliases?: string[];
  notAliases?: string[];
  guidance?: string;
  checklist?: string[];
  topics?: RawTopic[];
  anchors?: string[];
  template?: string;
  severity?: Severity;
  after?: string;
  remove?: boolean;
}

export interface RawTopic {
  id: string;
  title?: string;
  question?: string;
  terms?: string[];
  local?: string[];
  with?: string[];
  required?: boolean;
  remove?: boolean;
}

export interface RawConfig {
  $schema?: string;
  name?: string;
  description?: string;
  extends?: string | string[];
  templates?: string;
  include?: string[];
  exclude?: string[];
  sections?: RawSection[];
  rules?: Record<string, RuleSeverity | [RuleSeverity, Record<string, unknown>?]>;
  status?: Record<string, Severity>;
}

/** A problem in a config file, where it is. */
export interface ConfigProblem {
  /** The config file (absolute path), or "builtin:<name>". */
  file: string;
  range: Range;
  message: string;
}
