import { addSectionFix, notApplicableFix } from '../fixes';
import { isSeverity, type Range } from '../types';
import { lowerFirst } from '../strings';
import type { Rule } from './types';

/** One finding per catalogue section the document lacks, on the title, saying what the
 * section should cover, with a fix that inserts the section's template where it belongs.
 * Recommended sections are reported at the `recommended` option's severity (info). */
export const missingSection: Rule = {
  meta: {
    id: 'missing-section',
    summary: 'A required section of the catalogue has no heading in the document.',
    defaultSeverity: 'warning',
    fixable: true,
    scope: 'document',
  },
  check({ model, order, options }) {
    const recommended = isSeverity(options['recommended']) ? options['recommended'] : 'info';
    const { outline } = model;
    const range: Range =
      outline.title?.range ?? firstContentLine(model.lines.lineCount, (l) => model.lines.lineText(l), outline.frontMatter?.endLine);
    return model.coverage
      .filter((c) => c.state === 'missing' && (c.level === 'required' || options['recommended'] !== 'off'))
      .map((c) => {
        const def = model.sectionsById.get(c.id)!;
        return {
          message: `No '${def.title}' section${def.level === 'recommended' ? ' (recommended)' : ''}. It should cover ${lowerFirst(def.guidance)}`,
          range,
          sectionId: def.id,
          ...(def.severity ? { severity: def.severity } : def.level === 'recommended' ? { severity: recommended } : {}),
          fixes: [addSectionFix(model, def, order), notApplicableFix(model, def)],
        };
      });
  },
};

function firstContentLine(count: number, lineText: (l: number) => string, afterLine: number | undefined): Range {
  for (let l = afterLine === undefined ? 0 : afterLine + 1; l < count; l++) {
    const t = lineText(l);
    if (t.trim()) return { start: { line: l, character: 0 }, end: { line: l, character: t.length } };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
