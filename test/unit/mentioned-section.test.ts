// mentioned-section's related locations: every place up to a cap, the last saying how many
// more there are (the message lists the first lines; the JSON output's `mentions` has all).
import { describe, expect, it } from 'vitest';
import { analyze, builtinConfig } from '../../server/src/core';

const doc = (places: number) =>
  [
    '# Churn model design',
    '',
    '## Goals',
    '',
    'Cut monthly churn from 4.1 % to 3.5 %.',
    '',
    '## Serving',
    '',
    ...Array.from({ length: places }, (_, i) => [
      `Scores for region ${i + 1} are written to the CRM every night. The model is retrained weekly on the last twelve months of accounts, and rolled back to the previous model within the hour if it misbehaves.`,
      '',
    ]).flat(),
  ].join('\n');

const related = (text: string) => {
  const a = analyze(text, { config: builtinConfig('recommended'), detection: 'all' });
  const f = a.findings.find((x) => x.ruleId === 'mentioned-section' && x.sectionId === 'model-updates');
  const mentions = a.coverage.find((c) => c.id === 'model-updates')?.mentions ?? [];
  return { related: f?.related ?? [], mentions: mentions.length };
};

describe('mentioned-section', () => {
  it('gives each place as a related location, up to ten, the tenth saying how many more', () => {
    const few = related(doc(3));
    expect(few.mentions).toBeGreaterThan(0);
    expect(few.related).toHaveLength(few.mentions);
    expect(few.related.every((r) => r.message === 'Model updates discussed here')).toBe(true);

    const many = related(doc(30));
    expect(many.mentions).toBeGreaterThan(10);
    expect(many.related).toHaveLength(10);
    expect(many.related[9]!.message).toBe(`Model updates discussed here (and in ${many.mentions - 10} more places)`);
    expect(many.related.slice(0, 9).every((r) => r.message === 'Model updates discussed here')).toBe(true);
  });
});
