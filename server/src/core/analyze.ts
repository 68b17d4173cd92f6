import type { ResolvedConfig } from './config/types';
import { decideDesignDoc, type DesignDocDecision } from './designdoc';
import { buildModel, type CoverageEntry, type DocModel } from './model';
import { RULES } from './rules';
import type { DesignDocDetection } from './settings';
import type { RuleContext } from './rules/types';
import { combineBlocks, type PlannedBlock } from './fixes';
import type { Finding, Fix, Severity } from './types';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  /** The document's path (workspace-relative or absolute), for the design-doc decision. */
  path?: string;
  /** Which documents are linted (default 'auto': detected design docs). */
  detection?: DesignDocDetection;
}

export interface Analysis {
  designDoc: DesignDocDecision;
  model: DocModel;
  coverage: CoverageEntry[];
  /** Sorted by position, then rule. Empty when the document is not a design doc. */
  findings: Finding[];
  /** Every finding's preferred fix in one, or undefined when nothing is fixable. */
  fixAll: Fix | undefined;
}

/** The whole of the core's work on one document: pure, synchronous, never throws on input. */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const { config } = options;
  const model = buildModel(text, config);
  const recognisedRequired = model.coverage.filter((c) => c.level === 'required' && c.entry?.kind === 'heading').length;
  const decision = decideDesignDoc({
    path: options.path,
    frontMatter: model.outline.frontMatter?.data,
    recognisedRequired,
    detection: options.detection ?? 'auto',
  });
  const { findings, fixAll } = decision.isDesignDoc ? runRules(model, config) : { findings: [], fixAll: undefined };
  return { designDoc: decision, model, coverage: model.coverage, findings, fixAll };
}

function runRules(model: DocModel, config: ResolvedConfig): { findings: Finding[]; fixAll: Fix | undefined } {
  const order = config.sections.map((s) => s.id);
  const findings: Finding[] = [];
  const allBlocks: PlannedBlock[] = [];
  const fixedBy: string[] = [];
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id];
    if (setting?.severity === 'off') continue;
    const configured: Severity | undefined = setting?.severity;
    const ctx: RuleContext = { model, config, options: setting?.options ?? {}, order };
    for (const f of rule.check(ctx)) {
      const fixes = f.fixes.map((p) => ({ title: p.title, ...(p.preferred ? { preferred: true } : {}), insertions: combineBlocks(model, p.blocks) }));
      const preferred = f.fixes.find((p) => p.preferred);
      if (preferred) {
        allBlocks.push(...preferred.blocks);
        fixedBy.push(rule.meta.id);
      }
      findings.push({ ...f, fixes, ruleId: rule.meta.id, severity: f.severity ?? configured ?? rule.meta.defaultSeverity });
    }
  }
  const title = fixedBy.every((id) => id === 'missing-section') ? `Add all ${fixedBy.length} missing sections` : `Fix all ${fixedBy.length} mldesign findings`;
  const fixAll: Fix | undefined = allBlocks.length ? { title, insertions: combineBlocks(model, allBlocks) } : undefined;
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
  return { findings, fixAll };
}
