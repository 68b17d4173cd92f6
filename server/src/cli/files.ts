// Which files `mldesign lint PATH|GLOB...` looks at. Folders are walked for Markdown files
// by node/files.ts (the walk the language server's workspace check uses too), honouring
// .gitignore and .mldesignignore and skipping VCS folders and node_modules; a glob is
// matched against the walk of the working folder; a file named directly is always taken.
import fs from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { ancestorsIgnores, walkMarkdown, type UnreadableFolder } from '../node/files';

export { MARKDOWN_EXTENSIONS, type UnreadableFolder } from '../node/files';

export class UsageError extends Error {}

const isGlob = (s: string) => /[*?[\]{}!]/.test(s);

/** The files to lint; folders that could not be listed (no permission, a path longer than
 * the system allows) go to `unreadable`, to be reported: nothing in them was checked. */
export function collectFiles(inputs: readonly string[], cwd: string, unreadable: UnreadableFolder[] = []): string[] {
  const out = new Set<string>();
  const walk = (dir: string, levels: Parameters<typeof walkMarkdown>[1], keep: (file: string) => boolean) => {
    for (const file of walkMarkdown(dir, levels, keep, unreadable)) if (file !== null) out.add(file);
  };
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
