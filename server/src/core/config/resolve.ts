import type { Severity } from '../types';
import type { RawConfig, RawSection, ResolvedConfig, RuleSetting, SectionDef } from './types';

/** One config file (or preset) in an `extends` chain, with the means to read its templates. */
export interface ConfigLayer {
  source: string;
  raw: RawConfig;
  /** Reads a template path as written in this layer (relative to it); undefined if absent. */
  readTemplate(path: string): { text: string; source: string } | undefined;
}

export interface ConfigProblem {
  source: string;
  message: string;
  /** The key path of the offending value, e.g. ['sections', 2, 'template']. */
  path: (string | number)[];
}

/** Folds layers, farthest ancestor first, into one configuration. Sections merge by id,
 * later layers overriding earlier ones field by field; rules override by id. */
export function mergeLayers(layers: ConfigLayer[]): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const sections = new Map<string, SectionDef>();
  const rules: Record<string, RuleSetting> = {};
  for (const layer of layers) {
    (layer.raw.sections ?? []).forEach((raw, index) => {
      const merged = mergeSection(sections.get(raw.id), raw, layer, index, problems);
      if (merged) sections.set(raw.id, merged);
    });
    for (const [id, value] of Object.entries(layer.raw.rules ?? {})) {
      rules[id] = Array.isArray(value) ? { severity: value[0], options: value[1] ?? {} } : { severity: value, options: rules[id]?.options ?? {} };
    }
  }
  return { config: { sections: [...sections.values()], rules, sources: layers.map((l) => l.source) }, problems };
}

function mergeSection(
  base: SectionDef | undefined,
  raw: RawSection,
  layer: ConfigLayer,
  index: number,
  problems: ConfigProblem[],
): SectionDef | undefined {
  let template = base?.template;
  let templateSource = base?.templateSource;
  if (raw.template !== undefined) {
    const read = layer.readTemplate(raw.template);
    if (read) {
      template = read.text;
      templateSource = read.source;
    } else {
      problems.push({ source: layer.source, message: `template '${raw.template}' was not found`, path: ['sections', index, 'template'] });
    }
  }
  const title = raw.title ?? base?.title;
  if (!title) {
    problems.push({ source: layer.source, message: `section '${raw.id}' needs a title`, path: ['sections', index] });
    return undefined;
  }
  const severity: Severity | undefined = raw.severity ?? base?.severity;
  return {
    id: raw.id,
    title,
    level: raw.level ?? base?.level ?? 'required',
    aliases: raw.aliases ?? base?.aliases ?? [],
    guidance: raw.guidance ?? base?.guidance ?? '',
    checklist: raw.checklist ?? base?.checklist ?? [],
    template: template ?? '',
    templateSource: templateSource ?? '',
    ...(severity ? { severity } : {}),
  };
}
