// Inputs that took our own code quadratic time (or overflowed the stack), one class each.
// There are no timed assertions: the guard is the test timeout. Each input is sized so the
// old code took minutes (measured: the slow ones at a quarter of the size took seconds and
// grew fourfold per doubling) while the linear code answers in about a second even on a
// loaded machine. bench/linearity.mjs measures the growth itself (time at n and 4n).
import fc from 'fast-check';
import type { Heading, Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { analyze, builtinConfig, headingCompletions, snippetToText, templatePieces, type ResolvedConfig } from '../../server/src/core';
import { stripPlaceholders } from '../../server/src/core/content';
import { parseDocument } from '../../server/src/core/incremental';
import { isTemplateTitle } from '../../server/src/core/model';
import { normalizeHeading } from '../../server/src/core/normalize';
import { buildOutline } from '../../server/src/core/outline';
import { parseMarkdown } from '../../server/src/core/parse';
import { PERCENTILE, windowBefore } from '../../server/src/core/rules/latency-percentiles';
import { fillInMarkers, inAnyRange, templateFields } from '../../server/src/core/rules/placeholder-text';
import { measurablePattern } from '../../server/src/core/rules/quantified-objectives';
import { alternation, replaceBeforeLastClose } from '../../server/src/core/strings';

const config = builtinConfig();
const lint = (text: string, c: ResolvedConfig = config) => analyze(text, { config: c, detection: 'all' });
/** No finding says the analysis failed (an exception becomes a skipped-content finding). */
const analysed = (text: string) => {
  const a = lint(text);
  expect(a.findings.filter((f) => f.message.includes('could not analyse'))).toEqual([]);
  return a;
};
const TIMEOUT = 30_000;

describe('linear time on adversarial input (the test timeout is the guard)', () => {
  it(
    'a directive with a run of spaces before a malformed reason',
    () => {
      // directives.ts: /^\s*([^\s:]*)\s*.../ split the spaces between its two \s* every way.
      const a = analysed(`# T\n\n<!-- mldesign-not-applicable${' '.repeat(400_000)}a b -->\n`);
      expect(a.model.directives).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'an unclosed comment followed by many more openings',
    () => {
      // directives.ts: /<!--([\s\S]*?)-->/g scanned to the end of the node from every "<!--".
      const a = analysed(`# T\n\n<!--${' <!--'.repeat(400_000)}\n`);
      expect(a.model.directives).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a line of tabs, or of quote markers, where a table delimiter row is looked for',
    () => {
      // parse.ts: /^[ \t>]*[|: \t]*-.../ tried every split of the run between its two parts.
      // (Only a document with a '-' somewhere is looked at for delimiter rows.)
      for (const run of ['\t'.repeat(200_000), '>'.repeat(100_000), ' '.repeat(200_000) + '|']) analysed(`# T\n\n- item\n\n${run}\n`);
    },
    TIMEOUT,
  );

  it(
    'runs of template-variable, tab-stop and <fill openings with no close',
    () => {
      // content.ts: each placeholder regex scanned from every opening to the next '}' or '>'.
      for (const run of ['{'.repeat(200_000), '<fill'.repeat(200_000)]) analysed(`# T\n\n## Goals\n\n${run}\n`);
      // Tab stops directly: the placeholder-text rule has its own quadratic scan of them.
      const stops = `Goal: ${'${1:'.repeat(200_000)}`;
      expect(stripPlaceholders(stops)).toBe(stops);
    },
    TIMEOUT,
  );

  it(
    'a "[fill in" placeholder with a run of spaces and no "]"',
    () => {
      // content.ts: /\[\s*(?:fill[^\]]*...)\s*\]/ split the spaces between [^\]]* and \s*.
      analysed(`# T\n\n## Goals\n\n[fill${' '.repeat(300_000)}x\n`);
    },
    TIMEOUT,
  );

  it(
    'a bold label followed by a run of spaces',
    () => {
      // outline.ts: /^\s*[.:]?\s*$/ split the spaces between its two \s*.
      analysed(`# T\n\n**Monitoring**${' '.repeat(300_000)}x\n`);
    },
    TIMEOUT,
  );

  it(
    'a heading, and a list item in a matched section, full of openings with no close',
    () => {
      // normalize.ts: /\[[^\]]*\]/g on heading text; content.ts: /\([^)]*\)/g on list items.
      expect(normalizeHeading(`Monitoring ${'['.repeat(1_000_000)}`).tokens).toEqual(normalizeHeading('Monitoring').tokens);
      analysed(`# T\n\n## Monitoring\n\n- ${'('.repeat(1_000_000)}\n`);
    },
    TIMEOUT,
  );

  it(
    'many headings: section ends found in one pass, the title without spreading every depth',
    () => {
      // outline.ts: a search forward from every heading (slicing the rest), then
      // Math.min(...depths), which overflows the stack past ~100,000 arguments.
      const heading = (depth: number, i: number): Heading => {
        const point = (column: number) => ({ line: i + 1, column, offset: i * 3 + column - 1 });
        return { type: 'heading', depth: depth as Heading['depth'], children: [], position: { start: point(1), end: point(3) } };
      };
      const n = 200_000;
      const root: Root = { type: 'root', children: Array.from({ length: n }, (_, i) => heading(1 + (i % 3), i)) };
      const outline = buildOutline(root, '#\n\n'.repeat(n));
      expect(outline.entries).toHaveLength(n);
      expect(outline.entries[1]!.sectionEnd).toBe(outline.entries[3]!.lineStart);
    },
    TIMEOUT,
  );

  it('many setext headings, each with its paragraph', () => {
    // micromark's setext resolver copies every event so far at each heading; parseDocument
    // parses such a document in chunks. (Without blank lines between them it stays slow.)
    const root = parseDocument(`# T\n\n${'H\n=\n\n'.repeat(20_000)}`);
    expect(root.children.filter((n) => n.type === 'heading')).toHaveLength(20_001);
  }, 60_000);

  it(
    'snippets: unterminated choices, and placeholders nested deep',
    () => {
      // snippet.ts: each "${1|" searched to the end for "|}"; each "${1:" was a recursive call.
      expect(snippetToText('${1|'.repeat(100_000))).toBe('${1|'.repeat(100_000));
      expect(snippetToText('${1:'.repeat(100_000) + 'x')).toBe('x');
    },
    TIMEOUT,
  );

  it(
    'a section template with a long run of blank lines',
    () => {
      // guidance.ts: split(/\r?\n\s*\r?\n(?=\*\*)/) scanned a run of blank lines not followed by
      // '**' from each of its line breaks.
      const c = builtinConfig();
      const monitoring = c.sections.find((s) => s.id === 'monitoring')!;
      const template = `**Metrics.** What to watch.${'\n'.repeat(300_000)}More on metrics.\n\n**Alerts.** Who is paged.`;
      const custom: ResolvedConfig = { ...c, sections: c.sections.map((s) => (s === monitoring ? { ...s, template } : s)) };
      const text = '# T\n\n## Monitoring\n\n\n';
      const pieces = templatePieces(lint(text, custom), 4, '');
      expect(pieces.map((p) => p.label)).toEqual(['Metrics', 'Alerts']);
    },
    TIMEOUT,
  );

  it(
    'a heading line prefix with a run of spaces and a line separator',
    () => {
      // guidance.ts: /^( {0,3}#{1,6}[ \t]+)(.*)$/ handed the spaces back one by one when '.'
      // met U+2028 and '$' failed.
      expect(headingCompletions(lint('# T\n'), `##${' '.repeat(300_000)}\u2028x`)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'the same section heading many times over',
    () => {
      // duplicate-section: each heading was compared with every other for a heading above it
      // naming the same section, and each list of repeats was copied on every push.
      const a = analysed(`# T\n\n${'## Monitoring\n\nAlerts page the on-call.\n\n'.repeat(20_000)}`);
      expect(a.findings.filter((f) => f.ruleId === 'duplicate-section')).toHaveLength(19_999);
    },
    TIMEOUT,
  );

  it(
    'a latency statement with a run of spaces after a number',
    () => {
      // latency-percentiles: /\d{1,2}\s*(?:th|st|nd|rd)?[\s-]*percentile/ split the spaces
      // between its two runs every way.
      const a = analysed(`# T\n\n## Monitoring\n\nLatency 5${' '.repeat(200_000)}x is 20 ms.\n`);
      expect(a.findings.filter((f) => f.ruleId === 'latency-percentiles')).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'a latency sentence of many windows',
    () => {
      // latency-percentiles: a regex ending in \s*$ ran on the text before each target, from
      // every position of it.
      const a = analysed(`# T\n\n## Monitoring\n\nLatency ${'for 5 ms, '.repeat(40_000)}end.\n`);
      expect(a.findings.filter((f) => f.ruleId === 'latency-percentiles')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a business goal with a long number and no unit',
    () => {
      // quantified-objectives: the number-and-unit pattern started at every digit of the
      // number and read the rest of it each time.
      const a = analysed(`# T\n\n## Goals\n\nWe want ${'1'.repeat(60_000)} zq\n`);
      expect(a.findings.filter((f) => f.ruleId === 'quantified-objectives')).toHaveLength(1);
    },
    TIMEOUT,
  );

  it(
    'a line of tab-stop openings with no close',
    () => {
      // placeholder-text: /\$\{\d+(?::[^}\n]*)?\}/ read from every "${1:" to the line's end.
      const a = analysed(`# T\n\n## Monitoring\n\n${'${1:'.repeat(100_000)}\n\n- Alerts page the on-call.\n`);
      expect(a.findings.filter((f) => f.ruleId === 'placeholder-text')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a line of "[insert" openings with no close',
    () => {
      // placeholder-text: /\[\s*(?:fill in|insert|placeholder)[^\]\n]*\]/ read from every
      // "[insert" to the line's end.
      const a = analysed(`# T\n\n## Monitoring\n\n${'[insert'.repeat(60_000)}\n\n- Alerts page the on-call.\n`);
      expect(a.findings.filter((f) => f.ruleId === 'placeholder-text')).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a title full of openings with no close',
    () => {
      // model.ts: /\[[^\]]+\]|<[^>]+>/ read from every '[' or '<' of the title to its end.
      // (A run of '[' is itself slow to parse: micromark's cost, not this one.)
      expect(analysed(`# Design ${'<'.repeat(300_000)}\n`).model.isTemplate).toBe(false);
    },
    TIMEOUT,
  );

  it('the parse of such inputs equals the full parse', () => {
    // The chunked parse is only a faster route to the same tree.
    const text = `# T\n\n${'Heading\n===\n\nText.\n\n'.repeat(50)}`;
    expect(JSON.stringify(parseDocument(text))).toBe(JSON.stringify(parseMarkdown(text)));
  });
});

describe('the linear rewrites find what the regexes they replaced found', () => {
  // The old patterns, run only on short strings here, as the reference.
  const OLD_FRAGMENTS = [
    /\$\{\d+(?::[^}]*)?\}|\$\d+/g,
    /<\s*(?:fill[^>]*|placeholder[^>]*|insert[^>]*|your [^>]*)>/gi,
    /\[\s*(?:fill[^\]]*|placeholder[^\]]*|insert[^\]]*|tbd|todo)\s*\]/gi,
    /\{\{[^}]*\}\}/g,
    /lorem ipsum[^.]*\.?/gi,
  ];
  const piece = fc.constantFrom(
    '$',
    '{',
    '}',
    '{{',
    '}}',
    '1',
    ':',
    '<',
    '>',
    '[',
    ']',
    ' ',
    'fill',
    'your ',
    'insert',
    'tbd',
    'x',
    'lorem ipsum',
    '.',
    '(',
    ')',
  );
  const text = fc.array(piece, { maxLength: 16 }).map((a) => a.join(''));

  it('placeholder fragments', () => {
    fc.assert(
      fc.property(text, (t) => {
        const old = OLD_FRAGMENTS.reduce((s, re) => s.replace(re, ' '), t)
          .replace(/\s+/g, ' ')
          .trim();
        const now = stripPlaceholders(t);
        // stripPlaceholders also blanks what is left when it is only a placeholder word.
        expect(now === old || now === '').toBe(true);
        if (now !== old) expect(stripPlaceholders(old)).toBe('');
      }),
      { numRuns: 3000 },
    );
  });

  it('latency percentiles and windows', () => {
    const OLD_PERCENTILE =
      /(?<![A-Za-z0-9_])[pP](?:50|75|90|95|98|99|99\.\d+|999+)(?![A-Za-z0-9_])|\d{1,2}(?:\.\d+)?\s*(?:th|st|nd|rd)?[\s-]*percentile|percentiles?|quantiles?|histogram_quantile|\bmedian\b|\btail\b/i;
    const OLD_WINDOW_BEFORE = /(?:\bfor|\bevery|\beach|\bper|\bafter|\blast|\bwindows?(?:\s+of)?|\d\s*(?:[-–]|to))\s*$/i;
    const words = fc.constantFrom(
      ...['5', '99', '.', ' ', '\u00a0', '\n', '-', '–', 'th', 'ST', 'percentile', 'p', 'x', '_', 'median', 'tail', 'ms'],
      ...['for', 'For', 'every', 'each', 'per', 'after', 'last', 'window', 'WINDOWS', 'of', 'to', 'a'],
    );
    fc.assert(
      fc.property(
        fc.array(words, { maxLength: 12 }).map((a) => a.join('')),
        (t) => {
          expect(PERCENTILE.test(t)).toBe(OLD_PERCENTILE.test(t));
          for (let end = 0; end <= t.length; end++) expect(windowBefore(t, end)).toBe(OLD_WINDOW_BEFORE.test(t.slice(0, end)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a number with a unit', () => {
    // Units starting with a digit too: a match from inside a number is the case to cover.
    const units = ['%', 'ms', 'basis points', 'k', '5g', '0x'];
    const old = new RegExp(`\\d+(?:[.,]\\d+)?\\s*${alternation(units)}(?![\\p{L}\\p{N}])`, 'iu');
    const now = measurablePattern(units);
    const piece = fc.constantFrom('1', '5', '0', '.', ',', ' ', '-', '%', 'ms', 'basis', 'points', 'k', 'g', 'x', 'é', '٣');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((a) => a.join('')),
        (t) => {
          expect(now.test(t)).toBe(old.test(t));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('fill-in markers and template fields', () => {
    const OLD_MARKER =
      /<\s*(?:fill[^<>\n]*|your [^<>\n]*|insert [^<>\n]*|placeholder[^<>\n]*)>|\[\s*(?:fill in|insert|placeholder)[^\]\n]*\]/gi;
    const OLD_FIELD = /\$\{\d+(?::[^}\n]*)?\}|\$\{\d+\|[^}\n]*\|\}/g;
    const spans = (t: string, re: RegExp) => [...t.matchAll(re)].map((m) => [m.index, m.index + m[0].length]);
    const piece = fc.constantFrom(
      ...['<', '>', '[', ']', '{', '}', '$', '${', '${1:', '${1|', '|}', '1', '12', ':', '|', ' ', '\n', '\t', 'x'],
      ...['fill', 'fill in', 'FILL IN', 'your ', 'insert', 'Insert ', 'placeholder'],
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 16 }).map((a) => a.join('')),
        (t) => {
          expect(fillInMarkers(t)).toEqual(spans(t, OLD_MARKER));
          expect(templateFields(t)).toEqual(spans(t, OLD_FIELD));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a template title', () => {
    const old = (t: string) => /\b(template|checklist)\b/i.test(t) || /\b(your|NNNN|XXXX)\b|\[[^\]]+\]|<[^>]+>/.test(t);
    const piece = fc.constantFrom('[', ']', '<', '>', ' ', 'x', 'your', 'Template', 'NNNN', '_');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 14 }).map((a) => a.join('')),
        (t) => {
          expect(isTemplateTitle(t)).toBe(old(t));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it(
    'a front matter, or a config file, with many keys',
    () => {
      // yaml's uniqueKeys check compared each key with every other one: 10,000 keys took 10 s
      // (40,000 now take under 2 s). A key given twice is still refused, at any depth.
      const keys = Array.from({ length: 40_000 }, (_, i) => `k${i}: ${i}`).join('\n');
      const a = analysed(`---\n${keys}\n---\n# T\n`);
      expect(Object.keys(a.model.outline.frontMatter?.data ?? {})).toHaveLength(40_000);
      expect(analysed('---\na: 1\nb: {x: 1, x: 2}\n---\n# T\n').model.outline.frontMatter?.error).toBe(
        'front matter is not valid YAML: Map keys must be unique',
      );
    },
    TIMEOUT,
  );

  it('a span inside any of some ranges', () => {
    const range = fc.tuple(fc.nat(30), fc.nat(30)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), range, (ranges, [from, to]) => {
        expect(inAnyRange(ranges)({ from, to })).toBe(ranges.some(([a, b]) => from >= a && to <= b));
      }),
      { numRuns: 3000 },
    );
  });

  it('a run to the last closing character', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(replaceBeforeLastClose(t, /\([^)]*\)/g, ')', '')).toBe(t.replace(/\([^)]*\)/g, ''));
        expect(replaceBeforeLastClose(t, /\[[^\]]*\]/g, ']', ' ')).toBe(t.replace(/\[[^\]]*\]/g, ' '));
      }),
      { numRuns: 3000 },
    );
  });
});
