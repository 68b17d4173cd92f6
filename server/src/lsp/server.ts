// The language server: LSP in, core calls, LSP out. No analysis happens here; every handler
// is a few lines over server/src/core, and nothing is kept that cannot be recomputed.
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  CompletionItemKind,
  DidChangeConfigurationNotification,
  InsertTextFormat,
  MarkupKind,
  NotificationType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionItem,
  type CompletionParams,
  type Connection,
  type Hover,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  applySettings,
  builtinConfig,
  readSettings,
  TOOL_VERSION,
  type Analysis,
  type ResolvedConfig,
  type Settings,
} from '../core';
import { headingAt, missingSectionCompletions, sectionHover } from './editor-help';
import { FIX_ALL_KIND, SOURCE, toCodeAction, toDiagnostic, type DiagnosticData } from './convert';

/** Pushed after each lint so a client can show coverage ("ML design 4/5"). */
export interface CoverageParams {
  uri: string;
  version: number;
  designDoc: boolean;
  reason: string;
  covered: number;
  required: number;
  sections: { id: string; title: string; level: string; state: string; line?: number }[];
}
export const CoverageNotification = new NotificationType<CoverageParams>('mldesign/coverage');

interface ClientSupport {
  configuration: boolean;
  snippetEdits: boolean;
  completionSnippets: boolean;
  hoverMarkdown: boolean;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const support: ClientSupport = { configuration: false, snippetEdits: false, completionSnippets: false, hoverMarkdown: false };
  let workspaceFolders: string[] = [];
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Map<string, { version: number; settings: Settings; analysis: Analysis }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  /** Runs a handler; an exception is logged and answered as that request's error alone. */
  const guard =
    <P, R>(name: string, fallback: R, fn: (p: P) => R | Promise<R>) =>
    async (p: P): Promise<R | ResponseError<void>> => {
      try {
        return await fn(p);
      } catch (e) {
        connection.console.error(`${name} failed: ${(e as Error).stack ?? e}`);
        return fallback === undefined ? new ResponseError<void>(-32603, `mldesign: ${name} failed: ${(e as Error).message}`) : fallback;
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support.configuration = !!caps.workspace?.configuration;
    support.snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    support.completionSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    support.hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['#', ' '] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'mldesign', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (support.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mldesign' });
    connection.workspace.onDidChangeWorkspaceFolders((e) => {
      const removed = new Set(e.removed.map((f) => f.uri));
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
      relintAll();
    });
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
  });

  function settingsFor(uri: string): Promise<Settings> {
    if (!support.configuration) return Promise.resolve(readSettings(undefined));
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace.getConfiguration({ scopeUri: uri, section: 'mldesign' }).then(readSettings, () => readSettings(undefined));
      settingsCache.set(uri, s);
    }
    return s;
  }

  function configFor(_uri: string, settings: Settings): ResolvedConfig {
    return applySettings(builtinConfig(), settings);
  }

  /** The document's path relative to its workspace folder (or its file name), for detection. */
  function docPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const folder = workspaceFolders.filter((f) => uri.startsWith(f.endsWith('/') ? f : f + '/')).sort((a, b) => b.length - a.length)[0];
    const rel = folder ? uri.slice(folder.replace(/\/$/, '').length + 1) : uri.slice(uri.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(rel);
    } catch {
      return fileURLToPath(uri);
    }
  }

  async function analysisFor(doc: TextDocument): Promise<{ analysis: Analysis; settings: Settings } | undefined> {
    const settings = await settingsFor(doc.uri);
    if (!settings.enable) return undefined;
    const hit = analyses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === settings) return hit;
    const analysis = analyze(doc.getText(), { config: configFor(doc.uri, settings), path: docPath(doc.uri), detection: settings.designDocs });
    const entry = { version: doc.version, settings, analysis };
    analyses.set(doc.uri, entry);
    return entry;
  }

  async function lint(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const result = await analysisFor(doc);
    // A newer version is on its way to being linted; never publish for an old one.
    if (documents.get(doc.uri)?.version !== version) return;
    if (!result) {
      await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [] });
      return;
    }
    const { analysis } = result;
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: analysis.findings.map((f) => toDiagnostic(f, doc.uri, version)) });
    const required = analysis.coverage.filter((c) => c.level === 'required');
    await connection.sendNotification(CoverageNotification, {
      uri: doc.uri,
      version,
      designDoc: analysis.designDoc.isDesignDoc,
      reason: analysis.designDoc.reason,
      covered: required.filter((c) => c.state === 'covered').length,
      required: required.length,
      sections: analysis.coverage.map((c) => ({
        id: c.id,
        title: c.title,
        level: c.level,
        state: c.state,
        ...(c.entry ? { line: c.entry.range.start.line } : {}),
      })),
    });
  }

  const lintSafely = (doc: TextDocument): void => {
    lint(doc).catch((e) => connection.console.error(`lint of ${doc.uri} failed: ${(e as Error).stack ?? e}`));
  };

  function schedule(doc: TextDocument, delayMs: number): void {
    clearTimeout(timers.get(doc.uri));
    timers.set(
      doc.uri,
      setTimeout(() => {
        timers.delete(doc.uri);
        const current = documents.get(doc.uri);
        if (current) lintSafely(current);
      }, delayMs),
    );
  }

  function relintAll(): void {
    analyses.clear();
    for (const doc of documents.all()) lintSafely(doc);
  }

  documents.onDidOpen((e) => lintSafely(e.document));
  documents.onDidChangeContent(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') schedule(e.document, settings.debounceMs);
  });
  documents.onDidSave(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onSave') lintSafely(e.document);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params: CodeActionParams) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const result = await analysisFor(doc);
      if (!result) return [];
      const { analysis } = result;
      const only = params.context.only;
      const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(o + '.'));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
        for (const diag of ours) {
          const data = diag.data as DiagnosticData | undefined;
          const fixes =
            data && data.version === doc.version
              ? data.fixes
              : (analysis.findings.find((f) => f.ruleId === diag.code && f.range.start.line === diag.range.start.line && f.sectionId === data?.sectionId)?.fixes ?? []);
          for (const fix of fixes) {
            actions.push(toCodeAction(fix, CodeActionKind.QuickFix, doc.uri, doc.version, { snippets: support.snippetEdits, diagnostics: [diag] }));
          }
        }
        const fixable = analysis.findings.filter((f) => f.fixes.length > 0).length;
        if (ours.length && analysis.fixAll && fixable > 1) {
          actions.push(toCodeAction(analysis.fixAll, CodeActionKind.QuickFix, doc.uri, doc.version, { snippets: false }));
        }
      }
      if (analysis.fixAll && only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(o + '.'))) {
        // Plain text: fix-all runs on save, where tab stops would only get in the way.
        actions.push(toCodeAction(analysis.fixAll, FIX_ALL_KIND, doc.uri, doc.version, { snippets: false }));
      }
      return actions;
    }),
  );

  connection.onHover(
    guard('hover', null as Hover | null, async (params: HoverParams) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const result = await analysisFor(doc);
      if (!result?.analysis.designDoc.isDesignDoc) return null;
      const matched = headingAt(result.analysis, params.position.line);
      if (!matched) return null;
      return sectionHover(result.analysis, matched, support.hoverMarkdown);
    }),
  );

  connection.onCompletion(
    guard('completion', [] as CompletionItem[], async (params: CompletionParams) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const result = await analysisFor(doc);
      if (!result?.analysis.designDoc.isDesignDoc) return [];
      const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      return missingSectionCompletions(result.analysis, line, params.position, support.completionSnippets).map((c) => ({
        ...c,
        kind: CompletionItemKind.Snippet,
        insertTextFormat: support.completionSnippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      }));
    }),
  );

  documents.listen(connection);
  connection.listen();
}
