// Which files `mldesign lint PATH|GLOB...` looks at. Folders are walked for Markdown files,
// honouring .gitignore and .mldesignignore (at every level, as git does) and skipping VCS
// folders and node_modules; a glob is matched against the walk of the working folder; a
// file named directly is always taken.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';

export const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd)$/i;
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.mldesign']);
const IGNORE_FILES = ['.gitignore', '.mldesignignore'];

export class UsageError extends Error {}

interface IgnoreLevel {
  dir: string;
  ig: Ignore;
}

const isGlob = (s: string) => /[*?[\]{}!]/.test(s);

export function collectFiles(inputs: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) walk(abs, ancestorsIgnores(abs, cwd), out, () => true);
    else if (stat) out.add(abs);
    else if (isGlob(input)) {
      const match = picomatch(input.split(path.sep).join('/'), { dot: false });
      const before = out.size;
      walk(cwd, ancestorsIgnores(cwd, cwd), out, (file) => match(path.relative(cwd, file).split(path.sep).join('/')));
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
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    (ig ??= ignore()).add(text);
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

function walk(dir: string, levels: readonly IgnoreLevel[], out: Set<string>, keep: (file: string) => boolean): void {
  const own = loadIgnores(dir);
  const here = own ? [...levels, own] : levels;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // unreadable folder: nothing to lint there
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!ALWAYS_SKIPPED.has(e.name) && !ignored(here, full, true)) walk(full, here, out, keep);
    } else if (e.isFile() && MARKDOWN_EXTENSIONS.test(e.name) && !ignored(here, full, false) && keep(full)) {
      out.add(full);
    }
  }
}
