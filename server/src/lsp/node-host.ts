// The workspace as Node sees it: file: URIs to paths and back, config files read from the
// disk (open buffers first), and the workspace check's walk and reads (the CLI's walk). The
// one place in the language service that knows node:url.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NodeConfigHost, toPosix } from '../node/config-cache';
import { IGNORE_FILES, walkMarkdown, walkTakes, type UnreadableFolder } from '../node/files';
import { decodeUtf8, readRegularFile } from '../node/read-file';
import type { WorkspaceHost } from './documents';
import { Lru } from './lru';
import type { DiskFiles } from './ports';

/** The local path of a file: URI (absolute, POSIX separators), or undefined for any other
 * URI. Never throws: a URI with a host (file://server/share/x.md, a UNC path elsewhere),
 * an encoded '/' or a broken escape names no file we can read, so the document is checked
 * with the default configuration, like an untitled one. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toPosix(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** The file: URI of an absolute path; undefined for anything else ('builtin:strict'). */
export function pathToUri(p: string): string | undefined {
  if (!path.isAbsolute(p)) return undefined;
  try {
    return pathToFileURL(p).toString();
  } catch {
    return undefined;
  }
}

/** uriToPath's answers for the URIs seen last: the service asks for the same few on every
 * keystroke (the configuration, whether it is a config file, the relative path), and
 * node:url's parse was a tenth of the main thread's time per keystroke in bench:lsp. */
const PATHS = new Lru<string, string | null>(4096);

export const NODE_WORKSPACE: WorkspaceHost = {
  toPath: (uri) => {
    let p = PATHS.get(uri);
    if (p === undefined) PATHS.set(uri, (p = uriToPath(uri) ?? null));
    return p ?? undefined;
  },
  toUri: pathToUri,
  resolve: (root, p) => toPosix(path.resolve(root, p)),
  configHost: (overlay) => new NodeConfigHost(true, overlay),
};

/** A folder's path quoted and escaped (a name may hold control characters), and why. */
const shown = (f: UnreadableFolder) => `${JSON.stringify(toPosix(f.path))} (${f.code})`;

/** The disk as the workspace check reads it: the CLI's walk (node/files.ts). */
export const NODE_DISK: DiskFiles = {
  *walk(root, unreadable) {
    const folders: UnreadableFolder[] = [];
    for (const file of walkMarkdown(root, [], () => true, folders)) {
      while (folders.length) unreadable.push(shown(folders.shift()!));
      yield file === null ? null : toPosix(file);
    }
    for (const f of folders) unreadable.push(shown(f));
  },
  takes: (root, file) => walkTakes(root, file),
  isIgnoreFile: (file) => IGNORE_FILES.includes(path.posix.basename(file)),
  read(file, maxChars) {
    // A UTF-16 unit takes at most 3 bytes: a file that may hold more characters than the
    // limit is not read whole (analyze would only say it is too large).
    const read = readRegularFile(file, maxChars * 3 + 3);
    if ('refused' in read) return { unreadable: `Not checked: this file was not read (${read.refused})` };
    const text = decodeUtf8(read.bytes);
    return 'text' in text
      ? text
      : { unreadable: `Not checked: this file is not valid UTF-8 (line ${text.invalidLine}); re-save it as UTF-8` };
  },
};
