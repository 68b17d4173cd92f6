import { addSectionFix, notApplicableFix } from '../fixes';
import { lowerFirst } from '../strings';
import { SEVERITIES, type Range, type Severity } from '../types';
import { defineRule } from './types';

/** One finding per catalogue section the document lacks, on the title, saying what the
 * section should cover, with a fix that inserts the section's template where it belongs.
 * Recommended sections are reported at the `recommended` option's severity (info). */
export const missingSection = defineRule<{ recommended: Severity | 'off' }>({
  meta: {
    id: 'missing-section',
    summary: 'A required section of the catalogue has no heading in the document.',
    defaultSeverity: 'warning',
    fixable: true,
    scope: 'document',
    presets: ['minimal', 'recommended', 'strict'],
    options: {
      recommended: {
        type: 'string',
        enum: [...SEVERITIES, 'off'],
        default: 'info',
        description: "Severity for missing sections of level 'recommended' ('off': not reported).",
      },
    },
  },
  check({ model, order, options }) {
    const { recommended } = options;
    const { outline } = model;
    const range: Range =
      outline.title?.range ?? firstContentLine(model.lines.lineCount, (l) => model.lines.lineText(l), outline.frontMatter?.endLine);
    return model.coverage
      .filter((c) => c.state === 'missing' && (c.level === 'required' || recommended !== 'off'))
      .map((c) => {
        const def = model.sectionsById.get(c.id)!;
        return {
          message: `No '${def.title}' section${def.level === 'recommended' ? ' (recommended)' : ''}. It should cover ${lowerFirst(def.guidance)}`,
          range,
          sectionId: def.id,
          ...(def.severity
            ? { severity: def.severity }
            : def.level === 'recommended' && recommended !== 'off'
              ? { severity: recommended }
              : {}),
          fixes: [addSectionFix(model, def, order), notApplicableFix(model, def)],
        };
      });
  },
});

function firstContentLine(count: number, lineText: (l: number) => string, afterLine: number | undefined): Range {
  for (let l = afterLine === undefined ? 0 : afterLine + 1; l < count; l++) {
    const t = lineText(l);
    if (t.trim()) return { start: { line: l, character: 0 }, end: { line: l, character: t.length } };
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
