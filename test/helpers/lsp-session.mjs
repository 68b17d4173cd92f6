// A language server spoken to as an editor does, through vscode-languageserver-protocol: the
// one client implementation of the protocol tests (test/helpers/lsp-client.ts wraps it) and
// bench:lsp (bench/lsp.mjs). Plain JavaScript, so the benchmark runs it with node alone and
// vitest imports it like any module; its types are in lsp-session.d.mts.
import { fork, spawn } from 'node:child_process';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

/** Milliseconds on the monotonic clock (the clock V8's CPU profiles use too). */
export const now = () => Number(process.hrtime.bigint()) / 1e6;

/** What a client announces: an editor's capabilities, with workspace/configuration, workspace
 * folder changes, snippet edits and work-done progress as asked. */
function editorCapabilities({ configuration = true, workspaceFolders = false, snippetEdits = false, workDoneProgress = false } = {}) {
  return {
    ...(workDoneProgress ? { window: { workDoneProgress: true } } : {}),
    workspace: {
      configuration,
      ...(workspaceFolders ? { workspaceFolders: true } : {}),
      didChangeConfiguration: { dynamicRegistration: true },
      // As VS Code: files may be created by an edit (the teach fix's new .mldesign.yaml).
      workspaceEdit: {
        documentChanges: true,
        resourceOperations: ['create', 'rename', 'delete'],
        ...(snippetEdits ? { snippetEditSupport: true } : {}),
      },
    },
    textDocument: {
      synchronization: { didSave: true, dynamicRegistration: false },
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
}

export class LspSession {
  constructor(label, child, connection, spawnedAt) {
    this.label = label;
    this.child = child;
    this.connection = connection;
    this.spawnedAt = spawnedAt;
    /** The latest publishDiagnostics per uri, and when it arrived (now()). */
    this.published = new Map();
    this.arrived = new Map();
    /** Every publishDiagnostics, oldest first. */
    this.history = [];
    /** Other notifications from the server (mldesign/coverage), in order. */
    this.notifications = [];
    /** window/logMessage from the server; type 1 is an error. */
    this.logs = [];
    /** Errors the server logged, and connection errors. */
    this.errors = [];
    /** Diagnostics published for an older version after a newer one. */
    this.outOfOrder = 0;
    /** The last 10-20 KB of the server's stderr. */
    this.stderr = '';
    this.exited = undefined;
    this.initializeResult = undefined;
    this.initializedAt = undefined;
    /** What initialize() sends, set by start(). */
    this.initializeParams = undefined;
    this.initializeTimeoutMs = 60_000;
    this.waiters = new Set();
  }

  /** Starts `node [nodeArgs] serverJs --stdio` (or `--node-ipc`) and attaches to it. */
  static async start({ serverJs, transport = 'stdio', nodeArgs = [], ...options }) {
    const spawnedAt = now();
    let child;
    let connection;
    if (transport === 'ipc') {
      child = fork(serverJs, ['--node-ipc'], { execArgv: nodeArgs, stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    } else {
      child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    }
    return LspSession.attach(connection, { ...options, child, spawnedAt });
  }

  /** A session over a connection (to a server process `child`, or to one this side did not
   * start: the browser server in a Web Worker). Answers the server's requests for
   * configuration with `configuration(section)` (undefined: no configuration support), and
   * resolves once `initialize` is answered and `initialized` sent (or at once, with
   * `initialize: false`: then call initialize()). `announceWorkspaceFolders`: the client says
   * it has workspace folders (and will send their changes). Folders are paths
   * (`workspaceFolders`) or URIs of any scheme (`workspaceFolderUris`). */
  static async attach(
    connection,
    {
      child,
      spawnedAt = now(),
      label = 'server',
      configuration,
      snippetEdits = false,
      workDoneProgress = false,
      announceWorkspaceFolders = false,
      workspaceFolders = ['/work/ws'],
      workspaceFolderUris = workspaceFolders.map((f) => `file://${f}`),
      initializationOptions,
      initializeTimeoutMs = 60_000,
      initialize = true,
    } = {},
  ) {
    const s = new LspSession(label, child, connection, spawnedAt);
    s.initializeParams = {
      processId: process.pid,
      rootUri: workspaceFolderUris[0],
      workspaceFolders: workspaceFolderUris.map((uri, i) => ({ uri, name: `ws${i}` })),
      capabilities: editorCapabilities({
        configuration: configuration !== undefined,
        workspaceFolders: announceWorkspaceFolders,
        snippetEdits,
        workDoneProgress,
      }),
      ...(initializationOptions ? { initializationOptions } : {}),
    };
    s.initializeTimeoutMs = initializeTimeoutMs;
    child?.stderr?.on('data', (d) => {
      s.stderr += d;
      if (s.stderr.length > 20_000) s.stderr = s.stderr.slice(-10_000);
    });
    child?.on('exit', (code, signal) => {
      s.exited = { code, signal };
      s.wake();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = now();
      const prev = s.published.get(p.uri);
      if (prev && p.version !== undefined && prev.version !== undefined && p.version < prev.version) s.outOfOrder++;
      s.published.set(p.uri, p);
      s.arrived.set(p.uri, at);
      s.history.push(p);
      s.wake();
    });
    connection.onNotification('mldesign/coverage', (params) => {
      s.notifications.push({ method: 'mldesign/coverage', params });
      s.wake();
    });
    connection.onNotification('window/logMessage', (p) => {
      s.logs.push(p);
      if (p.type === 1) s.errors.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p) => p.items.map((i) => configuration?.(i.section) ?? {}));
    connection.onRequest('client/registerCapability', () => null);
    // Work-done progress the server starts: accepted, and its $/progress kept in order.
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('$/progress', (params) => {
      s.notifications.push({ method: '$/progress', params });
      s.wake();
    });
    connection.onError(([e]) => s.errors.push(`connection error: ${e?.message ?? e}`));
    connection.listen();
    if (initialize) await s.initialize();
    return s;
  }

  /** The initialize request and the initialized notification, as an editor sends them. */
  async initialize() {
    const request = this.connection.sendRequest('initialize', this.initializeParams);
    let answer;
    void request.then(
      (result) => (answer = { result }),
      (error) => (answer = { error }),
    );
    await this.until(() => answer, 'the answer to initialize', this.initializeTimeoutMs, request);
    if (answer.error) throw new Error(`${this.label}: initialize failed: ${answer.error.message ?? answer.error}`);
    this.initializeResult = answer.result;
    this.initializedAt = now();
    await this.connection.sendNotification('initialized', {});
  }

  /** Runs the waiters' checks: on every message from the server and when it exits. */
  wake() {
    for (const w of [...this.waiters]) w();
  }

  /** Resolves with `check()`'s value once it is truthy, re-checking on every message from the
   * server; rejects after `timeoutMs`, or if the server exits first. `also` is a promise
   * whose settling is worth a check too. */
  until(check, what, timeoutMs = 10_000, also) {
    return new Promise((resolve, reject) => {
      let timer;
      const done = (f) => {
        this.waiters.delete(waiter);
        clearTimeout(timer);
        f();
      };
      const stderr = () => (this.stderr ? `; server stderr:\n${this.stderr.slice(-4000)}` : '');
      const waiter = () => {
        let v;
        try {
          v = check();
        } catch (e) {
          return done(() => reject(e));
        }
        if (v) return done(() => resolve(v));
        if (this.exited)
          done(() =>
            reject(
              new Error(
                `${this.label}: the server exited (${this.exited.signal ?? `code ${this.exited.code}`}) while waiting for ${what}${stderr()}`,
              ),
            ),
          );
      };
      timer = setTimeout(
        () => done(() => reject(new Error(`${this.label}: timed out after ${timeoutMs / 1000} s waiting for ${what}${stderr()}`))),
        timeoutMs,
      );
      this.waiters.add(waiter);
      void also?.then(waiter, waiter);
      waiter();
    });
  }

  /** The publishDiagnostics of exactly this version of a document, and when it arrived. */
  diagnostics(uri, version, timeoutMs = 10_000) {
    return this.until(
      () => {
        const p = this.published.get(uri);
        return p && p.version === version ? { params: p, at: this.arrived.get(uri) } : undefined;
      },
      `diagnostics for ${uri} version ${version}`,
      timeoutMs,
    );
  }

  open(uri, text, languageId = 'markdown', version = 1) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  /** LSP shutdown and exit (so a --cpu-prof profile gets written); a kill if that hangs. */
  async stop() {
    if (!this.child) {
      // Not our process: say goodbye, and leave ending it to whoever started it.
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), delay(5000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    } else if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), delay(5000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // the kill below
      }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }
}

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));
