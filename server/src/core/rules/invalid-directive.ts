import { clip, closest } from '../strings';
import { defineRule } from './types';

/** An mldesign directive that cannot do what it says: an unknown rule or section id, or a
 * not-applicable marker without a reason. A marker without a reason is ignored, so the
 * section is still reported missing: "not applicable" must always say why. */
export const invalidDirective = defineRule({
  meta: {
    id: 'invalid-directive',
    summary: 'An mldesign directive names an unknown rule or section, or marks a section not applicable without a reason.',
    defaultSeverity: 'warning',
    fixable: false,
    presets: ['minimal', 'recommended', 'strict'],
  },
  check({ model, ruleIds }) {
    const sectionIds = [...model.sectionsById.keys()];
    return model.directives.flatMap((d) => {
      const at = { range: d.range, fixes: [] };
      if (d.kind !== 'not-applicable') {
        return d.ids
          .filter((id) => !ruleIds.includes(id))
          .map((id) => ({
            ...at,
            message: `Unknown rule '${clip(id, 40)}' in mldesign-${d.kind}${suggest(id, ruleIds)}`,
            detail: `Known rules: ${ruleIds.join(', ')}.`,
          }));
      }
      const id = d.ids[0];
      if (!id)
        return [
          {
            ...at,
            message: 'mldesign-not-applicable needs a section id and a reason',
            detail: 'For example <!-- mldesign-not-applicable monitoring: batch report, nothing is served online -->.',
          },
        ];
      const def = model.sectionsById.get(id);
      if (!def)
        return [
          {
            ...at,
            message: `Unknown section '${clip(id, 40)}' in mldesign-not-applicable${suggest(id, sectionIds)}`,
            detail: `Sections: ${sectionIds.join(', ')}.`,
          },
        ];
      if (!d.reason)
        return [
          {
            ...at,
            sectionId: id,
            message: `Say why '${clip(def.title, 50)}' does not apply`,
            detail: `Write <!-- mldesign-not-applicable ${id}: <the reason> -->. Without a reason the marker is ignored, and the section is still reported.`,
          },
        ];
      return [];
    });
  },
});

function suggest(word: string, known: readonly string[]): string {
  const c = closest(word, known);
  return c ? ` (did you mean '${c}'?)` : '';
}
