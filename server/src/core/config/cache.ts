// The configuration of each document, found, loaded and kept: shared by the language
// server (Node and browser) and the CLI. Every read goes through a caching ConfigHost, so
// this is as pure as the loader: the Node host reads the disk, the browser host what the
// editor sent, the tests a map.
import { basename, dirname } from '../paths';
import { START_RANGE } from '../types';
import { builtinConfig } from './builtin';
import { CONFIG_FILE_NAMES, findConfigFile, loadConfig, type ConfigHost, type LoadedConfig } from './load';
import type { ConfigProblem, ResolvedConfig } from './types';

export function isConfigFile(p: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(basename(p));
}

/** Config and template files larger than this are refused: no team writes one this big,
 * and a hostile one would only cost memory. */
export const MAX_CONFIG_FILE_BYTES = 1_000_000;

/** A config host that remembers what it read until told to forget (a config changed). */
export interface CachingConfigHost extends ConfigHost {
  forget(): void;
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
    const dir = dirname(docPath);
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
