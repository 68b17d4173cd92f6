// Finding and loading a team's config: discovery from a document's folder up to the
// workspace root, `extends` chains (presets, relative files, packages in node_modules),
// templates, and every problem at its position. Pure: all reading goes through a host.
import { isInside, joinPath, dirname, relativeInside } from '../paths';
import { RULES_BY_ID } from '../rules';
import { START_RANGE } from '../types';
import { builtinChain, builtinConfig, builtinPresetNames, DEFAULT_PRESET } from './builtin';
import { extendsList, mergeLayers, type ConfigLayer } from './resolve';
import { parseConfigSource, type KeyPath } from './source';
import type { ConfigProblem, RawConfig, ResolvedConfig } from './types';
import { validateConfig } from './validate';

export interface ConfigHost {
  /** A file's text (absolute POSIX path), or undefined when there is none. */
  readFile(path: string): string | undefined;
  /** Whether packages in node_modules may be loaded (false in an untrusted workspace). */
  trusted: boolean;
}

export const CONFIG_FILE_NAMES = ['.mldesign.yaml', '.mldesign.yml', '.mldesign.json'] as const;
export const DEFAULT_TEMPLATES_DIR = '.mldesign/templates';
const PACKAGE_CONFIG_NAMES = ['.mldesign.yaml', 'mldesign.yaml', '.mldesign.yml', 'mldesign.yml', '.mldesign.json', 'mldesign.json'];

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Empty when the configuration is good; otherwise callers keep the last good one. */
  problems: ConfigProblem[];
  /** Every config and template file read, for watching. */
  files: string[];
}

/** The nearest config file from `fromDir` up to `root` (both absolute), if any. */
export function findConfigFile(host: ConfigHost, fromDir: string, root: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = joinPath(dir, name);
      if (host.readFile(p) !== undefined) return p;
    }
    if (!isInside(root, dir) || dir === root || dir === dirname(dir)) return undefined;
  }
}

/** Loads a config file and what it extends. Without a file: the default preset. */
export function loadConfig(host: ConfigHost, file: string | undefined, root: string): LoadedConfig {
  if (!file) return { config: builtinConfig(DEFAULT_PRESET), problems: [], files: [] };
  const loader = new Loader(host, root);
  const layers = loader.file(file, root, [], undefined);
  const { config, problems } = mergeLayers(layers, new Set(RULES_BY_ID.keys()));
  return { config, problems: [...loader.problems, ...problems], files: [...loader.files] };
}

class Loader {
  readonly problems: ConfigProblem[] = [];
  readonly files = new Set<string>();

  constructor(
    private readonly host: ConfigHost,
    private readonly root: string,
  ) {}

  /** Layers of one file, its ancestors first. `containRoot`: what its paths may not leave. */
  file(path: string, containRoot: string, stack: string[], from: ((m: string) => void) | undefined): ConfigLayer[] {
    this.files.add(path);
    const text = this.host.readFile(path);
    if (text === undefined) {
      (from ?? ((m) => this.problems.push({ file: path, range: START_RANGE, message: m })))(`config file '${path}' was not found`);
      return [];
    }
    const source = parseConfigSource(text, path);
    const problemAt = (p: KeyPath, message: string, atKey = false): ConfigProblem => ({ file: path, range: source.locate(p, atKey), message });
    if (source.syntaxErrors.length) {
      this.problems.push(...source.syntaxErrors.map((e) => ({ file: path, range: e.range, message: e.message })));
      return [];
    }
    const schemaProblems = validateConfig(source.data);
    if (schemaProblems.length) {
      this.problems.push(...schemaProblems.map((p) => problemAt(p.path, p.message, p.atKey)));
      return [];
    }
    const raw = source.data as RawConfig;
    const dir = dirname(path);
    const parents: ConfigLayer[] = [];
    extendsList(raw).forEach((entry, i) => {
      const at = Array.isArray(raw.extends) ? ['extends', i] : ['extends'];
      const report = (m: string) => this.problems.push(problemAt(at, m));
      parents.push(...this.extendsEntry(entry, dir, [...stack, path], report));
    });
    const templatesDir = raw.templates ?? DEFAULT_TEMPLATES_DIR;
    if (raw.templates !== undefined && !isInside(containRoot, joinPath(dir, templatesDir))) {
      this.problems.push(problemAt(['templates'], `templates folder '${templatesDir}' is outside the workspace`));
    }
    const readInside = (p: string, what: string): { text: string; source: string } | { problem: string } => {
      const abs = joinPath(dir, p);
      if (!isInside(containRoot, abs)) return { problem: `${what} '${p}' is outside the workspace; templates must stay inside it` };
      this.files.add(abs);
      const t = this.host.readFile(abs);
      return t === undefined ? { problem: `${what} '${p}' was not found` } : { text: t, source: abs };
    };
    const layer: ConfigLayer = {
      source: path,
      raw,
      baseDir: relativeInside(this.root, dir) ?? '',
      readTemplate: (p) => readInside(p, 'template'),
      defaultTemplate: (id) => {
        const r = readInside(`${templatesDir}/${id}.md`, 'template');
        return 'problem' in r ? undefined : r;
      },
      problemAt,
    };
    return [...parents, layer];
  }

  private extendsEntry(entry: string, dir: string, stack: string[], report: (m: string) => void): ConfigLayer[] {
    if (builtinPresetNames().includes(entry)) return builtinChain(entry) ?? [];
    if (entry.startsWith('.') || entry.startsWith('/')) {
      const abs = joinPath(dir, entry);
      if (!isInside(this.root, abs)) {
        report(`extends '${entry}' points outside the workspace`);
        return [];
      }
      if (stack.includes(abs)) {
        report(`extends cycle: ${[...stack.slice(stack.indexOf(abs)), abs].map((p) => relativeInside(this.root, p) ?? p).join(' -> ')}`);
        return [];
      }
      return this.file(abs, this.root, stack, (m) => report(`extends '${entry}': ${m.replace(/^config file '.*' was not found$/, 'file not found')}`));
    }
    if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]+)?$/i.test(entry)) {
      report(`unknown preset '${entry}' (built-in presets: ${builtinPresetNames().join(', ')}; paths start with ./)`);
      return [];
    }
    if (!this.host.trusted) {
      report(`package '${entry}' is not loaded in an untrusted workspace (Restricted Mode); trust the workspace to use it`);
      return [];
    }
    const parts = entry.split('/');
    const nameLen = entry.startsWith('@') ? 2 : 1;
    const pkgDir = joinPath(this.root, `node_modules/${parts.slice(0, nameLen).join('/')}`);
    const sub = parts.slice(nameLen).join('/');
    let file: string | undefined;
    if (sub) file = joinPath(pkgDir, sub);
    else {
      const pkgJson = this.host.readFile(joinPath(pkgDir, 'package.json'));
      if (pkgJson === undefined) {
        report(`unknown preset '${entry}': it is not a built-in preset (${builtinPresetNames().join(', ')}) nor a package in node_modules`);
        return [];
      }
      let declared: unknown;
      try {
        declared = (JSON.parse(pkgJson) as { mldesign?: unknown }).mldesign;
      } catch {
        declared = undefined;
      }
      const candidates = typeof declared === 'string' ? [declared] : PACKAGE_CONFIG_NAMES;
      file = candidates.map((c) => joinPath(pkgDir, c)).find((c) => this.host.readFile(c) !== undefined);
      if (!file) {
        report(`package '${entry}' ships no mldesign config (looked for ${candidates.join(', ')} and package.json "mldesign")`);
        return [];
      }
    }
    if (!isInside(pkgDir, file)) {
      report(`extends '${entry}' points outside its package`);
      return [];
    }
    if (stack.includes(file)) {
      report(`extends cycle through package '${entry}'`);
      return [];
    }
    return this.file(file, pkgDir, stack, (m) => report(`extends '${entry}': ${m}`));
  }
}
