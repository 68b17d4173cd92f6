// Which files `mldesign lint PATH|GLOB...` looks at. Folders are walked for Markdown files,
// honouring .gitignore and .mldesignignore (at every level, as git does) and skipping VCS
// folders and node_modules; a glob is matched against the walk of the working folder; a
// file named directly is always taken.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { readRegularFile } from '../node/read-file';

export const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.mldesign']);
const IGNORE_FILES = ['.gitignore', '.mldesignignore'];
/** Far beyond any real ignore file; a larger one is not read. */
const MAX_IGNORE_FILE_BYTES = 4_000_000;

export class UsageError extends Error {}

/** A folder the walk could not list, and why (the error code). */
export interface UnreadableFolder {
  path: string;
  code: string;
}

interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

const isGlob = (s: string) => /[*?[\]{}!]/.test(s);

/** The files to lint; folders that could not be listed (no permission, a path longer than
 * the system allows) go to `unreadable`, to be reported: nothing in them was checked. */
export function collectFiles(inputs: readonly string[], cwd: string, unreadable: UnreadableFolder[] = []): string[] {
  const out = new Set<string>();
  const walk = (dir: string, levels: readonly IgnoreLevel[], keep: (file: string) => boolean) =>
    walkFolder(dir, levels, out, keep, unreadable);
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) walk(abs, ancestorsIgnores(abs, cwd), () => true);
    else if (stat) out.add(abs);
    else if (isGlob(input)) {
      const match = picomatch(input.split(path.sep).join('/'), { dot: false });
      const before = out.size;
      walk(cwd, ancestorsIgnores(cwd, cwd), (file) => match(path.relative(cwd, file).split(path.sep).join('/')));
      if (out.size === before) throw new UsageError(`no Markdown files match ${input}`);
    } else throw new UsageError(`no such file or folder: ${input}`);
  }
  return [...out];
}

/** Ignore files between the working folder and a folder given on the command line. */
function ancestorsIgnores(dir: string, cwd: string): IgnoreLevel[] {
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

function walkFolder(
  dir: string,
  levels: readonly IgnoreLevel[],
  out: Set<string>,
  keep: (file: string) => boolean,
  unreadable: UnreadableFolder[],
): void {
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
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(e.name) && !ignored(here, full, true)) walkFolder(full, here, out, keep, unreadable);
    } else if (e.isFile() && MARKDOWN_EXTENSIONS.test(e.name) && !ignored(here, full, false) && keep(full)) {
      out.add(full);
    }
  }
}
