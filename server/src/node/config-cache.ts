// Node side of configuration, shared by the language server and the CLI: reads files
// (open editor buffers first), finds and loads each document's config, and keeps the last
// good configuration per config file so a typo never turns the checks off.
import fs from 'node:fs';
import path from 'node:path';
import {
  builtinConfig,
  CONFIG_FILE_NAMES,
  findConfigFile,
  loadConfig,
  type ConfigHost,
  type ConfigProblem,
  type HostRead,
  type LoadedConfig,
  type ResolvedConfig,
  START_RANGE,
} from '../core';
import { decodeUtf8, readRegularFile } from './read-file';

/** Absolute POSIX path, as the core expects. */
export function toPosix(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

export function isConfigFile(p: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(p));
}

/** Config and template files larger than this are refused: no team writes one this big,
 * and a hostile one would only cost memory. */
export const MAX_CONFIG_FILE_BYTES = 1_000_000;

/** A config host that remembers what it read until told to forget (a config changed). */
export interface CachingConfigHost extends ConfigHost {
  forget(): void;
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

export interface DocumentConfig {
  /** The config file in force, if any. */
  file: string | undefined;
  loaded: LoadedConfig;
  /** What linting uses: the loaded config, or the last good one when it has problems. */
  config: ResolvedConfig;
  /** Set when `config` is a fallback because the current file is broken. */
  fallback?: 'last-good' | 'default';
}

export class ConfigCache {
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly lastGood = new Map<string, ResolvedConfig>();
  private readonly found = new Map<string, string | undefined>();

  constructor(readonly host: CachingConfigHost) {}

  /** The configuration for a document at `docPath` (absolute POSIX) in workspace `root`. */
  forDocument(docPath: string, root: string, explicitFile?: string): DocumentConfig {
    const dir = path.posix.dirname(docPath);
    const key = `${root}\0${dir}`;
    let file = explicitFile;
    if (file === undefined) {
      if (!this.found.has(key)) this.found.set(key, findConfigFile(this.host, dir, root));
      file = this.found.get(key);
    }
    return this.forFile(file, root, explicitFile !== undefined);
  }

  /** `explicit`: the user named the file (setting or --config), so it may lie outside `root`. */
  forFile(file: string | undefined, root: string, explicit = false): DocumentConfig {
    if (!file) {
      const loaded = loadConfig(this.host, undefined, root);
      return { file, loaded, config: loaded.config };
    }
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = this.load(file, root, explicit);
      this.loaded.set(file, loaded);
      if (!loaded.problems.length) this.lastGood.set(file, loaded.config);
    }
    if (!loaded.problems.length) return { file, loaded, config: loaded.config };
    const good = this.lastGood.get(file);
    return good ? { file, loaded, config: good, fallback: 'last-good' } : { file, loaded, config: builtinConfig(), fallback: 'default' };
  }

  /** A config the loader cannot get through (a JSON file nested thousands deep overflows
   * the parser's stack) is a problem of that file like any other, not a crash of the editor
   * or the CLI: the last good configuration stays in force. */
  private load(file: string, root: string, explicit: boolean): LoadedConfig {
    try {
      return loadConfig(this.host, file, root, explicit);
    } catch (e) {
      const message = `this config could not be loaded (${(e as Error).message})`;
      return { config: builtinConfig(), problems: [{ file, range: START_RANGE, message }], files: [file] };
    }
  }

  /** Every problem of every loaded config, by file. */
  problemsByFile(): Map<string, ConfigProblem[]> {
    const out = new Map<string, ConfigProblem[]>();
    for (const l of this.loaded.values()) for (const p of l.problems) out.set(p.file, [...(out.get(p.file) ?? []), p]);
    return out;
  }

  /** Files whose change means configurations must be reloaded. */
  dependsOn(p: string): boolean {
    if (isConfigFile(p)) return true;
    for (const l of this.loaded.values()) if (l.files.includes(p)) return true;
    return p.includes('/.mldesign/');
  }

  /** Drop loaded configurations (a config or template changed); last good ones are kept. */
  invalidate(): void {
    this.loaded.clear();
    this.found.clear();
    this.host.forget();
  }
}
