// The built CLI (dist/cli.js), run as a user would: a child process, exit code and output.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

/** Runs `node dist/cli.js ...args` in `cwd`, with `env` over this process's environment
 * (an undefined value removes a variable). A run past `timeoutMs` is killed (code null);
 * `input` is its standard input. */
export function runCli(
  args: string[],
  cwd = ROOT,
  env: Record<string, string | undefined> = {},
  timeoutMs?: number,
  input?: string | Buffer,
) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    ...(timeoutMs ? { timeout: timeoutMs } : {}),
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
