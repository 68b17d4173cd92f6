import { snippetLinesBlock, type PlannedBlock } from '../fixes';
import type { DocModel } from '../model';
import type { OutlineEntry } from '../outline';
import { isProseOf, sectionExtent, type Span } from '../prose';
import { alternation, clip } from '../strings';
import { defineRule } from './types';

// Business requirements nobody can check: no number with a unit, no percentage, no
// threshold anywhere in the section.

const DEFAULT_UNITS = [
  '%',
  'percent',
  'pp',
  'points',
  'bps',
  'basis points',
  'x',
  '×',
  'ms',
  's',
  'seconds',
  'minutes',
  'hours',
  'days',
  'weeks',
  'months',
  'years',
  'k',
  'M',
  'B',
  'users',
  'customers',
  'requests',
  'qps',
  'rps',
  'queries',
  'tickets',
  'accounts',
  'orders',
  'sessions',
  'clicks',
  'items',
  'transactions',
  'predictions',
  'USD',
  'EUR',
  'GBP',
  'dollars',
];
const CURRENCY = /[$€£¥]\s?\d/;
const DIGIT = /\d/;

interface Target extends Span {
  kind: 'paragraph' | 'heading' | 'cell';
}

/** A number with one of the units after it. Tried from a number's first digit only: started
 * at every digit of a long number with no unit after it, the pattern read the rest of the
 * number each time (quadratic). Any match from inside a number has one from its first digit
 * too, so the same texts pass. */
export function measurablePattern(units: readonly string[]): RegExp {
  return new RegExp(`(?<!\\d)\\d+(?:[.,]\\d+)?\\s*${alternation(units)}(?![\\p{L}\\p{N}])`, 'iu');
}

const COMPARATOR =
  /(?:>=|<=|≥|≤|>|<|\bat least|\bat most|\bno more than|\bno less than|\babove|\bbelow|\bunder|\bover|\bup to|\bfrom)\s*~?\d/i;

export const quantifiedObjectives = defineRule<{ sections: readonly string[]; units: readonly string[] }>({
  meta: {
    id: 'quantified-objectives',
    summary: 'The business requirements give no measurable target (a number with a unit, a percentage, a threshold).',
    defaultSeverity: 'warning',
    fixable: true,
    presets: ['recommended', 'strict'],
    options: {
      sections: {
        type: 'array',
        items: { type: 'string' },
        sectionIds: true,
        default: [],
        description: 'The sections that must state a measurable target.',
      },
      units: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        default: DEFAULT_UNITS,
        description: 'The units and count nouns that make a number a target (replaces the default list).',
      },
    },
  },
  check(ctx) {
    const { model, options } = ctx;
    const measurable = measurablePattern(options.units);
    return options.sections.flatMap((sectionId) => {
      const entries = ctx.coveredEntries(sectionId);
      // Every target has a digit. Blocks are scanned once and remembered: on a keystroke
      // only the edited ones are read again.
      const hasTarget = entries.some((e) =>
        ctx
          .scanProse(
            DIGIT,
            (blocks) =>
              blocks
                .filter((b) => measurable.test(b.text) || CURRENCY.test(b.text) || COMPARATOR.test(b.text))
                .map((b): Target => ({ from: b.start, to: b.end, kind: b.kind })),
            sectionExtent(e),
          )
          .some((t) => isProseOf(e, { kind: t.kind, start: t.from, end: t.to })),
      );
      const main = ctx.coverage(sectionId)?.entry;
      if (!entries.length || hasTarget || !main) return [];
      return [
        {
          message: `'${clip(main.text, 60)}' states no measurable target`,
          detail:
            'Add a number with a unit, a percentage or a threshold (e.g. "cut monthly churn from 4.1 % to 3.5 %"), so anyone can check whether the system succeeded.',
          range: main.range,
          sectionId,
          fixes:
            main.kind === 'heading'
              ? [{ title: 'Add a success metrics table to fill in', scaffold: true, blocks: () => [metricsBlock(model, main)] }]
              : [],
        },
      ];
    });
  },
});

const TABLE = [
  '**Success metrics.**',
  '',
  '| Metric | Today | Target | How it is measured |',
  '| --- | --- | --- | --- |',
  '| ${1:…} | ${2:…} | ${3:…} | ${4:…} |',
];

function metricsBlock(model: DocModel, heading: OutlineEntry): PlannedBlock {
  return snippetLinesBlock(model, heading.sectionEnd, -1, TABLE);
}
