// Permission errors as a user meets them. Root reads and writes through any mode bits, so
// when the tests run as root the CLI runs as `nobody` for these, on folders handed to it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from './cli';
import { tempDir } from './tmp';

const NOBODY = 65534;
const isRoot = () => process.getuid?.() === 0;

/** Whether mode bits can deny this run anything (false on platforms without them). */
export const permissionsApply = process.platform !== 'win32';

let copy: string | undefined;

/** The CLI bundle where that user can read it: the clone may sit in a folder only root can
 * enter (a `mktemp -d`), and the bundle is self-contained, so a copy runs the same. */
function cliForNobody(): string {
  if (!isRoot()) return CLI;
  if (!copy || !fs.existsSync(copy)) {
    const dir = tempDir('mldesign-cli-');
    fs.chmodSync(dir, 0o755);
    copy = path.join(dir, 'cli.js');
    fs.copyFileSync(CLI, copy);
    fs.chmodSync(copy, 0o644);
  }
  return copy;
}

/** Runs `node dist/cli.js ...args` in `cwd` as a user that file modes apply to. */
export function runCliUnprivileged(args: string[], cwd: string, env: Record<string, string> = {}, timeoutMs = 60_000) {
  const r = spawnSync(process.execPath, [cliForNobody(), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: timeoutMs,
    ...(isRoot() ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Gives `dir` and everything in it to the user runCliUnprivileged runs as (a no-op unless root). */
export function handOver(dir: string): void {
  if (!isRoot()) return;
  fs.chownSync(dir, NOBODY, NOBODY);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) handOver(p);
    else fs.lchownSync(p, NOBODY, NOBODY);
  }
}

/** Takes `p` back from that user: as root, owned by root again, so its mode bits bind `nobody`. */
export function takeBack(p: string): void {
  if (isRoot()) fs.chownSync(p, 0, 0);
}
