// A small LSP client over real stdio (or node IPC) to the built dist/server.js, or over any
// connection (the browser server in a Web Worker: test/helpers/worker-page.ts), speaking
// through vscode-languageserver-protocol as any editor would: the session (process, protocol,
// waiting for messages) is lsp-session.mjs, shared with bench:lsp; this adds the documents as
// an editor keeps them, and applying the server's edits.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type {
  Diagnostic,
  ProtocolConnection,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { snippetToText } from '../../server/src/core';
import { LspSession } from './lsp-session.mjs';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface ClientOptions {
  transport?: 'stdio' | 'ipc';
  snippetEdits?: boolean;
  /** The client shows work-done progress (window/workDoneProgress/create is answered). */
  workDoneProgress?: boolean;
  /** Answers to workspace/configuration for section 'mldesign'; undefined = no configuration support. */
  settings?: Record<string, unknown>;
  workspaceFolder?: string;
  /** Several roots (multi-root workspace); overrides workspaceFolder. */
  workspaceFolders?: string[];
  /** Workspace folders as URIs of any scheme; overrides both. */
  workspaceFolderUris?: string[];
  initializationOptions?: Record<string, unknown>;
  /** false: start the server without initializing it (call initialize() later). */
  initialize?: boolean;
}

export class TestClient {
  readonly docs = new Map<string, TextDocument>();

  private constructor(
    private readonly session: LspSession,
    /** What workspace/configuration answers, read when the server asks. */
    private readonly answers: { settings: Record<string, unknown> | undefined },
  ) {}

  get settings(): Record<string, unknown> | undefined {
    return this.answers.settings;
  }

  /** Changes the answers to workspace/configuration (the server asks again when told). */
  set settings(settings: Record<string, unknown> | undefined) {
    this.answers.settings = settings;
  }

  static async start(opts: ClientOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run 'npm run build' first`);
    const answers = { settings: opts.settings };
    const session = await LspSession.start({
      serverJs: SERVER,
      label: 'test server',
      transport: opts.transport ?? 'stdio',
      ...TestClient.sessionOptions(opts, answers),
    });
    return new TestClient(session, answers);
  }

  /** A client over a connection already made (to a server this client did not start). */
  static async over(connection: ProtocolConnection, opts: ClientOptions = {}): Promise<TestClient> {
    const answers = { settings: opts.settings };
    const session = await LspSession.attach(connection, {
      label: 'test server',
      ...TestClient.sessionOptions(opts, answers),
    });
    return new TestClient(session, answers);
  }

  private static sessionOptions(opts: ClientOptions, answers: { settings: Record<string, unknown> | undefined }) {
    return {
      ...(opts.settings !== undefined ? { configuration: () => answers.settings } : {}),
      snippetEdits: !!opts.snippetEdits,
      workDoneProgress: !!opts.workDoneProgress,
      workspaceFolders: opts.workspaceFolders ?? [opts.workspaceFolder ?? '/work/ws'],
      ...(opts.workspaceFolderUris ? { workspaceFolderUris: opts.workspaceFolderUris } : {}),
      ...(opts.initializationOptions ? { initializationOptions: opts.initializationOptions } : {}),
      initialize: opts.initialize !== false,
    };
  }

  get connection() {
    return this.session.connection;
  }

  /** The server process this client started. */
  get child(): ChildProcess {
    if (!this.session.child) throw new Error('this client did not start the server process');
    return this.session.child;
  }

  /** The latest publishDiagnostics per uri. */
  get diagnostics(): Map<string, PublishDiagnosticsParams> {
    return this.session.published;
  }

  /** Every publishDiagnostics, oldest first. */
  get published(): PublishDiagnosticsParams[] {
    return this.session.history;
  }

  /** Other notifications from the server (mldesign/coverage), in order. */
  get notifications(): { method: string; params: unknown }[] {
    return this.session.notifications;
  }

  /** window/logMessage from the server; type 1 is an error. */
  get logs(): { type: number; message: string }[] {
    return this.session.logs;
  }

  get initializeResult(): InitializeResult | undefined {
    return this.session.initializeResult;
  }

  /** The initialize request and the initialized notification, as an editor sends them. */
  initialize(): Promise<void> {
    return this.session.initialize();
  }

  /** Sends JSON-RPC notifications in one write to the server's stdin, so they arrive as one
   * burst rather than paced by the client library's writes (stdio only). */
  burst(notifications: { method: string; params: unknown }[]): void {
    const frames = notifications.map(({ method, params }) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    this.child.stdin!.write(Buffer.concat(frames));
  }

  /** Resolves when `check` holds, re-checking on every message from the server. */
  until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    return this.session.until(check, what, timeoutMs);
  }

  /** Diagnostics published for exactly this version of the document. */
  diagnosticsFor(uri: string, version = this.docs.get(uri)!.version): Promise<Diagnostic[]> {
    return this.until(() => {
      const p = this.diagnostics.get(uri);
      return p && p.version === version ? p.diagnostics : undefined;
    }, `diagnostics for ${uri} v${version}`);
  }

  async open(uri: string, text: string, languageId = 'markdown'): Promise<void> {
    this.diagnostics.delete(uri);
    this.docs.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.session.open(uri, text, languageId);
  }

  /** Replaces the whole text (as a full-document change). */
  async replace(uri: string, text: string): Promise<void> {
    const doc = this.docs.get(uri)!;
    const end = doc.positionAt(doc.getText().length);
    await this.edit(uri, { start: { line: 0, character: 0 }, end }, text);
  }

  /** The latest diagnostics published for a uri, whatever its version. */
  latest(uri: string): Diagnostic[] | undefined {
    return this.diagnostics.get(uri)?.diagnostics;
  }

  /** Sends an incremental change (insertion or replacement of a range). */
  async edit(
    uri: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    text: string,
  ): Promise<void> {
    const doc = this.docs.get(uri)!;
    const next = TextDocument.update(doc, [{ range, text }], doc.version + 1);
    this.docs.set(uri, next);
    await this.session.change(uri, next.version, [{ range, text }]);
  }

  /** Applies a workspace edit as an editor would (snippets inserted as their plain text)
   * and sends the result as incremental changes. */
  async apply(edit: WorkspaceEdit): Promise<void> {
    for (const change of (edit.documentChanges ?? []) as TextDocumentEdit[]) {
      const uri = change.textDocument.uri;
      const doc = this.docs.get(uri)!;
      if (change.textDocument.version !== null && change.textDocument.version !== doc.version) {
        throw new Error(`edit for version ${change.textDocument.version}, document is at ${doc.version}`);
      }
      const edits = change.edits.map((e) => ({ range: e.range, newText: 'snippet' in e ? snippetToText(e.snippet.value) : e.newText }));
      // Send back to front so earlier ranges stay valid.
      const sorted = [...edits].sort(
        (a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character,
      );
      for (const e of sorted) await this.edit(uri, e.range, e.newText);
    }
  }

  text(uri: string): string {
    return this.docs.get(uri)!.getText();
  }

  stop(): Promise<void> {
    return this.session.stop();
  }
}
