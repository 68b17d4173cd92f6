// The `metadata` and `stages` keys of a config (issue 18): merged across `extends` layers
// and checked against the resolved catalogue. Front matter fields merge by name, key by key
// (`false` drops one); stages are a life cycle, so a layer that gives them replaces them.
import { closest } from '../strings';
import type { ConfigLayer } from './resolve';
import type { ConfigProblem, MetadataField, SectionDef, StageDef } from './types';

/** The longest value a field's pattern is run on: with the limits below a pattern's time is
 * at worst cubic in its input, and a front matter value is a name, a date or a link. */
export const MAX_PATTERN_INPUT = 200;
/** Repetitions (`*`, `+`, `{n,}`, `{n,m}`) a pattern may hold: each one can multiply the
 * ways a backtracking engine tries a string by its length. */
const MAX_REPETITIONS = 3;

export function mergeMetadata(
  layers: readonly ConfigLayer[],
  sections: readonly SectionDef[],
): { metadata?: MetadataField[]; stages?: StageDef[]; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  // A Map: field names are the author's text (`__proto__` is a name like any other), and
  // its order is the order of a front matter skeleton.
  const fields = new Map<string, MetadataField>();
  const definedBy = new Map<string, ConfigLayer>();
  let stages: { layer: ConfigLayer; list: StageDef[] } | undefined;

  for (const layer of layers) {
    for (const [name, raw] of Object.entries(layer.raw.metadata ?? {})) {
      if (raw === false) {
        fields.delete(name);
        continue;
      }
      const old = fields.get(name);
      let pattern = raw.pattern ?? old?.pattern;
      if (raw.pattern !== undefined) {
        const unsafe = patternProblem(raw.pattern);
        if (unsafe) {
          problems.push(layer.problemAt(['metadata', name, 'pattern'], `pattern of field '${name}' ${unsafe}`));
          pattern = undefined;
        }
      }
      const type = raw.type ?? old?.type ?? 'string';
      fields.set(name, {
        name,
        required: raw.required ?? old?.required ?? false,
        type,
        values: raw.values ?? old?.values ?? [],
        ...(pattern !== undefined ? { pattern } : {}),
        description: raw.description ?? old?.description ?? '',
      });
      definedBy.set(name, layer);
    }
    if (layer.raw.stages !== undefined) {
      stages = {
        layer,
        list: layer.raw.stages.map((s) => ({
          status: s.status,
          sections: s.sections ?? [],
          topics: s.topics ?? [],
          ...(s.placeholders !== undefined ? { placeholders: s.placeholders } : {}),
          description: s.description ?? '',
        })),
      };
    }
  }
  for (const f of fields.values()) {
    // The schema asks for `values` where a layer says `type: enum`; a layer may also make an
    // inherited field an enum without giving them.
    if (f.type === 'enum' && !f.values.length)
      problems.push(definedBy.get(f.name)!.problemAt(['metadata', f.name], `field '${f.name}' is an enum and needs 'values'`, true));
  }
  if (stages) problems.push(...stageProblems(stages.layer, stages.list, sections));
  return {
    ...(fields.size ? { metadata: [...fields.values()] } : {}),
    ...(stages?.list.length ? { stages: stages.list } : {}),
    problems,
  };
}

function stageProblems(layer: ConfigLayer, stages: readonly StageDef[], sections: readonly SectionDef[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ids = sections.map((s) => s.id);
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    const key = stage.status.toLowerCase();
    if (seen.has(key)) problems.push(layer.problemAt(['stages', i, 'status'], `stage '${stage.status}' is listed twice`));
    seen.add(key);
    if (Array.isArray(stage.sections)) {
      stage.sections.forEach((id, j) => {
        if (ids.includes(id)) return;
        const hint = closest(id, ids);
        problems.push(
          layer.problemAt(
            ['stages', i, 'sections', j],
            `no section '${id}' in this configuration${hint ? `: did you mean '${hint}'?` : ''}`,
          ),
        );
      });
    }
    stage.topics.forEach((path, j) => {
      const [sectionId, topicId] = path.split('/') as [string, string];
      const section = sections.find((s) => s.id === sectionId);
      if (!section) {
        const hint = closest(sectionId, ids);
        problems.push(
          layer.problemAt(
            ['stages', i, 'topics', j],
            `no section '${sectionId}' in this configuration${hint ? `: did you mean '${hint}'?` : ''}`,
          ),
        );
      } else if (!section.topics.some((t) => t.id === topicId)) {
        const hint = closest(
          topicId,
          section.topics.map((t) => t.id),
        );
        problems.push(
          layer.problemAt(
            ['stages', i, 'topics', j],
            `section '${sectionId}' has no topic '${topicId}'${hint ? `: did you mean '${hint}'?` : ''}`,
          ),
        );
      }
    });
  });
  return problems;
}

/** Why a field's pattern may not be run, or undefined when it may: it must compile, and
 * stay clear of what makes a backtracking engine take more than polynomial time (a
 * repeated group that holds a repetition or an alternation: `(a+)+`, `(a|a)*`; a
 * backreference) or a high power of the input's length (more than three repetitions). */
export function patternProblem(source: string): string | undefined {
  try {
    new RegExp(source);
  } catch (e) {
    return `does not compile: ${(e as Error).message}`;
  }
  // One frame per open group: whether it holds a repetition or an alternation.
  const frames: { repeats: boolean; alternates: boolean }[] = [{ repeats: false, alternates: false }];
  let repetitions = 0;
  /** The quantifier at i, if any: its length and whether it repeats (more than once). */
  const quantifierAt = (i: number): { length: number; repeats: boolean } | undefined => {
    const c = source[i];
    let length: number;
    let repeats = false;
    if (c === '*' || c === '+') [length, repeats] = [1, true];
    else if (c === '?') length = 1;
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
      if (!m) return undefined;
      length = m[0].length;
      // {n} is n copies in a row, nothing to choose: only a range repeats.
      repeats = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1);
    } else return undefined;
    if (source[i + length] === '?') length++; // lazy
    return { length, repeats };
  };
  for (let i = 0; i < source.length;) {
    const c = source[i]!;
    const top = frames[frames.length - 1]!;
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'uses a backreference, which can take exponential time';
      i += 2;
    } else if (c === '[') {
      // A class is one atom: skip to its closing bracket.
      let j = i + 1;
      if (source[j] === '^') j++;
      if (source[j] === ']') j++;
      while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '(') {
      frames.push({ repeats: false, alternates: false });
      if (source[i + 1] !== '?') i += 1;
      // A named group (it compiled, so its '>' is there), a lookbehind, (?: (?= (?!.
      else if (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!') i = source.indexOf('>', i) + 1;
      else i += source[i + 2] === '<' ? 4 : 3;
      continue;
    } else if (c === ')') {
      const group = frames.length > 1 ? frames.pop()! : top;
      const q = quantifierAt(i + 1);
      if (q?.repeats && (group.repeats || group.alternates))
        return 'repeats a group that holds a repetition or an alternation, which can take exponential time';
      const parent = frames[frames.length - 1]!;
      parent.repeats ||= group.repeats || !!q?.repeats;
      if (q?.repeats) repetitions++;
      i += 1 + (q?.length ?? 0);
      continue;
    } else if (c === '|') {
      top.alternates = true;
      i++;
    } else i++;
    // After an atom (a character, an escape, a class): its quantifier.
    const q = c === '|' ? undefined : quantifierAt(i);
    if (q) {
      if (q.repeats) {
        top.repeats = true;
        repetitions++;
      }
      i += q.length;
    }
  }
  if (repetitions > MAX_REPETITIONS)
    return `has ${repetitions} repetitions (at most ${MAX_REPETITIONS}), which can take too long on a long value`;
  return undefined;
}
