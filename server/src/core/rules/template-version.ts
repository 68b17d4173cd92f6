import { addSectionFix, sectionBlock } from '../fixes';
import { clip } from '../strings';
import { changesSince, describeAdded, templateStatus, TEMPLATE_VERSION_KEY, versionFieldRange } from '../template-version';
import { defineRule } from './types';

/** A doc written from an older version of the team's template set, which lacks sections the
 * set gained since: one finding on its `template-version` line naming them, with a fix that
 * inserts them all. Silent when the config has no `templateVersion`, when the doc records
 * none, and when nothing added since is missing: the field records where the doc came from,
 * and a finding only a hand edit of that number could resolve would be noise (the report
 * still groups such docs by version). A version newer than the config's, or one that is no
 * version, is reported as info with the version the config knows. */
export const templateVersion = defineRule({
  meta: {
    id: 'template-version',
    summary: "The doc was written from an older version of the team's templates and lacks sections added since.",
    defaultSeverity: 'warning',
    fixable: true,
    // The finding is on the front matter, above where a directive can go: one anywhere in
    // the doc silences it.
    scope: 'document',
    // Inert until a config sets templateVersion, so on wherever a team might set it.
    presets: ['minimal', 'recommended', 'strict'],
  },
  check(ctx) {
    const { model, config, order } = ctx;
    const status = templateStatus(model, config);
    if (!status) return [];
    const range = versionFieldRange(model);
    const field = `'${TEMPLATE_VERSION_KEY}'`;
    switch (status.state) {
      case 'newer':
        return [
          {
            message: `Template ${clip(status.version!, 40)} is newer than this configuration's (${status.current})`,
            detail: `The config in force here knows template versions up to ${status.current}: is the doc checked against an old config, or is ${field} a typo?`,
            range,
            severity: 'info',
            fixes: [],
          },
        ];
      case 'invalid':
        return [
          {
            message: `${field} is not a template version; this configuration's is ${status.current}`,
            detail: `Write the version the doc was written from, as a quoted string: ${TEMPLATE_VERSION_KEY}: "${status.current}".`,
            range,
            severity: 'info',
            fixes: [],
          },
        ];
      case 'older': {
        if (!status.lacking.length) return [];
        const title = (t: string) => clip(t, 40);
        const notes = changesSince(config, status.version!).map((c) => `Template ${c.version}: ${c.note}`);
        const has = status.added.filter((s) => !status.lacking.includes(s));
        const detail = [
          ...notes,
          ...(has.length ? [`It already has ${has.map((s) => `'${title(s.title)}'`).join(', ')}.`] : []),
          `Once it is up to date, record ${TEMPLATE_VERSION_KEY}: "${status.current}" in the front matter.`,
        ].join(' ');
        const lacking = status.lacking;
        return [
          {
            message: clip(`Written from template ${clip(status.version!, 20)}; ${describeAdded(lacking, title)}`, 160),
            detail,
            range,
            // One section: the same fix missing-section offers (editors show it once). Several:
            // one fix for them all. Fix-all inserts a section both rules plan once.
            fixes: [
              lacking.length === 1
                ? addSectionFix(model, lacking[0]!, order)
                : {
                    title: `Add the ${lacking.length} sections added since template ${clip(status.version!, 20)}`,
                    preferred: true,
                    blocks: () => lacking.map((s) => sectionBlock(model, s, order)),
                  },
            ],
          },
        ];
      }
      default:
        return [];
    }
  },
});
