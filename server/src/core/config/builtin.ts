import builtinFiles from 'virtual:mldesign-builtin';
import { parse as parseYaml } from 'yaml';
import { RULES_BY_ID } from '../rules';
import { START_RANGE } from '../types';
import { extendsList, mergeLayers, type ConfigLayer } from './resolve';
import type { RawConfig, ResolvedConfig } from './types';

export const BUILTIN_PREFIX = 'builtin:';
export const DEFAULT_PRESET = 'recommended';

export function builtinPresetNames(): string[] {
  return Object.keys(builtinFiles)
    .filter((k) => !k.includes('/') && k.endsWith('.yaml'))
    .map((k) => k.slice(0, -'.yaml'.length));
}

/** The text of a built-in file ("recommended.yaml", "templates/monitoring.md"). */
export function builtinFile(path: string): string | undefined {
  return builtinFiles[path];
}

/** A built-in preset as a config layer, so presets and team files take one code path. */
export function builtinLayer(name: string): ConfigLayer | undefined {
  const text = builtinFiles[`${name}.yaml`];
  if (text === undefined) return undefined;
  const source = `${BUILTIN_PREFIX}${name}`;
  const read = (path: string) => {
    const t = builtinFiles[path];
    return t === undefined ? undefined : { text: t, source: `${BUILTIN_PREFIX}${path}` };
  };
  return {
    source,
    raw: parseYaml(text) as RawConfig,
    readTemplate: (path) => read(path) ?? { problem: `built-in template '${path}' is missing` },
    defaultTemplate: () => undefined,
    problemAt: (_path, message) => ({ file: source, range: START_RANGE, message }),
  };
}

/** A preset and every preset it extends, farthest first. */
export function builtinChain(name: string, seen: string[] = []): ConfigLayer[] | undefined {
  const layer = builtinLayer(name);
  if (!layer || seen.includes(name)) return undefined;
  const parents = extendsList(layer.raw).map((p) => builtinChain(p, [...seen, name]));
  if (parents.some((p) => !p)) return undefined;
  return [...parents.flatMap((p) => p!), layer];
}

const cache = new Map<string, ResolvedConfig>();

/** A built-in preset resolved on its own. Built-ins are our data: a problem in one is a bug
 * in this project, so it throws (and a test loads every preset). */
export function builtinConfig(name: string = DEFAULT_PRESET): ResolvedConfig {
  const hit = cache.get(name);
  if (hit) return hit;
  const chain = builtinChain(name);
  if (!chain) throw new Error(`unknown or cyclic built-in preset '${name}'`);
  const { config, problems } = mergeLayers(chain, new Set(RULES_BY_ID.keys()));
  if (problems.length) throw new Error(`built-in preset '${name}': ${problems.map((p) => p.message).join('; ')}`);
  cache.set(name, config);
  return config;
}
