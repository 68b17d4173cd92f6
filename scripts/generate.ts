// npm run generate: rewrites the generated files (see scripts/generated.ts).
import fs from 'node:fs';
import { RULES } from '../server/src/core';
import { configSchemaJson, SCHEMA_FILE, SNIPPETS_FILE, vscodeSnippets, withRuleDocHeader, withRulesTable } from './generated';

fs.writeFileSync(SNIPPETS_FILE, vscodeSnippets());
fs.writeFileSync(SCHEMA_FILE, configSchemaJson());
fs.writeFileSync('README.md', withRulesTable(fs.readFileSync('README.md', 'utf8')));
for (const rule of RULES) {
  const page = `docs/rules/${rule.meta.id}.md`;
  fs.writeFileSync(page, withRuleDocHeader(fs.readFileSync(page, 'utf8'), rule));
}
console.log(`wrote ${SNIPPETS_FILE}, ${SCHEMA_FILE}, the rules table in README.md and ${RULES.length} rule page headers`);
