// The language service's state: the open documents and their versions, a parser and the
// last analysis per document, settings per document, the configuration of each (workspace
// folders, trust, config files read through open buffers first). It knows no connection:
// what comes from outside comes through WorkspaceHost and SettingsSource, so every editor
// feature runs in process against an in-memory workspace in the tests, and the same service
// runs in Node and in a browser's Web Worker.
import type { TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LiveDocument } from './live-document';
import {
  analyze,
  applySettings,
  CONFIG_FILE_NAMES,
  ConfigCache,
  IncrementalParser,
  isConfigFile,
  isInside,
  joinPath,
  readSettings,
  skippedAnalysis,
  type Analysis,
  type DesignDocDetection,
  type CachingConfigHost,
  type ConfigProblem,
  type DocumentConfig,
  type ResolvedConfig,
  type Settings,
} from '../core';
import { coverageConfig } from './convert';
import { Lru } from './lru';
import type { CoverageParams } from './protocol';

/** Documents whose parse trees and analysis stay in memory (the ones being worked on). */
export const KEEP_DOCUMENTS = 8;

/** Where documents live: URIs to paths and back, and the reader of config files. */
export interface WorkspaceHost {
  /** The path (absolute, POSIX separators) a URI names, or undefined when it names none
   * (untitled:, a URI with a host, a malformed one). Never throws. */
  toPath(uri: string): string | undefined;
  /** The URI of a path, or undefined when it is not a file ('builtin:strict'). */
  toUri(path: string): string | undefined;
  /** A path the user gave (mldesign.configFile), absolute or relative to `root`. */
  resolve(root: string, path: string): string;
  /** The reader configs and templates go through; `overlay` gives open buffers by path. */
  configHost(overlay: (path: string) => string | undefined): CachingConfigHost | FetchingConfigHost;
  /** The workspace folders changed (the browser host reads files in their scheme). */
  foldersChanged?(folders: readonly { uri: string; path: string }[]): void;
}

/** A config host whose files arrive later: the browser's, which reads through the client.
 * A read of a file it does not have yet answers 'missing' and is remembered, and
 * `fetchMissed` gets those files; the service fetches before it loads for real. */
export interface FetchingConfigHost extends CachingConfigHost {
  /** Fetches the files reads missed since the last call; false when there were none. */
  fetchMissed(): Promise<boolean>;
}

/** Rounds of fetching before a configuration is loaded anyway: each round follows one more
 * level (the config, what it extends, their templates); a chain this deep is not a team's. */
const MAX_FETCH_ROUNDS = 32;

/** Where what is taught from the editor (an alias, a heading ruled out) is written: the
 * document's config file, or a new one at the root when it has none. */
export type TeachTarget =
  { kind: 'edit'; path: string; uri: string; text: string; version: number | null } | { kind: 'create'; path: string; uri: string };

/** The version a file read from the disk is analysed as (an editor's versions start at 1). */
export const DISK_VERSION = 0;

/** A document's settings (workspace/configuration, or the defaults for a client without). */
export type SettingsSource = (uri: string) => Promise<Settings>;

/** A document's analysis, of the version it names. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  analysis: Analysis;
  /** The document's configuration, when it lives in a folder a config may be found in. */
  config: DocumentConfig | undefined;
  /** The URI of the config file in force, if any (the client opens it from there). */
  configUri?: string | undefined;
}

/** Where an analysis's answer comes from, for the features: the service on the main thread,
 * or the analysis worker's own holder of the one document it was asked about. */
export type AnalysisSource = Pick<DocumentService, 'analysis' | 'get'>;

/** A document's current version and what its analysis depends on, as plain data. */
export interface Snapshot {
  uri: string;
  version: number;
  /** The whole text, built when asked: a large document's is a copy of megabytes, and only
   * a worker that has no earlier version of it needs it. */
  text: () => string;
  /** The open document the text is of: it tells what changed since an earlier version, so a
   * worker holding that version is sent the change. None for a file read from the disk. */
  source?: Pick<LiveDocument, 'since'>;
  config: ResolvedConfig;
  /** The configuration as the coverage notification tells it. */
  coverageConfig: CoverageParams['config'];
  path: string | undefined;
  detection: DesignDocDetection;
  maxSize: number;
}

interface CachedAnalysis {
  version: number;
  settings: Settings;
  config: ResolvedConfig;
  analysis: Analysis;
}

export class DocumentService {
  private readonly docs = new Map<string, LiveDocument>();
  /** Open buffers by path: they stand in for their files while they are edited. */
  private readonly openByPath = new Map<string, string>();
  /** Per open document: re-parses only the part of the text an edit touched. */
  private readonly parsers = new Lru<string, IncrementalParser>(KEEP_DOCUMENTS);
  private readonly analyses = new Lru<string, CachedAnalysis>(KEEP_DOCUMENTS);
  private readonly settingsCache = new Map<string, Promise<Settings>>();
  /** The settings whose request has been answered (the lint queue analyses only these). */
  private readonly settled = new Map<string, Settings>();
  private folders: { uri: string; path: string }[] = [];
  private readonly host: CachingConfigHost;
  /** The host, when its files must be fetched before a configuration is loaded. */
  private readonly fetching: FetchingConfigHost | undefined;
  /** With a fetching host: per document, its settings once its configuration's files are
   * at hand (dropped when configurations are reloaded), and those already there. */
  private readonly readyCache = new Map<string, Promise<Settings>>();
  private readonly readyNow = new Map<string, Settings>();
  /** With a fetching host: the reload of configurations under way, if any. */
  private reloading: Promise<void> | undefined;
  readonly configs: ConfigCache;

  constructor(
    private readonly workspace: WorkspaceHost,
    private readonly settingsSource: SettingsSource,
    /** Called after each analysis: the idle collector counts work. */
    private readonly worked: () => void = () => {},
  ) {
    const host = workspace.configHost((p) => {
      const uri = this.openByPath.get(p);
      return uri === undefined ? undefined : this.docs.get(uri)?.getText();
    });
    this.host = host;
    this.fetching = 'fetchMissed' in host ? host : undefined;
    this.configs = new ConfigCache(host);
  }

  // --- workspace ------------------------------------------------------------------------

  /** Editors without a notion of trust (most) trust the workspace they open. */
  set trusted(trusted: boolean) {
    this.host.trusted = trusted;
  }

  get trusted(): boolean {
    return this.host.trusted;
  }

  setWorkspaceFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => {
      const p = this.workspace.toPath(uri);
      return p === undefined ? [] : [{ uri, path: p }];
    });
    this.workspace.foldersChanged?.(this.folders);
  }

  changeWorkspaceFolders(added: readonly string[], removed: readonly string[]): void {
    const gone = new Set(removed);
    this.setWorkspaceFolders([...this.folders.map((f) => f.uri).filter((u) => !gone.has(u)), ...added]);
  }

  /** The workspace folders (URI and path). */
  workspaceFolders(): readonly { uri: string; path: string }[] {
    return this.folders;
  }

  /** The workspace folder holding a path (the deepest), if one does. */
  folderOf(p: string): { uri: string; path: string } | undefined {
    const root = this.rootOf(p);
    return this.folders.find((f) => f.path === root);
  }

  /** The workspace folder holding a path (the deepest): the root nothing is read above. */
  private rootOf(p: string): string {
    let best: string | undefined;
    for (const { path: r } of this.folders) {
      if ((p === r || p.startsWith(r.endsWith('/') ? r : r + '/')) && (best === undefined || r.length > best.length)) best = r;
    }
    return best ?? p.slice(0, Math.max(p.lastIndexOf('/'), 1));
  }

  // --- documents ------------------------------------------------------------------------

  get(uri: string): LiveDocument | undefined {
    return this.docs.get(uri);
  }

  all(): LiveDocument[] {
    return [...this.docs.values()];
  }

  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const doc = new LiveDocument(uri, languageId, version, text);
    this.docs.set(uri, doc);
    // A document opened again (without a close) starts afresh: version 1 may come again.
    this.analyses.delete(uri);
    const p = this.workspace.toPath(uri);
    if (p !== undefined) this.openByPath.set(p, uri);
    return doc;
  }

  /** Applies a change; undefined (and nothing changes) when the document is not open or
   * the version is not newer than the one held: a late or replayed change never replaces
   * the text that later ones were made against. */
  change(uri: string, version: number, changes: readonly TextDocumentContentChangeEvent[]): TextDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc || !(version > doc.version)) return undefined;
    doc.update(changes, version);
    return doc;
  }

  close(uri: string): TextDocument | undefined {
    const doc = this.docs.get(uri);
    this.docs.delete(uri);
    const p = this.workspace.toPath(uri);
    if (p !== undefined && this.openByPath.get(p) === uri) this.openByPath.delete(p);
    this.analyses.delete(uri);
    this.parsers.delete(uri);
    this.settingsCache.delete(uri);
    this.settled.delete(uri);
    this.readyCache.delete(uri);
    this.readyNow.delete(uri);
    return doc;
  }

  /** Whether a change to this URI's file means configurations must be reloaded (a config
   * file, a template or a file a config extends). */
  isConfigSource(uri: string): boolean {
    const p = this.workspace.toPath(uri);
    return p !== undefined && this.configs.dependsOn(p);
  }

  // --- settings -------------------------------------------------------------------------

  /** The document's settings, asked once and remembered until they change. */
  settings(uri: string): Promise<Settings> {
    let s = this.settingsCache.get(uri);
    if (!s) {
      const asked = this.settingsSource(uri).catch(() => readSettings(undefined));
      this.settingsCache.set(uri, (s = asked));
      void asked.then((v) => {
        if (this.settingsCache.get(uri) === asked) this.settled.set(uri, v);
      });
    }
    return s;
  }

  /** The document's settings once it can be analysed: at once with the Node host; with a
   * fetching host, once every file its configuration reads is at hand. */
  ready(uri: string): Promise<Settings> {
    if (!this.fetching) return this.settings(uri);
    let ready = this.readyCache.get(uri);
    if (!ready) {
      const asked = this.settings(uri).then(async (s) => {
        await this.fetchConfigFiles((probe) => this.documentConfig(uri, s, probe));
        return s;
      });
      this.readyCache.set(uri, (ready = asked));
      asked.then(
        (s) => {
          if (this.readyCache.get(uri) === asked) this.readyNow.set(uri, s);
        },
        () => {}, // the caller of ready() gets the error
      );
    }
    return ready;
  }

  /** The settings if the document can be analysed now (without waiting), else undefined. */
  readySettings(uri: string): Settings | undefined {
    return this.fetching ? this.readyNow.get(uri) : this.settled.get(uri);
  }

  settingsChanged(): void {
    this.settingsCache.clear();
    this.settled.clear();
    this.readyCache.clear();
    this.readyNow.clear();
  }

  // --- configuration --------------------------------------------------------------------

  /** A config or template changed: drop loaded configurations, and load the open config
   * files again so their problems are known before any document asks for them. With a
   * fetching host that waits for their files: the promise says when it is done. */
  reloadConfigs(): Promise<void> | undefined {
    this.configs.invalidate();
    this.analyses.clear();
    const open = [...this.docs.keys()].flatMap((uri) => {
      const p = this.workspace.toPath(uri);
      return p !== undefined && isConfigFile(p) ? [{ p, root: this.rootOf(p) }] : [];
    });
    const load = (cache: ConfigCache) => open.forEach(({ p, root }) => cache.forFile(p, root));
    if (!this.fetching) {
      load(this.configs);
      return undefined;
    }
    // Every document fetches its configuration's files again before its next analysis.
    this.readyCache.clear();
    this.readyNow.clear();
    const reloading = this.fetchConfigFiles(load).then(() => {
      if (this.reloading !== reloading) return; // a newer reload took over
      load(this.configs);
      this.reloading = undefined;
    });
    this.reloading = reloading;
    return reloading;
  }

  /** Loads configurations in a throwaway cache until they read nothing the host lacks:
   * each round fetches what the one before missed (the config file, then what it extends
   * and its templates), so the service's own cache only ever loads from files at hand. */
  private async fetchConfigFiles(load: (probe: ConfigCache) => void): Promise<void> {
    const host = this.fetching;
    if (!host) return;
    for (let round = 0; round < MAX_FETCH_ROUNDS; round++) {
      load(new ConfigCache(host));
      // A fetch that fails leaves its files missing: the real load reports them.
      if (!(await host.fetchMissed().catch(() => false))) return;
    }
  }

  /** Where the document's team config is taught (features/teach.ts): the config file in
   * force when it is the workspace's own (not a package's, not outside the workspace), as
   * its open buffer or file holds it, with the buffer's version; a new `.mldesign.yaml` at
   * the workspace root when there is none. Undefined when nothing may be written: an
   * untrusted workspace, a document with no path, a config that cannot be read. */
  async teachTarget(uri: string): Promise<TeachTarget | undefined> {
    const p = this.workspace.toPath(uri);
    if (!this.trusted || p === undefined) return undefined;
    const dc = this.documentConfig(uri, await this.ready(uri));
    const root = this.rootOf(p);
    if (!dc?.file) {
      const path = joinPath(root, CONFIG_FILE_NAMES[0]);
      const target = this.workspace.toUri(path);
      return target === undefined ? undefined : { kind: 'create', path, uri: target };
    }
    if (!isInside(root, dc.file) || dc.file.split('/').includes('node_modules')) return undefined;
    const read = this.host.read(dc.file, root);
    // The client's own URI of an open buffer: its version must name the text read.
    const open = this.openByPath.get(dc.file);
    const target = open ?? this.workspace.toUri(dc.file);
    if (!('text' in read) || target === undefined) return undefined;
    return { kind: 'edit', path: dc.file, uri: target, text: read.text, version: open ? (this.docs.get(open)?.version ?? null) : null };
  }

  /** Every problem of every loaded config, by the config file's URI. */
  configProblems(): Map<string, ConfigProblem[]> {
    const out = new Map<string, ConfigProblem[]>();
    for (const [file, problems] of this.configs.problemsByFile()) {
      const uri = this.workspace.toUri(file);
      if (uri !== undefined) out.set(uri, problems);
    }
    return out;
  }

  private documentConfig(uri: string, settings: Settings, cache = this.configs): DocumentConfig | undefined {
    const p = this.workspace.toPath(uri);
    if (p === undefined) return undefined;
    const root = this.rootOf(p);
    const explicit = settings.configFile ? this.workspace.resolve(root, settings.configFile) : undefined;
    return cache.forDocument(p, root, explicit);
  }

  /** The document's path relative to its workspace folder, for design-doc detection. */
  private relativePath(uri: string): string | undefined {
    const p = this.workspace.toPath(uri);
    if (p === undefined) return undefined;
    const root = this.rootOf(p);
    return p.startsWith(root + '/') ? p.slice(root.length + 1) : p.slice(p.lastIndexOf('/') + 1);
  }

  // --- analysis -------------------------------------------------------------------------

  /** The analysis of the document's current version, once its settings are in; undefined
   * when it is not open, not Markdown or mldesign is turned off for it. */
  async analysis(uri: string): Promise<DocumentAnalysis | undefined> {
    if (!this.docs.has(uri)) return undefined;
    const settings = await this.ready(uri);
    const doc = this.docs.get(uri);
    return doc && this.analyze(doc, settings);
  }

  /** Analyses the document as it is now with the given settings (synchronous: the lint
   * queue decides when this work is done). Kept per version, settings and configuration. */
  analyze(doc: TextDocument, settings: Settings): DocumentAnalysis | undefined {
    const hit = this.cached(doc, settings);
    if (hit !== undefined) return hit ?? undefined;
    const { dc, config } = this.configOf(doc.uri, settings);
    let parser = this.parsers.get(doc.uri);
    if (!parser) this.parsers.set(doc.uri, (parser = new IncrementalParser()));
    const analysis = analyze(doc.getText(), {
      config,
      path: this.relativePath(doc.uri),
      detection: settings.designDocs,
      maxSize: settings.maxDocumentSize,
      parse: (text) => parser.parse(text),
      prepare: (text) => parser.prepare(text),
    });
    this.analyses.set(doc.uri, { version: doc.version, settings, config, analysis });
    this.worked();
    return { uri: doc.uri, version: doc.version, analysis, config: dc, configUri: this.configUri(dc) };
  }

  /** Analyses a file's text as read from the disk (a document the editor has not opened):
   * its configuration and path as an open one's, a full parse, nothing kept (the workspace
   * check reads thousands; the text is read again when it changes). Undefined when mldesign
   * is turned off. */
  analyzeText(uri: string, text: string, settings: Settings): DocumentAnalysis | undefined {
    if (!settings.enable) return undefined;
    const { dc, config } = this.configOf(uri, settings);
    const analysis = analyze(text, {
      config,
      path: this.relativePath(uri),
      detection: settings.designDocs,
      maxSize: settings.maxDocumentSize,
    });
    this.worked();
    return { uri, version: DISK_VERSION, analysis, config: dc, configUri: this.configUri(dc) };
  }

  /** What the analysis worker needs to analyse a file's text as read from the disk. */
  diskSnapshot(uri: string, text: string, settings: Settings): Snapshot {
    const { dc, config } = this.configOf(uri, settings);
    return {
      uri,
      version: DISK_VERSION,
      text: () => text,
      config,
      coverageConfig: coverageConfig(dc, this.configUri(dc)),
      path: this.relativePath(uri),
      detection: settings.designDocs,
      maxSize: settings.maxDocumentSize,
    };
  }

  /** The analysis of the document's current version with these settings if one is at hand
   * (null: mldesign does not check this document), else undefined. */
  cached(doc: TextDocument, settings: Settings): DocumentAnalysis | null | undefined {
    if (!settings.enable || doc.languageId !== 'markdown') return null;
    const { dc, config } = this.configOf(doc.uri, settings);
    const hit = this.analyses.get(doc.uri);
    if (hit && hit.version === doc.version && hit.settings === settings && hit.config === config)
      return { uri: doc.uri, version: doc.version, analysis: hit.analysis, config: dc, configUri: this.configUri(dc) };
    return undefined;
  }

  /** What an analysis of the document's current version elsewhere (the Node server's worker)
   * needs, once it can be analysed; undefined when it is gone, not ready, not checked, or
   * its analysis is at hand here already. */
  snapshot(uri: string): Snapshot | undefined {
    const doc = this.docs.get(uri);
    const settings = this.readySettings(uri);
    if (!doc || !settings || this.cached(doc, settings) !== undefined) return undefined;
    const { dc, config } = this.configOf(uri, settings);
    return {
      uri,
      version: doc.version,
      text: () => doc.getText(),
      source: doc,
      config,
      coverageConfig: coverageConfig(dc, this.configUri(dc)),
      path: this.relativePath(uri),
      detection: settings.designDocs,
      maxSize: settings.maxDocumentSize,
    };
  }

  /** Keeps, as the analysis of this version, one that says it was not checked (the worker
   * passed its deadline): requests about the version answer from it, nothing tries again. */
  skip(uri: string, version: number, message: string, detail: string): void {
    const doc = this.docs.get(uri);
    const settings = this.readySettings(uri);
    if (!doc || doc.version !== version || !settings || this.cached(doc, settings) !== undefined) return;
    const { config } = this.configOf(uri, settings);
    const analysis = skippedAnalysis({ config }, message, detail);
    this.analyses.set(uri, { version, settings, config, analysis });
  }

  /** The configuration a document at this URI is checked with. */
  resolvedConfig(uri: string, settings: Settings): ResolvedConfig {
    return this.configOf(uri, settings).config;
  }

  private configOf(uri: string, settings: Settings): { dc: DocumentConfig | undefined; config: ResolvedConfig } {
    const dc = this.documentConfig(uri, settings);
    return { dc, config: applySettings(dc?.config ?? this.configs.forFile(undefined, '/').config, settings) };
  }

  private configUri(dc: DocumentConfig | undefined): string | undefined {
    return dc?.file === undefined ? undefined : this.workspace.toUri(dc.file);
  }

  /** Drop remembered analyses (settings changed): they are recomputed when asked for. */
  forgetAnalyses(): void {
    this.analyses.clear();
  }
}
