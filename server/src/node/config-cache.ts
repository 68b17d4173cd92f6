// Node side of configuration, shared by the language server and the CLI: reads config and
// template files from the disk (open editor buffers first), refusing what resolves out of
// the folder it must stay in.
import fs from 'node:fs';
import path from 'node:path';
import { MAX_CONFIG_FILE_BYTES, type CachingConfigHost, type HostRead } from '../core';
import { decodeUtf8, readRegularFile } from './read-file';

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
    // O_NOFOLLOW: the real path was resolved above; a link swapped in since is not followed.
    const read = readRegularFile(real, MAX_CONFIG_FILE_BYTES, true);
    if ('refused' in read) return { refused: read.refused };
    const decoded = decodeUtf8(read.bytes);
    if ('invalidLine' in decoded) return { refused: `it is not valid UTF-8 (line ${decoded.invalidLine}); save it as UTF-8` };
    return { text: decoded.text };
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
