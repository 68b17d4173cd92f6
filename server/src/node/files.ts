// Which Markdown files a folder holds, as both the CLI (`mldesign lint` with a folder or no
// path) and the language server's workspace check see them: walked with .gitignore and
// .mldesignignore honoured at every level (as git does), VCS folders, node_modules and
// .mldesign skipped, names sorted. One walk for both, so the editor's Problems list shows
// the files the CI run checks. The walk is a generator that stops after each folder, so
// the server can give the event loop a turn between two folders of a large repository.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { readRegularFile } from './read-file';

export const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.mldesign']);
export const IGNORE_FILES = ['.gitignore', '.mldesignignore'];
/** Far beyond any real ignore file; a larger one is not read. */
const MAX_IGNORE_FILE_BYTES = 4_000_000;

/** A folder the walk could not list, and why (the error code). */
export interface UnreadableFolder {
  path: string;
  code: string;
}

export interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

/** Ignore files between the working folder and a folder inside it, outermost first. */
export function ancestorsIgnores(dir: string, cwd: string): IgnoreLevel[] {
  const chain: string[] = [];
  const rel = path.relative(cwd, dir);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return [];
  for (let d = path.dirname(dir); d.length >= cwd.length && d !== path.dirname(d); d = path.dirname(d)) {
    chain.unshift(d);
    if (d === cwd) break;
  }
  return chain.map(loadIgnores).filter((l): l is IgnoreLevel => !!l);
}

function loadIgnores(dir: string): IgnoreLevel | undefined {
  let ig: Ignore | undefined;
  for (const name of IGNORE_FILES) {
    // A FIFO or /dev/zero linked as .gitignore must not hang the walk or fill the memory.
    const read = readRegularFile(path.join(dir, name), MAX_IGNORE_FILE_BYTES);
    if ('refused' in read) continue;
    (ig ??= ignore()).add(read.bytes.toString('utf8'));
  }
  return ig && { dir, ig };
}

function ignored(levels: readonly IgnoreLevel[], full: string, isDir: boolean): boolean {
  for (const { dir, ig } of levels) {
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (rel && !rel.startsWith('..') && ig.ignores(isDir ? rel + '/' : rel)) return true;
  }
  return false;
}

/** The Markdown files under `dir` (depth first, names sorted), a `null` after each folder
 * listed (a point to pause at). `levels`: the ignore files of the folders above it. Folders
 * that cannot be listed go to `unreadable`: nothing in them was checked, and that is said. */
export function* walkMarkdown(
  dir: string,
  levels: readonly IgnoreLevel[],
  keep: (file: string) => boolean,
  unreadable: UnreadableFolder[],
): Generator<string | null, void, undefined> {
  const own = loadIgnores(dir);
  const here = own ? [...levels, own] : levels;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Gone since it was listed: nothing to say. Anything else is said, not skipped silently.
    if (code !== 'ENOENT') unreadable.push({ path: dir, code: code ?? (e as Error).message });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  yield null;
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(e.name) && !ignored(here, full, true)) yield* walkMarkdown(full, here, keep, unreadable);
    } else if (e.isFile() && MARKDOWN_EXTENSIONS.test(e.name) && !ignored(here, full, false) && keep(full)) {
      yield full;
    }
  }
}

/** Whether a walk of `root` takes `file` (a Markdown file below it, in no skipped or ignored
 * folder, not ignored itself): a file that changed on disk is checked again only then. */
export function walkTakes(root: string, file: string): boolean {
  const rel = path.relative(root, file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel) || !MARKDOWN_EXTENSIONS.test(file)) return false;
  const parts = rel.split(path.sep);
  if (parts.slice(0, -1).some((p) => ALWAYS_SKIPPED.has(p))) return false;
  const levels: IgnoreLevel[] = [];
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    const own = loadIgnores(dir);
    if (own) levels.push(own);
    dir = path.join(dir, part);
    if (ignored(levels, dir, true)) return false;
  }
  const own = loadIgnores(dir);
  if (own) levels.push(own);
  return !ignored(levels, file, false);
}
