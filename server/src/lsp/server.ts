// The language server: LSP in, core calls, LSP out. No analysis happens here; every handler
// is a few lines over server/src/core, and nothing is kept that cannot be recomputed.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DiagnosticSeverity,
  ErrorCodes,
  DidChangeConfigurationNotification,
  MarkupKind,
  NotificationType,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeActionParams,
  type CompletionParams,
  type Connection,
  type HoverParams,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyze,
  applySettings,
  IncrementalParser,
  inFixAll,
  readSettings,
  requiredCoverage,
  TOOL_VERSION,
  type Analysis,
  type ResolvedConfig,
  type Settings,
} from '../core';
import { ConfigCache, isConfigFile, NodeConfigHost, toPosix, type DocumentConfig } from '../node/config-cache';
import { FIX_ALL_KIND, SOURCE, toCodeAction, toDiagnostic, type DiagnosticData } from './convert';
import { exposeGc, IdleCollector } from './idle-gc';
import { Lru } from './lru';
import {
  COVERAGE_METHOD,
  WORKSPACE_TRUST_METHOD,
  type CoverageParams,
  type InitializationOptions,
  type WorkspaceTrustParams,
} from './protocol';
import { headingAt, missingSectionCompletions, sectionHover, teamSnippetCompletions, templatePieceCompletions } from './editor-help';

const CoverageNotification = new NotificationType<CoverageParams>(COVERAGE_METHOD);

interface ClientSupport {
  configuration: boolean;
  workspaceFolders: boolean;
  snippetEdits: boolean;
  completionSnippets: boolean;
  hoverMarkdown: boolean;
}

/** Documents whose parse trees and analysis stay in memory (the ones being worked on). */
const KEEP_DOCUMENTS = 8;

const uriToPath = (uri: string): string | undefined => (uri.startsWith('file:') ? toPosix(fileURLToPath(uri)) : undefined);

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const support: ClientSupport = {
    configuration: false,
    workspaceFolders: false,
    snippetEdits: false,
    completionSnippets: false,
    hoverMarkdown: false,
  };
  let workspaceFolders: string[] = [];
  const settingsCache = new Map<string, Promise<Settings>>();
  const analyses = new Lru<string, { version: number; settings: Settings; config: ResolvedConfig; analysis: Analysis }>(KEEP_DOCUMENTS);
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const openByPath = new Map<string, string>();
  /** Per open document: re-parses only the part of the text an edit touched. */
  const parsers = new Lru<string, IncrementalParser>(KEEP_DOCUMENTS);
  const host = new NodeConfigHost(true, (p) => {
    const uri = openByPath.get(p);
    return uri ? documents.get(uri)?.getText() : undefined;
  });
  const configs = new ConfigCache(host);
  const collector = new IdleCollector(exposeGc());
  let problemFiles = new Set<string>();

  /** Runs a handler; an exception is logged and answered as that request's error alone. */
  const guard =
    <P, R>(name: string, fn: (p: P) => R | Promise<R>) =>
    async (p: P): Promise<R | ResponseError<void>> => {
      try {
        return await fn(p);
      } catch (e) {
        connection.console.error(`${name} failed: ${(e as Error).stack ?? String(e)}`);
        return new ResponseError<void>(ErrorCodes.InternalError, `mldesign: ${name} failed: ${(e as Error).message}`);
      }
    };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    support.configuration = !!caps.workspace?.configuration;
    support.workspaceFolders = !!caps.workspace?.workspaceFolders;
    support.snippetEdits = !!caps.workspace?.workspaceEdit?.snippetEditSupport;
    support.completionSnippets = !!caps.textDocument?.completion?.completionItem?.snippetSupport;
    support.hoverMarkdown = !!caps.textDocument?.hover?.contentFormat?.includes(MarkupKind.Markdown);
    // Editors without a notion of trust (most) trust the workspace they open.
    host.trusted = (params.initializationOptions as InitializationOptions | undefined)?.workspaceTrusted !== false;
    workspaceFolders = (params.workspaceFolders ?? []).map((f) => f.uri);
    if (workspaceFolders.length === 0 && params.rootUri) workspaceFolders = [params.rootUri];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['#', ' ', '-'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'mldesign', version: TOOL_VERSION },
    };
  });

  connection.onInitialized(() => {
    if (support.configuration) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'mldesign' });
    // Only a client that has workspace folders sends their changes (asking others throws).
    if (support.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => f.uri));
        workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...e.added.map((f) => f.uri)];
        configChanged();
      });
    }
  });

  connection.onDidChangeConfiguration(() => {
    settingsCache.clear();
    relintAll();
  });

  connection.onNotification(WORKSPACE_TRUST_METHOD, (p: WorkspaceTrustParams) => {
    host.trusted = p.trusted;
    configChanged();
  });

  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => configs.dependsOn(uriToPath(c.uri) ?? ''))) configChanged();
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

  /** The workspace folder holding a path: the root nothing is read above. */
  function rootOf(p: string): string {
    const roots = workspaceFolders
      .map(uriToPath)
      .filter((r): r is string => !!r && (p === r || p.startsWith(r.endsWith('/') ? r : r + '/')));
    return roots.sort((a, b) => b.length - a.length)[0] ?? path.posix.dirname(p);
  }

  function documentConfig(uri: string, settings: Settings): DocumentConfig | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    const root = rootOf(p);
    const explicit = settings.configFile ? toPosix(path.resolve(root, settings.configFile)) : undefined;
    return configs.forDocument(p, root, explicit);
  }

  /** The document's path relative to its workspace folder, for design-doc detection. */
  function relativePath(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (!p) return undefined;
    const root = rootOf(p);
    return p.startsWith(root + '/') ? p.slice(root.length + 1) : path.posix.basename(p);
  }

  async function analysisFor(doc: TextDocument) {
    const settings = await settingsFor(doc.uri);
    if (!settings.enable || doc.languageId !== 'markdown') return undefined;
    const dc = documentConfig(doc.uri, settings);
    const config = applySettings(dc?.config ?? configs.forFile(undefined, '/').config, settings);
    const hit = analyses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === settings && hit.config === config) return { ...hit, dc };
    let parser = parsers.get(doc.uri);
    if (!parser) parsers.set(doc.uri, (parser = new IncrementalParser()));
    const analysis = analyze(doc.getText(), {
      config,
      path: relativePath(doc.uri),
      detection: settings.designDocs,
      maxSize: settings.maxDocumentSize,
      parse: (text) => parser.parse(text),
    });
    const entry = { version: doc.version, settings, config, analysis };
    analyses.set(doc.uri, entry);
    return { ...entry, dc };
  }

  async function lint(doc: TextDocument): Promise<void> {
    const version = doc.version;
    const result = await analysisFor(doc);
    collector.touch();
    // A newer version is on its way to being linted; never publish for an old one.
    if (documents.get(doc.uri)?.version !== version) return;
    publishConfigProblems();
    if (!result) {
      if (doc.languageId === 'markdown') await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics: [] });
      return;
    }
    const { analysis, dc } = result;
    await connection.sendDiagnostics({
      uri: doc.uri,
      version,
      diagnostics: analysis.findings.map((f, i) => toDiagnostic(f, doc.uri, version, i)),
    });
    await connection.sendNotification(CoverageNotification, {
      uri: doc.uri,
      version,
      designDoc: analysis.designDoc.isDesignDoc,
      reason: analysis.designDoc.reason,
      ...requiredCoverage(analysis.coverage),
      sections: analysis.coverage.map((c) => ({
        id: c.id,
        title: c.title,
        level: c.level,
        state: c.state,
        ...(c.entry ? { line: c.entry.range.start.line } : {}),
      })),
      config: {
        ...(dc?.file ? { file: dc.file } : {}),
        problems: dc?.loaded.problems.length ?? 0,
        ...(dc?.fallback ? { fallback: dc.fallback } : {}),
      },
    });
  }

  /** Config problems go on the config files themselves, where they can be fixed. */
  function publishConfigProblems(): void {
    const byFile = configs.problemsByFile();
    const now = new Set<string>();
    for (const [file, problems] of byFile) {
      if (!file.startsWith('/')) continue;
      now.add(file);
      void connection.sendDiagnostics({
        uri: pathToFileURL(file).toString(),
        diagnostics: problems.map((p) => ({
          range: p.range,
          severity: DiagnosticSeverity.Error,
          source: SOURCE,
          code: 'config',
          message: `${p.message}. Linting uses the last good configuration until this is fixed.`,
        })),
      });
    }
    for (const file of problemFiles)
      if (!now.has(file)) void connection.sendDiagnostics({ uri: pathToFileURL(file).toString(), diagnostics: [] });
    problemFiles = now;
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

  /** A config or template changed: reload, re-check every open doc, validate open configs. */
  function configChanged(): void {
    configs.invalidate();
    for (const doc of documents.all()) {
      const p = uriToPath(doc.uri);
      if (p && isConfigFile(p)) configs.forFile(p, rootOf(p));
    }
    publishConfigProblems();
    relintAll();
  }

  /** Open config and template buffers stand in for their files while they are edited. */
  function track(doc: TextDocument): boolean {
    const p = uriToPath(doc.uri);
    if (!p) return false;
    openByPath.set(p, doc.uri);
    return configs.dependsOn(p);
  }

  documents.onDidOpen((e) => {
    if (track(e.document)) configChanged();
    else lintSafely(e.document);
  });
  documents.onDidChangeContent(async (e) => {
    const p = uriToPath(e.document.uri);
    if (p && configs.dependsOn(p)) {
      configChanged();
      return;
    }
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onType') schedule(e.document, settings.debounceMs);
  });
  documents.onDidSave(async (e) => {
    const settings = await settingsFor(e.document.uri);
    if (settings.run === 'onSave') lintSafely(e.document);
  });
  documents.onDidClose((e) => {
    const p = uriToPath(e.document.uri);
    if (p) openByPath.delete(p);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    analyses.delete(e.document.uri);
    parsers.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    if (p && configs.dependsOn(p)) configChanged();
    else void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onCodeAction(
    guard('codeAction', async (params: CodeActionParams) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const result = await analysisFor(doc);
      if (!result) return [];
      const { analysis } = result;
      const only = params.context.only;
      // A kind is asked for when `only` names it or a kind above it ("source" for source.fixAll.mldesign).
      const asked = (kind: string) => !!only?.some((o) => kind === o || kind.startsWith(o + '.'));
      const wants = (kind: string) => !only || asked(kind);
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
        for (const diag of ours) {
          const data = diag.data as DiagnosticData | undefined;
          // The analysis is of the current version: a diagnostic of an older one is matched by
          // rule, line and section.
          const finding =
            data?.version === doc.version && analysis.findings[data.index]?.ruleId === diag.code
              ? analysis.findings[data.index]
              : analysis.findings.find(
                  (f) => f.ruleId === diag.code && f.range.start.line === diag.range.start.line && f.sectionId === data?.sectionId,
                );
          const fixes = finding?.fixes ?? [];
          for (const fix of fixes) {
            actions.push(
              toCodeAction(fix, CodeActionKind.QuickFix, doc.uri, doc.version, { snippets: support.snippetEdits, diagnostics: [diag] }),
            );
          }
        }
        const fixable = analysis.findings.filter(inFixAll).length;
        if (ours.length && analysis.fixAll && fixable > 1) {
          actions.push(toCodeAction(analysis.fixAll, CodeActionKind.QuickFix, doc.uri, doc.version, { snippets: false }));
        }
      }
      if (analysis.fixAll && asked(FIX_ALL_KIND)) {
        // Plain text: fix-all runs on save, where tab stops would only get in the way.
        actions.push(toCodeAction(analysis.fixAll, FIX_ALL_KIND, doc.uri, doc.version, { snippets: false }));
      }
      return actions;
    }),
  );

  connection.onHover(
    guard('hover', async (params: HoverParams) => {
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
    guard('completion', async (params: CompletionParams) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return [];
      const result = await analysisFor(doc);
      if (!result) return [];
      const line = doc.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
      const team = teamSnippetCompletions(result.analysis, line, params.position, support.completionSnippets);
      if (!result.analysis.designDoc.isDesignDoc) return team;
      return [
        ...missingSectionCompletions(result.analysis, line, params.position, support.completionSnippets),
        ...templatePieceCompletions(result.analysis, line, params.position, support.completionSnippets),
        ...team,
      ];
    }),
  );

  connection.onShutdown(() => collector.dispose());
  documents.listen(connection);
  connection.listen();
}
