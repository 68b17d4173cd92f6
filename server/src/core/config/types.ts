import type { Severity } from '../types';

export type SectionLevel = 'required' | 'recommended';

/** A section of the catalogue, fully resolved (template text read, defaults applied). */
export interface SectionDef {
  id: string;
  title: string;
  level: SectionLevel;
  aliases: string[];
  guidance: string;
  checklist: string[];
  /** Template body in VS Code snippet syntax (tab stops), without the heading. */
  template: string;
  /** Where the template came from, for messages ("builtin:templates/monitoring.md"). */
  templateSource: string;
  /** Severity of this section's missing-section finding, overriding the rule's. */
  severity?: Severity;
}

export type RuleSeverity = Severity | 'off';

export interface RuleSetting {
  severity: RuleSeverity;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** In canonical document order: fixes insert a missing section after its predecessors. */
  sections: SectionDef[];
  rules: Record<string, RuleSetting>;
  /** Config files and presets this configuration was built from, nearest last. */
  sources: string[];
}

/** A config file as written (YAML or JSON), before resolution. */
export interface RawSection {
  id: string;
  title?: string;
  level?: SectionLevel;
  aliases?: string[];
  guidance?: string;
  checklist?: string[];
  template?: string;
  severity?: Severity;
}

export interface RawConfig {
  $schema?: string;
  name?: string;
  description?: string;
  extends?: string | string[];
  sections?: RawSection[];
  rules?: Record<string, RuleSeverity | [RuleSeverity, Record<string, unknown>]>;
}
