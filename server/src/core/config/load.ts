// Finding and loading a team's config: discovery from a document's folder up to the
// workspace root, `extends` chains (presets, relative files, packages in node_modules),
// templates, and every problem at its position. Pure: all reading goes through a host.
import { isInside, joinPath, dirname, relativeInside } from '../paths';
import { START_RANGE } from '../types';
import { builtinChain, builtinConfig, builtinPresetNames, DEFAULT_PRESET } from './builtin';
import { extendsList, mergeLayers, type ConfigLayer } from './resolve';
import { parseConfigSource, type KeyPath } from './source';
import type { ConfigProblem, RawConfig, ResolvedConfig } from './types';
import { validateConfig } from './validate';

/** What a host gives for a file: its text, nothing (no such file), or a refusal with the
 * reason (outside the folder it must stay in once symlinks are resolved, not a regular file,
 * too large, unreadable). */
export type HostRead = { text: string } | { missing: true } | { refused: string };

export interface ConfigHost {
  /** A file's text (absolute POSIX path), read only when its real path (every symlink
   * resolved) lies inside `within` (absolute POSIX) and it is a regular file. Comparing
   * path strings is not enough: a template linked to /proc/self/environ would put the
   * process environment into a design doc. */
  read(path: string, within: string): HostRead;
  /** Whether packages in node_modules may be loaded (false in an untrusted workspace). */
  trusted: boolean;
}

/** A read's text, or undefined for a missing file; a refusal goes to `refused`. */
function textOf(r: HostRead, refused: (reason: string) => void): string | undefined {
  if ('text' in r) return r.text;
  if ('refused' in r) refused(r.refused);
  return undefined;
}

export const CONFIG_FILE_NAMES = ['.mldesign.yaml', '.mldesign.yml', '.mldesign.json'] as const;
export const DEFAULT_TEMPLATES_DIR = '.mldesign/templates';
const PACKAGE_CONFIG_NAMES = ['.mldesign.yaml', 'mldesign.yaml', '.mldesign.yml', 'mldesign.yml', '.mldesign.json', 'mldesign.json'];

/** Longer `extends` chains than any team writes are cut here: each file is a level of
 * recursion, and a chain of thousands overflowed the stack. */
export const MAX_EXTENDS_DEPTH = 32;
/** Files loaded for one config in all: extends that branch and meet again (a lattice of
 * diamonds) would otherwise load the same files an exponential number of times. */
export const MAX_EXTENDS_FILES = 256;

export interface LoadedConfig {
  config: ResolvedConfig;
  /** Empty when the configuration is good; otherwise callers keep the last good one. */
  problems: ConfigProblem[];
  /** Every config and template file read, for watching. */
  files: string[];
}

/** The nearest config file from `fromDir` up to `root` (both absolute), if any. A config
 * file that is there but refused (a symlink out of the workspace) is still the one in
 * force: loading it reports why it was not read. */
export function findConfigFile(host: ConfigHost, fromDir: string, root: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const p = joinPath(dir, name);
      if (!('missing' in host.read(p, root))) return p;
    }
    if (!isInside(root, dir) || dir === root || dir === dirname(dir)) return undefined;
  }
}

/** Loads a config file and what it extends. Without a file: the default preset. `explicit`:
 * the user named the file (a setting, --config), so it may lie outside `root`; what it
 * names must not. */
export function loadConfig(host: ConfigHost, file: string | undefined, root: string, explicit = false): LoadedConfig {
  if (!file) return { config: builtinConfig(DEFAULT_PRESET), problems: [], files: [] };
  const loader = new Loader(host, root);
  const layers = loader.file(file, root, [], undefined, explicit ? '/' : root);
  const { config, problems } = mergeLayers(layers);
  return { config, problems: [...loader.problems, ...problems], files: [...loader.files] };
}

class Loader {
  readonly problems: ConfigProblem[] = [];
  readonly files = new Set<string>();
  private loads = 0;
  private tooMany = false;

  constructor(
    private readonly host: ConfigHost,
    private readonly root: string,
  ) {}

  /** Layers of one file, its ancestors first. `containRoot`: what its paths may not leave;
   * `within`: where the file itself must really be. */
  file(path: string, containRoot: string, stack: string[], from: ((m: string) => void) | undefined, within: string): ConfigLayer[] {
    this.files.add(path);
    const report = from ?? ((m: string) => this.problems.push({ file: path, range: START_RANGE, message: m }));
    const read = this.host.read(path, within);
    const text = textOf(read, (why) => report(`config file '${path}' was not read: ${why}`));
    if (text === undefined) {
      if ('missing' in read) report(`config file '${path}' was not found`);
      return [];
    }
    const source = parseConfigSource(text, path);
    const problemAt = (p: KeyPath, message: string, atKey = false): ConfigProblem => ({
      file: path,
      range: source.locate(p, atKey),
      message,
    });
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
    const readInside = (p: string, what: string): { text: string; source: string } | { problem: string; missing?: true } => {
      const abs = joinPath(dir, p);
      if (!isInside(containRoot, abs)) return { problem: `${what} '${p}' is outside the workspace; templates must stay inside it` };
      this.files.add(abs);
      const r = this.host.read(abs, containRoot);
      if ('refused' in r) return { problem: `${what} '${p}' was not read: ${r.refused}` };
      return 'missing' in r ? { problem: `${what} '${p}' was not found`, missing: true } : { text: r.text, source: abs };
    };
    const layer: ConfigLayer = {
      source: path,
      raw,
      baseDir: relativeInside(this.root, dir) ?? '',
      readTemplate: (p) => readInside(p, 'template'),
      defaultTemplate: (id) => {
        const r = readInside(`${templatesDir}/${id}.md`, 'template');
        // A section without a file of its own in the folder keeps its template.
        return 'missing' in r ? undefined : r;
      },
      problemAt,
    };
    return [...parents, layer];
  }

  private extendsEntry(entry: string, dir: string, stack: string[], report: (m: string) => void): ConfigLayer[] {
    if (builtinPresetNames().includes(entry)) return builtinChain(entry) ?? [];
    if (stack.length >= MAX_EXTENDS_DEPTH) {
      report(`extends chain longer than ${MAX_EXTENDS_DEPTH} files: '${entry}' is not loaded`);
      return [];
    }
    if (++this.loads >= MAX_EXTENDS_FILES) {
      if (!this.tooMany)
        report(`extends: more than ${MAX_EXTENDS_FILES} config files loaded in all; '${entry}' and the rest are not loaded`);
      this.tooMany = true;
      return [];
    }
    if (entry.startsWith('.') || entry.startsWith('/')) {
      const abs = joinPath(dir, entry);
      if (!isInside(this.root, abs)) {
        report(`extends '${entry}' points outside the workspace`);
        return [];
      }
      // A package reached by its path is still a package: Restricted Mode loads none.
      if (!this.host.trusted && abs.split('/').includes('node_modules')) {
        report(
          `'${entry}' is in node_modules, which is not loaded in an untrusted workspace (Restricted Mode); trust the workspace to use it`,
        );
        return [];
      }
      if (stack.includes(abs)) {
        report(`extends cycle: ${[...stack.slice(stack.indexOf(abs)), abs].map((p) => relativeInside(this.root, p) ?? p).join(' -> ')}`);
        return [];
      }
      return this.file(
        abs,
        this.root,
        stack,
        (m) => report(`extends '${entry}': ${m.replace(/^config file '.*' was not found$/, 'file not found')}`),
        this.root,
      );
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
      const pkgRead = this.host.read(joinPath(pkgDir, 'package.json'), pkgDir);
      if (!('text' in pkgRead)) {
        report(
          'refused' in pkgRead
            ? `package '${entry}': its package.json was not read: ${pkgRead.refused}`
            : `unknown preset '${entry}': it is not a built-in preset (${builtinPresetNames().join(', ')}) nor a package in node_modules`,
        );
        return [];
      }
      const pkgJson = pkgRead.text;
      let declared: unknown;
      try {
        declared = (JSON.parse(pkgJson) as { mldesign?: unknown }).mldesign;
      } catch {
        declared = undefined;
      }
      const candidates = typeof declared === 'string' ? [declared] : PACKAGE_CONFIG_NAMES;
      file = candidates.map((c) => joinPath(pkgDir, c)).find((c) => !('missing' in this.host.read(c, pkgDir)));
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
    return this.file(file, pkgDir, stack, (m) => report(`extends '${entry}': ${m}`), pkgDir);
  }
}
