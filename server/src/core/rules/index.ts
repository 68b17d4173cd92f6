import { dataVersioning } from './data-versioning';
import { driftMonitoring } from './drift-monitoring';
import { duplicateSection } from './duplicate-section';
import { emptySection } from './empty-section';
import { invalidDirective } from './invalid-directive';
import { invalidFrontMatter } from './invalid-front-matter';
import { latencyPercentiles } from './latency-percentiles';
import { missingSection } from './missing-section';
import { placeholderText } from './placeholder-text';
import { quantifiedObjectives } from './quantified-objectives';
import { skippedContent } from './skipped-content';
import { stakeholders } from './stakeholders';
import { updateTrigger } from './update-trigger';
import type { Rule } from './types';

/** Every rule, in reporting order. Adding a rule: one file here, one doc page in docs/rules/,
 * fixtures in test/fixtures/rules/<id>/ (tests fail when either is missing). */
export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  duplicateSection,
  invalidDirective,
  invalidFrontMatter,
  latencyPercentiles,
  quantifiedObjectives,
  placeholderText,
  dataVersioning,
  driftMonitoring,
  updateTrigger,
  stakeholders,
  skippedContent,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
