import { rawMldesignKey } from '../designdoc';
import { clip } from '../strings';
import { defineRule } from './types';

/** Front matter mldesign cannot read (YAML errors, or not a mapping). Its keys then do
 * nothing: `mldesign: false` would not opt the file out, `status` would not set severities.
 * Reported even when a lenient reading of the `mldesign:` line opts the file out, so its
 * author is always told (see analyze.ts). */
export const invalidFrontMatter = defineRule({
  meta: {
    id: 'invalid-front-matter',
    summary: 'The front matter cannot be read (YAML errors, or not a mapping of keys), so none of its keys apply.',
    defaultSeverity: 'warning',
    fixable: false,
    // About the whole file: a disable directive anywhere in it (it cannot go above the
    // front matter) silences it.
    scope: 'document',
    presets: ['minimal', 'recommended', 'strict'],
  },
  check({ model }) {
    const fm = model.outline.frontMatter;
    if (!fm?.error) return [];
    const optOut =
      rawMldesignKey(model.outline.root) === false ? " Until it is fixed, the file is only read for its 'mldesign: false'." : '';
    return [
      {
        message: clip(fm.error[0]!.toUpperCase() + fm.error.slice(1), 110),
        detail: `Its keys (mldesign, status) do not apply until it is fixed.${optOut}`,
        range: model.lines.lineRange(0),
        fixes: [],
      },
    ];
  },
});
