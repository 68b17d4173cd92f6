import { snippetLinesBlock, type PlannedBlock } from '../fixes';
import type { DocModel } from '../model';
import { sentences, topLevelAt, type Span } from '../prose';
import { clip, termsPattern } from '../strings';
import { defineRule, type RuleFinding } from './types';

// Latency is a distribution: an average or one bare number hides the slow requests users
// feel. A target with a time unit next to a latency word, and no percentile anywhere near
// it (the sentence, a table's headers, the section heading), is reported.

const DEFAULT_LATENCY_TERMS = [
  'latency',
  'latencies',
  'response time',
  'response times',
  'inference time',
  'time to first token',
  'TTFT',
  'round-trip time',
  'serving time',
];
// Only ever tested, never matched out: "95th percentile" is found by the word itself. (An
// alternative for the number before it added nothing, and split a run of spaces after a
// number every way between its two quantifiers: quadratic.)
export const PERCENTILE =
  /(?<![A-Za-z0-9_])[pP](?:50|75|90|95|98|99|99\.\d+|999+)(?![A-Za-z0-9_])|percentiles?|quantiles?|histogram_quantile|\bmedian\b|\btail\b/i;
const MEAN = /\b(?:average|avg|mean)\b/i;
const TARGET = /(?<![A-Za-z0-9_.])(\d+(?:[.,]\d+)?)\s*(?:ms|msec|milliseconds?|s|secs?|seconds?|µs|us|microseconds?)(?![A-Za-z0-9_])/gi;
const HAS_TARGET = new RegExp(TARGET.source, 'i');
/** "for 5 minutes", "every 10 s": a window or an interval, not a target; "100-200 ms": a
 * range, which already admits the spread. Whether one ends at `end` (spaces between), read
 * backwards from there: a regex ending in `\s*$` on the text before each target was tried
 * from every position of it, once per target of the sentence (quadratic). */
export function windowBefore(text: string, end: number): boolean {
  const p = spacesBefore(text, end);
  // The slices hold the longest word ("windows") and the character before it, for \b.
  if (WINDOW_WORD.test(text.slice(Math.max(0, p - 8), p))) return true;
  if (p >= 2 && /^of$/i.test(text.slice(p - 2, p))) {
    const q = spacesBefore(text, p - 2);
    if (q < p - 2 && /\bwindows?$/i.test(text.slice(Math.max(0, q - 8), q))) return true;
  }
  // A range: a digit, then a dash or "to".
  const dash = text[p - 1] === '-' || text[p - 1] === '–' ? p - 1 : p >= 2 && /^to$/i.test(text.slice(p - 2, p)) ? p - 2 : -1;
  if (dash === -1) return false;
  const d = text.charCodeAt(spacesBefore(text, dash) - 1);
  return d >= 48 && d <= 57;
}
const WINDOW_WORD = /(?:\bfor|\bevery|\beach|\bper|\bafter|\blast|\bwindows?)$/i;

/** The start of the run of white space (as \s reads it) that ends at `end`. */
function spacesBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1]!)) i--;
  return i;
}

export const latencyPercentiles = defineRule<{ latencyTerms: readonly string[] }>({
  meta: {
    id: 'latency-percentiles',
    summary: 'A latency target is given as an average or a single number instead of percentiles.',
    defaultSeverity: 'warning',
    fixable: true,
    presets: ['recommended', 'strict'],
    options: {
      latencyTerms: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: DEFAULT_LATENCY_TERMS,
        description: 'Words and phrases that name a latency (replaces the default list).',
      },
    },
  },
  check(ctx) {
    const { model, options } = ctx;
    const latency = termsPattern(options.latencyTerms);
    const next = nextBlockTexts(model);
    // Only where a latency word appears, and only what an edit touched (see scanProse).
    const spans = ctx.scanProse(latency, (blocks) => {
      const found: (Span & { mean: boolean })[] = [];
      for (const block of blocks) {
        if (block.kind === 'heading') continue;
        // Cheap tests first: most blocks say nothing about latency.
        if (!latency.test(block.text) && !(block.kind === 'cell' && latency.test(block.context ?? ''))) continue;
        if (!HAS_TARGET.test(block.text)) continue;
        // Percentiles in the table headers, the heading, or the block right after (where the
        // fix puts its table) qualify the statement.
        const around = `${block.context ?? ''} ${block.heading?.text ?? ''} ${next(block.end)}`;
        if (PERCENTILE.test(around)) continue;
        for (const s of sentences(block.text)) {
          const term = latency.exec(s.text) ?? (block.kind === 'cell' ? latency.exec(block.context ?? '') : null);
          if (!term || PERCENTILE.test(s.text)) continue;
          const target = [...s.text.matchAll(TARGET)].find((m) => !windowBefore(s.text, m.index));
          if (!target) continue;
          const inSentence = latency.exec(s.text) !== null;
          const from = block.start + s.start + Math.min(inSentence ? term.index : target.index, target.index);
          const to = block.start + s.start + Math.max(inSentence ? term.index + term[0].length : 0, target.index + target[0].length);
          found.push({ from, to, mean: MEAN.test(s.text) }); // one finding per sentence
        }
      }
      return found;
    });
    return spans.map(({ from, to, mean }): RuleFinding => {
      const quote = clip(model.text.slice(from, to), 50);
      return {
        message: mean ? `Latency target given as an average ('${quote}')` : `Latency target with no percentile ('${quote}')`,
        detail: mean
          ? 'An average hides the slow requests users feel. State percentiles (p50, p90, p99).'
          : 'One number hides the spread users feel: say which percentile it is (p50, p90, p99), or give several.',
        range: model.lines.range(from, to),
        // Not preferred: the table's figures are the author's to give, so fix-all leaves it.
        fixes: [{ title: 'Add a latency percentile table', blocks: () => [tableBlock(model, from)] }],
      };
    });
  },
});

const TABLE = [
  '| Latency | p50 | p90 | p99 |',
  '| --- | --- | --- | --- |',
  '| ${1:End-to-end, as users see it} | ${2:… ms} | ${3:… ms} | ${4:… ms} |',
];

/** The text of the paragraph or table right after the top-level block holding an offset. */
function nextBlockTexts(model: DocModel): (offset: number) => string {
  const kids = model.outline.root.children;
  return (offset) => {
    const at = topLevelAt(model, offset);
    const next = at === -1 ? undefined : kids[at + 1];
    return next?.type === 'table' || next?.type === 'paragraph'
      ? model.text.slice(next.position!.start.offset, next.position!.end.offset)
      : '';
  };
}

/** The percentile table goes after the top-level block holding the statement. */
function tableBlock(model: DocModel, offset: number): PlannedBlock {
  const top = model.outline.root.children[topLevelAt(model, offset)];
  const end = top?.position?.end.offset ?? offset;
  const nextLine = model.lines.starts[model.lines.positionAt(end).line + 1] ?? model.text.length;
  return snippetLinesBlock(model, nextLine, 0, TABLE);
}
