import { coveredEntries, isProseOf, scanProse, sectionExtent, stringList, termsPattern } from '../prose';
import type { Rule, RuleMeta } from './types';

const ANY = /(?:)/;

/** Hints of the form "the X section says nothing about Y": a covered section whose prose
 * has none of the topic's terms (a rule option teams can change) gets one hint. */
export function silentSectionRule(spec: {
  meta: Omit<RuleMeta, 'defaultSeverity' | 'fixable'>;
  sectionId: string;
  terms: readonly string[];
  advice: string;
}): Rule {
  return {
    meta: { ...spec.meta, defaultSeverity: 'hint', fixable: false },
    check({ model, options }) {
      const main = model.coverage.find((c) => c.id === spec.sectionId)?.entry;
      // Only a section under its own heading has an extent to be silent in.
      const entries = coveredEntries(model, spec.sectionId);
      if (!entries.length || main?.kind !== 'heading') return [];
      const terms = termsPattern(stringList(options['terms'], spec.terms));
      // The blocks that mention a term, remembered per top-level node (see scanProse): on a
      // keystroke only the edited part is read again. Every node is scanned (ANY), since a
      // term can span text that blanking joins.
      const mentions = (e: (typeof entries)[number]) =>
        scanProse(
          model,
          `${spec.meta.id}:${terms.source}`,
          ANY,
          (blocks) => blocks.filter((b) => terms.test(b.text)).map((b) => ({ from: b.start, to: b.end, kind: b.kind })),
          sectionExtent(e),
        );
      const says = (e: (typeof entries)[number]) =>
        terms.test(e.text) || mentions(e).some((m) => isProseOf(e, { kind: m.kind, start: m.from, end: m.to }));
      if (entries.some(says)) return [];
      return [{ message: `'${main.text}' ${spec.advice}`, range: main.range, sectionId: spec.sectionId, fixes: [] }];
    },
  };
}
