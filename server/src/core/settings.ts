import type { ResolvedConfig, RuleSeverity } from './config/types';
import { isSeverity } from './types';

// User settings (VS Code's `mldesign.*`, or CLI flags) and the one function that merges them
// over a resolved configuration; the language server and the CLI both call it.

export type DesignDocDetection = 'auto' | 'all' | 'optIn';

export interface Settings {
  enable: boolean;
  /** Lint as you type, or only when the document is saved. */
  run: 'onType' | 'onSave';
  /** Which Markdown files are linted: detected design docs, every file, or front matter opt-in only. */
  designDocs: DesignDocDetection;
  /** Rule severities over the configuration's, e.g. { "empty-section": "off" }. */
  rules: Record<string, RuleSeverity>;
  /** Milliseconds to wait after typing stops before linting. */
  debounceMs: number;
  /** A config file to use instead of the nearest .mldesign.yaml (relative to the workspace folder). */
  configFile: string;
  /** Documents longer than this many characters are not analysed. */
  maxDocumentSize: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  designDocs: 'auto',
  rules: {},
  debounceMs: 150,
  configFile: '',
  maxDocumentSize: 4_000_000,
});

/** Reads settings as a client sent them: wrong or missing values fall back to defaults. */
export function readSettings(raw: unknown): Settings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pick = <T>(value: unknown, ok: (v: unknown) => boolean, fallback: T): T => (ok(value) ? (value as T) : fallback);
  const rules: Record<string, RuleSeverity> = {};
  if (r['rules'] && typeof r['rules'] === 'object') {
    for (const [id, sev] of Object.entries(r['rules'] as Record<string, unknown>)) {
      if (isSeverity(sev) || sev === 'off') rules[id] = sev;
    }
  }
  return {
    enable: pick(r['enable'], (v) => typeof v === 'boolean', DEFAULT_SETTINGS.enable),
    run: pick(r['run'], (v) => v === 'onType' || v === 'onSave', DEFAULT_SETTINGS.run),
    designDocs: pick(r['designDocs'], (v) => v === 'auto' || v === 'all' || v === 'optIn', DEFAULT_SETTINGS.designDocs),
    rules,
    debounceMs: pick(r['debounceMs'], (v) => typeof v === 'number' && v >= 0 && v <= 10000, DEFAULT_SETTINGS.debounceMs),
    configFile: pick(r['configFile'], (v) => typeof v === 'string', DEFAULT_SETTINGS.configFile),
    maxDocumentSize: pick(r['maxDocumentSize'], (v) => typeof v === 'number' && v >= 0, DEFAULT_SETTINGS.maxDocumentSize),
  };
}

/** Settings' rule severities laid over a configuration. */
export function applySettings(config: ResolvedConfig, settings: Pick<Settings, 'rules'>): ResolvedConfig {
  if (Object.keys(settings.rules).length === 0) return config;
  const rules = { ...config.rules };
  for (const [id, severity] of Object.entries(settings.rules)) rules[id] = { severity, options: rules[id]?.options ?? {} };
  return { ...config, rules, sources: [...config.sources, 'settings'] };
}
