// The workspace check ("mldesign: Check All Design Docs"): every Markdown file of the
// workspace folders, selected as `mldesign lint` selects them (the same walk, .gitignore and
// .mldesignignore honoured; the config's include/exclude and the design-doc decision apply
// in the analysis, as in the CLI), read from the disk and linted without being opened, its
// findings published without a version. After a check the list is kept current: a file
// changed or created on disk is read again, a deleted one's diagnostics go, a document closed
// in the editor goes back to its disk text instead of losing its diagnostics, a config or
// settings change checks the set again. Open documents are the lint queue's (diagnostics.ts):
// their buffer wins, and the disk is not read for them.
//
// It never holds the main loop: one file per turn, and only while the lint queue of open
// documents is empty (edits and opened documents first, requests before both); the walk gives
// a turn after each folder; large files go to the analysis worker like large open documents.
import { FileChangeType, type FileEvent } from 'vscode-languageserver';
import { skippedAnalysis, type Settings } from '../../core';
import { toDiagnostic } from '../convert';
import { DISK_VERSION, type DocumentService, type WorkspaceHost } from '../documents';
import type { LintAnswer } from '../analysis-worker';
import type { Offload } from '../offload';
import type { BeginProgress, DiskFiles, Outbox, Progress, Scheduler } from '../ports';
import type { WorkspaceCheckResult } from '../protocol';
import type { Diagnostics } from './diagnostics';

/** Quiet time after a configuration change before the set is checked again. */
const RECHECK_AFTER_MS = 500;

interface Run {
  progress: Progress | undefined;
  /** Files of this run still to check. */
  pending: Set<string>;
  total: number;
  checked: number;
  withProblems: number;
  unreadableFolders: string[];
  lastPercent: number;
  finish(r: WorkspaceCheckResult): void;
}

export class WorkspaceCheck {
  /** Files the last walk took (by URI), and whether diagnostics are published for them now. */
  private readonly known = new Map<string, boolean>();
  /** A check was run: from then on the list is kept current. */
  private active = false;
  /** Files to read and lint from the disk, oldest first. */
  private readonly queue = new Set<string>();
  private stepScheduled = false;
  private linting = false;
  private run: Run | undefined;
  private running: Promise<WorkspaceCheckResult> | undefined;
  /** A walk again is due (an ignore file or the workspace folders changed). */
  private rewalk = false;
  /** Cancels the check of the set due after a config change (see configChanged). */
  private recheck: (() => void) | undefined;

  constructor(
    private readonly service: DocumentService,
    private readonly host: Pick<WorkspaceHost, 'toPath' | 'toUri'>,
    private readonly disk: DiskFiles,
    private readonly out: Outbox,
    private readonly scheduler: Scheduler,
    private readonly diagnostics: Pick<Diagnostics, 'busy'>,
    private readonly beginProgress: BeginProgress,
    private readonly offload?: Offload,
  ) {}

  /** Runs the check with progress (a check under way is joined, not started again). */
  check(): Promise<WorkspaceCheckResult> {
    this.running ??= this.start(true).finally(() => (this.running = undefined));
    return this.running;
  }

  // --- what happened (called by the wiring) ---------------------------------------------

  /** Files changed on disk (workspace/didChangeWatchedFiles). */
  filesChanged(changes: readonly FileEvent[]): void {
    if (!this.active) return;
    for (const { uri, type } of changes) {
      const p = this.host.toPath(uri);
      if (p === undefined) continue;
      if (this.disk.isIgnoreFile(p)) {
        this.rewalk = true;
        continue;
      }
      if (type === FileChangeType.Deleted) {
        // A folder's deletion may come as one event for the folder.
        const under = p.endsWith('/') ? p : p + '/';
        for (const known of [...this.known.keys()]) {
          const kp = this.host.toPath(known);
          if (known === uri || (kp !== undefined && kp.startsWith(under))) this.forget(known);
        }
        continue;
      }
      const root = this.service.folderOf(p);
      if (root && this.disk.takes(root.path, p)) {
        if (!this.known.has(uri)) this.known.set(uri, false);
        this.enqueue(uri);
      } else if (this.known.has(uri)) this.forget(uri);
    }
    if (this.rewalk) this.startQuietly();
  }

  /** A document was closed: true when the workspace check keeps it (its disk text is linted
   * and published), so its diagnostics must not be cleared. */
  closed(uri: string): boolean {
    if (!this.active || !this.known.has(uri)) return false;
    // The client shows the buffer's diagnostics: the disk's replace them, even with none.
    this.known.set(uri, true);
    this.enqueue(uri);
    return true;
  }

  /** Configurations or settings changed: every file of the set again, once they have not
   * changed for a moment. Each keystroke in an open config buffer is a change: the set was
   * checked again from the start on every one, with configs half typed. Meanwhile the
   * check waits (what is queued would be read with a config about to change). */
  configChanged(): void {
    if (!this.active) return;
    this.recheck?.();
    this.recheck = this.scheduler.after(RECHECK_AFTER_MS, () => {
      this.recheck = undefined;
      for (const uri of this.known.keys()) this.enqueue(uri);
    });
  }

  /** Workspace folders were added or removed: walk again. */
  foldersChanged(): void {
    if (!this.active) return;
    this.rewalk = true;
    this.startQuietly();
  }

  // --- a run ------------------------------------------------------------------------------

  private startQuietly(): void {
    if (this.running) return; // the run under way walks once more when it ends
    this.running = this.start(false).finally(() => (this.running = undefined));
  }

  private async start(withProgress: boolean): Promise<WorkspaceCheckResult> {
    this.active = true;
    this.rewalk = false;
    const progress = withProgress ? await this.beginProgress('mldesign: checking design docs') : undefined;
    const unreadableFolders: string[] = [];
    const walked: string[] = [];
    const seen = new Set<string>();
    for (const folder of this.service.workspaceFolders()) {
      const walk = this.disk.walk(folder.path, unreadableFolders);
      for (let next = walk.next(); !next.done; next = walk.next()) {
        if (next.value === null) {
          await this.turn();
          if (progress?.cancelled) {
            progress.done();
            return { files: walked.length, checked: 0, withProblems: 0, cancelled: true, unreadableFolders };
          }
        } else {
          const uri = this.host.toUri(next.value);
          // (A folder inside another workspace folder is walked twice: its files count once.)
          if (uri !== undefined && !seen.has(uri)) {
            seen.add(uri);
            walked.push(uri);
          }
        }
      }
    }
    for (const f of unreadableFolders) this.out.logError(`workspace check: a folder could not be read, nothing in it was checked: ${f}`);
    // Files the walk no longer takes (ignored since, or gone without an event).
    for (const uri of [...this.known.keys()]) if (!seen.has(uri)) this.forget(uri);
    for (const uri of walked) if (!this.known.has(uri)) this.known.set(uri, false);
    const done = new Promise<WorkspaceCheckResult>((finish) => {
      this.run = {
        progress,
        pending: new Set(walked),
        total: walked.length,
        checked: 0,
        withProblems: 0,
        unreadableFolders,
        lastPercent: -1,
        finish,
      };
    });
    for (const uri of walked) this.enqueue(uri);
    this.kick();
    const result = await done;
    // (A turn later: this run is over by then, so the walk starts.)
    if (this.rewalk) this.scheduler.yieldThen(() => this.startQuietly());
    return result;
  }

  /** Waits for the next turn of the event loop. */
  private turn(): Promise<void> {
    return new Promise((resolve) => this.scheduler.yieldThen(resolve));
  }

  // --- the queue --------------------------------------------------------------------------

  private enqueue(uri: string): void {
    this.queue.add(uri);
    this.kick();
  }

  private kick(): void {
    if (this.stepScheduled || this.linting) return;
    this.stepScheduled = true;
    this.scheduler.yieldThen(() => void this.step());
  }

  private async step(): Promise<void> {
    this.stepScheduled = false;
    const run = this.run;
    if (run?.progress?.cancelled) {
      for (const uri of run.pending) this.queue.delete(uri);
      this.end(run, true);
    }
    // A config is being changed: the set is queued again once it stops (configChanged).
    if (this.recheck) return;
    // Open documents' lints, edits and requests first: come back when their queue is empty.
    if (this.diagnostics.busy()) {
      if (this.queue.size) this.kick();
      return;
    }
    const uri = first(this.queue);
    if (uri === undefined) {
      if (this.run) this.end(this.run, false);
      return;
    }
    this.queue.delete(uri);
    this.linting = true;
    let problems = false;
    try {
      problems = await this.lint(uri);
    } catch (e) {
      this.out.logError(`workspace check of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
    } finally {
      this.linting = false;
    }
    const r = this.run;
    if (r?.pending.delete(uri)) {
      r.checked++;
      if (problems) r.withProblems++;
      const percent = Math.floor((r.checked / Math.max(r.total, 1)) * 100);
      if (percent !== r.lastPercent) {
        r.lastPercent = percent;
        r.progress?.report(percent, `${r.checked}/${r.total} files`);
      }
    }
    if (this.queue.size || this.run) this.kick();
  }

  private end(run: Run, cancelled: boolean): void {
    if (this.run !== run) return;
    this.run = undefined;
    run.progress?.done();
    run.finish({
      files: run.total,
      checked: run.checked,
      withProblems: run.withProblems,
      cancelled,
      unreadableFolders: run.unreadableFolders,
    });
  }

  /** Reads the file and publishes its findings; true when it has any. The disk is not read for
   * an open document (the buffer is the lint queue's). Nothing is analysed across an await:
   * the file is read after the settings are in, and published in the same turn. */
  private async lint(uri: string): Promise<boolean> {
    if (this.service.get(uri) || !this.known.has(uri)) return false;
    const p = this.host.toPath(uri);
    const folder = p === undefined ? undefined : this.service.folderOf(p);
    if (p === undefined || !folder) return false;
    // Settings per workspace folder: thousands of files need not ask the client each.
    const settings = this.service.readySettings(folder.uri) ?? (await this.service.ready(folder.uri));
    if (this.service.get(uri) || !this.known.has(uri)) return false;
    if (!settings.enable) return this.publish(uri, []);
    const read = this.disk.read(p, settings.maxDocumentSize);
    if ('unreadable' in read) {
      return this.publishSkipped(uri, settings, read.unreadable);
    }
    if (this.offload?.available && read.text.length >= this.offload.threshold)
      return this.lintInWorker(uri, read.text, settings, this.offload);
    return this.lintHere(uri, read.text, settings);
  }

  private lintHere(uri: string, text: string, settings: Settings): boolean {
    const result = this.service.analyzeText(uri, text, settings);
    return this.publish(uri, result ? result.analysis.findings.map((f, i) => toDiagnostic(f, uri, DISK_VERSION, i)) : []);
  }

  private async lintInWorker(uri: string, text: string, settings: Settings, offload: Offload): Promise<boolean> {
    const o = await offload.queue.lint(uri, () => (this.service.get(uri) ? undefined : this.service.diskSnapshot(uri, text, settings)));
    // Opened meanwhile: the buffer's lint is what counts now.
    if (this.service.get(uri) || !this.known.has(uri)) return false;
    offload.queue.forget(uri);
    if (o.ok) return this.publish(uri, (o.value as LintAnswer).diagnostics);
    if (o.reason === 'superseded') return false;
    if (o.reason === 'unavailable') return this.lintHere(uri, text, settings);
    const detail =
      o.reason === 'deadline' ? `analysis took over ${offload.queue.deadlineMs / 1000} s` : o.detail.split('\n')[0]!.slice(0, 80);
    return this.publishSkipped(uri, settings, `Not checked: ${detail}`);
  }

  /** A file that was not analysed says so (skipped-content), as the CLI's report of it does. */
  private publishSkipped(uri: string, settings: Settings, message: string): boolean {
    const analysis = skippedAnalysis({ config: this.service.resolvedConfig(uri, settings) }, message);
    return this.publish(
      uri,
      analysis.findings.map((f, i) => toDiagnostic(f, uri, DISK_VERSION, i)),
    );
  }

  /** Publishes without a version (the file on disk has none); an empty list only when
   * something was published for the file before. */
  private publish(uri: string, diagnostics: ReturnType<typeof toDiagnostic>[]): boolean {
    const had = this.known.get(uri) ?? false;
    if (diagnostics.length || had) this.out.publishDiagnostics({ uri, diagnostics });
    this.known.set(uri, diagnostics.length > 0);
    return diagnostics.length > 0;
  }

  /** The file left the set: its diagnostics go, unless it is open (then they are the buffer's). */
  private forget(uri: string): void {
    const had = this.known.get(uri);
    this.known.delete(uri);
    this.queue.delete(uri);
    if (had && !this.service.get(uri)) this.out.publishDiagnostics({ uri, diagnostics: [] });
  }
}

function first(set: Set<string>): string | undefined {
  for (const v of set) return v;
  return undefined;
}
