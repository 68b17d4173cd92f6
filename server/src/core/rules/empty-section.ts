import { fillSectionFix, notApplicableFix } from '../fixes';
import { clip, lowerFirst } from '../strings';
import { defineRule } from './types';

/** A catalogue section's heading with nothing under it but placeholders (TODO, TBD,
 * "<fill in>", an outline of bullets that only repeat the heading). */
export const emptySection = defineRule({
  meta: {
    id: 'empty-section',
    summary: 'A section heading has no content, or only TODO/TBD/placeholders.',
    defaultSeverity: 'warning',
    fixable: true,
    presets: ['recommended', 'strict'],
  },
  check({ model }) {
    return model.matched
      .filter((m) => m.entry.kind === 'heading' && !m.hasContent)
      .filter((m) => m.sections.some((s) => model.coverage.find((c) => c.id === s.sectionId)?.state !== 'not-applicable'))
      .map((m) => {
        const defs = m.sections.map((s) => model.sectionsById.get(s.sectionId)!);
        const should =
          defs.length === 1
            ? `It should cover ${lowerFirst(defs[0]!.guidance)}`
            : `It should cover what the ${defs.map((d) => `'${d.title}'`).join(' and ')} sections need; hover the heading for their topics.`;
        return {
          message: `'${clip(m.entry.text, 60)}' has no content yet`,
          detail: `Only placeholders or nothing under it. ${should}`,
          range: m.entry.range,
          sectionId: defs[0]!.id,
          fixes: [...defs.map((d) => fillSectionFix(model, m.entry, d)), ...defs.map((d) => notApplicableFix(model, d))],
        };
      });
  },
});
