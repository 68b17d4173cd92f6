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
  type LoadedConfig,
  type ResolvedConfig,
} from '../core';

/** Absolute POSIX path, as the core expects. */
export function toPosix(p: string): string {
  return path.resolve(p).split(path.sep).join('/');
}

export function isConfigFile(p: string): boolean {
  return (CONFIG_FILE_NAMES as readonly string[]).includes(path.basename(p));
}

export class NodeConfigHost implements ConfigHost {
  private readonly cache = new Map<string, string | null>();

  constructor(
    public trusted: boolean,
    /** Text of open editor buffers by path: unsaved edits to a config count at once. */
    private readonly overlay: (p: string) => string | undefined = () => undefined,
  ) {}

  readFile(p: string): string | undefined {
    const open = this.overlay(p);
    if (open !== undefined) return open;
    let hit = this.cache.get(p);
    if (hit === undefined) {
      try {
        hit = fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : null;
      } catch {
        hit = null;
      }
      this.cache.set(p, hit);
    }
    return hit ?? undefined;
  }

  forget(): void {
    this.cache.clear();
  }
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

  constructor(readonly host: NodeConfigHost) {}

  /** The configuration for a document at `docPath` (absolute POSIX) in workspace `root`. */
  forDocument(docPath: string, root: string, explicitFile?: string): DocumentConfig {
    const dir = path.posix.dirname(docPath);
    const key = `${root}\0${dir}`;
    let file = explicitFile;
    if (file === undefined) {
      if (!this.found.has(key)) this.found.set(key, findConfigFile(this.host, dir, root));
      file = this.found.get(key);
    }
    return this.forFile(file, root);
  }

  forFile(file: string | undefined, root: string): DocumentConfig {
    if (!file) {
      const loaded = loadConfig(this.host, undefined, root);
      return { file, loaded, config: loaded.config };
    }
    let loaded = this.loaded.get(file);
    if (!loaded) {
      loaded = loadConfig(this.host, file, root);
      this.loaded.set(file, loaded);
      if (!loaded.problems.length) this.lastGood.set(file, loaded.config);
    }
    if (!loaded.problems.length) return { file, loaded, config: loaded.config };
    const good = this.lastGood.get(file);
    return good ? { file, loaded, config: good, fallback: 'last-good' } : { file, loaded, config: builtinConfig(), fallback: 'default' };
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
