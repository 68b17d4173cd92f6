// The language server: the features of lsp/features wired to a connection. Nothing is
// decided here. Every handler is guarded: a request that fails is answered with an error
// and logged, a notification that fails is logged, and neither ends the process; before
// `initialize`, requests are answered ServerNotInitialized and notifications dropped.
// No Node here: main.ts (Node) and browser-main.ts (a Web Worker) pass what differs.
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  ErrorCodes,
  MarkupKind,
  NotificationType,
  ResponseError,
  TextDocumentSyncKind,
  type CodeActionParams,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { readSettings, TOOL_VERSION } from '../core';
import { FIX_ALL_KIND } from './convert';
import { DocumentService, type WorkspaceHost } from './documents';
import { codeActions } from './features/code-actions';
import { completion } from './features/completion';
import { ConfigDiagnostics } from './features/config-diagnostics';
import { Coverage } from './features/coverage';
import { Diagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { teachActions, teachOfferAt } from './features/teach';
import { WorkspaceCheck } from './features/workspace';
import type { Work } from './analysis-worker';
import { Offload } from './offload';
import type { BeginProgress, DiskFiles, Outbox, Scheduler } from './ports';
import {
  CHECK_WORKSPACE_METHOD,
  COVERAGE_METHOD,
  WORKSPACE_CHECK_CAPABILITY,
  WORKSPACE_TRUST_METHOD,
  type CoverageParams,
  type InitializationOptions,
  type WorkspaceCheckResult,
  type WorkspaceTrustParams,
} from './protocol';
import type { StartWorker } from './worker-queue';

const CoverageNotification = new NotificationType<CoverageParams>(COVERAGE_METHOD);

/** What differs between the Node server and the browser's. */
export interface ServerEnvironment {
  workspace: WorkspaceHost;
  scheduler: Scheduler;
  /** After each analysis (the Node server's idle collector counts work). */
  worked?: () => void;
  /** On shutdown. */
  shutdown?: () => void;
  /** Starts an analysis worker (a Node worker thread, or a nested Web Worker in the browser);
   * without, or when it cannot start, every analysis runs inline. */
  analysisWorker?: StartWorker;
  /** The disk, walked and read by the workspace check (the Node server); without, there is
   * no workspace check. */
  disk?: DiskFiles;
}

export function startServer(connection: Connection, env: ServerEnvironment): void {
  const { workspace, scheduler } = env;
  let initialized = false;
  const support = {
    configuration: false,
    workspaceFolders: false,
    snippetEdits: false,
    completionSnippets: false,
    hoverMarkdown: false,
    createFiles: false,
  };
  const logError = (message: string) => connection.console.error(message);
  const sent = (what: string) => (p: Promise<void>) => void p.catch((e: Error) => logError(`sending ${what} failed: ${e.message}`));
  const out: Outbox = {
    publishDiagnostics: (p) => sent('diagnostics')(connection.sendDiagnostics(p)),
    sendCoverage: (p) => sent('coverage')(connection.sendNotification(CoverageNotification, p)),
    logError,
  };
  const service = new DocumentService(
    workspace,
    (uri) =>
      support.configuration
        ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'mldesign' }).then(readSettings)
        : Promise.resolve(readSettings(undefined)),
    env.worked,
  );
  const offload = env.analysisWorker
    ? new Offload(service, {
        start: env.analysisWorker,
        scheduler,
        unavailable: (reason) =>
          connection.console.warn(
            `The analysis worker is unavailable, ${reason}: large documents are analysed on the server's own thread, with no deadline.`,
          ),
      })
    : undefined;
  const configDiagnostics = new ConfigDiagnostics(service, out);
  const diagnostics = new Diagnostics(service, out, scheduler, configDiagnostics, new Coverage(out), offload);
  const beginProgress: BeginProgress = async (title) => {
    // A client that cannot show progress gets none (the null reporter); one whose create
    // request fails too: the check runs all the same.
    const r = await connection.window.createWorkDoneProgress().catch((e: Error) => {
      logError(`creating progress failed: ${e.message}`);
      return undefined;
    });
    r?.begin(title, 0, undefined, true);
    return {
      report: (percentage, message) => r?.report(percentage, message),
      done: () => r?.done(),
      get cancelled() {
        return !!r?.token.isCancellationRequested;
      },
    };
  };
  const workspaceCheck = env.disk
    ? new WorkspaceCheck(service, workspace, env.disk, out, scheduler, diagnostics, beginProgress, offload)
    : undefined;
  if (workspaceCheck) diagnostics.onRelintAll = () => workspaceCheck.configChanged();
  /** A request's answer: from the worker when it analyses the document, else from here. */
  const answer = async <R>(uri: string, work: Exclude<Work, { kind: 'lint' }>, local: () => Promise<R>, none: R): Promise<R> => {
    const doc = service.get(uri);
    if (!offload || !doc) return local();
    const settings = await service.ready(uri);
    const now = service.get(uri);
    return now && offload.takes(now, settings) ? offload.request(uri, work, local, none) : local();
  };

  /** A request handler: an exception is logged and answered as that request's error alone. */
  const request =
    <P, R>(name: string, fn: (p: P) => R | Promise<R>) =>
    async (p: P): Promise<R | ResponseError<void>> => {
      if (!initialized) return new ResponseError<void>(ErrorCodes.ServerNotInitialized, `mldesign: ${name} before initialize`);
      try {
        return await fn(p);
      } catch (e) {
        logError(`${name} failed: ${(e as Error).stack ?? String(e)}`);
        return new ResponseError<void>(ErrorCodes.InternalError, `mldesign: ${name} failed: ${(e as Error).message}`);
      }
    };
  /** A notification handler: an exception (thrown or rejected) is logged, never fatal. */
  const notification =
    <P>(name: string, fn: (p: P) => void | Promise<void>) =>
    (p: P): void => {
      if (!initialized) return;
      const failed = (e: unknown) => logError(`${name} failed: ${(e as Error).stack ?? String(e)}`);
      try {
        const done = fn(p);
        if (done) done.catch(failed);
      } catch (e) {
        failed(e);
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support.configuration = !!caps.workspace?.configuration;
    support.workspaceFolders = !!caps.workspace?.workspaceFolders;
    support.snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    support.completionSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    support.hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
    support.createFiles = !!caps.workspace?.workspaceEdit?.resourceOperations?.includes('create');
    const options = params.initializationOptions as InitializationOptions | undefined;
    // Editors without a notion of trust (most) trust the workspace they open.
    service.trusted = options?.workspaceTrusted !== false;
    offload?.configure({ thresholdChars: options?.workerThresholdChars, deadlineMs: options?.analysisDeadlineMs });
    const folders = (params.workspaceFolders ?? []).map((f) => f.uri);
    service.setWorkspaceFolders(folders.length === 0 && params.rootUri ? [params.rootUri] : folders);
    initialized = true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['#', ' ', '-'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(workspaceCheck ? { experimental: { [WORKSPACE_CHECK_CAPABILITY]: true } } : {}),
      },
      serverInfo: { name: 'mldesign', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(
    notification('initialized', () => {
      if (support.configuration)
        connection.client
          .register(DidChangeConfigurationNotification.type, { section: 'mldesign' })
          .catch((e: Error) => logError(`registering for settings changes failed: ${e.message}`));
      // Only a client that has workspace folders sends their changes (asking others throws).
      if (support.workspaceFolders) {
        connection.workspace.onDidChangeWorkspaceFolders(
          notification('workspaceFolders', (e) => {
            service.changeWorkspaceFolders(
              e.added.map((f) => f.uri),
              e.removed.map((f) => f.uri),
            );
            diagnostics.configChanged();
            workspaceCheck?.foldersChanged();
          }),
        );
      }
    }),
  );

  connection.onDidOpenTextDocument(
    notification('didOpen', ({ textDocument: d }) => {
      service.open(d.uri, d.languageId, d.version, d.text);
      diagnostics.opened(d.uri);
    }),
  );
  connection.onDidChangeTextDocument(
    notification('didChange', async ({ textDocument: d, contentChanges }) => {
      if (service.change(d.uri, d.version, contentChanges)) await diagnostics.changed(d.uri);
    }),
  );
  connection.onDidSaveTextDocument(notification('didSave', ({ textDocument: d }) => diagnostics.saved(d.uri)));
  connection.onDidCloseTextDocument(
    notification('didClose', ({ textDocument: d }) => {
      if (service.close(d.uri)) diagnostics.closed(d.uri, workspaceCheck?.closed(d.uri) ?? false);
    }),
  );

  connection.onDidChangeConfiguration(
    notification('didChangeConfiguration', () => {
      service.settingsChanged();
      diagnostics.relintAll();
    }),
  );
  connection.onNotification(
    WORKSPACE_TRUST_METHOD,
    notification('workspaceTrust', (p: WorkspaceTrustParams) => {
      service.trusted = p.trusted;
      diagnostics.configChanged();
    }),
  );
  connection.onDidChangeWatchedFiles(
    notification('didChangeWatchedFiles', (e) => {
      if (e.changes.some((c) => service.isConfigSource(c.uri))) diagnostics.configChanged();
      workspaceCheck?.filesChanged(e.changes);
    }),
  );

  /** Teaching the team config: quick fixes, after the fixes of findings. What the heading
   * could be comes from where the document is analysed (the worker for a large one); the
   * edit of the config is made here, where the config's buffers and files are. */
  const teach = async (params: CodeActionParams) => {
    const only = params.context.only;
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(k + '.'))) return [];
    const { uri } = params.textDocument;
    const offer = await answer(uri, { kind: 'teachOffer', params }, () => teachOfferAt(service, params), null);
    return teachActions(service, uri, offer, { createFiles: support.createFiles });
  };
  connection.onCodeAction(
    request('codeAction', async (params) => {
      const opts = { snippets: support.snippetEdits };
      const { uri } = params.textDocument;
      const fixes = await answer(uri, { kind: 'codeAction', params, opts }, () => codeActions(service, params, opts), []);
      return [...fixes, ...(await teach(params))];
    }),
  );
  connection.onHover(
    request('hover', (params) => {
      const opts = { markdown: support.hoverMarkdown };
      return answer(params.textDocument.uri, { kind: 'hover', params, opts }, () => hover(service, params, opts), null);
    }),
  );
  connection.onCompletion(
    request('completion', (params) => {
      const opts = { snippets: support.completionSnippets };
      return answer(params.textDocument.uri, { kind: 'completion', params, opts }, () => completion(service, params, opts), []);
    }),
  );
  connection.onRequest(
    CHECK_WORKSPACE_METHOD,
    request<unknown, WorkspaceCheckResult | ResponseError<void>>('checkWorkspace', () =>
      workspaceCheck
        ? workspaceCheck.check()
        : new ResponseError<void>(ErrorCodes.MethodNotFound, 'this mldesign server has no disk to check'),
    ),
  );
  // Any other request: not ours (or too early).
  connection.onRequest(
    request('request', (method: string) => new ResponseError<void>(ErrorCodes.MethodNotFound, `mldesign does not handle ${method}`)),
  );

  connection.onShutdown(() => {
    offload?.dispose();
    env.shutdown?.();
  });
  connection.listen();
}
