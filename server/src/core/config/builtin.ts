import builtinFiles from 'virtual:mldesign-builtin';
import { parse as parseYaml } from 'yaml';
import { mergeLayers, type ConfigLayer } from './resolve';
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
  return {
    source: `${BUILTIN_PREFIX}${name}`,
    raw: parseYaml(text) as RawConfig,
    readTemplate: (path) => {
      const t = builtinFiles[path];
      return t === undefined ? undefined : { text: t, source: `${BUILTIN_PREFIX}${path}` };
    },
  };
}

const cache = new Map<string, ResolvedConfig>();

/** A built-in preset resolved on its own (with what it extends). Built-ins are trusted data:
 * a problem in one is a bug in this project, so it throws. */
export function builtinConfig(name: string = DEFAULT_PRESET): ResolvedConfig {
  const hit = cache.get(name);
  if (hit) return hit;
  const chain: ConfigLayer[] = [];
  const visit = (n: string): void => {
    const layer = builtinLayer(n);
    if (!layer) throw new Error(`unknown built-in preset '${n}'`);
    const ext = layer.raw.extends;
    for (const parent of ext === undefined ? [] : Array.isArray(ext) ? ext : [ext]) visit(parent);
    chain.push(layer);
  };
  visit(name);
  const { config, problems } = mergeLayers(chain);
  if (problems.length) throw new Error(`built-in preset '${name}': ${problems.map((p) => p.message).join('; ')}`);
  cache.set(name, config);
  return config;
}
