import { pieceFix } from '../fixes';
import { templatePiecesOf } from '../pieces';
import { clip, lowerFirst } from '../strings';
import { defineRule, type RuleFinding } from './types';

/** A section that is there, with content, but says nothing about a topic its catalogue
 * marks required (monitoring without drift, data without versioning): one finding per
 * section, naming what is missing, with a fix per topic that adds the matching paragraph of
 * the section's template. Which topics are required is the preset's (or the team's) call. */
export const missingTopic = defineRule({
  meta: {
    id: 'missing-topic',
    summary: 'A section is present but says nothing about a topic the catalogue marks required.',
    defaultSeverity: 'info',
    fixable: true,
    presets: ['recommended', 'strict'],
  },
  check(ctx) {
    const { model } = ctx;
    const out: RuleFinding[] = [];
    for (const c of model.coverage) {
      // Only a section under a heading of its own has a place to add to.
      if (c.state !== 'covered' || c.entry?.kind !== 'heading') continue;
      const missing = c.topics.filter((t) => t.required && !t.addressed);
      if (!missing.length) continue;
      const def = ctx.section(c.id)!;
      const addressed = c.topics.filter((t) => t.addressed).length;
      const what = missing.map((t) => lowerFirst(t.title)).join(' or ');
      const questions = missing.map((t) => def.topics.find((x) => x.id === t.id)?.question).filter(Boolean);
      const pieces = templatePiecesOf(def, ctx.config.sections);
      const entry = c.entry;
      out.push({
        message: `'${clip(entry.text, 40)}' says nothing about ${clip(what, 60)}`,
        detail: `${def.title}: ${addressed} of ${c.topics.length} topics addressed. ${questions.join(' ')}`.trim(),
        range: entry.range,
        sectionId: c.id,
        fixes: missing.flatMap((t) => {
          const piece = pieces.find((p) => p.topics.has(t.id));
          return piece ? [pieceFix(model, entry, piece)] : [];
        }),
      });
    }
    return out;
  },
});
