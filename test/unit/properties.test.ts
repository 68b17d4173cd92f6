// Properties that must hold for any document, checked on generated and mutated Markdown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, applyFix, applyInsertions, builtinConfig, inFixAll, type Analysis } from '../../server/src/core';
import { markdownDoc } from '../helpers/arbitraries';
import { keepsAllLines, testPreset } from '../helpers/fixtures';

// The test preset, and the shipped strict preset on purpose: every rule at its strictest.
const recommended = testPreset();
const strict = builtinConfig('strict');
const lint = (text: string, config = recommended): Analysis => analyze(text, { config, detection: 'all' });

/** Markdown, then mutated: characters inserted, deleted or swapped anywhere. */
const mutatedDoc = fc
  .tuple(
    markdownDoc,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: 4 }),
        fc.string({
          maxLength: 4,
          unit: fc.constantFrom(
            '#',
            '`',
            '-',
            '>',
            '<',
            '!',
            '[',
            ']',
            '(',
            '*',
            '\n',
            '\r',
            ' ',
            '\t',
            'a',
            '$',
            '{',
            '}',
            '\u0301',
            '\ud83d',
          ),
        }),
      ),
      { maxLength: 6 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, del, ins]) => t.slice(0, at % (t.length + 1)) + ins + t.slice((at % (t.length + 1)) + del), text),
  );

const anyDoc = fc.oneof(markdownDoc, mutatedDoc, fc.string({ maxLength: 300 }));

describe('properties of analysis and fixes', () => {
  it('analysis never throws, and reports findings inside the document', () => {
    fc.assert(
      fc.property(anyDoc, (text) => {
        const a = lint(text);
        const lines = a.model.lines.lineCount;
        for (const f of a.findings) {
          expect(f.range.start.line).toBeLessThan(Math.max(lines, 1));
          expect(f.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('every fix keeps every original line, in order', () => {
    fc.assert(
      fc.property(anyDoc, (text) => {
        for (const f of lint(text).findings)
          for (const fix of f.fixes) expect(keepsAllLines(text, applyFix(text, fix)), fix.title).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('fix-all keeps every line, is idempotent, and leaves no missing-section', () => {
    fc.assert(
      fc.property(anyDoc, (text) => {
        // strict: every section the doc's review stage requires (all of them, without a
        // stage) is reported as an error, so fix-all must add all of them.
        const a = lint(text, strict);
        if (!a.fixAll) {
          expect(a.findings.filter(inFixAll)).toEqual([]);
          return;
        }
        const fixed = applyInsertions(text, a.fixAll.insertions);
        expect(keepsAllLines(text, fixed)).toBe(true);
        const again = lint(fixed, strict);
        expect(again.findings.filter((f) => f.ruleId === 'missing-section' && f.severity !== 'hint').map((f) => f.message)).toEqual([]);
        expect(again.fixAll).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
