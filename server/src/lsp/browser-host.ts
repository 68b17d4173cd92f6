// The workspace as the browser server sees it (a Web Worker: no disk, no Node). A document's
// path is its URI's path, whatever the scheme, and config and template files are read
// through the client (mldesign/readFile, answered with vscode.workspace.fs) in the scheme
// and authority of the workspace folder holding them: vscode-vfs in github.dev,
// vscode-test-web, file. So a document from the GitHub Pull Requests extension (pr:) finds
// the team config of the folder its path is in.
import { isInside, joinPath, MAX_CONFIG_FILE_BYTES, normalizePath, type HostRead } from '../core';
import type { FetchingConfigHost, WorkspaceHost } from './documents';
import type { ReadFileParams, ReadFileResult } from './protocol';

/** Why a package in node_modules is not read here (the language status says it too). */
export const NO_PACKAGES_IN_BROWSER = 'packages from node_modules are not loaded in the browser';

interface Origin {
  /** `scheme://authority`, as written in the folder's URI. */
  origin: string;
  path: string;
}

/** A URI's origin and decoded path, or undefined when it names no file (untitled:, an
 * opaque or malformed URI, an encoded '/' or a dot segment that would move the path). */
export function parseUri(uri: string): Origin | undefined {
  // scheme://authority/path; without '//' a URI is opaque (untitled:Untitled-1): no path.
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(\/[^?#]*)?(?:[?#]|$)/i.exec(uri);
  if (!m || m[1]!.toLowerCase() === 'untitled') return undefined;
  const segments: string[] = [];
  for (const raw of (m[3] ?? '/').split('/')) {
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (s.includes('/') || s.includes('\\') || s.includes('\0') || s === '.' || s === '..') return undefined;
    segments.push(s);
  }
  return { origin: `${m[1]}://${m[2]}`, path: normalizePath(segments.join('/')) };
}

const encodePath = (p: string) => p.split('/').map(encodeURIComponent).join('/');

export class BrowserWorkspace implements WorkspaceHost {
  private folders: Origin[] = [];

  /** `readFile` asks the client (the connection's mldesign/readFile request). */
  constructor(readonly readFile: (params: ReadFileParams) => Promise<ReadFileResult>) {}

  foldersChanged(folders: readonly { uri: string; path: string }[]): void {
    this.folders = folders.flatMap((f) => {
      const o = parseUri(f.uri);
      return o ? [o] : [];
    });
  }

  toPath(uri: string): string | undefined {
    return parseUri(uri)?.path;
  }

  /** The URI of a path in the deepest workspace folder holding it (else the first folder's
   * scheme: a mldesign.configFile elsewhere in the same file system). */
  toUri(path: string): string | undefined {
    if (!path.startsWith('/')) return undefined;
    let best: Origin | undefined;
    for (const f of this.folders) if (isInside(f.path, path) && (!best || f.path.length > best.path.length)) best = f;
    const folder = best ?? this.folders[0];
    return folder && folder.origin + encodePath(path);
  }

  resolve(root: string, path: string): string {
    return joinPath(root, path);
  }

  configHost(overlay: (path: string) => string | undefined): BrowserConfigHost {
    return new BrowserConfigHost(this, overlay);
  }
}

/** Serves config reads from the files fetched so far; a read of one not fetched yet is
 * 'missing' and remembered, and `fetchMissed` asks the client for those. Containment is by
 * path (the folder's URI path): there are no symbolic links to resolve in a virtual file
 * system, and the client refuses to follow one where there are (file:, vscode-remote:). */
export class BrowserConfigHost implements FetchingConfigHost {
  trusted = true;
  private readonly known = new Map<string, HostRead>();
  private readonly missed = new Set<string>();
  /** Bumped by forget(): a fetch begun before it may have read the old text. */
  private generation = 0;

  constructor(
    private readonly workspace: BrowserWorkspace,
    private readonly overlay: (path: string) => string | undefined,
  ) {}

  read(p: string, within: string): HostRead {
    if (!isInside(within, p)) return { refused: `it is outside ${within}` };
    if (p.split('/').includes('node_modules')) return { refused: NO_PACKAGES_IN_BROWSER };
    // An open buffer stands in for its file (its place was checked above).
    const open = this.overlay(p);
    if (open !== undefined) return { text: open };
    const known = this.known.get(p);
    if (known) return known;
    this.missed.add(p);
    return { missing: true };
  }

  async fetchMissed(): Promise<boolean> {
    const paths = [...this.missed].filter((p) => !this.known.has(p));
    this.missed.clear();
    if (!paths.length) return false;
    const generation = this.generation;
    const reads = await Promise.all(paths.map((p) => this.fetch(p)));
    if (generation === this.generation) paths.forEach((p, i) => this.known.set(p, reads[i]!));
    return true;
  }

  private async fetch(p: string): Promise<HostRead> {
    const uri = this.workspace.toUri(p);
    if (uri === undefined) return { missing: true };
    try {
      return asHostRead(await this.workspace.readFile({ uri, maxBytes: MAX_CONFIG_FILE_BYTES }));
    } catch (e) {
      return { refused: `cannot read it (${(e as Error).message})` };
    }
  }

  forget(): void {
    this.known.clear();
    this.missed.clear();
    this.generation++;
  }
}

/** The client's answer, checked: it crossed a process boundary. */
function asHostRead(r: unknown): HostRead {
  const a = (r ?? {}) as Partial<Record<'text' | 'missing' | 'refused', unknown>>;
  if (typeof a.text === 'string') return { text: a.text };
  if (a.missing === true) return { missing: true };
  return { refused: typeof a.refused === 'string' ? a.refused : 'the editor gave no answer for it' };
}
