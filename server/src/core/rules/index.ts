import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { invalidDirective } from './invalid-directive';
import { invalidFrontMatter } from './invalid-front-matter';
import { latencyPercentiles } from './latency-percentiles';
import { mentionedSection } from './mentioned-section';
import { metadata } from './metadata';
import { missingSection } from './missing-section';
import { missingTopic } from './missing-topic';
import { placeholderText } from './placeholder-text';
import { quantifiedObjectives } from './quantified-objectives';
import { skippedContent } from './skipped-content';
import { templateVersion } from './template-version';
import type { Rule } from './types';

/** Every rule, in reporting order. Adding a rule: its file, one line here, its doc page in
 * docs/rules/ (the head is generated), fixtures in test/fixtures/rules/<id>/ (tests fail
 * when either is missing). */
export const RULES: readonly Rule[] = [
  missingSection,
  mentionedSection,
  missingTopic,
  emptySection,
  duplicateSection,
  invalidDirective,
  invalidFrontMatter,
  metadata,
  templateVersion,
  latencyPercentiles,
  quantifiedObjectives,
  placeholderText,
  skippedContent,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));

/** Rules that became topics of the catalogue, checked by missing-topic: what a config that
 * still names one is told. */
export const RETIRED_RULES: Readonly<Record<string, { section: string; topic: string }>> = {
  'data-versioning': { section: 'data-stack', topic: 'versioning' },
  'drift-monitoring': { section: 'monitoring', topic: 'drift' },
  'update-trigger': { section: 'model-updates', topic: 'when' },
  stakeholders: { section: 'business-requirements', topic: 'stakeholders' },
};
