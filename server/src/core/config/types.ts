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
  /** Template versions: the version of the template set this section joined it in. */
  since?: string;
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
  /** Front matter fields the team declares (see config/metadata.ts); absent when none. */
  metadata?: MetadataField[];
  /** Review stages in life-cycle order (see config/metadata.ts); absent when none. */
  stages?: StageDef[];
  /** Config files and presets this configuration was built from, nearest last. */
  sources: string[];
  // Template versions (template-version.ts).
  /** The version of the team's template set. */
  templateVersion?: string;
  /** One-line notes by version (no prototype: keyed by user text). */
  templateChanges?: Record<string, string>;
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
  /** Template versions: YAML reads `since: 3` as a number. */
  since?: string | number;
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
  metadata?: Record<string, RawMetadataField | false>;
  stages?: RawStage[];
  // Template versions (template-version.ts).
  templateVersion?: string | number;
  templateChanges?: Record<string, string>;
}

// Document metadata and review stages (issue 18): front matter fields a doc must carry, and
// what each `status` requires. Merged and checked in config/metadata.ts.

export const METADATA_TYPES = ['string', 'people', 'date', 'url', 'enum'] as const;
export type MetadataType = (typeof METADATA_TYPES)[number];

/** A front matter field as a config layer writes it; `false` removes an inherited one. */
export interface RawMetadataField {
  required?: boolean;
  type?: MetadataType;
  values?: string[];
  pattern?: string;
  description?: string;
}

/** A declared front matter field, resolved. */
export interface MetadataField {
  name: string;
  required: boolean;
  type: MetadataType;
  /** For `enum`: the allowed values (compared with case ignored). */
  values: string[];
  /** Checked safe to run (config/metadata.ts) before it gets here. */
  pattern?: string;
  description: string;
}

export interface RawStage {
  status: string;
  sections?: string[] | 'all';
  topics?: string[];
  placeholders?: RuleSeverity;
  description?: string;
}

/** One review stage: what a doc whose `status` is this stage must have, on top of what the
 * earlier stages ask (stages are cumulative, in life-cycle order). */
export interface StageDef {
  status: string;
  /** Section ids this stage adds, or 'all': every section the catalogue marks required. */
  sections: string[] | 'all';
  /** `section/topic` ids this stage adds. */
  topics: string[];
  /** placeholder-text's severity from this stage on (undefined: as configured). */
  placeholders?: RuleSeverity;
  description: string;
}

/** A problem in a config file, where it is. */
export interface ConfigProblem {
  /** The config file (absolute path), or "builtin:<name>". */
  file: string;
  range: Range;
  message: string;
}
