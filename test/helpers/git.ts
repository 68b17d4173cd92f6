// git repositories in temporary folders, for the CLI's --changed-since, --staged and --base.
// git runs with none of this machine's configuration (no global or system config), so a
// user's settings (diff.relative, a hooks path, a signing key) change nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './tmp';

/** The environment for git and for the CLI it is tested with. */
export const GIT_ENV: Record<string, string> = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

export interface Repo {
  dir: string;
  git(...args: string[]): string;
  write(files: Record<string, string>): void;
}

/** An empty repository on branch `main`. */
export function gitRepo(prefix = 'mldesign-git-'): Repo {
  const dir = tempDir(prefix);
  const git = (...args: string[]) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  git('init', '-q', '-b', 'main');
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  };
  return { dir, git, write };
}
