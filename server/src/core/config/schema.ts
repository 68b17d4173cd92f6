// The JSON Schema of the config format: the one description of it. Validation at run time
// (validate.ts) compiles it; `npm run generate` writes it to schemas/mldesign.schema.json
// for editors (completion and validation in .mldesign.yaml/.json), and a test fails when
// that file is stale. The `rules` part is made from each rule's metadata, so a rule's
// options are checked, with positioned errors, like every other key.
import { ruleDocsUrl } from '../meta';
import { RULES } from '../rules';
import type { OptionSchema, Rule } from '../rules/types';

const SEVERITIES = ['error', 'warning', 'info', 'hint'];

type Schema = Record<string, unknown>;

/** One option as JSON Schema: our own keys (sectionIds) left out. */
function optionSchema(o: OptionSchema): Schema {
  const { description } = o;
  switch (o.type) {
    case 'string':
      return { type: 'string', description, default: o.default, ...(o.enum ? { enum: [...o.enum] } : {}) };
    case 'number':
      return { type: 'number', description, default: o.default, ...(o.minimum !== undefined ? { minimum: o.minimum } : {}) };
    case 'array':
      return { type: 'array', description, default: [...o.default], items: { ...o.items } };
  }
}

/** A rule's entry under `rules`: a severity, or [severity, options]. */
function ruleSchema(rule: Rule): Schema {
  const options = Object.entries(rule.meta.options ?? {});
  const optionsSchema: Schema = {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(options.map(([k, o]) => [k, optionSchema(o)])),
  };
  return {
    markdownDescription: `${rule.meta.summary} Default: \`${rule.meta.defaultSeverity}\`.${
      options.length ? ` Options: ${options.map(([k]) => `\`${k}\``).join(', ')}.` : ''
    } [Rule page](${ruleDocsUrl(rule.meta.id)})`,
    // if/then/else rather than oneOf: a wrong option is then reported as itself, not as
    // "matches none of the shapes".
    if: { type: 'string' },
    then: { $ref: '#/definitions/ruleSeverity' },
    else: {
      type: 'array',
      items: [{ $ref: '#/definitions/ruleSeverity' }, optionsSchema],
      minItems: 1,
      maxItems: 2,
      additionalItems: false,
    },
  };
}

/** The whole config schema. */
export function configSchema(rules: readonly Rule[] = RULES): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/mldesign/mldesign/blob/main/schemas/mldesign.schema.json',
    title: 'mldesign configuration',
    description:
      "A team's standard for ML system design docs: which sections a doc needs, what they are called, how strict the checks are, and the templates quick fixes insert. The built-in presets use the same format.",
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The JSON Schema of this file, for editors.' },
      name: { type: 'string', description: 'A name for this configuration, shown in messages.' },
      description: { type: 'string', description: 'What this configuration is for.' },
      extends: {
        description:
          "Configurations this one builds on, applied in order before this file: a built-in preset (`recommended`, `strict`, `minimal`), a relative path (`./base.yaml`), or an npm package in the workspace's node_modules that ships an mldesign config (`@acme/mldesign-config`, or `@acme/mldesign-config/strict.yaml`).",
        oneOf: [{ $ref: '#/definitions/extendsEntry' }, { type: 'array', items: { $ref: '#/definitions/extendsEntry' } }],
      },
      templates: {
        type: 'string',
        description:
          "Folder (relative to this file) holding the team's templates, `<section-id>.md` each. A template found there replaces the section's template unless the section names one itself. Default: `.mldesign/templates`.",
      },
      include: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description:
          "Globs (relative to this file's folder) of the Markdown files that are design docs. When set, only matching files are linted (front matter `mldesign: true|false` still wins).",
      },
      exclude: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        description: "Globs (relative to this file's folder) of Markdown files that are never design docs.",
      },
      sections: {
        type: 'array',
        description: 'Sections to add, or to change or remove by id. A section with a new id needs a title.',
        items: { $ref: '#/definitions/section' },
      },
      rules: {
        type: 'object',
        description: 'Rule severities by rule id: `off`, `hint`, `info`, `warning`, `error`, or `[severity, { options }]`.',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.meta.id, ruleSchema(r)])),
      },
      status: {
        type: 'object',
        description:
          "Severity of every finding by the doc's front matter `status`, e.g. `{ draft: hint, approved: error }`: drafts show hints only, approved docs turn gaps into errors. Rules that are off stay off.",
        additionalProperties: { $ref: '#/definitions/severity' },
      },
    },
    definitions: {
      extendsEntry: { type: 'string', minLength: 1 },
      term: {
        type: 'string',
        minLength: 2,
        maxLength: 80,
        // Plain words and phrases: a team config is data, never a pattern to run.
        pattern: '^[^*]+\\*?$',
        description:
          'A word or phrase, matched at word starts with plural and -ed/-ing forms; a trailing * matches any ending; an all-caps term keeps its case.',
      },
      topic: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: { type: 'string', pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$', description: 'Kebab-case id, unique within the section.' },
          title: { type: 'string', minLength: 1, description: 'What the topic is, in a few words: shown in hovers, reports and findings.' },
          question: { type: 'string', description: 'The checklist question the topic answers.' },
          terms: {
            type: 'array',
            minItems: 1,
            items: { $ref: '#/definitions/term' },
            description: 'Words and phrases that show a passage addresses the topic.',
          },
          local: {
            type: 'array',
            items: { $ref: '#/definitions/term' },
            description:
              "Words that show the topic only inside the section's own text: too common elsewhere in a doc ('pipeline', 'version') to say what a passage there is about.",
          },
          with: {
            type: 'array',
            items: { $ref: '#/definitions/term' },
            description: 'When given, a passage must also hold one of these in the same sentence (latency *with* a percentile).',
          },
          required: {
            type: 'boolean',
            description: 'Reported by missing-topic when the section is present but says nothing about it. Default false: only counted.',
          },
          remove: { type: 'boolean', description: 'Remove an inherited topic.' },
        },
      },
      severity: { type: 'string', enum: SEVERITIES },
      ruleSeverity: { type: 'string', enum: ['off', 'hint', 'info', 'warning', 'error'] },
      section: {
        type: 'object',
        additionalProperties: false,
        required: ['id'],
        properties: {
          id: {
            type: 'string',
            pattern: '^[a-z][a-z0-9]*(-[a-z0-9]+)*$',
            description: 'Kebab-case id, e.g. `privacy-review`. An id of an inherited section changes that section.',
          },
          title: { type: 'string', minLength: 1, description: "The section's name: used in messages and as the heading a fix inserts." },
          level: {
            type: 'string',
            enum: ['required', 'recommended'],
            description: '`required` sections are reported by missing-section; `recommended` ones are offered but not required.',
          },
          aliases: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Other headings that count as this section, added to the inherited ones (the title always counts). Matching ignores case, numbering, punctuation and word form.',
          },
          notAliases: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Headings that never count as this section, though their words would match it (a false match), e.g. `Data quality monitoring` in a team whose Monitoring section is separate. The whole heading is compared, ignoring case, numbering, punctuation and word form; added to the inherited ones.',
          },
          guidance: {
            type: 'string',
            description: 'What the section should cover, in one or two sentences: shown in messages and hovers.',
          },
          checklist: {
            type: 'array',
            items: { type: 'string' },
            description: 'Questions the section should answer, shown on hover, for questions without a topic (a topic carries its own).',
          },
          topics: {
            type: 'array',
            description:
              'What covering the section means: each topic a question the section answers and the words that show a passage answers it. Merged by id with inherited topics (change one field, `required: true`, or `remove: true`).',
            items: { $ref: '#/definitions/topic' },
          },
          anchors: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            description:
              'Words that tie a passage elsewhere in the doc to this section (e.g. model, retrain): topic words found outside the section count only in a sentence that also holds one of these. Replaces the inherited list.',
          },
          template: {
            type: 'string',
            description:
              'Path (relative to this file, inside the workspace) of a Markdown template with snippet tab stops (`${1:placeholder}`) that fixes insert under the heading.',
          },
          severity: { $ref: '#/definitions/severity', description: "Severity of this section's missing-section finding." },
          after: {
            type: 'string',
            description: 'Id of the section this one follows in a document (where fixes insert it). Default: after all inherited sections.',
          },
          remove: { type: 'boolean', description: 'Remove an inherited section.' },
        },
      },
    },
  };
}
