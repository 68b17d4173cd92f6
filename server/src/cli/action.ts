// Entry of dist/action.js, the GitHub Action (action.yml): the CLI's own code run in process,
// configured by the INPUT_* variables the runner sets. On a pull request it lints the docs
// changed since the base, puts findings where a reviewer sees them (inside the diff, sorted
// and capped under GitHub's annotation limits), writes the coverage delta to the job summary
// and counts to the step's outputs. Nothing here is specific to a runner but these variables,
// so the tests run it in a temporary repository.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { countFindings, readSettings, requiredCoverage, type Finding, type Severity } from '../core';
import { changedSince, type ChangedFiles } from './changed';
import { baseDelta } from './commands/report';
import { configOption, timeoutOption } from './commands/common';
import { visible } from './escape';
import { UsageError } from './files';
import { annotation, plainCommand } from './formats/github';
import { formatSarif, withFixes } from './formats/sarif';
import type { LintResult } from './formats/types';
import { git } from './git';
import { markdownDelta } from './report/delta';
import { mdCell } from './report/matrix';
import { defaultJobs, runLint, WORKER_ENV, workerMain, type SourceFile } from './run';

/** GitHub shows at most this many annotations of each kind per step, and drops the rest. */
export const PER_KIND_LIMIT = 10;

const FAIL_LEVELS = ['error', 'warning', 'info', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];

/** Rules whose findings are about the whole doc (a section it lacks) and sit on its title:
 * a place the pull request rarely changes, so they are moved into the diff. */
const DOC_LEVEL_RULES = new Set(['missing-section', 'mentioned-section']);

export interface ActionEnv {
  env: NodeJS.ProcessEnv;
  out: (s: string) => void;
}

/** An input as the runner passes it: INPUT_ and the name in capitals, `-` kept. */
function input(env: NodeJS.ProcessEnv, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

function booleanInput(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const v = input(env, name).toLowerCase();
  if (v === '') return fallback;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new UsageError(`input ${name} is 'true' or 'false', not '${v}'`);
}

export async function runAction({ env, out }: ActionEnv): Promise<number> {
  const cwd = env['GITHUB_WORKSPACE'] || process.cwd();
  const paths = input(env, 'paths').split(/\s+/).filter(Boolean);
  const failLevel = (input(env, 'fail-level') || 'error') as FailLevel;
  if (!FAIL_LEVELS.includes(failLevel)) throw new UsageError(`input fail-level is one of ${FAIL_LEVELS.join(', ')}, not '${failLevel}'`);
  const maxText = input(env, 'max-annotations');
  if (maxText && !/^\d+$/.test(maxText)) throw new UsageError(`input max-annotations takes a whole number, not '${maxText}'`);
  const maxAnnotations = maxText ? Number(maxText) : 3 * PER_KIND_LIMIT;
  const changedOnly = booleanInput(env, 'changed-only', true);
  const sarifFile = input(env, 'sarif-file');
  const deadlineMs = timeoutOption(input(env, 'timeout') || undefined, 'input timeout');

  // Only a pull request has a base to compare with; a push or a manual run lints everything.
  const baseSha = changedOnly ? pullRequestBase(env) : undefined;
  const changed = baseSha ? changedSince(baseSha, cwd, 'changed-only') : undefined;
  const settings = readSettings({});
  const common = {
    cwd,
    settings,
    detection: 'auto' as const,
    configFile: configOption(input(env, 'config') || undefined, cwd),
    jobs: defaultJobs(),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  };
  const run = await runLint({ ...common, paths, ...(changed ? { filter: changed.accepts, configFilter: changed.configChanged } : {}) });

  for (const p of run.configProblems)
    out(plainCommand('error', `${path.relative(cwd, p.file)}:${p.range.start.line + 1}: ${p.message} (the built-in defaults were used)`));

  const shown = placeFindings(run.results, run.sources, changed, cwd);
  const { lines, hidden } = capAnnotations(shown, maxAnnotations);
  for (const l of lines) out(l);
  if (hidden)
    out(
      plainCommand(
        'notice',
        `${hidden} more mldesign finding${hidden === 1 ? '' : 's'} not annotated (at most ${PER_KIND_LIMIT} of each kind, ${maxAnnotations} in all): the job summary lists every finding.`,
      ),
    );

  let delta: string | undefined;
  if (changed) {
    const docs = await baseDelta(run.results, run.sources, changed, common);
    // The base branch's name reads better than a sha, when the runner gives it.
    delta = markdownDelta(docs, { ref: env['GITHUB_BASE_REF'] || baseSha!.slice(0, 12), base: changed.base! });
  }
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) fs.appendFileSync(summaryFile, (delta ? delta + '\n' : '') + findingsList(run.results));

  const counts = countFindings(run.results.flatMap((r) => r.findings));
  const coverage = Object.fromEntries(run.results.filter((r) => r.designDoc).map((r) => [r.path, requiredCoverage(r.coverage)]));
  const outputFile = env['GITHUB_OUTPUT'];
  if (outputFile)
    fs.appendFileSync(
      outputFile,
      [
        output('errors', String(counts.error)),
        output('warnings', String(counts.warning)),
        output('infos', String(counts.info)),
        output('files', String(run.results.length)),
        output('coverage', JSON.stringify(coverage)),
        ...(delta ? [output('report', delta)] : []),
      ].join(''),
    );
  if (sarifFile) fs.writeFileSync(path.resolve(cwd, sarifFile), formatSarif(withFixes(run.results, run.sources, 'auto'), cwd));

  if (run.configProblems.length) return 2;
  const failing: Record<FailLevel, number> = {
    error: counts.error,
    warning: counts.error + counts.warning,
    info: counts.error + counts.warning + counts.info,
    never: 0,
  };
  return failing[failLevel] > 0 || run.results.some((r) => r.unreadable) ? 1 : 0;
}

/** The base commit of the pull request the run is for, from the event payload. */
function pullRequestBase(env: NodeJS.ProcessEnv): string | undefined {
  const file = env['GITHUB_EVENT_PATH'];
  if (!file) return undefined;
  let event: { pull_request?: { base?: { sha?: unknown } } };
  try {
    event = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof event;
  } catch (e) {
    throw new UsageError(`the event payload ${file} could not be read (${(e as Error).message})`);
  }
  const sha = event.pull_request?.base?.sha;
  // A sha is data from the payload; it goes to git as one argument, checked first.
  return typeof sha === 'string' && /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
}

/** A finding to annotate, with the line it is shown on. */
export interface Placed {
  file: string;
  finding: Finding;
  line: number;
  moved: boolean;
}

/** Every finding but hints, where a reviewer sees it: a doc-level finding outside the diff
 * goes to the changed line nearest its place (a changed heading first, a blank line last), or, when the file
 * has no changed line, to the nearest heading. Per-line findings stay where they are. */
export function placeFindings(
  results: readonly LintResult[],
  sources: readonly SourceFile[],
  changed: ChangedFiles | undefined,
  cwd: string,
): Placed[] {
  const placed: Placed[] = [];
  results.forEach((r, i) => {
    const src = sources[i]!;
    let diffLines: number[] | undefined;
    let headings: number[] | undefined;
    let textLines: string[] | undefined;
    for (const f of r.findings) {
      if (f.severity === 'hint') continue;
      const line = f.range.start.line;
      if (!DOC_LEVEL_RULES.has(f.ruleId) || src.skipped) {
        placed.push({ file: r.path, finding: f, line, moved: false });
        continue;
      }
      diffLines ??= changed ? changedLines(src, changed, cwd) : [];
      headings ??= headingLines(src.text);
      const inDiff = new Set(diffLines);
      let to = line;
      if (diffLines.length && !inDiff.has(line)) {
        // A changed heading reads best, then a changed line with text, then a blank one.
        textLines ??= src.text.split(/\r\n|\r|\n/);
        const changedHeadings = headings.filter((h) => inDiff.has(h));
        const withText = diffLines.filter((l) => textLines![l]?.trim());
        to = nearest(changedHeadings.length ? changedHeadings : withText.length ? withText : diffLines, line);
      } else if (!diffLines.length && headings.length && !headings.includes(line)) to = nearest(headings, line);
      placed.push({ file: r.path, finding: f, line: to, moved: to !== line });
    }
  });
  return placed;
}

const nearest = (lines: readonly number[], to: number) =>
  lines.reduce((best, l) => (Math.abs(l - to) < Math.abs(best - to) ? l : best), lines[0]!);

/** The 0-based lines of the file's new version that the change since the base added or
 * changed: the `+` side of `git diff -U0`'s hunks (a rename compared with its old name). */
export function changedLines(src: SourceFile, changed: ChangedFiles, cwd: string): number[] {
  const key = changed.keyOf(src.abs);
  const change = key === undefined ? undefined : changed.changes.get(key);
  if (!change || !changed.base) return [];
  const pathspecs = [key!, ...(change.from !== undefined ? [change.from] : [])].map((p) => `:(top,literal)${p}`);
  const r = git(['diff', '-U0', '-M', '--no-color', '--no-ext-diff', '--no-textconv', changed.base, '--', ...pathspecs], cwd);
  if (!r.ok) return [];
  const lines: number[] = [];
  for (const m of r.stdout.toString('utf8').matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let l = start; l < start + count; l++) lines.push(l - 1);
  }
  return lines;
}

/** ATX heading lines outside fenced code: where a doc-level finding reads naturally. */
export function headingLines(text: string): number[] {
  const out: number[] = [];
  let fence: string | undefined;
  text.split(/\r\n|\r|\n/).forEach((l, i) => {
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(l);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = undefined;
    } else if (!fence && /^ {0,3}#{1,6}(\s|$)/.test(l)) out.push(i);
  });
  return out;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };
const KIND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Errors first, then warnings, then notices, each kind within GitHub's per-step limit and
 * all within `max`; one notice is kept back for the line that says how many are not shown. */
export function capAnnotations(placed: readonly Placed[], max: number): { lines: string[]; hidden: number } {
  const sorted = [...placed].sort(
    (a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line,
  );
  const fits = (limitForNotices: number, total: number) => {
    const used = { error: 0, warning: 0, notice: 0 };
    const kept: Placed[] = [];
    for (const p of sorted) {
      const kind = KIND[p.finding.severity];
      if (kept.length >= total || used[kind] >= (kind === 'notice' ? limitForNotices : PER_KIND_LIMIT)) continue;
      used[kind]++;
      kept.push(p);
    }
    return kept;
  };
  let kept = fits(PER_KIND_LIMIT, max);
  if (kept.length < sorted.length) kept = fits(PER_KIND_LIMIT - 1, max);
  return {
    lines: kept.map((p) => annotation(p.file, p.finding, p.moved ? { line: p.line } : undefined)),
    hidden: sorted.length - kept.length,
  };
}

/** Every finding, hints aside, for the job summary: where the ones not annotated are read. */
function findingsList(results: readonly LintResult[]): string {
  const rows = results.flatMap((r) =>
    r.findings
      .filter((f) => f.severity !== 'hint')
      .sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.range.start.line - b.range.start.line)
      .map((f) => `| ${mdCell(r.path)}:${f.range.start.line + 1} | ${f.severity} | ${f.ruleId} | ${mdCell(f.message)} |`),
  );
  const files = results.length;
  const head = `#### mldesign: ${rows.length} finding${rows.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n\n`;
  if (!rows.length) return head;
  return `${head}<details><summary>All findings</summary>\n\n| Where | Severity | Rule | Finding |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n\n</details>\n`;
}

/** One output in the runner's multi-line form, with a delimiter the value cannot hold
 * (values are doc paths and text a pull request chose). */
export function output(name: string, value: string): string {
  let delimiter: string;
  do delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  while (value.includes(delimiter));
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

if (process.env[WORKER_ENV] === '1' && process.send) {
  // runLint forks this same bundle for its lint workers.
  workerMain({ on: (e, f) => process.on(e, f), send: (v) => process.send!(v) });
} else if (require.main === module) {
  runAction({ env: process.env, out: (s) => process.stdout.write(s) }).then(
    (code) => (process.exitCode = code),
    (e) => {
      // A usage problem (an input, a base commit the clone lacks) is said as an error annotation.
      const message =
        e instanceof UsageError || (e instanceof Error && 'syscall' in e) ? e.message : `internal error: ${(e as Error).stack ?? e}`;
      process.stdout.write(plainCommand('error', `mldesign: ${visible(message)}`));
      process.exitCode = 2;
    },
  );
}
