// The workspace as Node sees it: file: URIs to paths and back, and config files read from
// the disk (open buffers first). The one place in the language service that knows node:url.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { NodeConfigHost, toPosix } from '../node/config-cache';
import type { WorkspaceHost } from './documents';

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

export const NODE_WORKSPACE: WorkspaceHost = {
  toPath: uriToPath,
  toUri: pathToUri,
  resolve: (root, p) => toPosix(path.resolve(root, p)),
  configHost: (overlay) => new NodeConfigHost(true, overlay),
};
