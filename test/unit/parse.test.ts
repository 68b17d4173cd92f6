// parseMarkdown lets the GFM table construct try only where a table can start or go on; it
// must give exactly the tree of a parser that tries it everywhere.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { describe, expect, it } from 'vitest';
import { parseMarkdown, readFrontMatter } from '../../server/src/core/parse';
import { markdownDoc } from '../helpers/arbitraries';

function everywhereTable(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}
const reference = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(everywhereTable).freeze();
const same = (text: string): void => {
  expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(reference.parse(text)));
};

/** Lines that make, break and nest tables. */
const tableLine = fc.constantFrom(
  '| a | b |',
  'a | b',
  '|a|',
  'x',
  '| --- | --- |',
  '--- | ---',
  '|:-:|--:|',
  ':--',
  '---',
  '-',
  '- | -',
  '| - |',
  '|-',
  '- a | b',
  '  | - |',
  '> | a |',
  '> | - |',
  '> a',
  '- | a | b |',
  '  | --- | --- |',
  '1. a | b',
  '   --- | ---',
  '\t| - |',
  '| c | d | e |',
  '',
  '',
  '```',
  '<div>',
  '# H | x',
  'a\\|b',
  '|',
  '||',
  '| `a|b` |',
);
const tableDoc = fc
  .tuple(fc.array(tableLine, { maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => lines.join(eol));

describe('parseMarkdown', () => {
  it('gives the tree of a parser that tries tables on every line, on table-heavy docs', () => {
    fc.assert(fc.property(tableDoc, same), { numRuns: 2000 });
  });

  it('... on any generated doc', () => {
    fc.assert(fc.property(markdownDoc, same), { numRuns: 500 });
  });

  it('... on the real corpus', () => {
    const dir = path.resolve(__dirname, '../corpus/docs');
    for (const file of fs.readdirSync(dir)) same(fs.readFileSync(path.join(dir, file), 'utf8'));
  });
});

describe('readFrontMatter', () => {
  it('reads a front matter node once, and each node for itself', () => {
    const a = parseMarkdown('---\ntitle: A\n---\n# T\n');
    const b = parseMarkdown('---\ntitle: B\n---\n# T\n');
    const first = readFrontMatter(a)!;
    expect(first).toEqual({ data: { title: 'A' }, endLine: 2 });
    expect(readFrontMatter(b)!.data).toEqual({ title: 'B' });
    // The same node again: the same reading, not a second YAML parse.
    expect(readFrontMatter(a)!.data).toBe(first.data);
  });
});
