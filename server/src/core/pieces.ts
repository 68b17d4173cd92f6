import type { SectionDef } from './config/types';
import { topicsIn } from './topics';

/** A paragraph of a section's template that starts with a bold lead-in ("**Drift.** ..."),
 * in snippet syntax: what completion offers and what a missing-topic fix inserts. */
export interface TemplatePiece {
  lead: string;
  snippet: string;
  /** The section's topics the piece's words address. */
  topics: Set<string>;
}

const LEAD = /^\*\*([^*]+?)[.:]?\*\*/;

/** The pieces of a section's template, in order. */
export function templatePiecesOf(def: SectionDef, sections: readonly SectionDef[]): TemplatePiece[] {
  return def.template
    .trim()
    .split(/\r?\n\s*\r?\n(?=\*\*)/)
    .map((p) => p.trim())
    .flatMap((snippet) => {
      const lead = LEAD.exec(snippet)?.[1];
      return lead ? [{ lead, snippet, topics: topicsIn(snippet, sections, def.id) }] : [];
    });
}
