// Running the core over many files: configs resolved once per config file, reports taken
// from the cache when content and context are unchanged, and the rest analysed in worker
// processes when there are enough of them to pay for the start-up. Each file's analysis has
// a deadline: large files (the only ones that can be slow) always go to a worker, which is
// killed when a file passes it; the file is then reported skipped and the run goes on.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  analyze,
  applySettings,
  builtinConfig,
  deadlineSkip,
  DEFAULT_DEADLINE_MS,
  reportOf,
  skippedAnalysis,
  SLOW_DOCUMENT_CHARS,
  type ConfigProblem,
  type DesignDocDetection,
  type FileReport,
  type ResolvedConfig,
  type Settings,
} from '../core';
import { ConfigCache, NodeConfigHost, toPosix } from '../node/config-cache';
import { openRegular } from '../node/read-file';
import { hash, LintCache, slimReport } from './cache';
import { collectFiles, type UnreadableFolder } from './files';
import type { LintResult } from './formats/types';

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  settings: Settings;
  detection: DesignDocDetection;
  configFile?: string;
  /** Cache file, when --cache is on. */
  cacheFile?: string;
  /** Worker processes to use at most. With fewer than WORKER_THRESHOLD files (or 1 job) only
   * files of SLOW_DOCUMENT_CHARS or more go to workers, where the deadline can stop them. */
  jobs: number;
  /** How long one file's analysis may take before it is stopped and reported skipped, in
   * milliseconds (default DEFAULT_DEADLINE_MS; 0: no deadline, all analysed here). */
  deadlineMs?: number;
  progress?: (done: number, total: number) => void;
  /** Keep only the files of the walk this accepts (--changed-since, --staged). */
  filter?: (abs: string) => boolean;
  /** Keep also the files of the walk whose config this accepts (a changed config file). */
  configFilter?: (sources: readonly string[]) => boolean;
  /** The bytes to lint for a file instead of its own (a staged blob), when not undefined. */
  contentOf?: (abs: string) => GivenContent | undefined;
  /** Files given by their content, neither walked nor read (--stdin); `paths` is then unused.
   * `file` names them: the config is looked up from its folder, the output shows it. */
  given?: readonly { file: string; content: GivenContent }[];
}

/** A doc's bytes from elsewhere than its file; `complete` is false when only the first part
 * was read (it was over the size limit). */
export type GivenContent = { bytes: Buffer; complete: boolean } | { unreadable: string };

/** One file as read: what was analysed and what a fix must preserve. */
export interface SourceFile {
  abs: string;
  shown: string;
  /** Path relative to the root its config was looked up in, for design-doc detection. */
  rel: string;
  /** The decoded text without a BOM. */
  text: string;
  bom: boolean;
  /** The raw bytes' hash, to refuse writing over a file that changed since. */
  rawHash: string;
  config: ResolvedConfig;
  /** Set when the file could not be analysed as text (binary, not UTF-8, too large), or its
   * analysis was stopped (the deadline). */
  skipped?: string;
  /** Set when it could not be read at all (or is a folder that could not be listed). */
  unreadable?: string;
  /** The file's identity when read, so --fix writes each file once whatever its names. */
  dev?: number;
  ino?: number;
}

export interface RunResult {
  results: LintResult[];
  sources: SourceFile[];
  configProblems: ConfigProblem[];
  /** Why the --cache file could not be written, if it could not. */
  cacheError?: string;
}

export const YOUNG_GENERATION_MB = 192;

/** Files at least this many make worker processes worth their start-up. */
export const WORKER_THRESHOLD = 48;

/** What the skipped-content finding of a file past the deadline says happened next. */
const DEADLINE_THEN =
  "so the run went on with the other files. The CLI option --timeout SECONDS (the action's timeout input) sets the limit.";

export async function runLint(opts: RunOptions): Promise<RunResult> {
  const folders: UnreadableFolder[] = [];
  const given = new Map(opts.given?.map((g) => [path.resolve(opts.cwd, g.file), g.content]));
  const walked = opts.given ? [...given.keys()] : collectFiles(opts.paths.length ? opts.paths : ['.'], opts.cwd, folders);
  const root = toPosix(opts.cwd);
  const configs = new ConfigCache(new NodeConfigHost(true));
  const { filter, configFilter } = opts;
  const files = filter
    ? walked.filter((f) => {
        if (filter(f)) return true;
        if (!configFilter) return false;
        const abs = toPosix(f);
        return configFilter(configs.forDocument(abs, lookupRoot(abs, root), opts.configFile).config.sources);
      })
    : walked;
  const contexts = new Map<ResolvedConfig, string>();
  const withSettings = new Map<ResolvedConfig, ResolvedConfig>();
  const cache = opts.cacheFile ? new LintCache(opts.cacheFile) : undefined;
  const unread = (abs: string, message: string): SourceFile => ({
    abs,
    shown: displayPath(abs, opts.cwd),
    rel: abs,
    text: '',
    bom: false,
    rawHash: '',
    config: builtinConfig(),
    skipped: message,
    unreadable: message,
  });

  const sources: SourceFile[] = files.map((file) => {
    const abs = toPosix(file);
    // Read first: a file that cannot be read needs no config (and a path too long to read
    // would only make its config lookup fail as well).
    const content = given.get(file) ?? opts.contentOf?.(file);
    const read = content ? givenSource(content, opts.settings.maxDocumentSize) : readSource(file, opts.settings.maxDocumentSize);
    if ('unreadable' in read) return unread(abs, read.unreadable);
    const fileRoot = lookupRoot(abs, root);
    const base = configs.forDocument(abs, fileRoot, opts.configFile).config;
    let config = withSettings.get(base);
    if (!config) withSettings.set(base, (config = applySettings(base, opts.settings)));
    return { ...read, abs, shown: displayPath(file, opts.cwd), rel: abs.slice(fileRoot.length + 1), config };
  });
  for (const f of folders)
    sources.push(unread(toPosix(f.path), `This folder could not be read (${describeCode(f.code)}), so nothing in it was checked.`));

  const reports = new Array<FileReport | undefined>(sources.length);
  const todo: number[] = [];
  const contextOf = (s: SourceFile) => contextKey(s, contexts, opts.detection);
  sources.forEach((s, i) => {
    if (s.unreadable) {
      reports[i] = unreadableReport(s.unreadable);
      return;
    }
    if (s.skipped) {
      reports[i] = reportOf(skippedAnalysis({ config: s.config }, s.skipped));
      return;
    }
    // The text is decoded from the raw bytes alone, so their hash identifies the content.
    const hit = cache?.get(s.abs, s.rawHash, contextOf(s));
    if (hit) reports[i] = hit;
    else todo.push(i);
  });

  let cacheError: string | undefined;
  let done = sources.length - todo.length;
  const tick = () => opts.progress?.(++done, sources.length);
  const deadlineMs = opts.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const stoppedFiles = new Set<number>();
  const stop = ({ index, reason, detail }: Stopped) => {
    const s = sources[index]!;
    const { message, detail: why } =
      reason === 'deadline'
        ? deadlineSkip(deadlineMs, DEADLINE_THEN)
        : {
            message: `Not checked: the analysis crashed (${detail.split('\n')[0]!.slice(0, 60)})`,
            detail: `The analysis worker ended (${detail}), most likely out of memory on this text; the run went on with the other files.`,
          };
    reports[index] = reportOf(skippedAnalysis({ config: s.config }, message, why));
    // Skipped as a file too large is: --fix leaves it alone, SARIF offers no fix for it.
    s.skipped = message;
    stoppedFiles.add(index);
  };
  // Enough files pay for worker processes: all go there. Otherwise only the large ones, the
  // only ones that can be slow (SLOW_DOCUMENT_CHARS), so that they can be stopped at the
  // deadline; the small ones, the common case, are analysed here meanwhile, with no start-up.
  // (A failure of the pool is held as a value until awaited: the loop here awaits in between.)
  const pooled = opts.jobs > 1 && todo.length >= WORKER_THRESHOLD;
  const slow = (i: number) => pooled || (deadlineMs > 0 && sources[i]!.text.length >= SLOW_DOCUMENT_CHARS);
  const remote = todo.filter(slow);
  const pool = remote.length
    ? analyseInWorkers(
        sources,
        remote,
        reports,
        { jobs: opts.jobs, minBatch: pooled ? 4 : 1, deadlineMs, detection: opts.detection },
        tick,
        stop,
      ).then(
        () => undefined,
        (e: unknown) => ({ failed: e }),
      )
    : undefined;
  let turn = Date.now();
  for (const i of todo) {
    if (slow(i)) continue;
    const s = sources[i]!;
    reports[i] = slimReport(reportOf(analyze(s.text, { config: s.config, path: s.rel, detection: opts.detection })));
    tick();
    // The workers' answers and deadlines are handled between files.
    if (pool && Date.now() - turn > 20) {
      await new Promise((resolve) => setImmediate(resolve));
      turn = Date.now();
    }
  }
  const poolFailure = await pool;
  if (poolFailure) throw poolFailure.failed;

  if (cache) {
    for (const i of todo) {
      const s = sources[i]!;
      // A stopped analysis is no analysis: the next run tries the file again.
      if (!stoppedFiles.has(i)) cache.set(s.abs, s.rawHash, contextOf(s), reports[i]!);
    }
    // A run over some of the files (changed ones, stdin) says nothing of the others' entries.
    if (!opts.filter && !opts.given) cache.prune(new Set(sources.map((s) => s.abs)));
    cacheError = cache.save();
  }
  const configProblems = [...configs.problemsByFile().values()].flat();
  return {
    results: sources.map((s, i) => ({
      path: s.shown,
      ...reports[i]!,
      ...(s.unreadable ? { unreadable: true } : {}),
      ...(stoppedFiles.has(i) ? { stopped: true } : {}),
    })),
    sources,
    configProblems,
    ...(cacheError ? { cacheError } : {}),
  };
}

function contextKey(s: SourceFile, memo: Map<ResolvedConfig, string>, detection: string): string {
  let c = memo.get(s.config);
  if (!c) memo.set(s.config, (c = hash(JSON.stringify(s.config))));
  // (The build is not part of it: a cache file from another build is dropped whole.)
  return `${detection}|${s.rel}|${c}`;
}

const CHUNK_BYTES = 1 << 18;
const BINARY_PROBE_BYTES = 8192;

type ReadSource = Pick<SourceFile, 'text' | 'bom' | 'rawHash' | 'skipped' | 'dev' | 'ino'> | { unreadable: string };

/** Reads a doc: only a regular file (a FIFO named on the command line would block a plain
 * read, /dev/zero would never end), and no further than a chunk past the size limit, which
 * is in characters: the UTF-8 is decoded as it comes. Never throws: an I/O error is the
 * file's own problem, reported with it, and the run goes on. */
function readSource(file: string, maxChars: number): ReadSource {
  const opened = openRegular(file);
  if ('refused' in opened) {
    return {
      unreadable: opened.code
        ? `This file could not be read (${describeCode(opened.code)}), so it was not checked.`
        : `This file was not read: ${opened.refused}. Only regular files are checked.`,
    };
  }
  const { fd, stat } = opened;
  try {
    // Sized by fstat (one read for most docs), but never trusting it for where to stop.
    const chunkBytes = Math.min(Math.max(stat.size + 1, 8192), CHUNK_BYTES);
    const read = decodeSource((buf) => fs.readSync(fd, buf, 0, buf.length, null), chunkBytes, stat.size, maxChars);
    return 'unreadable' in read ? read : { ...read, dev: stat.dev, ino: stat.ino };
  } catch (e) {
    return {
      unreadable: `This file could not be read (${describeCode((e as NodeJS.ErrnoException).code ?? (e as Error).message)}), so it was not checked.`,
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** A doc whose bytes came from elsewhere (stdin, a staged blob), checked as a file's are. */
function givenSource(content: GivenContent, maxChars: number): ReadSource {
  if ('unreadable' in content) return content;
  const { bytes, complete } = content;
  let at = 0;
  const read = (buf: Buffer) => {
    const n = bytes.copy(buf, 0, at);
    at += n;
    return n;
  };
  const out = decodeSource(read, CHUNK_BYTES, complete ? bytes.length : -1, maxChars);
  if (complete || 'unreadable' in out || out.skipped) return out;
  // Its source stopped giving more at a cap above the limit.
  return {
    ...out,
    text: '',
    skipped: `This file (more than ${mb(bytes.length)}) is larger than the size limit (${mb(maxChars)}), so it was not checked.`,
  };
}

/** Decodes a doc's bytes as `read` gives them (0 at the end): binary content, invalid UTF-8
 * and more characters than the limit make it skipped, with why. `size` is what its source
 * says it holds (-1: more than was read). */
function decodeSource(read: (buf: Buffer) => number, chunkBytes: number, size: number, maxChars: number): ReadSource {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const chunks: Buffer[] = [];
  const parts: string[] = [];
  let bytes = 0;
  let chars = 0;
  let utf8 = true;
  const skip = (skipped: string) => ({ text: '', bom: false, rawHash: hash(Buffer.concat(chunks).toString('latin1')), skipped });
  for (;;) {
    const buf = Buffer.allocUnsafe(chunkBytes);
    const n = read(buf);
    if (n === 0) break;
    const chunk = buf.subarray(0, n);
    chunks.push(chunk);
    if (bytes < BINARY_PROBE_BYTES && chunk.subarray(0, BINARY_PROBE_BYTES - bytes).includes(0))
      return skip('This file holds binary content (NUL bytes), so it was not checked.');
    bytes += n;
    try {
      const part = decoder.decode(chunk, { stream: true });
      parts.push(part);
      chars += part.length;
    } catch {
      utf8 = false;
      break;
    }
    // (One character more than the limit: a BOM is not counted.)
    if (chars > maxChars + 1) {
      const shown = size >= bytes ? mb(size) : `more than ${mb(bytes)}`;
      return skip(`This file (${shown}) is larger than the size limit (${mb(maxChars)}), so it was not checked.`);
    }
  }
  if (utf8) {
    try {
      parts.push(decoder.decode());
    } catch {
      utf8 = false;
    }
  }
  if (!utf8) return skip('This file is not valid UTF-8, so it was not checked (and --fix will not touch it). Re-save it as UTF-8.');
  const text = parts.join('');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom, rawHash: hash(Buffer.concat(chunks, bytes).toString('latin1')) };
}

const mb = (n: number) => `${(n / 1_000_000).toFixed(1)} MB`;

const CODE_WORDS: Record<string, string> = {
  EACCES: 'EACCES: permission denied',
  EPERM: 'EPERM: operation not permitted',
  ENAMETOOLONG: 'ENAMETOOLONG: its path is longer than the system allows',
  ELOOP: 'ELOOP: too many symbolic links',
  EIO: 'EIO: input/output error',
  ENOENT: 'ENOENT: it no longer exists',
};

function describeCode(code: string): string {
  return CODE_WORDS[code] ?? code;
}

/** The report of a file that could not be read: one error, whatever skipped-content's
 * configured severity, since nothing in it was checked and the run must not look clean. */
export function unreadableReport(message: string): FileReport {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return {
    designDoc: false,
    reason: message,
    findings: [{ ruleId: 'skipped-content', severity: 'error', message, range, fixes: [] }],
    coverage: [],
  };
}

/** The folder a file's config is looked up to: the working folder when the file is inside
 * it, else the file's own folder. */
export function lookupRoot(abs: string, cwd: string): string {
  return abs.startsWith(cwd + '/') ? cwd : path.posix.dirname(abs);
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export function defaultJobs(): number {
  return Math.max(1, Math.min(os.availableParallelism?.() ?? os.cpus().length, 8));
}

// ---- worker processes -------------------------------------------------------------------

interface WorkItem {
  index: number;
  text: string;
  rel: string;
  config: number;
}

export interface WorkerData {
  configs: ResolvedConfig[];
  detection: DesignDocDetection;
}

/** What a worker sends: `ready` once it has the run's data (a file's time counts from there,
 * not from the worker's start-up), then each file's report as soon as it is done. */
type FromWorker = { ready: true } | { index: number; report: FileReport };

/** Set in a worker's environment: the bundle then serves batches instead of running a command. */
export const WORKER_ENV = 'MLDESIGN_LINT_WORKER';

/** V8 flags for the workers, which only batch-analyse: room for short-lived objects (analysis
 * makes many, and V8's default young generation sends too many of them to the old one), and
 * garbage collection on the worker's own thread. With every core busy analysing, V8's
 * parallel GC helpers only compete with the workers: measured on the bench:cli corpus with
 * two workers on two cores, 23.6 instead of 27.1 CPU seconds and 12.7 instead of 14.5 s.
 * V8 takes these only at start-up, which is why the workers are processes, not threads. */
export const WORKER_NODE_FLAGS = [`--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`, '--single-threaded-gc'];

/** A file a worker did not answer for: its analysis passed the deadline, or its worker died
 * under it (out of memory). */
interface Stopped {
  index: number;
  reason: 'deadline' | 'crashed';
  detail: string;
}

interface PoolOptions {
  jobs: number;
  /** Files per batch at least: 4 when there are many small files (less messaging), 1 for a
   * few large ones (each to its own worker). */
  minBatch: number;
  /** Per file; 0: none. */
  deadlineMs: number;
  detection: DesignDocDetection;
}

/** Analyses the `todo` files in at most `jobs` worker processes. A file's deadline runs from
 * when its worker is ready or answered the file before; past it, or when the worker dies
 * under it, the worker is killed (a parse inside micromark cannot be interrupted otherwise),
 * the file is `stopped`, and the rest of the worker's batch goes back to the queue for a
 * fresh worker. One file's failure never ends the run: this does not reject. */
async function analyseInWorkers(
  sources: SourceFile[],
  todo: number[],
  reports: (FileReport | undefined)[],
  pool: PoolOptions,
  tick: () => void,
  stopped: (s: Stopped) => void,
): Promise<void> {
  const configList = [...new Set(todo.map((i) => sources[i]!.config))];
  const configIndex = new Map(configList.map((c, i) => [c, i]));
  const data: WorkerData = { configs: configList, detection: pool.detection };
  const queue = [...todo];
  // Guided batches: a quarter of each worker's share of what is left, so they start with big
  // ones (little messaging) and end with small ones (no worker idles while another finishes
  // a long last batch).
  const takeBatch = (): WorkItem[] => {
    const size = Math.max(pool.minBatch, Math.ceil(queue.length / (pool.jobs * 4)));
    return queue
      .splice(0, size)
      .map((index) => ({ index, text: sources[index]!.text, rel: sources[index]!.rel, config: configIndex.get(sources[index]!.config)! }));
  };

  /** One worker slot: a worker process, and a fresh one after each that was killed or died,
   * while there is work. Resolves when its last worker has exited. */
  const slot = () =>
    new Promise<void>((resolve) => {
      const spawn = () => {
        const w = fork(__filename, [], {
          execArgv: WORKER_NODE_FLAGS,
          env: { ...process.env, [WORKER_ENV]: '1' },
          // Structured clone, as between threads: no JSON round trip for the texts and reports.
          serialization: 'advanced',
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        let batch: WorkItem[] = [];
        let ready = false;
        /** No more messages are taken from this worker: it was let go, killed, or died. */
        let over = false;
        let wanted = false;
        let exited = false;
        let timer: NodeJS.Timeout | undefined;
        const arm = () => {
          clearTimeout(timer);
          if (ready && batch.length && pool.deadlineMs > 0) timer = setTimeout(expire, pool.deadlineMs);
        };
        const next = () => {
          batch = takeBatch();
          if (!batch.length) {
            // Closing the channel ends the worker; waiting for its exit means its CPU time is
            // counted as this process's children's (time, /proc) and no worker outlives the run.
            over = wanted = true;
            clearTimeout(timer);
            w.disconnect();
            return;
          }
          w.send(batch);
          arm();
        };
        /** The worker is gone or going, not by our wish: the file it was on is stopped. */
        const lost = (reason: Stopped['reason'], detail: string) => {
          if (over) return;
          over = true;
          clearTimeout(timer);
          const item = batch.shift();
          if (item) {
            stopped({ index: item.index, reason, detail });
            tick();
          }
          queue.unshift(...batch.map((b) => b.index));
          batch = [];
          w.kill('SIGKILL');
        };
        const expire = () => {
          // An answer that came in while this process was busy is read before the timer is
          // believed (I/O is polled before immediates run).
          const on = batch[0];
          setImmediate(() => {
            if (batch[0] === on) lost('deadline', `over ${pool.deadlineMs} ms`);
          });
        };
        const ended = () => {
          if (exited) return;
          exited = true;
          if (!wanted && queue.length) spawn();
          else resolve();
        };
        w.on('message', (m: FromWorker) => {
          if (over) return;
          if ('ready' in m) {
            ready = true;
            return arm();
          }
          if (batch[0]?.index !== m.index) return;
          batch.shift();
          reports[m.index] = m.report;
          tick();
          if (batch.length) arm();
          else next();
        });
        w.on('exit', (code, signal) =>
          // After any answer still in the pipe: the file the worker died on is the one after it.
          setImmediate(() => {
            lost('crashed', signal ?? `exit code ${code}`);
            ended();
          }),
        );
        w.on('error', (e) => {
          lost('crashed', e.message);
          // A worker that never started has no exit to wait for.
          if (w.pid === undefined) ended();
        });
        w.send(data);
        next();
      };
      spawn();
    });

  await Promise.all(Array.from({ length: Math.min(pool.jobs, Math.ceil(todo.length / pool.minBatch)) }, slot));
}

/** The worker side: the first message is the run's WorkerData, each one after a batch to
 * analyse, answered file by file with plain reports. */
export function workerMain(port: { on(e: 'message', f: (m: unknown) => void): void; send(v: unknown): void }): void {
  let data: WorkerData | undefined;
  port.on('message', (m) => {
    if (!data) {
      data = m as WorkerData;
      port.send({ ready: true } satisfies FromWorker);
      return;
    }
    const run = data;
    const items = m as WorkItem[];
    let at = 0;
    // One file per event-loop turn: each answer leaves before the next file starts, so the
    // parent's clock for a file starts when the one before it was done.
    const step = () => {
      const item = items[at++];
      if (!item) return;
      const report = slimReport(
        reportOf(analyze(item.text, { config: run.configs[item.config]!, path: item.rel, detection: run.detection })),
      );
      port.send({ index: item.index, report } satisfies FromWorker);
      setImmediate(step);
    };
    step();
  });
}
