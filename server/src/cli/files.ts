import fs from 'node:fs';
import path from 'node:path';

export const MARKDOWN_EXTENSIONS = /\.(md|markdown|mdown|mkd)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'coverage']);

export class UsageError extends Error {}

/** Markdown files under the given paths, each once, in a stable order. Folders are walked
 * (skipping node_modules, VCS and build folders); files named directly are always taken. */
export function collectFiles(inputs: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const input of inputs) {
    const abs = path.resolve(cwd, input);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${input}`);
    }
    if (stat.isDirectory()) walk(abs, out);
    else out.add(abs);
  }
  return [...out];
}

function walk(dir: string, out: Set<string>): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(full, out);
    } else if (e.isFile() && MARKDOWN_EXTENSIONS.test(e.name)) {
      out.add(full);
    }
  }
}
