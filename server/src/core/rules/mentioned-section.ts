import { addSectionFix, notApplicableFix } from '../fixes';
import { clip, lowerFirst } from '../strings';
import { SEVERITIES, type Severity } from '../types';
import { defineRule } from './types';

/** Places given as related locations: a long doc can discuss a section in passing thirty
 * times, and each place is a line under the finding in the Problems panel and a part of
 * every publish of the doc's diagnostics while typing. */
const MAX_RELATED = 10;

/** A section with no heading of its own whose topics the doc discusses elsewhere (retraining
 * under "Serving"): not missing, so missing-section stays quiet, but a reviewer looks for it
 * in vain. Reported on the title, below missing-section's severity, with the places. */
export const mentionedSection = defineRule<{ recommended: Severity | 'off' }>({
  meta: {
    id: 'mentioned-section',
    summary: 'A section has no heading of its own, but the doc discusses its topics elsewhere, in passing.',
    defaultSeverity: 'info',
    fixable: true,
    scope: 'document',
    presets: ['recommended', 'strict'],
    options: {
      recommended: {
        type: 'string',
        enum: [...SEVERITIES, 'off'],
        default: 'hint',
        description: "Severity for sections of level 'recommended' ('off': not reported).",
      },
    },
  },
  check(ctx) {
    const { model, order, options } = ctx;
    const range = ctx.documentRange();
    return model.coverage
      .filter((c) => c.state === 'mentioned' && (c.level === 'required' || options.recommended !== 'off'))
      .map((c) => {
        const def = ctx.section(c.id)!;
        const mentions = c.mentions ?? [];
        const headings = [...new Set(mentions.map((m) => m.heading ?? ''))];
        const under = headings.length === 1 && headings[0] ? ` under '${clip(headings[0], 30)}'` : '';
        const lines = mentions.slice(0, 3).map((m) => m.line + 1);
        const at = `(line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${mentions.length > 3 ? ', …' : ''})`;
        return {
          message: `${clip(def.title, 30)}: only discussed in passing${under} ${at}`,
          detail: `Give it a section of its own, which should cover ${lowerFirst(def.guidance)}`,
          range,
          sectionId: c.id,
          related: mentions.slice(0, MAX_RELATED).map((m, i) => ({
            range: model.lines.lineRange(m.line),
            message: `${def.title} discussed here${mentions.length > MAX_RELATED && i === MAX_RELATED - 1 ? ` (and in ${mentions.length - MAX_RELATED} more places)` : ''}`,
          })),
          ...(c.level === 'recommended' && options.recommended !== 'off' ? { severity: options.recommended } : {}),
          fixes: [addSectionFix(model, def, order), notApplicableFix(model, def)],
        };
      });
  },
});
