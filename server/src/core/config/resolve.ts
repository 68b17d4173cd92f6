import { RULES_BY_ID } from '../rules';
import { closest } from '../strings';
import type { Severity } from '../types';
import { mergeMetadata } from './metadata';
import { emptyChanges, templateVersionProblems, versionText } from '../template-version';
import type { KeyPath } from './source';
import type { ConfigProblem, FileSelection, RawConfig, RawSection, ResolvedConfig, RuleSetting, SectionDef, TopicDef } from './types';

/** One config file (or preset) in an `extends` chain, with what it needs to resolve itself. */
export interface ConfigLayer {
  source: string;
  raw: RawConfig;
  /** The file's folder relative to the workspace root, for include/exclude; undefined for presets. */
  baseDir?: string;
  /** Reads a template path as written in this layer (relative to it). */
  readTemplate(path: string): { text: string; source: string } | { problem: string };
  /** The template in this layer's templates folder for a section id, if there is one (a
   * problem when one is there but may not be read). */
  defaultTemplate(sectionId: string): { text: string; source: string } | { problem: string } | undefined;
  /** Where a key path is in this layer's file. */
  problemAt(path: KeyPath, message: string, atKey?: boolean): ConfigProblem;
}

/** The presets, files and packages a config extends, as a list. */
export function extendsList(raw: RawConfig): string[] {
  return raw.extends === undefined ? [] : Array.isArray(raw.extends) ? raw.extends : [raw.extends];
}

/** Folds layers, farthest ancestor first, into one configuration. Sections merge by id, a
 * later layer overriding an earlier one field by field; rules and statuses by key; the
 * nearest layer that says which files are design docs decides that. */
export function mergeLayers(layers: readonly ConfigLayer[]): { config: ResolvedConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  let sections: SectionDef[] = [];
  const rules: Record<string, RuleSetting> = {};
  // No prototype: a status named `__proto__` is a key like any other.
  const status = Object.create(null) as Record<string, Severity>;
  let files: FileSelection | undefined;
  let templateVersion: string | undefined;
  const templateChanges = emptyChanges();

  for (const layer of layers) {
    const { raw } = layer;
    const explicitTemplate = new Set<string>();
    (raw.sections ?? []).forEach((rs, index) => {
      const at = sections.findIndex((s) => s.id === rs.id);
      if (rs.remove) {
        if (at === -1)
          problems.push(layer.problemAt(['sections', index, 'id'], `cannot remove section '${rs.id}': no inherited section has that id`));
        else sections.splice(at, 1);
        return;
      }
      if (rs.template !== undefined) explicitTemplate.add(rs.id);
      const merged = mergeSection(at === -1 ? undefined : sections[at], rs, layer, index, problems);
      if (!merged) return;
      if (at !== -1) sections[at] = merged;
      else sections.push(merged);
      if (rs.after !== undefined)
        sections = moveAfter(sections, merged, rs.after, () =>
          problems.push(layer.problemAt(['sections', index, 'after'], `no section '${rs.after}' to place '${rs.id}' after`)),
        );
    });
    // The layer's templates folder fills in sections it did not give a template explicitly.
    sections = sections.map((s) => {
      if (explicitTemplate.has(s.id)) return s;
      const found = layer.defaultTemplate(s.id);
      if (found && 'problem' in found) problems.push(layer.problemAt(['templates'], found.problem));
      return found && 'text' in found ? { ...s, template: found.text, templateSource: found.source } : s;
    });
    // Rule ids and options were checked by the schema. Options merge key by key: a team
    // that changes one option keeps the ones a preset set (the sections a rule reads).
    for (const [id, value] of Object.entries(raw.rules ?? {})) {
      const [severity, options] = Array.isArray(value) ? value : [value, undefined];
      rules[id] = { severity, options: { ...rules[id]?.options, ...options } };
    }
    for (const [name, sev] of Object.entries(raw.status ?? {})) status[name.toLowerCase()] = sev;
    // Template versions: the nearest layer's version wins; change notes merge by version.
    if (raw.templateVersion !== undefined) templateVersion = versionText(raw.templateVersion) ?? templateVersion;
    for (const [v, note] of Object.entries(raw.templateChanges ?? {})) templateChanges[v] = note;
    if (raw.include !== undefined || raw.exclude !== undefined) {
      files = {
        baseDir: layer.baseDir ?? '',
        ...(raw.include ? { include: raw.include } : {}),
        ...(raw.exclude ? { exclude: raw.exclude } : {}),
      };
    }
  }
  problems.push(...unknownSectionOptions(layers, sections, rules));
  // Front matter fields and review stages: config/metadata.ts.
  const { problems: metadataProblems, ...metadata } = mergeMetadata(layers, sections);
  problems.push(...metadataProblems);
  const config: ResolvedConfig = {
    sections,
    rules,
    status,
    sources: layers.map((l) => l.source),
    ...(files ? { files } : {}),
    ...metadata,
    ...(templateVersion !== undefined ? { templateVersion, templateChanges } : {}),
  };
  problems.push(...templateVersionProblems(layers, config));
  return { config, problems };
}

function mergeSection(
  base: SectionDef | undefined,
  raw: RawSection,
  layer: ConfigLayer,
  index: number,
  problems: ConfigProblem[],
): SectionDef | undefined {
  let template = base?.template ?? '';
  let templateSource = base?.templateSource ?? '';
  if (raw.template !== undefined) {
    const read = layer.readTemplate(raw.template);
    if ('problem' in read) problems.push(layer.problemAt(['sections', index, 'template'], read.problem));
    else ({ text: template, source: templateSource } = read);
  }
  const title = raw.title ?? base?.title;
  if (!title) {
    problems.push(layer.problemAt(['sections', index, 'id'], `section '${raw.id}' is new here and needs a title`));
    return undefined;
  }
  const severity = raw.severity ?? base?.severity;
  const since = versionText(raw.since) ?? base?.since;
  return {
    id: raw.id,
    title,
    level: raw.level ?? base?.level ?? 'required',
    // Combined, not replaced: a team that teaches one heading keeps the preset's; an
    // inherited alias a team does not want is ruled out with notAliases.
    aliases: combine(base?.aliases, raw.aliases),
    notAliases: combine(base?.notAliases, raw.notAliases),
    guidance: raw.guidance ?? base?.guidance ?? '',
    checklist: raw.checklist ?? base?.checklist ?? [],
    topics: mergeTopics(base?.topics ?? [], raw, layer, index, problems),
    anchors: raw.anchors ?? base?.anchors ?? [],
    template,
    templateSource,
    ...(severity ? { severity } : {}),
    ...(since !== undefined ? { since } : {}),
  };
}

/** Topics merge by id like sections: a layer changes an inherited topic field by field
 * (marks it required, adds terms by giving the whole list), removes it, or adds its own. */
function mergeTopics(base: readonly TopicDef[], raw: RawSection, layer: ConfigLayer, index: number, problems: ConfigProblem[]): TopicDef[] {
  const topics = [...base];
  (raw.topics ?? []).forEach((rt, t) => {
    const at = topics.findIndex((x) => x.id === rt.id);
    const where = ['sections', index, 'topics', t, 'id'];
    if (rt.remove) {
      if (at === -1) problems.push(layer.problemAt(where, `cannot remove topic '${rt.id}': section '${raw.id}' has no such topic`));
      else topics.splice(at, 1);
      return;
    }
    const old = at === -1 ? undefined : topics[at];
    const title = rt.title ?? old?.title;
    const terms = rt.terms ?? old?.terms;
    if (!title || !terms?.length) {
      problems.push(layer.problemAt(where, `topic '${rt.id}' is new here and needs a title and terms`));
      return;
    }
    const merged: TopicDef = {
      id: rt.id,
      title,
      question: rt.question ?? old?.question ?? '',
      terms,
      local: rt.local ?? old?.local ?? [],
      with: rt.with ?? old?.with ?? [],
      required: rt.required ?? old?.required ?? false,
    };
    if (old) topics[at] = merged;
    else topics.push(merged);
  });
  return topics;
}

/** An inherited list and a layer's additions, each entry once. */
function combine(base: readonly string[] | undefined, added: readonly string[] | undefined): string[] {
  return [...new Set([...(base ?? []), ...(added ?? [])])];
}

function moveAfter(sections: SectionDef[], s: SectionDef, afterId: string, missing: () => void): SectionDef[] {
  const rest = sections.filter((x) => x !== s);
  const at = rest.findIndex((x) => x.id === afterId);
  if (at === -1) {
    missing();
    return sections;
  }
  return [...rest.slice(0, at + 1), s, ...rest.slice(at + 1)];
}

/** Rule options that name sections must name sections of the resolved catalogue. Reported
 * at the nearest layer that set the rule's options. */
function unknownSectionOptions(
  layers: readonly ConfigLayer[],
  sections: readonly SectionDef[],
  rules: Record<string, RuleSetting>,
): ConfigProblem[] {
  const ids = sections.map((s) => s.id);
  const problems: ConfigProblem[] = [];
  for (const [ruleId, setting] of Object.entries(rules)) {
    for (const [key, schema] of Object.entries(RULES_BY_ID.get(ruleId)?.meta.options ?? {})) {
      if (schema.type !== 'array' || !schema.sectionIds) continue;
      const value = setting.options[key];
      const unknown = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && !ids.includes(v)) : [];
      if (!unknown.length) continue;
      const setBy = [...layers].reverse().find((l) => {
        const v = l.raw.rules?.[ruleId];
        return Array.isArray(v) && v[1] && key in v[1];
      });
      const layer = setBy ?? layers[layers.length - 1]!;
      const named = unknown.map((u) => {
        const c = closest(u, ids);
        return `'${u}'${c ? ` (did you mean '${c}'?)` : ''}`;
      });
      problems.push(
        layer.problemAt(
          ['rules', ruleId, 1, key],
          `'rules.${ruleId}' option '${key}' names no section of this configuration: ${named.join(', ')}`,
        ),
      );
    }
  }
  return problems;
}
