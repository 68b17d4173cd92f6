import { addSectionFix, notApplicableFix } from '../fixes';
import { clip, lowerFirst } from '../strings';
import { SEVERITIES, type Severity } from '../types';
import { defineRule } from './types';

/** One finding per catalogue section the document lacks, on the title, naming the section,
 * with a fix that inserts the section's template where it belongs (what the section should
 * cover goes in the detail). Recommended sections are reported at the `recommended`
 * option's severity: hint, shown on the title and in code actions but kept out of the
 * Problems panel, which VS Code keeps for errors, warnings and information. */
export const missingSection = defineRule<{ recommended: Severity | 'off' }>({
  meta: {
    id: 'missing-section',
    summary: 'A section of the catalogue has no heading in the document.',
    defaultSeverity: 'warning',
    fixable: true,
    scope: 'document',
    presets: ['minimal', 'recommended', 'strict'],
    options: {
      recommended: {
        type: 'string',
        enum: [...SEVERITIES, 'off'],
        default: 'hint',
        description: "Severity for missing sections of level 'recommended' ('off': not reported).",
      },
    },
  },
  check(ctx) {
    const { model, order, options } = ctx;
    const { recommended } = options;
    const range = ctx.documentRange();
    return model.coverage
      .filter((c) => c.state === 'missing' && (c.level === 'required' || recommended !== 'off'))
      .map((c) => {
        const def = ctx.section(c.id)!;
        return {
          message: `No '${clip(def.title, 60)}' section${def.level === 'recommended' ? ' (recommended)' : ''}`,
          detail: `It should cover ${lowerFirst(def.guidance)}`,
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
