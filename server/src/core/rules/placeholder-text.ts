import type { Span } from '../prose';
import { clip, escapeRegExp, firstOfFinder } from '../strings';
import { defineRule, type RuleFinding } from './types';

// Placeholders left in the text: TODO, TBD, FIXME, lorem ipsum, <fill in>, and template
// fields nobody filled (${1:...}). No fix: removing the author's text is never ours to do.
// Placeholders in a section empty-section already reports are left to that rule.

const DEFAULT_PLACEHOLDERS = ['TODO', 'TBD', 'TBA', 'FIXME', 'XXX'];
/** Other placeholders, each found as [start, end) pairs. */
const OTHER: { find: (text: string) => [number, number][]; what: string }[] = [
  { find: (t) => [...t.matchAll(/lorem ipsum/gi)].map((m) => [m.index, m.index + m[0].length]), what: 'filler text' },
  { find: fillInMarkers, what: 'a fill-in marker' },
  // ${1:...} only: a bare $25 in prose is money, not a tab stop.
  { find: templateFields, what: 'an unfilled template field' },
];

const ANGLE_MARKER = /<\s*(?:fill[^<>\n]*|your [^<>\n]*|insert [^<>\n]*|placeholder[^<>\n]*)>/iy;
const SQUARE_OPENING = /\[\s*(?:fill in|insert|placeholder)/iy;

/** The matches of /<\s*(?:fill|your |insert |placeholder)[^<>\n]*>|\[\s*(?:fill in|insert|
 * placeholder)[^\]\n]*\]/gi. As a regex, each "[insert" with no ']' before the line break
 * was read to the line's end again (quadratic in a line of them); here the stretch after the
 * words is read once for all of them. (The '<' form stops at the next '<': linear as is.) */
export function fillInMarkers(text: string): [number, number][] {
  const out: [number, number][] = [];
  const stop = firstOfFinder(text, ']\n');
  const openings = /[<[]/g;
  for (let m = openings.exec(text); m; m = openings.exec(text)) {
    const i = m.index;
    let end = -1;
    if (text[i] === '<') {
      ANGLE_MARKER.lastIndex = i;
      if (ANGLE_MARKER.test(text)) end = ANGLE_MARKER.lastIndex;
    } else {
      SQUARE_OPENING.lastIndex = i;
      if (SQUARE_OPENING.test(text)) {
        const close = stop(SQUARE_OPENING.lastIndex);
        if (text[close] === ']') end = close + 1;
      }
    }
    if (end !== -1) {
      out.push([i, end]);
      openings.lastIndex = end;
    }
  }
  return out;
}

/** The matches of /\$\{\d+(?::[^}\n]*)?\}|\$\{\d+\|[^}\n]*\|\}/g (${1}, ${1:text}, ${1|a,b|}).
 * As a regex, each "${1:" with no '}' before the line break was read to the line's end again
 * (quadratic in a line of them); here that stretch is read once for all of them. */
export function templateFields(text: string): [number, number][] {
  const out: [number, number][] = [];
  const stop = firstOfFinder(text, '}\n');
  for (let i = text.indexOf('${'); i !== -1;) {
    let j = i + 2;
    while (text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
    let end = -1;
    if (j > i + 2 && text[j] === '}') end = j + 1;
    else if (j > i + 2 && (text[j] === ':' || text[j] === '|')) {
      const close = stop(j + 1);
      // A choice ends with "|}", its second '|' after the first.
      if (text[close] === '}' && (text[j] === ':' || (close >= j + 2 && text[close - 1] === '|'))) end = close + 1;
    }
    if (end !== -1) out.push([i, end]);
    i = text.indexOf('${', end !== -1 ? end : i + 1);
  }
  return out;
}

export const placeholderText = defineRule<{ terms: readonly string[] }>({
  meta: {
    id: 'placeholder-text',
    summary: 'Placeholder text is left in: TODO, TBD, FIXME, lorem ipsum, <fill in>, unfilled template fields.',
    defaultSeverity: 'warning',
    fixable: false,
    presets: ['recommended', 'strict'],
    options: {
      terms: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: DEFAULT_PLACEHOLDERS,
        description: 'Placeholder words, matched as whole words with their case (replaces the default list).',
      },
    },
  },
  check(ctx) {
    const { model, options } = ctx;
    const words = options.terms.filter((w) => w.trim());
    const wordRe = words.length ? new RegExp(`(?<![A-Za-z0-9_])(?:${words.map(escapeRegExp).join('|')})(?![A-Za-z0-9_])`, 'g') : undefined;
    const inEmpty = inAnyRange(
      model.matched.filter((m) => m.entry.kind === 'heading' && !m.hasContent).map((m) => [m.entry.lineStart, m.entry.sectionEnd] as const),
    );
    // Only the top-level blocks where something placeholder-like appears at all, and only
    // what an edit touched (see scanProse).
    const wordsOrFiller = new RegExp([wordRe?.source ?? '(?!)', 'lorem ipsum'].join('|'), 'i');
    const candidates = (source: string) =>
      wordsOrFiller.test(source) || fillInMarkers(source).length > 0 || templateFields(source).length > 0;
    const spans = ctx.scanProse(candidates, (blocks) => {
      const hits: (Span & { message: string })[] = [];
      for (const block of blocks) {
        const at = (index: number, length: number, message: string) =>
          hits.push({ from: block.start + index, to: block.start + index + length, message });
        for (const m of wordRe ? block.text.matchAll(wordRe) : [])
          at(m.index, m[0].length, `Placeholder '${clip(m[0], 40)}' left in the text`);
        // Fill-in markers such as <fill in> parse as HTML: look for them in the raw source.
        for (const { find, what } of OTHER) {
          for (const [from, to] of find(block.raw))
            at(from, to - from, `'${clip(block.raw.slice(from, to), 40)}' is ${what} left in the text`);
        }
      }
      return hits;
    });
    const findings: RuleFinding[] = spans
      .filter((h) => !inEmpty(h))
      .map((h) => ({
        message: h.message,
        detail: 'Replace it with the real content before review.',
        range: model.lines.range(h.from, h.to),
        fixes: [],
      }));
    return findings;
  },
});

/** Whether a span lies inside one of the ranges: a binary search for the last range starting
 * at or before it, and the furthest end of any range up to there. (Comparing every hit with
 * every empty section was quadratic in a doc of many empty sections with placeholders.) */
export function inAnyRange(ranges: (readonly [number, number])[]): (span: Span) => boolean {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0]);
  const reach: number[] = [];
  for (const [, end] of sorted) reach.push(Math.max(reach[reach.length - 1] ?? -Infinity, end));
  return ({ from, to }) => {
    let lo = 0;
    let hi = sorted.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]![0] <= from) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return k !== -1 && reach[k]! >= to;
  };
}
