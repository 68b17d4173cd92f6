import type { SectionDef } from './config/types';
import { topicsIn } from './topics';

/** A paragraph of a section's template that starts with a bold lead-in ("**Drift.** ..."),
 * in snippet syntax: what completion offers and what a missing-topic fix inserts. */
export interface TemplatePiece {
  lead: string;
  snippet: string;
  /** The section's topics the piece is about: those its lead-in names ("Drift"), else those
   * its words address. */
  topics: Set<string>;
}

const LEAD = /^\*\*([^*]+?)[.:]?\*\*/;

/** Per catalogue and section: a config is resolved once, and missing-topic asks on every
 * analysis. */
const memo = new WeakMap<readonly SectionDef[], WeakMap<SectionDef, TemplatePiece[]>>();

/** The pieces of a section's template, in order. */
export function templatePiecesOf(def: SectionDef, sections: readonly SectionDef[]): TemplatePiece[] {
  let bySection = memo.get(sections);
  if (!bySection) memo.set(sections, (bySection = new WeakMap()));
  let pieces = bySection.get(def);
  if (!pieces) bySection.set(def, (pieces = piecesOf(def, sections)));
  return pieces;
}

function piecesOf(def: SectionDef, sections: readonly SectionDef[]): TemplatePiece[] {
  return splitBeforeLeads(def.template.trim())
    .map((p) => p.trim())
    .flatMap((snippet) => {
      const lead = LEAD.exec(snippet)?.[1];
      if (!lead) return [];
      const named = topicsIn(lead, sections, def.id);
      return [{ lead, snippet, topics: named.size ? named : topicsIn(snippet, sections, def.id) }];
    });
}

/** A template split before each "**Lead.**" that follows a blank line: what
 * `split(/\r?\n\s*\r?\n(?=\*\*)/)` gives, in linear time. That regex tried each line break of
 * a run of blank lines as a start and scanned the rest of the run from each: quadratic in
 * the run. Here each run of blank lines is found once (from its first line break to its
 * last), and it separates pieces when "**" follows it at once. */
export function splitBeforeLeads(template: string): string[] {
  const parts = template.split(/(\r?\n\s*\r?\n)/);
  const pieces = [parts[0]!];
  for (let i = 1; i < parts.length; i += 2) {
    const next = parts[i + 1]!;
    if (next.startsWith('**')) pieces.push(next);
    else pieces[pieces.length - 1] += parts[i]! + next;
  }
  return pieces;
}
