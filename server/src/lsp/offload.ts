// Which documents are analysed in the worker, and what the features answer for them. Large
// documents go to the worker: their full parse is what can take micromark seconds (5,000
// setext headings, a 20,000-row table, 50,000 `[a](`), and there one slow document never
// holds up hover, completion or another document's diagnostics. Small ones stay on the main
// thread, where a hover costs no round trip (bench/README.md has the figures behind the
// threshold). An analysis past the deadline becomes a skipped-content finding for that
// version, kept by the service, so nothing tries that version again.
import { deadlineSkip, DEFAULT_DEADLINE_MS, SLOW_DOCUMENT_CHARS, type Settings } from '../core';
import type { LintAnswer, Work } from './analysis-worker';
import type { DocumentService } from './documents';
import type { LiveDocument } from './live-document';
import type { Scheduler } from './ports';
import { WorkerQueue, type Failure, type StartWorker } from './worker-queue';

export interface OffloadOptions {
  start: StartWorker;
  scheduler: Pick<Scheduler, 'after'>;
  /** Told once if the worker cannot start here: documents are analysed on this thread then. */
  unavailable?: (reason: string) => void;
  thresholdChars?: number;
  deadlineMs?: number;
}

/** A lint in the worker: its answer, or nothing to publish from the worker (`latest`: no newer
 * lint was asked for since, so what the service holds for the version, if anything, is due;
 * `unavailable`: there is no worker, the document is to be linted here). */
export type RemoteLint = { ok: true; version: number; answer: LintAnswer } | { ok: false; latest: boolean; unavailable?: true };

export class Offload {
  readonly queue: WorkerQueue;
  threshold: number;
  /** Documents the worker may hold state for (told to drop it when they leave). */
  private readonly inWorker = new Set<string>();
  /** The latest lint asked per document: an older one's answer is not published. */
  private readonly latestLint = new Map<string, number>();
  private lints = 0;

  constructor(
    private readonly service: DocumentService,
    opts: OffloadOptions,
  ) {
    this.threshold = opts.thresholdChars ?? SLOW_DOCUMENT_CHARS;
    this.queue = new WorkerQueue(
      opts.start,
      opts.scheduler,
      opts.deadlineMs ?? DEFAULT_DEADLINE_MS,
      (uri, f) => this.failed(uri, f),
      (reason) => {
        this.inWorker.clear();
        opts.unavailable?.(reason);
      },
    );
  }

  /** Whether there is a worker to send documents to (false once one could not start). */
  get available(): boolean {
    return this.queue.unavailable === undefined;
  }

  /** Whether the document's current version is analysed in the worker: it is large, and no
   * analysis of it is at hand here (a skipped one, after the deadline). */
  takes(doc: LiveDocument, settings: Settings): boolean {
    if (!this.available) return false;
    if (doc.textLength < this.threshold) {
      // Small again: the main thread parses it from now on.
      if (this.inWorker.delete(doc.uri)) this.queue.forget(doc.uri);
      return false;
    }
    return this.service.cached(doc, settings) === undefined;
  }

  closed(uri: string): void {
    this.latestLint.delete(uri);
    if (this.inWorker.delete(uri)) this.queue.forget(uri);
  }

  /** Lints the document in the worker. Not ok when there is no answer from there: a newer
   * lint was asked for, or the version was skipped (its analysis is in the service now). */
  async lint(uri: string): Promise<RemoteLint> {
    const n = ++this.lints;
    this.latestLint.set(uri, n);
    this.inWorker.add(uri);
    const o = await this.queue.lint(uri, () => this.service.snapshot(uri));
    const latest = this.latestLint.get(uri) === n;
    if (!o.ok && o.reason === 'unavailable') return { ok: false, latest, unavailable: true };
    if (!latest || !o.ok) return { ok: false, latest };
    return { ok: true, version: o.version, answer: o.value as LintAnswer };
  }

  /** A request about a document the worker analyses: its answer from there, or `local()`
   * when the analysis of the current version is at hand here (skipped), else `none`. */
  async request<R>(uri: string, work: Exclude<Work, { kind: 'lint' }>, local: () => Promise<R>, none: R): Promise<R> {
    this.inWorker.add(uri);
    const o = await this.queue.request(uri, () => this.service.snapshot(uri), work);
    if (o.ok) return o.value as R;
    if (o.reason === 'error') throw new Error(o.detail);
    if (o.reason === 'unavailable') return local();
    const doc = this.service.get(uri);
    const settings = this.service.readySettings(uri);
    return doc && settings && this.service.cached(doc, settings) ? local() : none;
  }

  /** From the client's initialization options (tests and benchmarks set them). */
  configure(opts: { thresholdChars?: number | undefined; deadlineMs?: number | undefined }): void {
    if (opts.thresholdChars !== undefined) this.threshold = opts.thresholdChars;
    if (opts.deadlineMs !== undefined) this.queue.deadlineMs = opts.deadlineMs;
  }

  dispose(): void {
    this.queue.dispose();
  }

  private failed(uri: string, f: Failure): void {
    this.inWorker.delete(uri);
    if (f.reason === 'deadline') {
      const { message, detail } = deadlineSkip(
        f.ms ?? this.queue.deadlineMs,
        'so the editor keeps answering. It is tried again on the next edit, with twice the time (up to four times): on a busy machine a large document can pass the deadline once.',
      );
      this.service.skip(uri, f.version, message, detail);
    } else
      this.service.skip(
        uri,
        f.version,
        `Not checked: analysis stopped (${f.detail.split('\n')[0]!.slice(0, 60)})`,
        `The analysis worker ended: ${f.detail}. It is tried again on the next edit.`,
      );
  }
}
