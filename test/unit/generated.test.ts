// Generated files must match their source. On failure: run `npm run generate` and commit.
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { RULES } from '../../server/src/core';
import { configSchemaJson, SCHEMA_FILE, SNIPPETS_FILE, vscodeSnippets, withRuleDocHeader, withRulesTable } from '../../scripts/generated';

const root = path.resolve(__dirname, '../..');

it(`${SNIPPETS_FILE} is generated from the built-in templates`, () => {
  expect(fs.readFileSync(path.join(root, SNIPPETS_FILE), 'utf8'), 'stale: run npm run generate').toBe(vscodeSnippets());
});

it(`${SCHEMA_FILE} is the schema the config is validated with`, () => {
  expect(fs.readFileSync(path.join(root, SCHEMA_FILE), 'utf8'), 'stale: run npm run generate').toBe(configSchemaJson());
});

it.each(RULES.map((r) => [r.meta.id, r] as const))("docs/rules/%s.md's head is generated from the rule's metadata", (id, rule) => {
  const page = fs.readFileSync(path.join(root, 'docs/rules', `${id}.md`), 'utf8');
  expect(page, 'stale: run npm run generate').toBe(withRuleDocHeader(page, rule));
});

it("README.md's rule table is generated from the rules' metadata", () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  expect(readme, 'stale: run npm run generate').toBe(withRulesTable(readme));
});

it('package.json contributes the generated snippets and every setting the server reads', async () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  expect(pkg.contributes.snippets).toContainEqual({ language: 'markdown', path: `./${SNIPPETS_FILE}` });
  const { DEFAULT_SETTINGS } = await import('../../server/src/core');
  const props = pkg.contributes.configuration.properties;
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    expect(props[`mldesign.${key}`], `mldesign.${key}`).toBeDefined();
    expect(props[`mldesign.${key}`].default, `default of mldesign.${key}`).toEqual(value);
  }
});
