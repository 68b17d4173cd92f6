// Reading a file a repository put there: only a regular file, never more than a cap, and
// never waiting. A FIFO named like a doc or a config would block a plain read forever,
// and /dev/zero would fill the memory.
import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';

export type Opened = { fd: number; stat: fs.Stats } | { refused: string; code?: string };

/** Opens `file` for reading when it is a regular file. O_NONBLOCK: opening a FIFO must not
 * wait for a writer; fstat then refuses it. `noFollow`: the caller resolved the real path
 * already, and a symlink put in its place since must not be followed. */
export function openRegular(file: string, noFollow = false): Opened {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | (noFollow ? fs.constants.O_NOFOLLOW : 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { refused: 'it is not a regular file', code };
    return { refused: `cannot read it (${code ?? (e as Error).message})`, ...(code ? { code } : {}) };
  }
  let stat: fs.Stats;
  try {
    stat = fs.fstatSync(fd);
  } catch (e) {
    fs.closeSync(fd);
    return { refused: `cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (!stat.isFile()) {
    fs.closeSync(fd);
    return { refused: `it is not a regular file (${kindOf(stat)})` };
  }
  return { fd, stat };
}

function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a folder';
  return 'not a plain file';
}

const CHUNK = 1 << 16;

/** Reads from `fd` until the end or `max` bytes; `complete` says whether the end was reached.
 * The size fstat gives is not trusted: /proc files say 0, and a file can grow. */
export function readAtMost(fd: number, max: number): { bytes: Buffer; complete: boolean } {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(CHUNK, max + 1 - total));
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) return { bytes: Buffer.concat(chunks, total), complete: true };
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > max) return { bytes: Buffer.concat(chunks, max), complete: false };
  }
}

/** A regular file's bytes, at most `max` of them; a refusal says why not. */
export function readRegularFile(file: string, max: number, noFollow = false): { bytes: Buffer } | { refused: string; code?: string } {
  const opened = openRegular(file, noFollow);
  if ('refused' in opened) return opened;
  try {
    const { bytes, complete } = readAtMost(opened.fd, max);
    return complete ? { bytes } : { refused: `it is larger than ${max} bytes` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { refused: `cannot read it (${code ?? (e as Error).message})`, ...(code ? { code } : {}) };
  } finally {
    fs.closeSync(opened.fd);
  }
}

/** UTF-8 text of `bytes` (a BOM dropped), or where it stops being UTF-8: decoding with
 * replacement characters would make a config say something else than its author wrote. */
export function decodeUtf8(bytes: Buffer): { text: string } | { invalidLine: number } {
  if (!isUtf8(bytes)) {
    // A line break never occurs inside a UTF-8 sequence, so lines can be checked alone.
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      let end = bytes.indexOf(0x0a, start);
      if (end === -1) end = bytes.length;
      if (!isUtf8(bytes.subarray(start, end))) return { invalidLine: line };
      start = end + 1;
    }
  }
  const text = bytes.toString('utf8');
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
