import type { MatchedEntry } from '../model';
import { normalizeHeading } from '../normalize';
import { clip } from '../strings';
import { defineRule } from './types';

/** The same catalogue section written twice under the same name, as a heading of its own.
 * Different headings for one area ("Goals" and "Success metrics"), headings nested in
 * another section ("Deployment > Monitoring") and headings that combine several sections
 * ("Scaling, monitoring and updates") are how docs are organised, not duplicates. No fix:
 * merging two sections is the author's call, and a fix never removes text. */
export const duplicateSection = defineRule({
  meta: {
    id: 'duplicate-section',
    summary: 'The same section appears twice as a heading of its own.',
    defaultSeverity: 'warning',
    fixable: false,
    presets: ['recommended', 'strict'],
  },
  check({ model }) {
    const dedicated = new Map<string, MatchedEntry[]>();
    for (const m of model.matched) {
      if (m.entry.kind !== 'heading' || m.sections.length !== 1 || m.nestedInOther) continue;
      const id = m.sections[0]!.sectionId;
      const underSame = model.matched.some(
        (o) => o !== m && o.entry.kind === 'heading' && o.sections.some((s) => s.sectionId === id) && isAncestor(model, o, m),
      );
      if (underSame) continue;
      dedicated.set(id, [...(dedicated.get(id) ?? []), m]);
    }
    return [...dedicated.entries()].flatMap(([id, list]) => {
      const def = model.sectionsById.get(id)!;
      const byName = new Map<string, MatchedEntry[]>();
      for (const m of list) {
        const key = normalizeHeading(m.entry.text).tokens.join(' ');
        byName.set(key, [...(byName.get(key) ?? []), m]);
      }
      return [...byName.values()].flatMap(([first, ...rest]) =>
        rest.map((m) => ({
          message: `'${clip(def.title, 50)}' appears again (first at line ${first!.entry.range.start.line + 1})`,
          detail: `'${m.entry.text}' repeats '${first!.entry.text}'. Merge them so reviewers find one place.`,
          range: m.entry.range,
          sectionId: id,
          related: [{ range: first!.entry.range, message: `First '${def.title}' section` }],
          fixes: [],
        })),
      );
    });
  },
});

function isAncestor(model: { outline: { entries: { parent: number }[] } }, a: MatchedEntry, b: MatchedEntry): boolean {
  for (let p = b.entry.parent; p !== -1; p = model.outline.entries[p]!.parent) if (p === a.entry.index) return true;
  return false;
}
