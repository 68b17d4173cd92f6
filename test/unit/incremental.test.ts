// The incremental parser must give exactly the tree a full parse gives, after any edits.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core';
import { testPreset } from '../helpers/fixtures';
import { chunkDocument, IncrementalParser, rescan } from '../../server/src/core/incremental';
import { parseMarkdown } from '../../server/src/core/parse';
import { prepare } from '../../server/src/core/sanitize';
import { markdownDoc, PROPERTY_TIMEOUT_MS } from '../helpers/arbitraries';

/** A drawn edit applied to a text: `del` characters at `at` (wrapped into the text) replaced by `insert`. */
function applyEdit(text: string, e: { at: number; del: number; insert: string }): string {
  const at = text.length ? e.at % (text.length + 1) : 0;
  return text.slice(0, at) + e.insert + text.slice(at + e.del);
}

const same = (text: string, parser: IncrementalParser) =>
  expect(JSON.stringify(parser.parse(text))).toBe(JSON.stringify(parseMarkdown(text)));

describe('incremental preparing', () => {
  it('gives the line index, sanitized text and first NUL a fresh prepare gives, after any sequence of edits', () => {
    const piece = fc.constantFrom(
      'a',
      'b c',
      '\n',
      '\r',
      '\r\n',
      '\n\n',
      '- ',
      '1. ',
      '  ',
      '>'.repeat(70),
      '- '.repeat(70),
      '\ufeff',
      '\u0000',
    );
    const doc = fc.array(piece, { maxLength: 40 }).map((xs) => xs.join(''));
    const edit = fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), insert: fc.array(piece, { maxLength: 3 }).map((xs) => xs.join('')) });
    fc.assert(
      fc.property(doc, fc.array(edit, { minLength: 1, maxLength: 8 }), (start, edits) => {
        const parser = new IncrementalParser();
        let text = start;
        parser.prepare(text);
        for (const e of edits) {
          text = applyEdit(text, e);
          const got = parser.prepare(text);
          const want = prepare(text);
          expect(got.index.starts).toEqual(want.index.starts);
          expect(got.sanitized).toEqual(want.sanitized);
          expect(got.nul).toBe(want.nul);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('incremental parsing', () => {
  it('cuts only at top-level ATX headings and at blocks after a blank line that are no list items', () => {
    const text =
      '---\n# yaml comment\n---\n# A\n\n```\n# in code\n\nin code\n```\n<!--\n# in a comment\n\nin a comment\n-->\n<div>\n# in html\n</div>\n\n## B\ntext\n\nPara\nlazy\n\n- item\n\n  item para\n\n2. next\n\n_x_ or |t|\n\n> q\n\nAfter\n';
    expect(chunkDocument(text).map((c) => c.text.split('\n')[0])).toEqual([
      '---',
      '# A',
      '```',
      '## B',
      'Para',
      '_x_ or |t|',
      '> q',
      'After',
    ]);
  });

  it('gives the full parse where a cut after a blank line meets lists, quotes, fences and HTML', () => {
    const cases = [
      '- a\n\n- b\n\nText\n\n- c\n', // loose list, then a paragraph, then a new list
      '1. a\n\n   more a\n\nText\n', // the item's own paragraph is indented
      '> q\n\nText\n> not a quote: lazy\n',
      '- ```\n  code\n\nText\n  ```\n', // a fence in an item, closed by the item's end
      '<div>\n\nText\n</div>\n',
      '<!--\n\nText\n-->\n\nAfter\n',
      'Title\n\nSetext\n===\n\n| a |\n| - |\n\nTable\n| b |\n| - |\n',
      'Para\n\n\tcode\n\nText\n',
      '> a\n\n> b\n\nText\n', // two quotes
      '- a\n\n```\ncode\n\nText\n```\n\n* b\n\n+ c\n\n---\n\nText\n', // a fence after a list; three lists
    ];
    for (const text of cases) {
      same(text, new IncrementalParser());
      same(
        text.replace('Text', 'Texts'),
        (() => {
          const p = new IncrementalParser();
          p.parse(text);
          return p;
        })(),
      );
    }
  });

  it('re-parses only the chunk that changed', () => {
    const parser = new IncrementalParser();
    const text = '# A\n\none\n\n## B\n\ntwo\n\n- x\n\n## C\n\nthree\n';
    parser.parse(text);
    expect(parser.lastParsed).toBe(6);
    same(text.replace('two', 'twos'), parser);
    expect(parser.lastParsed).toBe(1);
  });

  it('does not parse again a chunk that ended open and was joined with the next', () => {
    // "## B" ends in an HTML block, so B and C are parsed as one; an edit in A must not
    // make the parser try B alone again.
    const parser = new IncrementalParser();
    const text = '# A\n\none\n\n## B\n\ntwo\n\n<!-- note -->\n## C\n\nthree\n\n## D\n\nfour\n';
    same(text, parser);
    same(text.replace('one', 'ones'), parser);
    expect(parser.lastParsed).toBe(1);
    same(text.replace('one', 'ones').replace('three', 'threes'), parser);
    expect(parser.lastParsed).toBe(1);
    same(text.replace('one', 'ones').replace('three', 'threes').replace('four', 'fours'), parser);
    expect(parser.lastParsed).toBe(1);
  });

  it('parses a document with link reference definitions whole', () => {
    const text = '# A\n\n[x][ref]\n\n## B\n\n[ref]: https://example.com\n';
    same(text, new IncrementalParser());
  });

  it(
    'gives the full parse for any document',
    () => {
      fc.assert(
        fc.property(markdownDoc, (text) => {
          same(text, new IncrementalParser());
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'rescans only around an edit, and finds exactly the cuts a full scan finds',
    () => {
      const edit = fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 5 }),
        insert: fc.constantFrom('#', '# H\n', '\n', '```\n', '~~~', '<!--\n', '-->', '<div>\n', '[x]: /u\n', '---\n', 'a'),
      });
      fc.assert(
        fc.property(markdownDoc, fc.array(edit, { minLength: 1, maxLength: 10 }), (start, edits) => {
          let text = start;
          let previous = { text, scan: rescan(undefined, text) };
          for (const e of edits) {
            text = applyEdit(text, e);
            const incremental = rescan(previous, text);
            expect(incremental).toEqual(rescan(undefined, text));
            previous = { text, scan: incremental };
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives the full parse after any sequence of edits',
    () => {
      const edit = fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 3 }),
        insert: fc.constantFrom(
          '#',
          '# ',
          '\n',
          '```',
          '~~~',
          '<!--',
          '-->',
          '<div>',
          '- ',
          '> ',
          'a',
          ' ',
          '[x]: /u\n',
          '---\n',
          '|',
          '\r\n',
        ),
      });
      fc.assert(
        fc.property(markdownDoc, fc.array(edit, { minLength: 1, maxLength: 15 }), (start, edits) => {
          const parser = new IncrementalParser();
          let text = start;
          parser.parse(text);
          for (const e of edits) {
            text = applyEdit(text, e);
            same(text, parser);
          }
        }),
        { numRuns: 300 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('gives the full parse on the real corpus, with typing anywhere in it', () => {
    const dir = path.resolve(__dirname, '../corpus/docs');
    for (const file of fs.readdirSync(dir)) {
      const parser = new IncrementalParser();
      let text = fs.readFileSync(path.join(dir, file), 'utf8');
      same(text, parser);
      fc.assert(
        fc.property(fc.nat(), fc.constantFrom('#', '\n', 'x', '`', '<', ' '), (at, ch) => {
          const i = at % (text.length + 1);
          text = text.slice(0, i) + ch + text.slice(i);
          same(text, parser);
        }),
        { numRuns: 5 },
      );
    }
    // 32 docs x 6 full parses: a correctness check, slow on a loaded machine, not a bound.
  }, 90_000);

  it('reads a block again when the heading above it changes (a prose rule reads the heading)', () => {
    const config = testPreset();
    const parser = new IncrementalParser();
    const incremental = (text: string) =>
      analyze(text, { config, detection: 'all', parse: (t) => parser.parse(t), prepare: (t) => parser.prepare(t) });
    const latency = (text: string) => incremental(text).findings.filter((f) => f.ruleId === 'latency-percentiles').length;
    const doc = (heading: string) =>
      `# Ranking design\n\n## Goals\n\nServe ranked results.\n\n## ${heading}\n\nThe API latency must stay under 200 ms.\n`;
    // The percentile in the heading qualifies the paragraph's target; without it, it is a finding.
    expect(latency(doc('Latency (p99)'))).toBe(0);
    expect(latency(doc('Latency'))).toBe(1);
    expect(latency(doc('Latency (p99)'))).toBe(0);
  });

  it(
    'gives the same analysis as a full one after any sequence of edits (findings, fixes, coverage)',
    () => {
      const config = testPreset();
      const full = (text: string) => analyze(text, { config, detection: 'all' });
      const view = (a: ReturnType<typeof full>) =>
        JSON.stringify({ findings: a.findings, coverage: a.coverage.map((c) => [c.id, c.state, c.entry?.range]), fixAll: a.fixAll });
      const edit = fc.record({
        at: fc.nat(),
        del: fc.nat({ max: 3 }),
        insert: fc.constantFrom(
          '#',
          '## Monitoring\n',
          '## Data\n',
          '## Model updates\n',
          '\n',
          'TODO ',
          '200 ms ',
          'latency ',
          'p99 ',
          'drift ',
          'snapshot ',
          'weekly ',
          '`',
          '```',
          '<!--',
          '- ',
          '| a |\n',
          'x',
          '\r\n',
          '\r',
          '>'.repeat(70),
        ),
      });
      fc.assert(
        fc.property(markdownDoc, fc.array(edit, { minLength: 1, maxLength: 10 }), (start, edits) => {
          const parser = new IncrementalParser();
          const incremental = (text: string) =>
            analyze(text, { config, detection: 'all', parse: (t) => parser.parse(t), prepare: (t) => parser.prepare(t) });
          let text = start;
          incremental(text);
          for (const e of edits) {
            text = applyEdit(text, e);
            expect(view(incremental(text))).toBe(view(full(text)));
          }
        }),
        { numRuns: 150 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
