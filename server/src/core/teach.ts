// Teaching mldesign a team's words from the editor (issue 18): on a heading that names no
// section, the sections it could be, best guess first ("Count 'Operational readiness' as
// Monitoring"); on a heading that names one, that section ("'Data quality monitoring' is
// not the Monitoring section"). The LSP layer turns an offer into an edit of the team
// config (config/edit.ts plans it).
import type { Analysis } from './analyze';
import type { SectionDef } from './config/types';
import { underOutOfScope } from './model';
import { normalizeHeading, stripNumbering } from './normalize';
import { isOutOfScope } from './outline';
import type { Range } from './types';
import { topicsIn } from './topics';

/** Sections offered for one heading at most: the list must read at a glance. */
export const MAX_TEACH_SECTIONS = 3;

export interface TeachOffer {
  /** 'alias': the heading names no section, `sections` are what it could be (best first);
   * 'not': it names `sections`, and the author may say it is not them. */
  kind: 'alias' | 'not';
  /** The heading as the config will hold it: its text without numbering. */
  heading: string;
  range: Range;
  sections: { id: string; title: string }[];
}

/** What may be taught about the heading on `line`, if it is a heading of a design doc that
 * coverage reads (not the title, nor one under "Alternatives considered"). */
export function teachOffer(analysis: Analysis, line: number, max = MAX_TEACH_SECTIONS): TeachOffer | undefined {
  const { model } = analysis;
  if (!analysis.designDoc.isDesignDoc) return undefined;
  const entry = model.outline.entries.find((e) => e.kind === 'heading' && e.range.start.line === line);
  if (!entry || entry === model.outline.title) return undefined;
  const heading = stripNumbering(entry.text).trim();
  if (!heading) return undefined;
  const title = (id: string) => ({ id, title: model.sectionsById.get(id)?.title ?? id });
  const matched = model.matched.find((m) => m.entry === entry);
  if (matched) {
    // Not on a heading that is the section's own name: "'Monitoring' is not Monitoring".
    const key = normalizeHeading(heading).tokens.join(' ');
    const named = (def: SectionDef | undefined) =>
      !!def && [def.title, ...def.aliases].some((n) => normalizeHeading(n).tokens.join(' ') === key);
    const ids = matched.sections.map((s) => s.sectionId).filter((id) => !named(model.sectionsById.get(id)));
    return ids.length ? { kind: 'not', heading, range: entry.range, sections: ids.map(title) } : undefined;
  }
  if (isOutOfScope(entry.text) || underOutOfScope(model.outline, entry)) return undefined;

  const text = model.text.slice(entry.lineStart, entry.sectionEnd);
  const first = entry.range.start.line;
  const last = model.lines.positionAt(entry.sectionEnd).line;
  // The sections the doc lacks, scored by what the heading's text says of each: its topics
  // addressed there, and places that made the section `mentioned` under it.
  const scored = analysis.coverage
    .map((c, order) => ({ c, order }))
    .filter(({ c }) => c.state === 'missing' || c.state === 'mentioned')
    .map(({ c, order }) => ({
      c,
      order,
      score:
        topicsIn(text, model.config.sections, c.id).size + 2 * (c.mentions ?? []).filter((m) => m.line >= first && m.line <= last).length,
    }))
    .sort((a, b) => b.score - a.score || Number(b.c.level === 'required') - Number(a.c.level === 'required') || a.order - b.order);
  // Evidence first; with none, the required sections the doc lacks (what a team's own name
  // most often stands for).
  const picked = scored.some((s) => s.score > 0) ? scored.filter((s) => s.score > 0) : scored.filter((s) => s.c.level === 'required');
  if (!picked.length) return undefined;
  return { kind: 'alias', heading, range: entry.range, sections: picked.slice(0, max).map((s) => title(s.c.id)) };
}
