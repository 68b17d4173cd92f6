// Files generated from the one home of each fact (presets, templates, rule metadata).
// `npm run generate` writes them; test/unit/generated.test.ts fails when one is stale.
import { builtinConfig, PRESET_NAMES, RULES, type Rule } from '../server/src/core';
import { configSchema } from '../server/src/core/config/schema';
import type { OptionSchema } from '../server/src/core/rules/types';

export const SNIPPETS_FILE = 'snippets/markdown.code-snippets';
export const SCHEMA_FILE = 'schemas/mldesign.schema.json';

/** VS Code snippets for Markdown: one per built-in section, heading plus template. */
export function vscodeSnippets(): string {
  const snippets: Record<string, { prefix: string[]; body: string[]; description: string }> = {};
  for (const s of builtinConfig().sections) {
    snippets[`mldesign: ${s.title}`] = {
      prefix: [`mld-${s.id}`, `mldesign ${s.title.toLowerCase()}`],
      body: [`## ${s.title}`, '', ...s.template.trim().split(/\r?\n/)],
      description: s.guidance,
    };
  }
  return JSON.stringify(snippets, null, 2) + '\n';
}

/** The config JSON Schema, for editors (the runtime compiles the same object). */
export function configSchemaJson(): string {
  return JSON.stringify(configSchema(), null, 2) + '\n';
}

/** Text between two marker comments replaced. */
function between(text: string, start: string, end: string, replacement: string, where: string): string {
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b === -1 || b < a) throw new Error(`${where} has no ${start} ... ${end} markers`);
  return text.slice(0, a) + replacement + text.slice(b + end.length);
}

const TABLE_START = '<!-- rules:start -->';
const TABLE_END = '<!-- rules:end -->';

/** The rule table in README.md, between its markers. */
export function rulesTable(): string {
  const rows = RULES.map(
    (r) =>
      `| [\`${r.meta.id}\`](docs/rules/${r.meta.id}.md) | ${r.meta.summary} | ${r.meta.defaultSeverity} | ${r.meta.fixable ? 'yes' : 'no'} |`,
  );
  return [TABLE_START, '| Rule | What it reports | Default | Fix |', '| --- | --- | --- | --- |', ...rows, TABLE_END].join('\n');
}

export function withRulesTable(readme: string): string {
  return between(readme, TABLE_START, TABLE_END, rulesTable(), 'README.md');
}

const HEADER_START = '<!-- generated:start -->';
const HEADER_END = '<!-- generated:end -->';

const code = (v: unknown): string => `\`${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}\``;

function optionType(o: OptionSchema): string {
  if (o.type === 'array') return o.sectionIds ? 'list of section ids' : 'list of strings';
  if (o.type === 'string' && o.enum) return `one of ${o.enum.map((e) => code(e)).join(', ')}`;
  return o.type;
}

/** The head of a rule's doc page: summary, severity, fix, presets, options. Made from the
 * rule's metadata, so the page cannot drift from what the rule does. */
export function ruleDocHeader(rule: Rule): string {
  const { meta } = rule;
  const presets = PRESET_NAMES.filter((p) => meta.presets.includes(p));
  const lines = [
    HEADER_START,
    `<!-- Made from the rule's metadata by \`npm run generate\`: edit server/src/core/rules/${meta.id}.ts, not this block. -->`,
    '',
    meta.summary,
    '',
    '| Default severity | Fix | On in the presets |',
    '| --- | --- | --- |',
    `| \`${meta.defaultSeverity}\` | ${meta.fixable ? 'yes' : 'no'} | ${presets.map((p) => `\`${p}\``).join(', ') || 'none (turn it on in a config)'} |`,
  ];
  const options = Object.entries(meta.options ?? {}) as [string, OptionSchema][];
  if (options.length) {
    lines.push('', '| Option | Type | Default | What it does |', '| --- | --- | --- | --- |');
    for (const [key, o] of options) lines.push(`| \`${key}\` | ${optionType(o)} | ${code(o.default)} | ${o.description} |`);
    // What the built-in presets set, read from the presets themselves (presets that set
    // the same are named together).
    const byValue = new Map<string, string[]>();
    for (const preset of presets) {
      const set = builtinConfig(preset).rules[meta.id]?.options ?? {};
      const shown = options.filter(([key, o]) => set[key] !== undefined && JSON.stringify(set[key]) !== JSON.stringify(o.default));
      const text = shown.map(([key]) => `\`${key}: ${JSON.stringify(set[key])}\``).join(', ');
      if (text) byValue.set(text, [...(byValue.get(text) ?? []), `\`${preset}\``]);
    }
    for (const [text, names] of byValue) lines.push('', `The preset${names.length > 1 ? 's' : ''} ${names.join(' and ')} set ${text}.`);
  }
  lines.push(HEADER_END);
  return lines.join('\n');
}

export function withRuleDocHeader(page: string, rule: Rule): string {
  return between(page, HEADER_START, HEADER_END, ruleDocHeader(rule), `docs/rules/${rule.meta.id}.md`);
}
