import type { MetadataField, ResolvedConfig } from '../config/types';
import type { PlannedFix } from '../fixes';
import { allowedValues, checkValue, declaredFields, fieldLine, positionedFrontMatter, TYPE_WORDS } from '../metadata';
import type { DocModel } from '../model';
import { clip } from '../strings';
import { defineRule, type RuleFinding } from './types';

/** The front matter fields the config declares (`metadata`), and the review stage a
 * `status` names (`stages`): a required field that is missing or a placeholder, a value of
 * the wrong type or pattern, a status that is no stage. Each at the field, else at the
 * front matter's opening line, else on line 1. Fixes insert a missing field, or a front
 * matter with every required field when there is none; a value already written is never
 * touched. */
export const metadata = defineRule({
  meta: {
    id: 'metadata',
    summary:
      'A front matter field the configuration declares is missing, a placeholder, or not of its type; or `status` names no review stage.',
    defaultSeverity: 'warning',
    fixable: true,
    // About the front matter, which cannot hold a directive: one anywhere in the doc silences it.
    scope: 'document',
    // Silent until a config declares fields or stages. Not in `minimal`, which only asks
    // for sections: a team that extends it turns this on.
    presets: ['recommended', 'strict'],
  },
  check({ model, config }) {
    const fields = declaredFields(config);
    if (!fields.length) return [];
    const fm = model.outline.frontMatter;
    // Front matter that cannot be read is invalid-front-matter's: its fields are unknown.
    if (fm?.error) return [];
    const positioned = positionedFrontMatter(model);
    const findings: RuleFinding[] = [];
    if (!fm || !positioned) {
      const required = fields.filter((f) => f.required);
      const skeleton = skeletonFix(model, config, required);
      for (const f of required) {
        findings.push({
          message: `No front matter: '${clip(f.name, 40)}' is required`,
          detail: detailOf(config, f),
          range: model.lines.lineRange(0),
          fixes: [skeleton(f)],
        });
      }
      return findings;
    }
    for (const f of fields) {
      const node = positioned.fields.get(f.name);
      const allowed = allowedValues(config, f);
      const problem = checkValue(f, node?.value, allowed);
      if (!problem) continue;
      if (problem.kind === 'missing') {
        if (!f.required) continue;
        if (!node) {
          findings.push({
            message: `Front matter has no '${clip(f.name, 40)}'${allowed ? ` (one of: ${clip(allowed.join(', '), 60)})` : ''}`,
            detail: detailOf(config, f),
            range: model.lines.lineRange(0),
            fixes: addFieldFixes(model, config, f, positioned.endLine),
          });
        } else {
          findings.push({
            message: problem.placeholder
              ? `'${clip(f.name, 40)}' is a placeholder ('${clip(problem.placeholder, 30)}')`
              : `'${clip(f.name, 40)}' is empty`,
            detail: detailOf(config, f),
            range: node.valueRange,
            fixes: [],
          });
        }
        continue;
      }
      const value = node?.value;
      const stage = allowed && f.name === 'status' && config.stages && typeof value === 'string';
      findings.push({
        message: stage ? `Status '${clip(value, 30)}' is no review stage: ${clip(allowed.join(', '), 70)}` : problem.message,
        detail: detailOf(config, f),
        range: node!.valueRange,
        fixes: [],
      });
    }
    return findings;
  },
});

function detailOf(config: ResolvedConfig, f: MetadataField): string {
  const allowed = allowedValues(config, f);
  const what =
    f.name === 'status' && config.stages
      ? `the review stage, one of: ${config.stages.map((s) => s.status).join(', ')} (in that order)`
      : allowed
        ? `one of: ${allowed.join(', ')}`
        : TYPE_WORDS[f.type];
  return `${f.description ? `${f.description}. ` : ''}'${f.name}' is ${f.required ? 'required' : 'optional'}: ${what}${f.pattern ? `, matching ${f.pattern}` : ''}. Placeholders (TBD, <name>, empty) count as missing.`;
}

/** Adding a missing field above the closing `---`: one fix per allowed value when the
 * config fixes them (the first stage is where a doc starts, so that one is preferred), else
 * one with a placeholder for the author to fill in, which leaves the finding until they do. */
function addFieldFixes(model: DocModel, config: ResolvedConfig, f: MetadataField, endLine: number): PlannedFix[] {
  const offset = model.lines.starts[endLine]!;
  const eol = model.lines.eol;
  const allowed = allowedValues(config, f);
  const values: (string | undefined)[] = allowed?.length ? [...allowed] : [undefined];
  return values.map((value, i) => {
    const line = fieldLine(config, f, value);
    return {
      title: `Add '${clip(line.text, 60)}' to the front matter`,
      ...(line.real && i === 0 && f.name === 'status' && config.stages ? { preferred: true } : {}),
      ...(line.real ? {} : { scaffold: true }),
      blocks: () => [{ offset, rank: 0, line: true, text: line.text + eol, snippet: line.snippet + eol }],
    };
  });
}

/** A front matter with every required field, at the top of a doc that has none. It leaves
 * the findings of the fields it can only give placeholders. */
function skeletonFix(model: DocModel, config: ResolvedConfig, required: readonly MetadataField[]): (f: MetadataField) => PlannedFix {
  const eol = model.lines.eol;
  // Each field its own tab stop, in order.
  const lines = required.map((f, i) => fieldLine(config, f, undefined, i + 1));
  // A blank line between it and the doc, unless the doc starts with one.
  const after = /^[ \t]*(?:\r\n|\n|\r|$)/.test(model.text) ? eol : eol + eol;
  const text = ['---', ...lines.map((l) => l.text), '---'].join(eol) + after;
  const snippet = ['---', ...lines.map((l) => l.snippet), '---'].join(eol) + after;
  // Preferred (fix-all's) on one finding only, the first it resolves: fix-all inserts it once.
  const resolves = lines.findIndex((l) => l.real);
  return (f) => {
    return {
      title: `Add front matter with ${required.length === 1 ? `'${clip(required[0]!.name, 40)}'` : `the ${required.length} required fields`}`,
      ...(resolves !== -1 && required[resolves] === f ? { preferred: true } : {}),
      ...(lines.some((l) => l.real) ? {} : { scaffold: true }),
      blocks: () => [{ offset: 0, rank: 0, line: true, text, snippet }],
    };
  };
}
