// A small LSP client over real stdio (or node IPC) to the built dist/server.js, or over any
// connection (the browser server in a Web Worker: test/helpers/worker-page.ts), speaking
// through vscode-languageserver-protocol as any editor would.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import type {
  ClientCapabilities,
  InitializeResult,
  Diagnostic,
  PublishDiagnosticsParams,
  TextDocumentEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { snippetToText } from '../../server/src/core';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

export interface ClientOptions {
  transport?: 'stdio' | 'ipc';
  snippetEdits?: boolean;
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
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publishDiagnostics, oldest first. */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly notifications: { method: string; params: unknown }[] = [];
  /** window/logMessage from the server; type 1 is an error. */
  readonly logs: { type: number; message: string }[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown> | undefined;
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly connection: ProtocolConnection,
    /** The server process, when this client started one. */
    private readonly proc: ChildProcess | undefined,
    readonly stderr: string[],
  ) {}

  /** The server process this client started. */
  get child(): ChildProcess {
    if (!this.proc) throw new Error('this client did not start the server process');
    return this.proc;
  }

  static async start(opts: ClientOptions = {}): Promise<TestClient> {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run 'npm run build' first`);
    const stderr: string[] = [];
    let child: ChildProcess;
    let connection: ProtocolConnection;
    if (opts.transport === 'ipc') {
      child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    }
    child.stderr!.on('data', (d) => stderr.push(String(d)));
    return TestClient.over(connection, opts, child, stderr);
  }

  /** A client over a connection already made (to a server this client did not start). */
  static async over(
    connection: ProtocolConnection,
    opts: ClientOptions = {},
    child?: ChildProcess,
    stderr: string[] = [],
  ): Promise<TestClient> {
    const client = new TestClient(connection, child, stderr);
    client.settings = opts.settings;
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      client.diagnostics.set(p.uri, p);
      client.published.push(p);
      client.wake();
    });
    connection.onNotification('mldesign/coverage', (params: unknown) => {
      client.notifications.push({ method: 'mldesign/coverage', params });
      client.wake();
    });
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      client.logs.push(p);
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => client.settings ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    if (opts.initialize !== false) await client.initialize(opts);
    return client;
  }

  /** The initialize request and the initialized notification, as an editor sends them. */
  async initialize(opts: ClientOptions = {}): Promise<void> {
    const connection = this.connection;
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: opts.settings !== undefined,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, ...(opts.snippetEdits ? { snippetEditSupport: true } : {}) },
      },
      textDocument: {
        synchronization: { didSave: true },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } },
          isPreferredSupport: true,
          dataSupport: true,
        },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        completion: { completionItem: { snippetSupport: true } },
      },
    };
    const folders = opts.workspaceFolderUris ?? (opts.workspaceFolders ?? [opts.workspaceFolder ?? '/work/ws']).map((f) => `file://${f}`);
    this.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0],
      workspaceFolders: folders.map((uri, i) => ({ uri, name: `ws${i}` })),
      capabilities,
      ...(opts.initializationOptions ? { initializationOptions: opts.initializationOptions } : {}),
    });
    await connection.sendNotification('initialized', {});
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

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** Resolves when `check` holds, re-checking on every message from the server. */
  async until<T>(check: () => T | undefined | false, what: string, timeoutMs = 10000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => (clearTimeout(t), resolve()));
      });
    }
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
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
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
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: next.version },
      contentChanges: [{ range, text }],
    });
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

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    this.connection.dispose();
    this.proc?.kill();
  }
}
