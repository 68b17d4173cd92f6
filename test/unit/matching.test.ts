import { describe, expect, it } from 'vitest';
import { builtinConfig } from '../../server/src/core';
import { SectionMatcher } from '../../server/src/core/match';
import { normalizeHeading, stripNumbering } from '../../server/src/core/normalize';

// Pins the shipped catalogue on purpose: which real headings name which section is the
// recommended preset's promise (README's table of headings it recognises).
const matcher = new SectionMatcher(builtinConfig().sections);
const ids = (heading: string) => matcher.match(heading).map((m) => m.sectionId);

describe('heading normalisation', () => {
  it.each([
    ['3. Monitoring', 'Monitoring'],
    ['3.2 Serving', 'Serving'],
    ['IV. Validation schema', 'Validation schema'],
    ['II.i Metrics', 'Metrics'],
    ['Step 2: Data pipeline', 'Data pipeline'],
    ['Part IV - Rollout', 'Rollout'],
    ['(3) Goals', 'Goals'],
    ['a) Data', 'Data'],
    ['I think so', 'I think so'],
  ])('strips numbering from %j', (input, want) => {
    expect(stripNumbering(input)).toBe(want);
  });

  it('ignores case, punctuation, emoji and word form', () => {
    const want = normalizeHeading('Monitoring').tokens;
    for (const h of ['MONITORING', 'monitor', 'Monitors!', '📈 Monitoring', '**Monitoring**:', '4.1 — Monitoring 🚨']) {
      expect(normalizeHeading(h).tokens, h).toEqual(want);
    }
    expect(normalizeHeading('Data labelling').tokens).toEqual(normalizeHeading('data labeling').tokens);
  });
});

describe('heading to section', () => {
  it.each([
    ['Business requirements', ['business-requirements']],
    ['1. Problem Formulation', ['business-requirements']],
    ['Goals/In-Scope', ['business-requirements']],
    ['Non-Goals', []],
    ['Training data', ['data-stack']],
    ['5. Feature Engineering', ['data-stack']],
    ['Data requirements', ['data-stack']],
    ['XII. Serving and Inference', ['deployment']],
    ['Prediction service', ['deployment']],
    ['Inference mode', []],
    ['Rollback support', ['deployment']],
    ['Monitoring requirements', ['monitoring']],
    ['Data quality monitoring', ['monitoring']],
    ['Drift detection', ['monitoring']],
    ['Retraining cadence', ['model-updates']],
    ['Model update triggers', ['model-updates']],
    ['Retraining', ['model-updates']],
    ['Model updates', ['model-updates']],
    ['9. Scaling, Monitoring, and Updates', ['deployment', 'monitoring', 'model-updates']],
    ['Configuration updates', []],
    ['Feature enablement and rollback', ['deployment']],
    ['[Feature or Story Design Title]', []],
    ['Story 1: Data scientist using existing workflows', []],
    // Corpus false positives: statistical bias is not fairness; "Responsible AI" is.
    ['Feedback loops and bias', ['model-updates']],
    ['Responsible AI review', ['fairness']],
    ['Summary', []],
    ['Motivation', []],
  ])('%j names %j', (heading, want) => {
    expect(ids(heading)).toEqual(want);
  });
});
