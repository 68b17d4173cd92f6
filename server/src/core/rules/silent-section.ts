import { coveredEntries, proseIn, stringList, termsPattern } from '../prose';
import type { Rule, RuleMeta } from './types';

/** Hints of the form "the X section says nothing about Y": a covered section whose prose
 * has none of the topic's terms (a rule option teams can change) gets one hint. */
export function silentSectionRule(spec: { meta: Omit<RuleMeta, 'defaultSeverity' | 'fixable'>; sectionId: string; terms: readonly string[]; advice: string }): Rule {
  return {
    meta: { ...spec.meta, defaultSeverity: 'hint', fixable: false },
    check({ model, options }) {
      const main = model.coverage.find((c) => c.id === spec.sectionId)?.entry;
      // Only a section under its own heading has an extent to be silent in.
      const entries = coveredEntries(model, spec.sectionId);
      if (!entries.length || main?.kind !== 'heading') return [];
      const terms = termsPattern(stringList(options['terms'], spec.terms));
      if (entries.some((e) => terms.test(e.text) || proseIn(model, e).some((b) => terms.test(b.text)))) return [];
      return [{ message: `'${main.text}' ${spec.advice}`, range: main.range, sectionId: spec.sectionId, fixes: [] }];
    },
  };
}
