import { isProseOf, sectionExtent } from '../prose';
import { termsPattern } from '../strings';
import { defineRule, type Rule, type RuleMeta } from './types';

const ANY = /(?:)/;

/** Hints of the form "the X section says nothing about Y": a covered section whose prose
 * has none of the topic's terms (a rule option teams can change) gets one hint. */
export function silentSectionRule(spec: {
  meta: Pick<RuleMeta, 'id' | 'summary'>;
  sectionId: string;
  terms: readonly string[];
  advice: string;
}): Rule<{ terms: readonly string[] }> {
  return defineRule<{ terms: readonly string[] }>({
    meta: {
      ...spec.meta,
      defaultSeverity: 'hint',
      fixable: false,
      presets: ['recommended', 'strict'],
      options: {
        terms: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          default: spec.terms,
          description: 'Words and phrases that count as saying it (replaces the default list).',
        },
      },
    },
    check(ctx) {
      const main = ctx.coverage(spec.sectionId)?.entry;
      // Only a section under its own heading has an extent to be silent in.
      const entries = ctx.coveredEntries(spec.sectionId);
      if (!entries.length || main?.kind !== 'heading') return [];
      const terms = termsPattern(ctx.options.terms);
      // The blocks that mention a term, remembered per top-level node: on a keystroke only
      // the edited part is read again. Every node is scanned (ANY), since a term can span
      // text that blanking joins.
      const mentions = (e: (typeof entries)[number]) =>
        ctx.scanProse(
          ANY,
          (blocks) => blocks.filter((b) => terms.test(b.text)).map((b) => ({ from: b.start, to: b.end, kind: b.kind })),
          sectionExtent(e),
        );
      const says = (e: (typeof entries)[number]) =>
        terms.test(e.text) || mentions(e).some((m) => isProseOf(e, { kind: m.kind, start: m.from, end: m.to }));
      if (entries.some(says)) return [];
      return [{ message: `'${main.text}' ${spec.advice}`, range: main.range, sectionId: spec.sectionId, fixes: [] }];
    },
  });
}
