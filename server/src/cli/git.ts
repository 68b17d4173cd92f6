// git as a child process: an argument array and never a shell (a ref or a path is data, not
// a command line), output as bytes up to a cap, failures in git's own one-line words.
import { spawnSync } from 'node:child_process';
import { UsageError } from './files';

/** Far beyond any list of paths or any doc under the size limit. */
export const GIT_MAX_BYTES = 256 * 1024 * 1024;

export type GitOutput = { ok: true; stdout: Buffer } | { ok: false; message: string; tooLarge?: true; stdout?: Buffer };

/** Runs `git ...args` in `cwd`. Its environment is kept: in a hook, GIT_INDEX_FILE names the
 * index being committed (a temporary one for `git commit FILE`). Optional locks are off, so
 * reading never takes the index lock a commit in progress holds. */
export function git(args: readonly string[], cwd: string, maxBytes = GIT_MAX_BYTES): GitOutput {
  const r = spawnSync('git', args, {
    cwd,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' },
    maxBuffer: maxBytes,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UsageError('git was not found on the PATH; install it, or run without --changed-since and --staged');
    if (code === 'ENOBUFS') return { ok: false, message: `more than ${maxBytes} bytes`, tooLarge: true, stdout: r.stdout };
    return { ok: false, message: code ?? r.error.message };
  }
  if (r.status !== 0) return { ok: false, message: firstLine(r.stderr.toString('utf8')) || `exit code ${r.status ?? r.signal}` };
  return { ok: true, stdout: r.stdout };
}

/** git's message without its `fatal: ` and after its first line. */
function firstLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => l.trim()) ?? '';
  return line.replace(/^(fatal|error): /, '').trim();
}
