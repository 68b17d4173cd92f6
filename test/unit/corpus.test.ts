// Detection on 32 real design docs with hand labels (test/corpus), measured on mldesign's own
// output. Prints the figures and fails when a check drops below its floor. Floors sit just
// under today's figures: raise them when detection improves, never lower them to make a
// change pass.
import { expect, it } from 'vitest';
import { formatRun, runCorpus } from '../../scripts/corpus';

/** Per area: a section covered or mentioned, against labels.tsv. */
const AREA_FLOORS: Record<string, number> = { business: 0.95, data: 0.9, deployment: 0.9, monitoring: 0.95, updating: 0.9 };
/** Topic labels (topics.tsv), micro-averaged. The targets are 0.85 and 0.8; today's
 * figures are 0.851 and 0.791 (223 of 262, 223 of 282): raise these as detection improves. */
const TOPIC_FLOORS = { precision: 0.85, recall: 0.79 };
/** Labels beyond the areas. fairness and interpretability are printed, not floored: no doc
 * in the corpus gives either a section, and mentions of them are too few to score. */
const OTHER_FLOORS: Record<string, number> = { latency_percentiles: 1 };

it('detects covered areas and labelled topics in the real corpus', () => {
  const run = runCorpus();
  console.log(`\n${formatRun(run)}\n`);
  for (const s of run.areas) expect(s.f1, `${s.name} F1 (${s.misses.join(', ')})`).toBeGreaterThanOrEqual(AREA_FLOORS[s.name]!);
  for (const s of run.others)
    if (OTHER_FLOORS[s.name] !== undefined)
      expect(s.f1, `${s.name} F1 (${s.misses.join(', ')})`).toBeGreaterThanOrEqual(OTHER_FLOORS[s.name]!);
  expect(run.topicsMicro!.precision, 'topic precision').toBeGreaterThanOrEqual(TOPIC_FLOORS.precision);
  expect(run.topicsMicro!.recall, 'topic recall').toBeGreaterThanOrEqual(TOPIC_FLOORS.recall);
  // No `mentioned` state from generic words on a non-ML doc whose area label is 0.
  expect(run.mentioned.filter((m) => m.nonMl && m.label === '0')).toEqual([]);
  // Non-ML design docs must not drown in info findings.
  expect(run.noise['non-ML docs']!.findings / run.noise['non-ML docs']!.docs).toBeLessThanOrEqual(2);
});
