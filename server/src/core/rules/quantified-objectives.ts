import { snippetLinesBlock, type PlannedBlock } from '../fixes';
import type { DocModel } from '../model';
import type { OutlineEntry } from '../outline';
import { alternation, coveredEntries, isProseOf, scanProse, sectionExtent, stringList, type Span } from '../prose';
import type { Rule } from './types';

// Business requirements nobody can check: no number with a unit, no percentage, no
// threshold anywhere in the section.

export const DEFAULT_UNITS = [
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

const COMPARATOR =
  /(?:>=|<=|≥|≤|>|<|\bat least|\bat most|\bno more than|\bno less than|\babove|\bbelow|\bunder|\bover|\bup to|\bfrom)\s*~?\d/i;

export const quantifiedObjectives: Rule = {
  meta: {
    id: 'quantified-objectives',
    summary: 'The business requirements give no measurable target (a number with a unit, a percentage, a threshold).',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ model, options }) {
    const entries = coveredEntries(model, 'business-requirements');
    if (!entries.length) return [];
    const units = stringList(options['units'], DEFAULT_UNITS);
    const measurable = new RegExp(`\\d+(?:[.,]\\d+)?\\s*${alternation(units)}(?![\\p{L}\\p{N}])`, 'iu');
    // Every target has a digit. Blocks are scanned once and remembered (see scanProse): on a
    // keystroke only the edited ones are read again.
    const hasTarget = entries.some((e) =>
      scanProse(
        model,
        `quantified-objectives:${units.join('|')}`,
        DIGIT,
        (blocks) =>
          blocks
            .filter((b) => measurable.test(b.text) || CURRENCY.test(b.text) || COMPARATOR.test(b.text))
            .map((b): Target => ({ from: b.start, to: b.end, kind: b.kind })),
        sectionExtent(e),
      ).some((t) => isProseOf(e, { kind: t.kind, start: t.from, end: t.to })),
    );
    if (hasTarget) return [];
    const main = model.coverage.find((c) => c.id === 'business-requirements')!.entry!;
    return [
      {
        message: `'${main.text}' states no measurable target: add a number with a unit, a percentage or a threshold (e.g. "cut monthly churn from 4.1 % to 3.5 %"), so anyone can check whether the system succeeded.`,
        range: main.range,
        sectionId: 'business-requirements',
        fixes:
          main.kind === 'heading'
            ? [{ title: 'Add a success metrics table to fill in', scaffold: true, blocks: () => [metricsBlock(model, main)] }]
            : [],
      },
    ];
  },
};

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
