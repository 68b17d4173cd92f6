import fs from 'node:fs';
import path from 'node:path';
import { readSettings, RULES_BY_ID, type ConfigProblem, type RuleSeverity, type Settings } from '../../core';
import { toPosix } from '../../node/config-cache';
import { UsageError } from '../files';
import { visible } from '../escape';
import { changedSince, stagedBlob, stagedChanges, type ChangedFiles } from '../changed';
import { displayPath, type RunOptions } from '../run';
import { stdinCap } from '../stdin';
import { isReadOnly, replaceContent, writeFileAtomicMkdir, writeTarget, writeThrough, type WriteTarget } from '../write';

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  out(s: string): void;
  err(s: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Standard input's bytes, up to `maxBytes` (--stdin). */
  readStdin?: (maxBytes: number) => Promise<{ bytes: Buffer; complete: boolean }>;
}

/** The options that choose which files a run reads, other than its paths. */
export interface SelectionValues {
  'changed-since'?: string | undefined;
  staged?: boolean | undefined;
  stdin?: boolean | undefined;
  'stdin-filename'?: string | undefined;
}

export type Selection = Pick<RunOptions, 'filter' | 'configFilter' | 'contentOf' | 'given'> & { changed?: ChangedFiles };

/** --changed-since REF, --staged, --stdin: the files of the run among those its paths give,
 * their content from the index, or one file's from standard input. */
export async function selection(values: SelectionValues, positionals: readonly string[], io: Io, maxChars: number): Promise<Selection> {
  const since = values['changed-since'];
  if (since !== undefined && values.staged) throw new UsageError('use --changed-since or --staged, not both');
  if (values['stdin-filename'] !== undefined && !values.stdin)
    throw new UsageError('--stdin-filename names what --stdin reads; add --stdin');
  if (values.stdin) {
    if (positionals.length || since !== undefined || values.staged)
      throw new UsageError('--stdin lints standard input alone: no paths, --changed-since or --staged with it');
    if (!io.readStdin) throw new UsageError('standard input cannot be read here');
    // Without a name the text is judged by its content alone, with the working folder's config.
    const file = values['stdin-filename'] || '<stdin>';
    return { given: [{ file, content: await io.readStdin(stdinCap(maxChars)) }] };
  }
  if (since !== undefined) {
    const changed = changedSince(since, io.cwd);
    return { changed, filter: changed.accepts, configFilter: changed.configChanged };
  }
  if (values.staged) {
    const changed = stagedChanges(io.cwd);
    // The staged blob, not the working file: the hook checks what is being committed, and a
    // file staged in part differs from it on disk. (The pre-commit framework and lint-staged
    // set unstaged changes aside first, so there the two are the same.)
    const contentOf = (abs: string) => {
      const key = changed.keyOf(abs);
      return key === undefined ? undefined : stagedBlob(key, io.cwd, stdinCap(maxChars));
    };
    return { changed, filter: changed.accepts, configFilter: changed.configChanged, contentOf };
  }
  return {};
}

/** --rule ID=SEVERITY, repeatable, into settings. */
export function settingsFromRules(rules: readonly string[]): Settings {
  const out: Record<string, RuleSeverity> = {};
  for (const r of rules) {
    const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(r);
    if (!m || !RULES_BY_ID.has(m[1]!)) {
      throw new UsageError(
        `bad --rule '${r}': use ID=SEVERITY with a known rule id (${[...RULES_BY_ID.keys()].join(', ')}) and error, warning, info, hint or off`,
      );
    }
    out[m[1]!] = m[2] as RuleSeverity;
  }
  return readSettings({ rules: out });
}

export function configOption(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const abs = path.resolve(cwd, value);
  if (!fs.existsSync(abs)) throw new UsageError(`config file not found: ${value}`);
  return toPosix(abs);
}

/** Writes command output to stdout or to --output (see writeChecked). */
export function emit(io: Io, text: string, output: string | undefined): void {
  if (output === undefined) io.out(text);
  else writeChecked(io, checkTarget(io, output, `--output ${output}`, true), text, `--output ${output}`);
}

/** Where a write of `file` may go (write.ts), or a UsageError saying why it may not.
 * `streams`: a FIFO, a terminal or this process's own output may take it (--output);
 * otherwise only a regular file, new or existing. */
export function checkTarget(io: Io, file: string, label: string, streams: boolean): WriteTarget {
  let target: WriteTarget;
  try {
    target = writeTarget(file, io.cwd);
  } catch (e) {
    throw writeFailed(label, e);
  }
  switch (target.kind) {
    case 'folder':
      throw new UsageError(`${label} is a folder; name a file in it`);
    case 'outside':
      throw new UsageError(
        `${label} leads (through a symlink) to ${target.real}, outside the working folder; not written. Name that file itself to write it.`,
      );
    case 'file':
      if (isReadOnly(target.path, target.stat)) throw new UsageError(`${label} is read-only; not written`);
      break;
    case 'new':
      break;
    default:
      if (!streams) throw new UsageError(`${label} is not a regular file; not written`);
  }
  return target;
}

/** Writes to a checked target: a new file atomically (folders made), an existing one keeping
 * its links, owner and mode, a FIFO or terminal through, this process's stdout or stderr
 * (/dev/stdout, a link to it) as output. */
export function writeChecked(io: Io, target: WriteTarget, text: string, label: string): void {
  try {
    switch (target.kind) {
      case 'stdout':
        return io.out(text);
      case 'stderr':
        return io.err(text);
      case 'new':
        return writeFileAtomicMkdir(target.path, text);
      case 'special':
        return writeThrough(target.path, text);
      case 'file':
        return replaceContent(target.path, Buffer.from(text, 'utf8'), target.stat);
    }
  } catch (e) {
    throw writeFailed(label, e);
  }
}

const writeFailed = (label: string, e: unknown) =>
  new UsageError(`${label} could not be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);

/** Config problems on stderr, one per line at their place; true when there were any. */
export function printConfigProblems(io: Io, problems: readonly ConfigProblem[], note: string): boolean {
  for (const p of problems)
    io.err(
      `${visible(displayPath(p.file, io.cwd))}:${p.range.start.line + 1}:${p.range.start.character + 1} error ${visible(p.message)} (${note})\n`,
    );
  return problems.length > 0;
}

/** --timeout SECONDS (a decimal number; 0: no limit) in milliseconds, or undefined when not given. */
export function timeoutOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,7}(\.\d{1,3})?$/.test(value)) throw new UsageError(`${name} takes a number of seconds (0: no limit), not '${value}'`);
  return Math.round(Number(value) * 1000);
}

export function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} takes a whole number, not '${value}'`);
  return Number(value);
}

/** A progress line on a terminal for long runs; nothing in CI logs. */
export function progressReporter(io: Io, enabled: boolean): { tick: (done: number, total: number) => void; end: () => void } {
  if (!enabled || !io.stderrIsTTY) return { tick: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    tick: (done, total) => {
      const now = Date.now();
      if (total < 50 || (now - last < 100 && done < total)) return;
      last = now;
      shown = true;
      io.err(`\r\u001b[2Kmldesign: ${done}/${total} files`);
    },
    end: () => {
      if (shown) io.err('\r\u001b[2K');
    },
  };
}
