// Writing files without clobbering what is there. A new file is written to a temporary
// file and renamed into place, so a reader never sees half of it. An existing file keeps
// what the user set up: a write goes where a symlink leads (when a path inside the working
// folder leads inside it too), and keeps the file's hard links, owner, group and mode. A
// rename keeps all of that only when the file has one link and a new file would get its
// owner and group; otherwise the content is written in place. Read-only files are refused.
import fs from 'node:fs';
import path from 'node:path';

/** writeFileAtomic, creating the file's folder first when it is missing. */
export function writeFileAtomicMkdir(file: string, data: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, data);
}

/** A new file (or one whose name is ours to replace, as the cache's): temporary file, rename. */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const tmp = tempName(file);
  try {
    // 'wx': never through something put at the temporary name.
    fs.writeFileSync(tmp, data, { flag: 'wx', ...(mode === undefined ? {} : { mode }) });
    if (mode !== undefined) fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function tempName(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
}

/** Where a write to `file` goes. `cwd`: the working folder; a path inside it that leads out
 * of it (through a symlink, its own or a folder's) is refused: a repository must not aim a
 * write at a file of the user's. A path named outside it is the user's own choice. */
export type WriteTarget =
  | { kind: 'new'; path: string }
  | { kind: 'file'; path: string; stat: fs.Stats }
  | { kind: 'special'; path: string }
  | { kind: 'stdout' | 'stderr' | 'folder' }
  | { kind: 'outside'; real: string };

export function writeTarget(file: string, cwd: string): WriteTarget {
  const abs = path.resolve(cwd, file);
  const inside = isInside(path.resolve(cwd), abs);
  const realCwd = fs.realpathSync.native(cwd);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    // Nothing there (or a link to nothing): where a new file would land.
    const real = realOfMissing(abs);
    return inside && !isInside(realCwd, real) ? { kind: 'outside', real } : { kind: 'new', path: real };
  }
  // This process's own output, whatever the name (/dev/stdout, /dev/fd/1, a link to them):
  // written as output, never replaced by a file.
  const stream = ownStream(stat);
  if (stream) return { kind: stream };
  if (stat.isDirectory()) return { kind: 'folder' };
  const real = fs.realpathSync.native(abs);
  if (inside && !isInside(realCwd, real) && !isDevNull(stat)) return { kind: 'outside', real };
  if (!stat.isFile()) return { kind: 'special', path: abs };
  return { kind: 'file', path: real, stat };
}

/** The real path a missing file would have: its nearest existing folder's, resolved, and
 * where a dangling link points (at most 40 of them, as the kernel allows). */
function realOfMissing(abs: string, hops = 0): string {
  if (hops > 40) throw Object.assign(new Error('too many symbolic links'), { code: 'ELOOP' });
  let dir = path.dirname(abs);
  const rest = [path.basename(abs)];
  for (;;) {
    let link: string | undefined;
    try {
      link = fs.readlinkSync(path.join(dir, rest[0]!));
    } catch {
      link = undefined; // not a link
    }
    // A dangling link: where it points is where the file would be created.
    if (link !== undefined) return realOfMissing(path.join(path.resolve(dir, link), ...rest.slice(1)), hops + 1);
    try {
      return path.join(fs.realpathSync.native(dir), ...rest);
    } catch {
      if (dir === path.dirname(dir)) return abs;
      rest.unshift(path.basename(dir));
      dir = path.dirname(dir);
    }
  }
}

function ownStream(st: fs.Stats): 'stdout' | 'stderr' | undefined {
  for (const [fd, name] of [
    [1, 'stdout'],
    [2, 'stderr'],
  ] as const) {
    try {
      if (sameFile(fs.fstatSync(fd), st)) return name;
    } catch {
      // that stream is closed
    }
  }
  return undefined;
}

function isDevNull(st: fs.Stats): boolean {
  try {
    const n = fs.statSync('/dev/null');
    return st.isCharacterDevice() && n.rdev === st.rdev;
  } catch {
    return false;
  }
}

function isInside(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** No write bit at all, or none this user may use (root may write through mode bits: the
 * bits still say the owner wants the file left alone). */
export function isReadOnly(file: string, st: fs.Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Writes `data` through a special file (a FIFO, a terminal, this process's stdout). */
export function writeThrough(file: string, data: string): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY);
  try {
    writeAll(fd, Buffer.from(data, 'utf8'));
  } finally {
    fs.closeSync(fd);
  }
}

/** New content for the existing regular file `file` (a real path) that was stat'ed as
 * `st`: renamed into place when that changes nothing else, written in place when a rename
 * would break a hard link or change the owner or group (and no chown can restore them), or
 * when the folder cannot take a temporary file. */
export function replaceContent(file: string, data: Buffer, st: fs.Stats): void {
  if (st.nlink > 1) return writeInPlace(file, data, st);
  const tmp = tempName(file);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'wx', st.mode & 0o777);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return writeInPlace(file, data, st);
    throw e;
  }
  try {
    const made = fs.fstatSync(fd);
    if (made.uid !== st.uid || made.gid !== st.gid) {
      try {
        fs.fchownSync(fd, st.uid, st.gid);
      } catch {
        fs.closeSync(fd);
        fs.rmSync(tmp, { force: true });
        return writeInPlace(file, data, st);
      }
    }
    writeAll(fd, data);
    // After the chown, which clears set-id bits.
    fs.fchmodSync(fd, st.mode & 0o7777);
    fs.closeSync(fd);
    if (!sameFile(fs.lstatSync(file), st)) throw new Error('it was replaced while being written');
    fs.renameSync(tmp, file);
  } catch (e) {
    try {
      fs.closeSync(fd);
    } catch {
      // closed already
    }
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** In place: the same inode, so every link, the owner, group and mode stay. Not atomic; the
 * new content is never shorter (fixes only insert), and it is written whole before the end
 * is set. O_NOFOLLOW and the identity check: what is written is the file that was checked. */
function writeInPlace(file: string, data: Buffer, st: fs.Stats): void {
  const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NOFOLLOW);
  try {
    if (!sameFile(fs.fstatSync(fd), st)) throw new Error('it was replaced while being written');
    writeAll(fd, data, 0);
    fs.ftruncateSync(fd, data.length);
  } finally {
    fs.closeSync(fd);
  }
}

function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

function writeAll(fd: number, data: Buffer, position?: number): void {
  for (let done = 0; done < data.length;) {
    done += fs.writeSync(fd, data, done, data.length - done, position === undefined ? null : position + done);
  }
}
