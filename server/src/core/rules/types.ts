import type { ResolvedConfig } from '../config/types';
import type { PlannedFix } from '../fixes';
import type { DocModel } from '../model';
import type { Finding, Severity } from '../types';

export interface RuleMeta {
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
}

export interface RuleContext {
  model: DocModel;
  config: ResolvedConfig;
  options: Record<string, unknown>;
  /** Section ids in canonical order, for placing inserted sections. */
  order: readonly string[];
  /** Every rule id, for rules that check references to rules. */
  ruleIds: readonly string[];
}

/** What a rule reports; the engine fills in the rule id and the configured severity. */
export type RuleFinding = Omit<Finding, 'ruleId' | 'severity' | 'fixes'> & { severity?: Severity; fixes: PlannedFix[] };

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}
