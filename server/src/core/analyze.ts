import picomatch from 'picomatch/posix';
import type { FileSelection, ResolvedConfig } from './config/types';
import { decideDesignDoc, type DesignDocDecision } from './designdoc';
import { Suppressions } from './directives';
import { combineBlocks, disableRuleFix, type PlannedBlock, type PlannedFix } from './fixes';
import { buildModel, type CoverageEntry, type DocModel } from './model';
import { relativeInside } from './paths';
import { RULES } from './rules';
import type { RuleContext } from './rules/types';
import type { DesignDocDetection } from './settings';
import type { Finding, Fix, Severity } from './types';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  /** The document's path relative to the workspace root (POSIX), for the design-doc decision. */
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
  /** The preferred fix of every error and warning in one, or undefined when none has one. */
  fixAll: Fix | undefined;
}

const RULE_IDS = RULES.map((r) => r.meta.id);
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

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
    selected: config.files && options.path !== undefined ? selectedByConfig(config.files, options.path) : undefined,
  });
  const { findings, fixAll } = decision.isDesignDoc ? runRules(model, config) : { findings: [], fixAll: undefined };
  return { designDoc: decision, model, coverage: model.coverage, findings, fixAll };
}

/** true/false when the config's include/exclude decide the file, undefined when they leave it to detection. */
function selectedByConfig(files: FileSelection, path: string): boolean | undefined {
  const rel = files.baseDir ? relativeInside(files.baseDir, path) : path;
  if (rel === undefined) return files.include ? false : undefined;
  const opts = { dot: true };
  if (files.exclude?.length && picomatch(files.exclude, opts)(rel)) return false;
  if (files.include?.length) return picomatch(files.include, opts)(rel);
  return undefined;
}

function runRules(model: DocModel, config: ResolvedConfig): { findings: Finding[]; fixAll: Fix | undefined } {
  const order = config.sections.map((s) => s.id);
  const suppressions = new Suppressions(model.directives);
  const status = model.outline.frontMatter?.data?.['status'];
  const statusSeverity: Severity | undefined = typeof status === 'string' ? config.status[status.toLowerCase()] : undefined;
  const findings: Finding[] = [];
  const allBlocks: PlannedBlock[] = [];
  const fixedBy: string[] = [];
  const toFix = (p: PlannedFix): Fix => ({
    title: p.title,
    ...(p.preferred ? { preferred: true } : {}),
    ...(p.scaffold ? { scaffold: true } : {}),
    insertions: combineBlocks(model, p.blocks),
  });
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id];
    if (setting?.severity === 'off') continue;
    const configured: Severity | undefined = setting?.severity;
    const ctx: RuleContext = { model, config, options: setting?.options ?? {}, order, ruleIds: RULE_IDS };
    for (const f of rule.check(ctx)) {
      if (suppressions.suppressed(rule.meta.id, f.range.start.line, rule.meta.scope === 'document')) continue;
      const planned = [...f.fixes, disableRuleFix(model, rule.meta.id)];
      const severity = statusSeverity ?? f.severity ?? configured ?? rule.meta.defaultSeverity;
      const preferred = f.fixes.find((p) => p.preferred);
      if (preferred && inFixAll({ severity, fixes: [preferred] })) {
        allBlocks.push(...preferred.blocks);
        fixedBy.push(rule.meta.id);
      }
      findings.push({ ...f, fixes: planned.map(toFix), ruleId: rule.meta.id, severity });
    }
  }
  const title = fixedBy.every((id) => id === 'missing-section') ? `Add all ${fixedBy.length} missing sections` : `Fix all ${fixedBy.length} mldesign findings`;
  const fixAll: Fix | undefined = allBlocks.length ? { title, insertions: combineBlocks(model, allBlocks) } : undefined;
  // By position, then most severe first; rules report in catalogue order, which stays.
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  return { findings, fixAll };
}

/** Whether fix-all (and the CLI's --fix) fixes a finding: it has a preferred fix and is a
 * problem (error or warning). Info and hints are suggestions, taken one by one. */
export function inFixAll(f: { severity: Severity; fixes: readonly { preferred?: boolean }[] }): boolean {
  return (f.severity === 'error' || f.severity === 'warning') && f.fixes.some((x) => x.preferred);
}
