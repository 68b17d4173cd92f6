// Diagnostics: when documents are linted and what is published. A lint is one synchronous
// analysis of a document's current version, published at once with that version, so a
// superseded version is never published. Documents wait in a queue, and the queue gives
// way to the client: it lints one document per turn of the event loop, and none in a turn
// where a document notification came in. A burst of 10,000 didOpen is taken in at the
// speed of reading it, and a request that follows it is answered before the backlog of
// lints (analysing every document as it opened made a hover wait 30 s). In the Node server
// a large document's lint goes to the analysis worker instead (offload.ts): the queue moves
// on at once, and its answer is published when it comes if it is still of the current
// version and the latest lint asked for it.
import { toDiagnostic } from '../convert';
import type { DocumentAnalysis, DocumentService } from '../documents';
import type { Offload } from '../offload';
import type { Outbox, Scheduler } from '../ports';
import type { ConfigDiagnostics } from './config-diagnostics';
import type { Coverage } from './coverage';

export class Diagnostics {
  /** Documents edited or saved: linted before the others. */
  private readonly soon = new Set<string>();
  /** Documents opened, or all of them after a settings or config change. */
  private readonly later = new Set<string>();
  /** Documents waiting for their settings, and the queue they go to when they come. */
  private readonly parked = new Map<string, Set<string>>();
  private readonly debounces = new Map<string, () => void>();
  private stepScheduled = false;
  /** Document notifications taken in, and how many the queue had seen at its last turn. */
  private activity = 0;
  private seen = 0;
  private activityAsked = 0;

  constructor(
    private readonly service: DocumentService,
    private readonly out: Outbox,
    private readonly scheduler: Scheduler,
    private readonly configDiagnostics: ConfigDiagnostics,
    private readonly coverage: Coverage,
    private readonly offload?: Offload,
  ) {}

  // --- what happened to documents (called by the wiring after the service took it in) ---

  opened(uri: string): void {
    this.activity++;
    if (this.service.isConfigSource(uri)) this.configChanged();
    else this.enqueue(uri, this.later);
  }

  async changed(uri: string): Promise<void> {
    this.activity++;
    if (this.service.isConfigSource(uri)) return this.configChanged();
    const settings = await this.service.settings(uri);
    if (settings.run !== 'onType' || !this.service.get(uri)) return;
    // A lint still queued would be of a version typing is about to replace.
    this.soon.delete(uri);
    this.later.delete(uri);
    this.debounces.get(uri)?.();
    this.debounces.delete(uri);
    // No debounce: a timer would still wait a turn of the event loop (a millisecond or more).
    if (settings.debounceMs <= 0) {
      this.enqueue(uri, this.soon);
      return;
    }
    this.debounces.set(
      uri,
      this.scheduler.after(settings.debounceMs, () => {
        this.debounces.delete(uri);
        this.enqueue(uri, this.soon);
      }),
    );
  }

  async saved(uri: string): Promise<void> {
    this.activity++;
    const settings = await this.service.settings(uri);
    if (settings.run === 'onSave' && this.service.get(uri)) this.enqueue(uri, this.soon);
  }

  /** After the service closed the document: its diagnostics go with it, unless `kept` (the
   * workspace check lints its disk text instead). */
  closed(uri: string, kept = false): void {
    this.activity++;
    this.debounces.get(uri)?.();
    this.debounces.delete(uri);
    this.soon.delete(uri);
    this.later.delete(uri);
    this.parked.delete(uri);
    this.offload?.closed(uri);
    if (this.service.isConfigSource(uri)) this.configChanged();
    else if (!kept) this.out.publishDiagnostics({ uri, diagnostics: [] });
  }

  /** Whether open documents' lints are waiting, or a document notification came in since the
   * last call: the workspace check's disk lints wait then (one caller: it keeps the count). */
  busy(): boolean {
    const moved = this.activity !== this.activityAsked;
    this.activityAsked = this.activity;
    return moved || this.soon.size > 0 || this.later.size > 0;
  }

  /** Told when settings or configurations change (the workspace check lints its files again). */
  onRelintAll: () => void = () => {};

  /** Settings changed: every open document again. */
  relintAll(): void {
    this.onRelintAll();
    this.service.forgetAnalyses();
    for (const doc of this.service.all()) this.enqueue(doc.uri, this.later);
  }

  /** A config or template changed (buffer, disk, trust, folders): reload configurations,
   * show their problems, check every open document again. */
  configChanged(): void {
    const reloading = this.service.reloadConfigs();
    // In the browser the config files are fetched first: their problems are known after.
    if (reloading)
      reloading.then(
        () => this.configDiagnostics.publish(),
        (e: Error) => this.out.logError(`reloading configurations failed: ${e.stack ?? String(e)}`),
      );
    else this.configDiagnostics.publish();
    this.relintAll();
  }

  // --- the queue ------------------------------------------------------------------------

  private enqueue(uri: string, queue: Set<string>): void {
    if (queue === this.soon) this.later.delete(uri);
    else if (this.soon.has(uri)) return;
    if (this.service.readySettings(uri)) {
      this.parked.delete(uri);
      queue.add(uri);
      this.kick();
      return;
    }
    // Ask for the settings (and, in the browser, the config's files) now, many requests may
    // be out at once; lint when they come.
    const waiting = this.parked.get(uri);
    if (waiting) {
      if (queue === this.soon) this.parked.set(uri, queue);
      return;
    }
    this.parked.set(uri, queue);
    this.service
      .ready(uri)
      .then(() => {
        const to = this.parked.get(uri);
        this.parked.delete(uri);
        if (to && this.service.get(uri)) this.enqueue(uri, to);
      })
      .catch((e: Error) => this.out.logError(`queueing ${uri} failed: ${e.stack ?? String(e)}`));
  }

  private kick(): void {
    if (this.stepScheduled) return;
    this.stepScheduled = true;
    this.seen = this.activity;
    this.scheduler.yieldThen(() => this.step());
  }

  private step(): void {
    this.stepScheduled = false;
    if (this.activity !== this.seen) {
      // Notifications are still coming in: take them all before analysing anything.
      this.kick();
      return;
    }
    const uri = first(this.soon) ?? first(this.later);
    if (uri === undefined) return;
    this.soon.delete(uri);
    this.later.delete(uri);
    try {
      this.lint(uri);
    } catch (e) {
      this.out.logError(`lint of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    }
    if (this.soon.size || this.later.size) this.kick();
  }

  private lint(uri: string): void {
    const doc = this.service.get(uri);
    const settings = this.service.readySettings(uri);
    if (!doc) return;
    if (!settings) {
      // The settings or configurations changed since it was queued: ask again.
      this.enqueue(uri, this.later);
      return;
    }
    if (this.offload?.takes(doc, settings)) {
      this.lintInWorker(uri, this.offload);
      return;
    }
    const result = this.service.analyze(doc, settings);
    this.configDiagnostics.publish();
    if (result) this.publish(result);
    // mldesign is turned off for it: what was published goes.
    else if (doc.languageId === 'markdown') this.out.publishDiagnostics({ uri, version: doc.version, diagnostics: [] });
  }

  private lintInWorker(uri: string, offload: Offload): void {
    offload
      .lint(uri)
      .then((r) => {
        const doc = this.service.get(uri);
        const settings = this.service.readySettings(uri);
        if (!doc || !settings) return;
        this.configDiagnostics.publish();
        if (!r.ok && r.unavailable) {
          // No worker to be had: linted here, as every document is from now on.
          if (r.latest) this.enqueue(uri, this.soon);
          return;
        }
        if (r.ok) {
          if (r.version !== doc.version) return; // a lint of the current version is under way
          this.out.publishDiagnostics({ uri, version: r.version, diagnostics: r.answer.diagnostics });
          this.out.sendCoverage(r.answer.coverage);
        } else if (r.latest) {
          // Skipped (the deadline): the service holds the finding that says so.
          const skipped = this.service.cached(doc, settings);
          if (skipped) this.publish(skipped);
        }
      })
      .catch((e: Error) => this.out.logError(`lint of ${uri} failed: ${e.stack ?? String(e)}`));
  }

  private publish(result: DocumentAnalysis): void {
    const { uri, version, analysis } = result;
    this.out.publishDiagnostics({ uri, version, diagnostics: analysis.findings.map((f, i) => toDiagnostic(f, uri, version, i)) });
    this.coverage.publish(result);
  }
}

function first(set: Set<string>): string | undefined {
  for (const v of set) return v;
  return undefined;
}
