// Running the core over many files: configs resolved once per config file, reports taken
// from the cache when content and context are unchanged, and the rest analysed on worker
// threads when there are enough of them to pay for the threads.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyze, applySettings, reportOf, skippedAnalysis, type ConfigProblem, type DesignDocDetection, type FileReport, type ResolvedConfig, type Settings } from '../core';
import { ConfigCache, NodeConfigHost, toPosix } from '../node/config-cache';
import { hash, LintCache, slimReport } from './cache';
import { collectFiles } from './files';
import type { LintResult } from './formats/types';

export interface RunOptions {
  cwd: string;
  paths: readonly string[];
  settings: Settings;
  detection: DesignDocDetection;
  configFile?: string;
  /** Cache file, when --cache is on. */
  cacheFile?: string;
  /** Worker threads to use (1 = analyse on the main thread). */
  jobs: number;
  progress?: (done: number, total: number) => void;
}

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
  /** Set when the file could not be analysed as text (binary, not UTF-8). */
  skipped?: string;
}

export interface RunResult {
  results: LintResult[];
  sources: SourceFile[];
  configProblems: ConfigProblem[];
}

export const YOUNG_GENERATION_MB = 192;

/** Files at least this many make worker threads worth their start-up. */
export const WORKER_THRESHOLD = 48;

export async function runLint(opts: RunOptions): Promise<RunResult> {
  const files = collectFiles(opts.paths.length ? opts.paths : ['.'], opts.cwd);
  const root = toPosix(opts.cwd);
  const configs = new ConfigCache(new NodeConfigHost(true));
  const contexts = new Map<ResolvedConfig, string>();
  const withSettings = new Map<ResolvedConfig, ResolvedConfig>();
  const cache = opts.cacheFile ? new LintCache(opts.cacheFile) : undefined;

  const sources: SourceFile[] = files.map((file) => {
    const abs = toPosix(file);
    const fileRoot = lookupRoot(abs, root);
    const base = configs.forDocument(abs, fileRoot, opts.configFile).config;
    let config = withSettings.get(base);
    if (!config) withSettings.set(base, (config = applySettings(base, opts.settings)));
    return { ...readSource(file), abs, shown: displayPath(file, opts.cwd), rel: abs.slice(fileRoot.length + 1), config };
  });

  const reports: (FileReport | undefined)[] = new Array(sources.length);
  const todo: number[] = [];
  const contextOf = (s: SourceFile) => contextKey(s, contexts, opts.detection);
  sources.forEach((s, i) => {
    if (s.skipped) {
      reports[i] = reportOf(skippedAnalysis({ config: s.config }, s.skipped));
      return;
    }
    // The text is decoded from the raw bytes alone, so their hash identifies the content.
    const hit = cache?.get(s.abs, s.rawHash, contextOf(s));
    if (hit) reports[i] = hit;
    else todo.push(i);
  });

  let done = sources.length - todo.length;
  const tick = () => opts.progress?.(++done, sources.length);
  if (opts.jobs > 1 && todo.length >= WORKER_THRESHOLD) {
    await analyseInWorkers(sources, todo, reports, opts, tick);
  } else {
    for (const i of todo) {
      const s = sources[i]!;
      reports[i] = slimReport(reportOf(analyze(s.text, { config: s.config, path: s.rel, detection: opts.detection })));
      tick();
    }
  }

  if (cache) {
    for (const i of todo) {
      const s = sources[i]!;
      cache.set(s.abs, s.rawHash, contextOf(s), reports[i]!);
    }
    cache.prune(new Set(sources.map((s) => s.abs)));
    cache.save();
  }
  const configProblems = [...configs.problemsByFile().values()].flat();
  return { results: sources.map((s, i) => ({ path: s.shown, ...reports[i]! })), sources, configProblems };
}

function contextKey(s: SourceFile, memo: Map<ResolvedConfig, string>, detection: string): string {
  let c = memo.get(s.config);
  if (!c) memo.set(s.config, (c = hash(JSON.stringify(s.config))));
  // (The build is not part of it: a cache file from another build is dropped whole.)
  return `${detection}|${s.rel}|${c}`;
}

function readSource(file: string): Pick<SourceFile, 'text' | 'bom' | 'rawHash' | 'skipped'> {
  const raw = fs.readFileSync(file);
  const rawHash = hash(raw.toString('latin1'));
  if (raw.subarray(0, 8192).includes(0)) return { text: '', bom: false, rawHash, skipped: 'This file holds binary content (NUL bytes), so it was not checked.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    return { text: '', bom: false, rawHash, skipped: 'This file is not valid UTF-8, so it was not checked (and --fix will not touch it). Re-save it as UTF-8.' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom, rawHash };
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

// ---- worker threads ---------------------------------------------------------------------

interface WorkItem {
  index: number;
  text: string;
  rel: string;
  config: number;
}

export interface WorkerData {
  mldesignWorker: true;
  configs: ResolvedConfig[];
  detection: DesignDocDetection;
}

async function analyseInWorkers(
  sources: SourceFile[],
  todo: number[],
  reports: (FileReport | undefined)[],
  opts: RunOptions,
  tick: () => void,
): Promise<void> {
  const configList = [...new Set(todo.map((i) => sources[i]!.config))];
  const configIndex = new Map(configList.map((c, i) => [c, i]));
  const data: WorkerData = { mldesignWorker: true, configs: configList, detection: opts.detection };
  const batches: WorkItem[][] = [];
  const size = Math.max(8, Math.ceil(todo.length / (opts.jobs * 8)));
  for (let i = 0; i < todo.length; i += size) {
    batches.push(todo.slice(i, i + size).map((index) => ({ index, text: sources[index]!.text, rel: sources[index]!.rel, config: configIndex.get(sources[index]!.config)! })));
  }
  // A larger young generation: analysis makes many short-lived objects, and V8's default
  // sends too many of them to the old generation (a third of the time went to GC).
  const workers = Array.from(
    { length: Math.min(opts.jobs, batches.length) },
    () => new Worker(__filename, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }),
  );
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const batch = batches.shift();
              if (!batch) return resolve();
              w.postMessage(batch);
            };
            w.on('message', (out: { index: number; report: FileReport }[]) => {
              for (const { index, report } of out) {
                reports[index] = report;
                tick();
              }
              next();
            });
            w.on('error', reject);
            w.on('exit', (code) => (code ? reject(new Error(`worker exited with code ${code}`)) : resolve()));
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker side: analyse each batch and send back plain reports. */
export function workerMain(data: WorkerData, port: { on(e: 'message', f: (b: WorkItem[]) => void): void; postMessage(v: unknown): void }): void {
  port.on('message', (batch) => {
    port.postMessage(
      batch.map((item) => ({
        index: item.index,
        report: slimReport(reportOf(analyze(item.text, { config: data.configs[item.config]!, path: item.rel, detection: data.detection }))),
      })),
    );
  });
}
