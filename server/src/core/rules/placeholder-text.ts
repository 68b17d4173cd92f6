import type { Span } from '../prose';
import { clip, escapeRegExp } from '../strings';
import { defineRule, type RuleFinding } from './types';

// Placeholders left in the text: TODO, TBD, FIXME, lorem ipsum, <fill in>, and template
// fields nobody filled (${1:...}). No fix: removing the author's text is never ours to do.
// Placeholders in a section empty-section already reports are left to that rule.

const DEFAULT_PLACEHOLDERS = ['TODO', 'TBD', 'TBA', 'FIXME', 'XXX'];
const OTHER: { re: RegExp; what: string }[] = [
  { re: /lorem ipsum/gi, what: 'filler text' },
  {
    re: /<\s*(?:fill[^<>\n]*|your [^<>\n]*|insert [^<>\n]*|placeholder[^<>\n]*)>|\[\s*(?:fill in|insert|placeholder)[^\]\n]*\]/gi,
    what: 'a fill-in marker',
  },
  // ${1:...} only: a bare $25 in prose is money, not a tab stop.
  { re: /\$\{\d+(?::[^}\n]*)?\}|\$\{\d+\|[^}\n]*\|\}/g, what: 'an unfilled template field' },
];

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
    const emptyRanges = model.matched
      .filter((m) => m.entry.kind === 'heading' && !m.hasContent)
      .map((m) => [m.entry.lineStart, m.entry.sectionEnd] as const);
    // Only the top-level blocks where something placeholder-like appears at all, and only
    // what an edit touched (see scanProse).
    const candidates = new RegExp([wordRe?.source ?? '(?!)', ...OTHER.map((o) => o.re.source)].join('|'), 'i');
    const spans = ctx.scanProse(candidates, (blocks) => {
      const hits: (Span & { message: string })[] = [];
      for (const block of blocks) {
        const at = (index: number, length: number, message: string) =>
          hits.push({ from: block.start + index, to: block.start + index + length, message });
        for (const m of wordRe ? block.text.matchAll(wordRe) : [])
          at(m.index, m[0].length, `Placeholder '${clip(m[0], 40)}' left in the text`);
        // Fill-in markers such as <fill in> parse as HTML: look for them in the raw source.
        for (const { re, what } of OTHER) {
          for (const m of block.raw.matchAll(re)) at(m.index, m[0].length, `'${clip(m[0], 40)}' is ${what} left in the text`);
        }
      }
      return hits;
    });
    const findings: RuleFinding[] = spans
      .filter((h) => !emptyRanges.some(([a, b]) => h.from >= a && h.to <= b))
      .map((h) => ({
        message: h.message,
        detail: 'Replace it with the real content before review.',
        range: model.lines.range(h.from, h.to),
        fixes: [],
      }));
    return findings;
  },
});
