// Node side of configuration, shared by the language server and the CLI: reads config and
// template files from the disk (open editor buffers first), refusing what resolves out of
// the folder it must stay in.
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CONFIG_FILE_BYTES, type CachingConfigHost, type HostRead } from '../core';

// The config cache itself is pure and lives in the core (the browser server shares it).
export { ConfigCache, isConfigFile, MAX_CONFIG_FILE_BYTES, type CachingConfigHost, type DocumentConfig } from '../core';

/** Absolute POSIX path, as the core expects. */
export function toPosix(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

export class NodeConfigHost implements CachingConfigHost {
  private readonly cache = new Map<string, HostRead>();
  private readonly realDirs = new Map<string, string | undefined>();

  constructor(
    public trusted: boolean,
    /** Text of open editor buffers by path: unsaved edits to a config count at once. */
    private readonly overlay: (p: string) => string | undefined = () => undefined,
  ) {}

  read(p: string, within: string): HostRead {
    const key = `${within}\0${p}`;
    let hit = this.cache.get(key);
    if (!hit) this.cache.set(key, (hit = this.readChecked(p, within)));
    // An open buffer stands in for its file, once the file's place is known to be allowed.
    const open = this.overlay(p);
    if (open !== undefined && !('refused' in hit)) return { text: open };
    return hit;
  }

  private readChecked(p: string, within: string): HostRead {
    let real: string;
    try {
      real = fs.realpathSync.native(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A file not (yet) on disk may still be an open buffer: its path must be inside.
      if (code === 'ENOENT' || code === 'ENOTDIR')
        return this.overlay(p) !== undefined && !isInsideReal(this.realDir(within), p) && !isInsideReal(toPosix(within), p)
          ? { refused: 'it is outside the folder it must stay in' }
          : { missing: true };
      return { refused: `cannot resolve it (${code ?? (e as Error).message})` };
    }
    const realWithin = this.realDir(within);
    if (!realWithin || !isInsideReal(realWithin, real)) return { refused: `it resolves to ${real}, outside ${within}` };
    let fd: number | undefined;
    try {
      // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
      fd = fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
      const st = fs.fstatSync(fd);
      if (!st.isFile()) return { refused: 'it is not a regular file' };
      if (st.size > MAX_CONFIG_FILE_BYTES) return { refused: `it is larger than ${MAX_CONFIG_FILE_BYTES} bytes` };
      return { text: fs.readFileSync(fd, 'utf8') };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') return { refused: 'it is not a regular file' };
      return { refused: `cannot read it (${code ?? (e as Error).message})` };
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  }

  /** A folder's real path (symlinks resolved), remembered; undefined when it does not exist. */
  private realDir(dir: string): string | undefined {
    if (!this.realDirs.has(dir)) {
      let real: string | undefined;
      try {
        real = toPosix(fs.realpathSync.native(dir));
      } catch {
        real = undefined;
      }
      this.realDirs.set(dir, real);
    }
    return this.realDirs.get(dir);
  }

  forget(): void {
    this.cache.clear();
    this.realDirs.clear();
  }
}

function isInsideReal(dir: string | undefined, file: string): boolean {
  if (!dir) return false;
  const f = toPosix(file);
  return dir === '/' || f === dir || f.startsWith(dir + '/');
}
