import type { ResolvedConfig } from '../config/types';
import { coveredEntries, documentRange, type DocModel } from '../model';
import { scanProse } from '../prose';
import type { Rule, RuleContext } from './types';

/** A rule's options: its defaults, with what the configuration sets over them. */
export function optionsOf<O>(rule: Rule<O>, configured: Record<string, unknown> | undefined): O {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(rule.meta.options ?? {})) defaults[key] = (schema as { default: unknown }).default;
  return { ...defaults, ...configured } as O;
}

/** The context one rule runs in over one document. */
export function ruleContext<O>(
  rule: Rule<O>,
  model: DocModel,
  config: ResolvedConfig,
  configured: Record<string, unknown> | undefined,
  ruleIds: readonly string[],
): RuleContext<O> {
  const options = optionsOf(rule, configured);
  // Scans are remembered per block under this key: another rule, or other options, scan afresh.
  const scanKey = `${rule.meta.id}:${JSON.stringify(options)}`;
  return {
    model,
    config,
    options,
    order: config.sections.map((s) => s.id),
    ruleIds,
    section: (id) => model.sectionsById.get(id),
    documentRange: () => documentRange(model),
    coverage: (id) => model.coverage.find((c) => c.id === id),
    coveredEntries: (id) => coveredEntries(model, id),
    scanProse: (pattern, scan, within) => scanProse(model, scanKey, pattern, scan, within && { from: within.from, to: within.to }),
  };
}
