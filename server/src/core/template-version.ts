// Template versions: a team's template set has a version (config `templateVersion`), each
// section the version it joined the set in (`since`), and a design doc records in its front
// matter (`template-version`) the version it was written from. From these: which sections
// the set gained since a doc was written, and which of those the doc still lacks. The
// `template-version` rule, `mldesign new` and `mldesign report` all read it from here.
import type { KeyPath } from './config/source';
import type { ConfigProblem, ResolvedConfig, SectionDef } from './config/types';
import type { DocModel } from './model';
import type { Range } from './types';

/** The front matter key a doc records its template version in. */
export const TEMPLATE_VERSION_KEY = 'template-version';

/** What a version may look like: letters, digits and `.-_`, starting with a letter or digit
 * ("3", "2.1", "2024-q1"). One character class under one quantifier: linear. */
export const VERSION_PATTERN = '^[0-9A-Za-z][0-9A-Za-z._-]{0,39}$';
const VERSION = new RegExp(VERSION_PATTERN);

/** A version as written in YAML: `3` and `2.1` arrive as numbers, `"2.10"` as a string. */
export function versionText(value: unknown): string | undefined {
  if (typeof value === 'number') return VERSION.test(String(value)) ? String(value) : undefined;
  if (typeof value === 'string' && VERSION.test(value.trim())) return value.trim();
  return undefined;
}

/** Orders versions: numerically part by part when both are dot-separated numbers ("2.10"
 * after "2.9", "3" equal to "3.0"), else as plain strings ("2024-q1" before "2024-q2"). */
export function compareVersions(a: string, b: string): number {
  const numeric = /^\d+(?:\.\d+)*$/;
  if (numeric.test(a) && numeric.test(b)) {
    const pa = a.split('.').map(Number);
    const pb = b.split('.').map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const d = (pa[i] ?? 0) - (pb[i] ?? 0);
      if (d !== 0) return Math.sign(d);
    }
    return 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a doc stands against its configuration's template set. */
export type TemplateState =
  /** Written from the current version. */
  | 'current'
  /** Written from an older version (sections may have been added since). */
  | 'older'
  /** Records a version newer than the configuration's. */
  | 'newer'
  /** Records something that is not a version (a list, `latest?`). */
  | 'invalid'
  /** Records no version. */
  | 'unrecorded';

export interface TemplateStatus {
  /** The configuration's version. */
  current: string;
  /** The version the doc records, when it records one. */
  version?: string;
  state: TemplateState;
  /** Sections that joined the set after the doc's version, in catalogue order. */
  added: SectionDef[];
  /** Of those, the ones the doc has no heading for (nor marks not applicable). */
  lacking: SectionDef[];
}

/** The doc's template version against its config's; undefined when the config has none. */
export function templateStatus(model: DocModel, config: ResolvedConfig): TemplateStatus | undefined {
  const current = config.templateVersion;
  if (current === undefined) return undefined;
  const data = model.outline.frontMatter?.data;
  const raw = data && Object.hasOwn(data, TEMPLATE_VERSION_KEY) ? data[TEMPLATE_VERSION_KEY] : undefined;
  if (raw === undefined || raw === null) return { current, state: 'unrecorded', added: [], lacking: [] };
  const version = versionText(raw);
  if (version === undefined) return { current, state: 'invalid', added: [], lacking: [] };
  const order = compareVersions(version, current);
  if (order >= 0) return { current, version, state: order === 0 ? 'current' : 'newer', added: [], lacking: [] };
  const added = sectionsSince(config, version);
  const lacking = added.filter((s) => model.coverage.find((c) => c.id === s.id)?.state === 'missing');
  return { current, version, state: 'older', added, lacking };
}

/** Sections that joined the set after `version` (up to the current one). */
export function sectionsSince(config: ResolvedConfig, version: string): SectionDef[] {
  return config.sections.filter((s) => s.since !== undefined && compareVersions(s.since, version) > 0);
}

/** The notes of `templateChanges` for the versions after `version`, oldest first. */
export function changesSince(config: ResolvedConfig, version: string): { version: string; note: string }[] {
  const notes = config.templateChanges ?? {};
  return Object.keys(notes)
    .filter((v) => compareVersions(v, version) > 0 && compareVersions(v, config.templateVersion ?? v) <= 0)
    .sort(compareVersions)
    .map((v) => ({ version: v, note: notes[v]! }));
}

/** "template 3 added 'Model updates', 'Fairness'; template 4 added 'Privacy'". */
export function describeAdded(sections: readonly SectionDef[], clipTitle: (t: string) => string): string {
  const byVersion = new Map<string, string[]>();
  for (const s of [...sections].sort((a, b) => compareVersions(a.since!, b.since!)))
    byVersion.set(s.since!, [...(byVersion.get(s.since!) ?? []), `'${clipTitle(s.title)}'`]);
  return [...byVersion].map(([v, titles]) => `template ${v} added ${titles.join(', ')}`).join('; ');
}

const VERSION_KEY_LINE = new RegExp(`^["']?${TEMPLATE_VERSION_KEY}["']?[ \\t]*:`);

/** The range of the `template-version:` line in the front matter (key to end of line), or
 * of the front matter's first line when the key is not written plainly at column 0. */
export function versionFieldRange(model: DocModel): Range {
  const fm = model.outline.frontMatter;
  const { lines } = model;
  for (let l = 1; fm && l < fm.endLine; l++) {
    const text = lines.lineText(l);
    if (VERSION_KEY_LINE.test(text)) return { start: { line: l, character: 0 }, end: { line: l, character: text.trimEnd().length } };
  }
  return lines.lineRange(0);
}

/** A version keyed map with no prototype: `templateChanges` is keyed by user text. */
export function emptyChanges(): Record<string, string> {
  return Object.create(null) as Record<string, string>;
}

/** What a configuration says about versions that cannot be right: a section or a change
 * note newer than the set's own version, or `since` with no version to compare against.
 * Reported at the nearest layer that wrote the offending key. */
export function templateVersionProblems(
  layers: readonly {
    raw: { templateVersion?: unknown; templateChanges?: Record<string, string>; sections?: { id: string; since?: unknown }[] };
    problemAt(path: KeyPath, message: string, atKey?: boolean): ConfigProblem;
  }[],
  config: ResolvedConfig,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const current = config.templateVersion;
  for (const s of config.sections) {
    if (s.since === undefined) continue;
    if (current !== undefined && compareVersions(s.since, current) <= 0) continue;
    const layer = [...layers].reverse().find((l) => l.raw.sections?.some((r) => r.id === s.id && r.since !== undefined));
    if (!layer) continue;
    const index = layer.raw.sections!.findIndex((r) => r.id === s.id && r.since !== undefined);
    problems.push(
      layer.problemAt(
        ['sections', index, 'since'],
        current === undefined
          ? `'since' needs a 'templateVersion' to compare with: section '${s.id}' joined template ${s.since}, but this configuration has no version`
          : `section '${s.id}' joined template ${s.since}, newer than this configuration's templateVersion ${current}`,
      ),
    );
  }
  if (current !== undefined) {
    for (const layer of layers) {
      for (const v of Object.keys(layer.raw.templateChanges ?? {})) {
        if (compareVersions(v, current) > 0)
          problems.push(layer.problemAt(['templateChanges', v], `a note for template ${v}, newer than templateVersion ${current}`, true));
      }
    }
  }
  return problems;
}
