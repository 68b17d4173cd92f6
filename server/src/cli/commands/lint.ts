import { parseArgs } from 'node:util';
import { countFindings, DEFAULT_DEADLINE_MS } from '../../core';
import { DEFAULT_CACHE_FILE } from '../cache';
import { colors, useColor } from '../colors';
import { visible } from '../escape';
import { applyFixes } from '../fix';
import { formatGithub } from '../formats/github';
import { formatJson } from '../formats/json';
import { formatMarkdown } from '../formats/markdown';
import { formatSarif, withFixes } from '../formats/sarif';
import { formatStylish } from '../formats/stylish';
import { formatText } from '../formats/text';
import type { LintResult } from '../formats/types';
import { UsageError } from '../files';
import { defaultJobs, runLint } from '../run';
import {
  configOption,
  emit,
  positiveInt,
  printConfigProblems,
  progressReporter,
  selection,
  settingsFromRules,
  timeoutOption,
  type Io,
} from './common';
import path from 'node:path';

export const LINT_HELP = `Usage: mldesign lint [PATH|GLOB...] [options]

Lints Markdown design docs (default: the current folder). Folders are walked, honouring
.gitignore and .mldesignignore; globs are matched from the current folder. With
--changed-since or --staged, only those of these files that git lists as changed, or
whose config changed.

Options:
  -f, --format FORMAT      stylish (default), text, json, sarif, github, markdown
  -o, --output FILE        Write the report to FILE instead of stdout
      --max-warnings N     Exit 1 when there are more than N warnings
      --fix                Insert every missing section (and fill empty ones) from templates
      --fix-dry-run        Print the fixes as a unified diff instead of writing them
      --cache              Only analyse files that changed since the last run
      --cache-location F   Cache file (default ${DEFAULT_CACHE_FILE})
  -c, --config FILE        Use this config file instead of the nearest .mldesign.yaml
      --rule ID=SEVERITY   Set a rule's severity (error, warning, info, hint, off); repeatable
      --all                Lint every Markdown file, not only detected design docs
      --changed-since REF  Only the files changed since the merge base with REF (a branch, tag
                           or commit): added, modified or renamed, committed or not; and
                           the docs whose config (or a file it extends) changed
      --staged             Only the files staged for commit, as staged (for a pre-commit hook)
      --stdin              Lint standard input (an editor's buffer) instead of files
      --stdin-filename F   The file standard input is: its config, its name in the output
  -j, --jobs N             Worker processes (default: the number of cores)
      --timeout SECONDS    Stop a file's analysis after this long and report it skipped
                           (skipped-content), going on with the others (default ${DEFAULT_DEADLINE_MS / 1000}; 0: none)
      --no-progress        No progress line on a terminal
  -v, --verbose            Under each finding, what it means: what the section should cover,
                           the topics it lacks, where it is discussed (stylish and text);
                           hints too (stylish and github list them only then)

Exit codes: 0 no errors, 1 errors (or more warnings than --max-warnings, or a file
that could not be read), 2 usage or configuration error, or a file --fix could not write.
`;

const FORMATS = ['stylish', 'text', 'json', 'sarif', 'github', 'markdown'] as const;

export async function lintCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      output: { type: 'string', short: 'o' },
      'max-warnings': { type: 'string' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      config: { type: 'string', short: 'c' },
      rule: { type: 'string', multiple: true, default: [] },
      all: { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      staged: { type: 'boolean', default: false },
      stdin: { type: 'boolean', default: false },
      'stdin-filename': { type: 'string' },
      jobs: { type: 'string', short: 'j' },
      timeout: { type: 'string' },
      'no-progress': { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(LINT_HELP);
    return 0;
  }
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${values.format}' (use ${FORMATS.join(', ')})`);
  if (values.fix && values['fix-dry-run']) throw new UsageError('use --fix or --fix-dry-run, not both');
  const maxWarnings = positiveInt(values['max-warnings'], '--max-warnings');
  const jobs = positiveInt(values.jobs, '--jobs') ?? defaultJobs();
  const deadlineMs = timeoutOption(values.timeout, '--timeout');
  const detection = values.all ? 'all' : 'auto';
  if (values.fix && (values.staged || values.stdin))
    throw new UsageError(
      `--fix writes files on disk, and --${values.staged ? 'staged' : 'stdin'} lints other text; use --fix-dry-run to see the fixes`,
    );
  const settings = settingsFromRules(values.rule ?? []);
  const selected = await selection(values, positionals, io, settings.maxDocumentSize);
  const progress = progressReporter(io, !values['no-progress']);
  const run = await runLint({
    cwd: io.cwd,
    paths: positionals,
    settings,
    ...selected,
    detection,
    configFile: configOption(values.config, io.cwd),
    ...(values.cache || values['cache-location']
      ? { cacheFile: path.resolve(io.cwd, values['cache-location'] ?? DEFAULT_CACHE_FILE) }
      : {}),
    jobs: Math.max(1, jobs),
    ...(deadlineMs !== undefined ? { deadlineMs } : {}),
    progress: progress.tick,
  });
  progress.end();
  const results = run.results;
  if (run.cacheError) io.err(`mldesign: the cache was not written (${visible(run.cacheError)}); the next run analyses every file again.\n`);

  let notFixed = 0;
  if (values.fix || values['fix-dry-run']) {
    const outcome = applyFixes(run.sources, results, { dryRun: values['fix-dry-run'], detection, cwd: io.cwd });
    for (const r of outcome.refused) io.err(`mldesign: ${visible(r.path)} not fixed: ${visible(r.reason)}\n`);
    if (values['fix-dry-run']) {
      emit(io, outcome.diffs.join(''), values.output);
    } else {
      if (outcome.fixed.length)
        io.err(
          `mldesign: fixed ${outcome.fixed.length} file${outcome.fixed.length === 1 ? '' : 's'}: ${visible(outcome.fixed.join(', '))}\n`,
        );
    }
    notFixed = outcome.refused.length;
  }
  // The report and its summary always print, files that were not fixed or not read included.
  if (!values['fix-dry-run']) {
    // After --fix the sources are the old text: its fixes no longer apply.
    const shown = format === 'sarif' && !values.fix ? withFixes(results, run.sources, detection) : results;
    emit(io, render(format, shown, io, values.output !== undefined, values.verbose), values.output);
  }

  if (printConfigProblems(io, run.configProblems, 'config; the built-in defaults were used')) {
    io.err(`mldesign: fix the configuration above (see docs/configuration.md), then run again.\n`);
    return 2;
  }
  if (notFixed) return 2;
  const { error: errors, warning: warnings } = countFindings(results.flatMap((r) => r.findings));
  if (errors) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.err(`mldesign: ${warnings} warnings, more than --max-warnings ${maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

function render(format: (typeof FORMATS)[number], results: LintResult[], io: Io, toFile: boolean, verbose: boolean): string {
  switch (format) {
    case 'stylish':
      return formatStylish(results, colors(!toFile && useColor(io.env, io.stdoutIsTTY)), verbose);
    case 'text':
      return formatText(results, verbose);
    case 'json':
      return formatJson(results);
    case 'sarif':
      return formatSarif(results, io.cwd);
    case 'github':
      return formatGithub(results, verbose);
    case 'markdown':
      return formatMarkdown(results);
  }
}
