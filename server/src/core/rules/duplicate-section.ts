import type { DocModel, MatchedEntry } from '../model';
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
    // Matched entries by outline index: the ancestor walk looks each one up instead of
    // comparing every heading with every other (quadratic in a doc of repeated headings).
    const byIndex = new Map(model.matched.map((m) => [m.entry.index, m]));
    const dedicated = new Map<string, MatchedEntry[]>();
    for (const m of model.matched) {
      if (m.entry.kind !== 'heading' || m.sections.length !== 1 || m.nestedInOther) continue;
      const id = m.sections[0]!.sectionId;
      if (underSameSection(model, byIndex, m, id)) continue;
      push(dedicated, id, m);
    }
    return [...dedicated.entries()].flatMap(([id, list]) => {
      const def = model.sectionsById.get(id)!;
      const byName = new Map<string, MatchedEntry[]>();
      for (const m of list) {
        const key = normalizeHeading(m.entry.text).tokens.join(' ');
        push(byName, key, m);
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

/** Whether a real heading above `m` names section `id` too. */
function underSameSection(model: DocModel, byIndex: Map<number, MatchedEntry>, m: MatchedEntry, id: string): boolean {
  for (let p = m.entry.parent; p !== -1; p = model.outline.entries[p]!.parent) {
    const o = byIndex.get(p);
    if (o?.entry.kind === 'heading' && o.sections.some((s) => s.sectionId === id)) return true;
  }
  return false;
}

/** Appends in place: spreading the list on every push was quadratic too. */
function push<K>(map: Map<K, MatchedEntry[]>, key: K, m: MatchedEntry): void {
  const list = map.get(key);
  if (list) list.push(m);
  else map.set(key, [m]);
}
