// The main thread's side of the analysis worker: what is sent to it, when, and what happens
// when it takes too long. One job is in flight at a time, so the worker never holds a backlog
// of stale versions and the main thread always knows what it is doing:
// - requests (hover, completion, code actions) go before lints: someone waits for them;
// - one lint per document is queued, the latest: a newer version replaces a queued one;
// - a job running when a newer version arrives is let finish (its result is dropped by the
//   caller if stale): the worker's incremental parser then has the text the next version
//   differs from, where terminating it would make every keystroke a full parse;
// - a job still running at the deadline ends the worker (terminate: a parse inside micromark
//   cannot be interrupted otherwise) and is answered `deadline`; the next job starts a fresh
//   worker. The same for a worker that dies (out of memory): `crashed`.
// - a document that passed the deadline gets twice as long next time, then four times (its
//   analysis is tried again on the next edit): on a machine loaded enough to make a large
//   doc's cold analysis pass the deadline, every retry in a cold worker would pass it too.
// - a worker that cannot start (the browser refuses a nested Web Worker, its script fails to
//   load, it ends or stays silent before saying it is ready) makes the queue unavailable for
//   good: every job is answered `unavailable` and the caller analyses on its own thread, as
//   it would with no worker at all. Starting it again would only fail again.
// No Node here: node-worker.ts starts the thread; tests pass a fake one.
import type { ResolvedConfig } from '../core';
import { KEEP_CONFIGS, type FromWorker, type TextDelta, type ToWorker, type Work } from './analysis-worker';
import type { Snapshot } from './documents';
import type { ChangedSpan } from './live-document';
import { Lru } from './lru';
import type { Scheduler } from './ports';

/** A running worker, as the queue drives it. */
export interface WorkerThread {
  post(m: ToWorker): void;
  terminate(): void;
}

/** Starts a worker; it reports its messages and its unexpected end (`reason` says why). */
export type StartWorker = (events: { message(m: FromWorker): void; exit(reason: string): void }) => WorkerThread;

/** Takes a job's snapshot at the moment it is sent, not when it was queued (the text may have
 * changed meanwhile); undefined: nothing to send (the document is gone, or its analysis is at
 * hand on the main thread now). */
export type TakeSnapshot = () => Snapshot | undefined;

export type Outcome =
  | { ok: true; version: number; value: unknown }
  /** Not run: a newer lint of the document replaced it, or the document is gone. */
  | { ok: false; reason: 'superseded' }
  /** The worker was ended (deadline) or died (crashed) while this job ran, on this version. */
  | Failure
  /** The job threw in the worker (the worker itself is fine). */
  | { ok: false; reason: 'error'; version: number; detail: string }
  /** There is no worker (see `unavailable`): the caller does the work itself. */
  | { ok: false; reason: 'unavailable' };

export interface Failure {
  ok: false;
  reason: 'deadline' | 'crashed';
  version: number;
  detail: string;
  /** For `deadline`: the time the job was given. */
  ms?: number;
}

/** The longest deadline a document is given after passing it, as a multiple of the base one. */
const MAX_DEADLINE_FACTOR = 4;

/** How long a new worker may take to say it is ready: loading the bundle takes a Node worker
 * about 0.2 s and a browser's Web Worker about as long; 10 s is a worker that will not come. */
export const WORKER_START_MS = 10_000;

interface Queued {
  uri: string;
  snapshot: TakeSnapshot;
  work: Work;
  done(o: Outcome): void;
}

interface Running extends Queued {
  id: number;
  version: number;
  deadlineMs: number;
  cancelTimer: () => void;
}

export class WorkerQueue {
  private worker:
    | {
        thread: WorkerThread;
        ready: boolean;
        configs: Lru<number, true>;
        /** Per document, the version last sent to this worker and the document it came from:
         * the next version of that document is sent as a delta from it. */
        texts: Map<string, { version: number; source: Snapshot['source'] }>;
      }
    | undefined;
  private running: Running | undefined;
  private readonly requests: Queued[] = [];
  private readonly lints = new Map<string, Queued>();
  private readonly configIds = new WeakMap<ResolvedConfig, number>();
  private nextConfigId = 1;
  private nextJobId = 1;
  /** Per document that passed the deadline, the factor its next job's deadline gets. */
  private readonly slow = new Map<string, number>();
  /** Workers started so far (the first one included), for tests and logs. */
  started = 0;
  /** Why there is no worker to be had, once one could not start; undefined until then. */
  unavailable: string | undefined;

  constructor(
    private readonly start: StartWorker,
    private readonly scheduler: Pick<Scheduler, 'after'>,
    public deadlineMs: number,
    /** Told of a failure before the job's caller is, and before the next job is sent (which
     * may ask for the same version: it must not be tried again). */
    private readonly failed: (uri: string, f: Failure) => void = () => {},
    /** Told once, when the worker turns out unavailable. */
    private readonly gaveUp: (reason: string) => void = () => {},
  ) {}

  /** Lints the document's version current when the job is sent; a lint of it still queued is
   * answered `superseded`. */
  lint(uri: string, snapshot: TakeSnapshot): Promise<Outcome> {
    return new Promise((done) => {
      this.lints.get(uri)?.done({ ok: false, reason: 'superseded' });
      // Re-inserted: lints go oldest first, and this one is the newest.
      this.lints.delete(uri);
      this.lints.set(uri, { uri, snapshot, work: { kind: 'lint' }, done });
      this.pump();
    });
  }

  request(uri: string, snapshot: TakeSnapshot, work: Exclude<Work, { kind: 'lint' }>): Promise<Outcome> {
    return new Promise((done) => {
      this.requests.push({ uri, snapshot, work, done });
      this.pump();
    });
  }

  /** The document was closed or is analysed on the main thread now: its queued lint goes,
   * and the worker drops what it holds for it. */
  forget(uri: string): void {
    this.lints.get(uri)?.done({ ok: false, reason: 'superseded' });
    this.lints.delete(uri);
    this.slow.delete(uri);
    this.worker?.texts.delete(uri);
    this.worker?.thread.post({ type: 'forget', uri });
  }

  /** Jobs waiting or running. */
  get pending(): number {
    return this.requests.length + this.lints.size + (this.running ? 1 : 0);
  }

  dispose(): void {
    this.worker?.thread.terminate();
    this.worker = undefined;
  }

  private pump(): void {
    while (!this.running) {
      const next = this.requests.shift() ?? this.takeLint();
      if (!next) return;
      const snap = next.snapshot();
      if (!snap) {
        next.done({ ok: false, reason: 'superseded' });
        continue;
      }
      const worker = this.unavailable === undefined ? this.ensureWorker() : undefined;
      if (!worker) {
        next.done({ ok: false, reason: 'unavailable' });
        continue;
      }
      if (!worker.ready) {
        // Sent once the worker has loaded: its start-up is not counted against the deadline.
        this.requests.unshift(next);
        return;
      }
      const { config, text, source, ...rest } = snap;
      let configId = this.configIds.get(config);
      if (configId === undefined) this.configIds.set(config, (configId = this.nextConfigId++));
      const known = worker.configs.get(configId) !== undefined;
      worker.configs.set(configId, true);
      const id = this.nextJobId++;
      const deadlineMs = this.deadlineMs * (this.slow.get(next.uri) ?? 1);
      const cancelTimer = this.scheduler.after(deadlineMs, () => this.expire(id));
      this.running = { ...next, id, version: snap.version, deadlineMs, cancelTimer };
      const sent = worker.texts.get(next.uri);
      worker.texts.set(next.uri, { version: snap.version, source });
      const change = source && sent?.source === source ? source.since(sent.version) : undefined;
      const body = change ? textDelta(sent!.version, change, text) : { text: text() };
      worker.thread.post({ type: 'job', id, doc: { ...rest, ...body, configId, ...(known ? {} : { config }) }, work: next.work });
    }
  }

  private takeLint(): Queued | undefined {
    for (const [uri, q] of this.lints) {
      this.lints.delete(uri);
      return q;
    }
    return undefined;
  }

  /** The worker, started if need be; undefined when it cannot be (then `unavailable` says why). */
  private ensureWorker(): NonNullable<WorkerQueue['worker']> | undefined {
    if (this.worker) return this.worker;
    // Set once the thread is made; an event before then (none comes from a real thread) is
    // ignored. Not const: the handlers below are made first, and must not read it too early.
    // eslint-disable-next-line prefer-const
    let w: NonNullable<WorkerQueue['worker']> | undefined;
    let cancelStart = () => {};
    let thread: WorkerThread;
    try {
      thread = this.start({
        message: (m) => {
          if (!w || this.worker !== w) return;
          if (m.type === 'ready') {
            cancelStart();
            w.ready = true;
            this.pump();
          } else this.answered(m);
        },
        exit: (reason) => {
          if (!w || this.worker !== w) return;
          cancelStart();
          if (w.ready) this.ended('crashed', reason);
          else this.giveUp(`it ended before it was ready (${reason})`);
        },
      });
    } catch (e) {
      // A browser that allows no Web Worker here throws in the constructor.
      this.giveUp(`it could not be started (${(e as Error).message})`);
      return undefined;
    }
    w = { ready: false, configs: new Lru(KEEP_CONFIGS), texts: new Map(), thread };
    this.worker = w;
    this.started++;
    cancelStart = this.scheduler.after(WORKER_START_MS, () => {
      if (this.worker !== w || w.ready) return;
      w.thread.terminate();
      this.giveUp(`it did not say it was ready within ${WORKER_START_MS / 1000} s`);
    });
    return w;
  }

  /** No worker from now on: the jobs waiting are answered `unavailable`, and every later one. */
  private giveUp(reason: string): void {
    this.unavailable = reason;
    this.worker = undefined;
    this.gaveUp(reason);
    this.pump();
  }

  private answered(m: Exclude<FromWorker, { type: 'ready' }>): void {
    const r = this.running;
    if (!r || r.id !== m.id) return;
    r.cancelTimer();
    this.running = undefined;
    if (m.type === 'resync') {
      // Sent again first, with the whole text.
      this.worker?.texts.delete(r.uri);
      this.requests.unshift({ uri: r.uri, snapshot: r.snapshot, work: r.work, done: (o) => r.done(o) });
      this.pump();
      return;
    }
    if (m.type === 'answer' && r.work.kind === 'lint') this.slow.delete(r.uri);
    if (m.type === 'answer') r.done({ ok: true, version: r.version, value: m.value });
    // An exception inside the worker: the worker itself is fine, the job is not.
    else r.done({ ok: false, reason: 'error', version: r.version, detail: m.error });
    this.pump();
  }

  private expire(id: number): void {
    const r = this.running;
    if (r?.id !== id) return;
    this.worker?.thread.terminate();
    this.slow.set(r.uri, Math.min(MAX_DEADLINE_FACTOR, 2 * (this.slow.get(r.uri) ?? 1)));
    this.ended('deadline', `over ${r.deadlineMs} ms`, r.deadlineMs);
  }

  /** The worker is gone: the running job fails, the next job starts a new worker. */
  private ended(reason: 'deadline' | 'crashed', detail: string, ms?: number): void {
    this.worker = undefined;
    const r = this.running;
    this.running = undefined;
    if (r) {
      r.cancelTimer();
      const f: Failure = { ok: false, reason, version: r.version, detail, ...(ms !== undefined ? { ms } : {}) };
      this.failed(r.uri, f);
      r.done(f);
    }
    this.pump();
  }
}

/** The new text as a delta from the version sent before, or whole when most of it changed. */
function textDelta(base: number, change: ChangedSpan, text: () => string): { text: string } | { delta: TextDelta } {
  const { prefix, suffix, insert } = change;
  return insert.length * 2 > prefix + suffix + insert.length ? { text: text() } : { delta: { base, prefix, suffix, insert } };
}
