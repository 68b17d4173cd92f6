import { parseArgs } from 'node:util';
import { UsageError } from '../files';
import { visible } from '../escape';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../report/render';
import { defaultJobs, runLint } from '../run';
import { configOption, emit, printConfigProblems, progressReporter, selection, settingsFromRules, type Io } from './common';

export const REPORT_HELP = `Usage: mldesign report [PATH|GLOB...] [options]

The coverage matrix of every design doc against every section, for a team or a reviewer.

Options:
  -f, --format FORMAT      md (default), html (one self-contained file), json
  -o, --output FILE        Write the report to FILE instead of stdout
      --title TITLE        The report's title (default "Design doc coverage")
  -c, --config FILE        Use this config file instead of the nearest .mldesign.yaml
      --all                Count every Markdown file, not only detected design docs
      --changed-since REF  Only the files changed since the merge base with REF (a branch,
                           tag or commit): added, modified or renamed, committed or not

Exit codes: 0 done, 1 some files could not be read, 2 usage or configuration error.
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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(REPORT_HELP);
    return 0;
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`unknown report format '${values.format}' (use ${REPORT_FORMATS.join(', ')})`);
  const settings = settingsFromRules([]);
  const selected = await selection(values, positionals, io, settings.maxDocumentSize);
  const progress = progressReporter(io, true);
  const run = await runLint({
    cwd: io.cwd,
    paths: positionals,
    settings,
    ...selected,
    detection: values.all ? 'all' : 'auto',
    configFile: configOption(values.config, io.cwd),
    jobs: defaultJobs(),
    progress: progress.tick,
  });
  progress.end();
  const generatedAt = io.env['MLDESIGN_REPORT_DATE'] ?? new Date().toISOString().slice(0, 10);
  emit(io, renderReport(run.results, format, { title: values.title, generatedAt }), values.output);
  // A file that could not be read is in no report format: it is said here, and in the exit code.
  const unreadable = run.results.filter((r) => r.unreadable);
  for (const r of unreadable) io.err(`mldesign: ${visible(r.path)}: ${visible(r.reason)}\n`);
  if (printConfigProblems(io, run.configProblems, 'config')) return 2;
  return unreadable.length ? 1 : 0;
}
