import { parseArgs } from 'node:util';
import { DEFAULT_DEADLINE_MS } from '../../core';
import { UsageError } from '../files';
import { visible } from '../escape';
import { changedSince, committedBlob, type Change, type ChangedFiles } from '../changed';
import type { LintResult } from '../formats/types';
import { docDelta, jsonDelta, markdownDelta, REPORT_MARKER, type DocDelta } from '../report/delta';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/render';
import { defaultJobs, runLint, type RunOptions, type SourceFile } from '../run';
import { stdinCap } from '../stdin';
import {
  configOption,
  emit,
  printConfigProblems,
  progressReporter,
  selection,
  settingsFromRules,
  timeoutOption,
  type Io,
  type Selection,
} from './common';

export const REPORT_HELP = `Usage: mldesign report [PATH|GLOB...] [options]

The coverage matrix of every design doc against every section, for a team or a reviewer.

Options:
  -f, --format FORMAT      md (default), html (one self-contained file), json
  -o, --output FILE        Write the report to FILE instead of stdout
      --title TITLE        The report's title (default "Design doc coverage")
  -c, --config FILE        Use this config file instead of the nearest .mldesign.yaml
      --all                Count every Markdown file, not only detected design docs
      --changed-since REF  Only the files changed since the merge base with REF (a branch,
                           tag or commit): added, modified or renamed, committed or not; and
                           the docs whose config (or a file it extends) changed
      --base REF           For each design doc changed since the merge base with REF, its
                           coverage before and after, new and fixed findings and a verdict
                           (md, ending in ${REPORT_MARKER}, or json)
      --timeout SECONDS    Stop a file's analysis after this long and count it as not
                           checked, going on with the others (default ${DEFAULT_DEADLINE_MS / 1000}; 0: none)

Exit codes: 0 done, 1 some files could not be read, 2 usage or configuration error.
Files not read or whose analysis was stopped are named on standard error.
`;

export async function reportCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'md' },
      output: { type: 'string', short: 'o' },
      title: { type: 'string', default: 'Design doc coverage' },
      config: { type: 'string', short: 'c' },
      all: { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      base: { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(REPORT_HELP);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown report format '${values.format}' (use ${REPORT_FORMATS.join(', ')})`);
  if (values.base !== undefined) {
    if (values['changed-since'] !== undefined)
      throw new UsageError('--base compares the docs changed since REF itself; drop --changed-since');
    if (format === 'html') throw new UsageError('--base gives md or json');
  }
  const settings = settingsFromRules([]);
  const deadlineMs = timeoutOption(values.timeout, '--timeout');
  let selected: Selection;
  if (values.base !== undefined) {
    const changed = changedSince(values.base, io.cwd, '--base');
    selected = { changed, filter: changed.accepts };
  } else selected = await selection(values, positionals, io, settings.maxDocumentSize);
  const progress = progressReporter(io, true);
  const common = {
    cwd: io.cwd,
    settings,
    detection: values.all ? ('all' as const) : ('auto' as const),
    configFile: configOption(values.config, io.cwd),
    jobs: defaultJobs(),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
  };
  const run = await runLint({ ...common, paths: positionals, ...selected, progress: progress.tick });
  progress.end();
  let text: string;
  if (values.base !== undefined) {
    const docs = await baseDelta(run.results, run.sources, selected.changed!, common);
    const header = { ref: values.base, base: selected.changed!.base! };
    text = format === 'json' ? jsonDelta(docs, header) : markdownDelta(docs, header);
  } else {
    const generatedAt = io.env['MLDESIGN_REPORT_DATE'] ?? new Date().toISOString().slice(0, 10);
    text = renderReport(run.results, format, { title: values.title, generatedAt });
  }
  emit(io, text, values.output);
  // A file that could not be read is in no report format: it is said here, and in the exit code.
  const unreadable = run.results.filter((r) => r.unreadable);
  for (const r of unreadable) io.err(`mldesign: ${visible(r.path)}: ${visible(r.reason)}\n`);
  // Nor is a file whose analysis was stopped: the report would otherwise just leave it out.
  for (const r of run.results.filter((r) => r.stopped)) io.err(`mldesign: ${visible(r.path)}: ${visible(r.reason)}\n`);
  if (printConfigProblems(io, run.configProblems, 'config')) return 2;
  return unreadable.length ? 1 : 0;
}

/** The delta of each changed design doc: its base version (the merge base's, under its old
 * name for a rename) analysed with the head's config and name, so only the doc's own change
 * shows, not a config change beside it. Read with `git cat-file`, up to the size limit. */
export async function baseDelta(
  results: readonly LintResult[],
  sources: readonly SourceFile[],
  changed: ChangedFiles,
  common: Omit<RunOptions, 'paths'>,
): Promise<DocDelta[]> {
  const inputs: { head: LintResult; abs: string; key: string; change: Change }[] = [];
  results.forEach((head, i) => {
    const key = changed.keyOf(sources[i]!.abs);
    const change = key === undefined ? undefined : changed.changes.get(key);
    if (head.designDoc && !head.unreadable && key !== undefined && change) inputs.push({ head, abs: sources[i]!.abs, key, change });
  });
  const cap = stdinCap(common.settings.maxDocumentSize);
  const given = inputs
    .filter((d) => d.change.status !== 'A')
    .map((d) => ({ file: d.abs, content: committedBlob(changed.base!, d.change.from ?? d.key, common.cwd, cap) }));
  const baseRun = given.length ? await runLint({ ...common, paths: [], given }) : undefined;
  const baseByPath = new Map(baseRun?.results.map((r) => [r.path, r]));
  return inputs.map(({ head, change }) => {
    const base = baseByPath.get(head.path);
    const status = change.status === 'A' ? 'added' : change.status === 'R' ? 'renamed' : 'modified';
    return docDelta({ head, status, ...(base ? { base } : {}), ...(change.from !== undefined ? { from: change.from } : {}) });
  });
}
