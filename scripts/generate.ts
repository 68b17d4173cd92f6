// npm run generate: rewrites the generated files (see scripts/generated.ts).
import fs from 'node:fs';
import { SNIPPETS_FILE, vscodeSnippets, withRulesTable } from './generated';

fs.writeFileSync(SNIPPETS_FILE, vscodeSnippets());
fs.writeFileSync('README.md', withRulesTable(fs.readFileSync('README.md', 'utf8')));
console.log(`wrote ${SNIPPETS_FILE} and the rules table in README.md`);
