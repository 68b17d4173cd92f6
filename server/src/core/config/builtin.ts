import builtinFiles, { presets } from 'virtual:mldesign-builtin';
import { RULES } from '../rules';
import type { PresetName } from '../rules/types';
import { START_RANGE } from '../types';
import { extendsList, mergeLayers, type ConfigLayer } from './resolve';
import type { RawConfig, ResolvedConfig } from './types';

export const BUILTIN_PREFIX = 'builtin:';
export const DEFAULT_PRESET = 'recommended';

export function builtinPresetNames(): string[] {
  return Object.keys(presets);
}

/** The text of a built-in template ("templates/monitoring.md"). */
export function builtinFile(path: string): string | undefined {
  return builtinFiles[path];
}

/** A built-in preset as a config layer, so presets and team files take one code path. */
export function builtinLayer(name: string): ConfigLayer | undefined {
  // Parsed at build time (scripts/builtin-files.mjs); a test holds it to the YAML's parse.
  const json = presets[name];
  if (json === undefined) return undefined;
  const source = `${BUILTIN_PREFIX}${name}`;
  const read = (path: string) => {
    const t = builtinFiles[path];
    return t === undefined ? undefined : { text: t, source: `${BUILTIN_PREFIX}${path}` };
  };
  return {
    source,
    raw: withPresetRules(name, JSON.parse(json) as RawConfig),
    readTemplate: (path) => read(path) ?? { problem: `built-in template '${path}' is missing` },
    defaultTemplate: () => undefined,
    problemAt: (_path, message) => ({ file: source, range: START_RANGE, message }),
  };
}

/** Which rules a preset turns on is said by each rule (meta.presets); the preset's YAML
 * only says how (severity, options). Every rule is set here, so a preset does not inherit
 * on/off from the one it extends. A YAML entry for a rule the preset leaves off is a bug. */
function withPresetRules(name: string, raw: RawConfig): RawConfig {
  const rules: NonNullable<RawConfig['rules']> = {};
  for (const rule of RULES) {
    const on = rule.meta.presets.includes(name as PresetName);
    const own = raw.rules?.[rule.meta.id];
    if (own !== undefined && !on)
      throw new Error(`built-in preset '${name}' configures ${rule.meta.id}, which is not on in it (meta.presets)`);
    rules[rule.meta.id] = own ?? (on ? rule.meta.defaultSeverity : 'off');
  }
  return { ...raw, rules };
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
  const { config, problems } = mergeLayers(chain);
  if (problems.length) throw new Error(`built-in preset '${name}': ${problems.map((p) => p.message).join('; ')}`);
  cache.set(name, config);
  return config;
}
