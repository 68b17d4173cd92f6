import type { Root } from 'mdast';
import picomatch from 'picomatch/posix';
import type { FileSelection, ResolvedConfig } from './config/types';
import { decideDesignDoc, rawMldesignKey, type DesignDocDecision } from './designdoc';
import { Suppressions } from './directives';
import { combineBlocks, disableRuleFix, uniqueBlocks, type PlannedFix } from './fixes';
import { buildModel, type CoverageEntry, type DocModel } from './model';
import { parseDocument } from './incremental';
import { relativeInside } from './paths';
import { MAX_INDENT, MAX_NESTING, prepare, type Prepared } from './sanitize';
import { RULES } from './rules';
import { LineIndex } from './text';
import { ruleContext } from './rules/context';
import { configForStage, docStatus, stageSeverity, type DocStatus } from './stages';
import { DEFAULT_SETTINGS, type DesignDocDetection } from './settings';
import { templateStatus, type TemplateStatus } from './template-version';
import type { Finding, Fix, Insertion, Severity } from './types';

export interface AnalyzeOptions {
  config: ResolvedConfig;
  /** The document's path relative to the workspace root (POSIX), for the design-doc decision. */
  path?: string;
  /** Which documents are linted (default 'auto': detected design docs). */
  detection?: DesignDocDetection;
  /** Documents longer than this (in characters) are not analysed (default DEFAULT_MAX_SIZE). */
  maxSize?: number;
  /** The Markdown parser; the language server passes an incremental one. */
  parse?: (text: string) => Root;
  /** The text's line index and sanitized form; the language server passes its incremental
   * parser's, which updates the last version's around the edit. */
  prepare?: (text: string) => Prepared;
}

/** 4 MB of text: far beyond any design doc, small enough to stay fast. */
export const DEFAULT_MAX_SIZE = DEFAULT_SETTINGS.maxDocumentSize;

export interface Analysis {
  designDoc: DesignDocDecision;
  model: DocModel;
  coverage: CoverageEntry[];
  /** Sorted by position, then rule. Empty when the document is not a design doc. */
  findings: Finding[];
  /** The preferred fix of every error and warning in one, or undefined when none has one. */
  fixAll: Fix | undefined;
  /** A design doc's template version against its config's, when the config has one. */
  template?: TemplateStatus;
  /** A design doc's front matter `status` and the review stage it names. */
  status?: DocStatus;
}

const RULE_IDS = RULES.map((r) => r.meta.id);
const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** The whole of the core's work on one document: pure, synchronous, and it never throws: a
 * document it cannot analyse (too large, binary, an internal error) gets one skipped-content
 * finding that says why. */
export function analyze(text: string, options: AnalyzeOptions): Analysis {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  if (text.length > maxSize) {
    return skippedAnalysis(
      options,
      `Not checked: larger than the size limit (${mb(text.length)} over ${mb(maxSize)})`,
      'The limit is the setting mldesign.maxDocumentSize (the CLI has no limit of its own but this one).',
    );
  }
  try {
    // One line index for both: sanitizing keeps every line break where it was.
    const {
      index,
      sanitized: { text: safe, lines },
      nul,
    } = (options.prepare ?? prepare)(text);
    if (nul !== -1) return skippedAnalysis(options, 'Not checked: the document holds binary content (NUL characters)');
    const analysis = analyzeText(safe, options, safe === text ? index : new LineIndex(safe, index.starts));
    if (lines.length && analysis.designDoc.isDesignDoc) {
      const first = lines[0]!;
      addSkipped(
        analysis,
        options.config,
        `Nesting too deep on ${lines.length} line${lines.length === 1 ? '' : 's'} from line ${first + 1}: read as plain text`,
        first,
        `Containers nested deeper than ${MAX_NESTING} levels, or list markers indented past column ${MAX_INDENT}, are deeper than any real document and would take the parser minutes.`,
      );
    }
    return analysis;
  } catch (e) {
    return skippedAnalysis(
      options,
      `Not checked: mldesign failed on this document (${(e as Error).name})`,
      `${(e as Error).name}: ${(e as Error).message}. Please report this, with the document if you can.`,
    );
  }
}

function mb(chars: number): string {
  return `${(chars / 1_000_000).toFixed(1)} MB`;
}

/** An analysis of nothing, carrying one skipped-content finding. */
export function skippedAnalysis(options: AnalyzeOptions, message: string, detail?: string): Analysis {
  const model = buildModel('', options.config);
  const analysis: Analysis = {
    designDoc: { isDesignDoc: false, reason: message },
    model,
    coverage: model.coverage,
    findings: [],
    fixAll: undefined,
  };
  addSkipped(analysis, options.config, message, 0, detail);
  return analysis;
}

function addSkipped(analysis: Analysis, config: ResolvedConfig, message: string, line: number, detail?: string): void {
  const setting = config.rules['skipped-content'];
  if (setting?.severity === 'off') return;
  analysis.findings.unshift({
    ruleId: 'skipped-content',
    severity: setting?.severity ?? 'info',
    message,
    ...(detail ? { detail } : {}),
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    fixes: [],
  });
}

function analyzeText(text: string, options: AnalyzeOptions, lines: LineIndex): Analysis {
  // The doc's review stage decides which sections are required (stages.ts).
  const model = buildModel(text, options.config, options.parse ?? parseDocument, lines, (o) =>
    configForStage(options.config, o.frontMatter?.data),
  );
  const { config } = model;
  // Whether this is a design doc at all does not depend on its stage: counted by the
  // catalogue's own levels.
  const required = new Set(options.config.sections.filter((s) => s.level === 'required').map((s) => s.id));
  const recognisedRequired = model.coverage.filter((c) => required.has(c.id) && c.entry?.kind === 'heading').length;
  const fm = model.outline.frontMatter;
  // Broken front matter: its `mldesign:` line is still read on its own, and the author is
  // told (invalid-front-matter) whichever way it decides.
  const rawKey = fm?.error ? rawMldesignKey(model.outline.root) : undefined;
  const decision = decideDesignDoc({
    path: options.path,
    frontMatter: fm?.error && rawKey !== undefined ? { mldesign: rawKey } : fm?.data,
    recognisedRequired,
    detection: options.detection ?? 'auto',
    selected: config.files && options.path !== undefined ? selectedByConfig(config.files, options.path) : undefined,
  });
  const only = !decision.isDesignDoc && rawKey === false ? new Set(['invalid-front-matter']) : undefined;
  const { findings, fixAll } = decision.isDesignDoc || only ? runRules(model, config, only) : { findings: [], fixAll: undefined };
  const template = decision.isDesignDoc ? templateStatus(model, config) : undefined;
  // The base configuration's stages: the staged one is the doc's stage already.
  const status = decision.isDesignDoc && !fm?.error ? docStatus(options.config, fm?.data) : undefined;
  return {
    designDoc: decision,
    model,
    coverage: model.coverage,
    findings,
    fixAll,
    ...(template ? { template } : {}),
    ...(status ? { status } : {}),
  };
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

/** Runs the rules on a design doc (or only those in `only`). */
function runRules(model: DocModel, config: ResolvedConfig, only?: ReadonlySet<string>): { findings: Finding[]; fixAll: Fix | undefined } {
  const suppressions = new Suppressions(model.directives);
  const status = model.outline.frontMatter?.data?.['status'];
  // Own keys only: `status: constructor` must not find Object.prototype's (nor a worker's
  // structured clone of the config, which has a prototype again).
  const statusKey = typeof status === 'string' ? status.toLowerCase() : undefined;
  const statusSeverity: Severity | undefined =
    statusKey !== undefined && Object.hasOwn(config.status, statusKey) ? config.status[statusKey] : undefined;
  const findings: Finding[] = [];
  const inFixAllPlans: PlannedFix[] = [];
  const fixedBy: string[] = [];
  const toFix = (p: PlannedFix): Fix => lazyFix(p, () => combineBlocks(model, p.blocks()));
  for (const rule of RULES) {
    const setting = config.rules[rule.meta.id];
    if (setting?.severity === 'off' || (only && !only.has(rule.meta.id))) continue;
    const configured: Severity | undefined = setting?.severity;
    const staged = stageSeverity(config, model.outline.frontMatter?.data, rule.meta.id);
    for (const f of rule.check(ruleContext(rule, model, config, setting?.options, RULE_IDS))) {
      if (suppressions.suppressed(rule.meta.id, f.range.start.line, rule.meta.scope === 'document')) continue;
      const planned = [...f.fixes, disableRuleFix(model, rule.meta.id)];
      // A stage's own severity for a rule wins over the `status` map's for every rule.
      const severity = (staged ? undefined : statusSeverity) ?? f.severity ?? configured ?? rule.meta.defaultSeverity;
      const preferred = f.fixes.find((p) => p.preferred);
      if (preferred && inFixAll({ severity, fixes: [preferred] })) {
        inFixAllPlans.push(preferred);
        fixedBy.push(rule.meta.id);
      }
      findings.push({ ...f, fixes: planned.map(toFix), ruleId: rule.meta.id, severity });
    }
  }
  const title = fixedBy.every((id) => id === 'missing-section')
    ? `Add all ${fixedBy.length} missing sections`
    : `Fix all ${fixedBy.length} mldesign findings`;
  const fixAll: Fix | undefined = inFixAllPlans.length
    ? lazyFix({ title }, () => combineBlocks(model, uniqueBlocks(inFixAllPlans.flatMap((p) => p.blocks()))))
    : undefined;
  // By position, then most severe first; rules report in catalogue order, which stays.
  findings.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  return { findings, fixAll };
}

/** A fix whose insertions are computed when first read (then kept). Plain data to every
 * reader: JSON.stringify and structured clone read the property like any other. The model
 * it reads stays as it is: the editor's parser moves node positions only when it parses
 * the document's next version, and then the server analyses that version afresh. */
function lazyFix(head: Pick<Fix, 'title' | 'preferred' | 'scaffold'>, compute: () => Insertion[]): Fix {
  let insertions: Insertion[] | undefined;
  // A getter in the literal, not Object.defineProperty: the same own, enumerable property,
  // without turning each of a big doc's hundred fixes into a slow dictionary object.
  return {
    ...fixHead(head),
    get insertions(): Insertion[] {
      return (insertions ??= compute());
    },
  };
}

/** What a fix is without its text: title and flags. */
export function fixHead(fix: Pick<Fix, 'title' | 'preferred' | 'scaffold'>): Omit<Fix, 'insertions'> {
  return { title: fix.title, ...(fix.preferred ? { preferred: true } : {}), ...(fix.scaffold ? { scaffold: true } : {}) };
}

/** Whether fix-all (and the CLI's --fix) fixes a finding: it has a preferred fix and is a
 * problem (error or warning). Info and hints are suggestions, taken one by one. */
export function inFixAll(f: { severity: Severity; fixes: readonly { preferred?: boolean }[] }): boolean {
  return (f.severity === 'error' || f.severity === 'warning') && f.fixes.some((x) => x.preferred);
}
