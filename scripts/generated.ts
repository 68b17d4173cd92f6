// Files generated from the one home of each fact (presets, templates, rule metadata).
// `npm run generate` writes them; test/unit/generated.test.ts fails when one is stale.
import { builtinConfig, RULES } from '../server/src/core';

export const SNIPPETS_FILE = 'snippets/markdown.code-snippets';

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
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end === -1) throw new Error('README.md has no rules table markers');
  return readme.slice(0, start) + rulesTable() + readme.slice(end + TABLE_END.length);
}
