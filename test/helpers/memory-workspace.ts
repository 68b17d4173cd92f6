// The language service in process, against an in-memory workspace: files in a map, settings
// in an object, what the server would send recorded, and a scheduler the test drives. The
// features are the real ones; only the connection is missing.
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { readSettings, type CachingConfigHost, type HostRead } from '../../server/src/core';
import { DocumentService, type WorkspaceHost } from '../../server/src/lsp/documents';
import { ConfigDiagnostics } from '../../server/src/lsp/features/config-diagnostics';
import { Coverage } from '../../server/src/lsp/features/coverage';
import { Diagnostics } from '../../server/src/lsp/features/diagnostics';
import { NODE_WORKSPACE } from '../../server/src/lsp/node-host';
import type { Outbox, Scheduler } from '../../server/src/lsp/ports';
import type { CoverageParams } from '../../server/src/lsp/protocol';

/** Timers and event-loop turns run only when the test says so. */
export class ManualScheduler implements Scheduler {
  private timers: { fn: () => void; live: boolean }[] = [];
  private turns: (() => void)[] = [];

  after(_ms: number, fn: () => void): () => void {
    const t = { fn, live: true };
    this.timers.push(t);
    return () => void (t.live = false);
  }

  yieldThen(fn: () => void): void {
    this.turns.push(fn);
  }

  get waitingTurns(): number {
    return this.turns.length;
  }

  /** One turn of the lint queue (what the event loop would run next), after pending promises. */
  async turn(): Promise<void> {
    await flush();
    this.turns.shift()?.();
    await flush();
  }

  /** Every timer fires now (as if the debounce passed), the turns they queue wait. */
  fireTimers(): void {
    const due = this.timers.filter((t) => t.live);
    this.timers = [];
    for (const t of due) t.fn();
  }

  /** Every timer fires (as if the debounce passed) and every turn runs, until none is left. */
  async settle(): Promise<void> {
    for (let i = 0; i < 100_000; i++) {
      await flush();
      if (this.turns.length) {
        this.turns.shift()!();
        continue;
      }
      if (!this.timers.some((t) => t.live)) return;
      this.fireTimers();
    }
    throw new Error('the scheduler never settled');
  }
}

/** Lets every promise already resolved run its callbacks. */
const flush = () => new Promise<void>((r) => setImmediate(r));

/** Reads files from a map, never above `within` (as the Node host refuses what resolves out). */
class MemoryConfigHost implements CachingConfigHost {
  trusted = true;
  reads = 0;

  constructor(
    private readonly files: Map<string, string>,
    private readonly overlay: (p: string) => string | undefined,
  ) {}

  read(p: string, within: string): HostRead {
    this.reads++;
    const text = this.overlay(p) ?? this.files.get(p);
    if (text === undefined) return { missing: true };
    return p.startsWith(within.endsWith('/') ? within : within + '/') ? { text } : { refused: `it is outside ${within}` };
  }

  forget(): void {}
}

export interface MemoryWorkspaceOptions {
  /** Workspace folders (paths, or URIs); '/ws' when absent. */
  folders?: string[];
  /** The workspace host (the Node one reading `files` when absent). */
  host?: WorkspaceHost;
  /** What workspace/configuration answers for every document (undefined: defaults). */
  settings?: Record<string, unknown>;
}

export class MemoryWorkspace implements Outbox {
  readonly files: Map<string, string>;
  readonly scheduler = new ManualScheduler();
  readonly service: DocumentService;
  readonly diagnostics: Diagnostics;
  readonly published: PublishDiagnosticsParams[] = [];
  readonly coverage: CoverageParams[] = [];
  readonly errors: string[] = [];
  /** The raw settings every document gets; change it, then call settingsChanged(). */
  settings: Record<string, unknown> | undefined;
  /** How many times settings were asked for. */
  settingsAsked = 0;
  /** Documents whose settings are not answered until released. */
  private readonly held = new Map<string, (() => void)[]>();

  constructor(files: Record<string, string> = {}, opts: MemoryWorkspaceOptions = {}) {
    this.files = new Map(Object.entries(files));
    this.settings = opts.settings;
    const host: WorkspaceHost = opts.host ?? { ...NODE_WORKSPACE, configHost: (overlay) => new MemoryConfigHost(this.files, overlay) };
    this.service = new DocumentService(host, (uri) => {
      this.settingsAsked++;
      const answer = () => readSettings(this.settings);
      const held = this.held.get(uri);
      return held ? new Promise((resolve) => held.push(() => resolve(answer()))) : Promise.resolve(answer());
    });
    this.service.setWorkspaceFolders((opts.folders ?? ['/ws']).map((f) => (f.includes('://') ? f : `file://${f}`)));
    const configDiagnostics = new ConfigDiagnostics(this.service, this);
    this.diagnostics = new Diagnostics(this.service, this, this.scheduler, configDiagnostics, new Coverage(this));
  }

  // Outbox
  publishDiagnostics(p: PublishDiagnosticsParams): void {
    this.published.push(p);
  }
  sendCoverage(p: CoverageParams): void {
    this.coverage.push(p);
  }
  logError(message: string): void {
    this.errors.push(message);
  }

  /** didOpen, as the wiring passes it on. Returns the URI. */
  open(uri: string, text: string, languageId = 'markdown', version = 1): string {
    this.service.open(uri, languageId, version, text);
    this.diagnostics.opened(uri);
    return uri;
  }

  /** didChange with the whole new text (or the given changes); false when the service ignored it. */
  async change(uri: string, version: number, change: string | TextDocumentContentChangeEvent[]): Promise<boolean> {
    const changes = typeof change === 'string' ? [{ text: change }] : change;
    if (!this.service.change(uri, version, changes)) return false;
    await this.diagnostics.changed(uri);
    return true;
  }

  close(uri: string): void {
    if (this.service.close(uri)) this.diagnostics.closed(uri);
  }

  /** The client is slow to answer workspace/configuration for this document. */
  holdSettings(uri: string): void {
    this.held.set(uri, []);
  }

  releaseSettings(uri: string): void {
    const waiting = this.held.get(uri) ?? [];
    this.held.delete(uri);
    for (const answer of waiting) answer();
  }

  settingsChanged(): void {
    this.service.settingsChanged();
    this.diagnostics.relintAll();
  }

  /** Opens, lints and returns the document's analysis. */
  async analysed(uri: string, text: string) {
    this.open(uri, text);
    await this.scheduler.settle();
    const result = await this.service.analysis(uri);
    if (!result) throw new Error(`${uri} was not analysed`);
    return result;
  }

  /** Everything published for a URI, oldest first. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  latest(uri: string): PublishDiagnosticsParams | undefined {
    return this.publishedFor(uri).at(-1);
  }
}
