// The JSON Schema of the config format: the one description of it. Validation at run time
// (validate.ts) compiles it; `npm run generate` writes it to schemas/mldesign.schema.json
// for editors (completion and validation in .mldesign.yaml/.json), and a test fails when
// that file is stale. The `rules` part is made from each rule's metadata, so a rule's
// options are checked, with positioned errors, like every other key.
import { ruleDocsUrl } from '../meta';
import { RULES } from '../rules';
import type { OptionSchema, Rule } from '../rules/types';
import { METADATA_TYPES } from './types';
import { VERSION_PATTERN } from '../template-version';

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
      ...metadataSchema().properties,
      // Template versions (template-version.ts).
      templateVersion: {
        $ref: '#/definitions/version',
        description:
          "The version of the team's template set. `mldesign new` records it in a new doc's front matter (`template-version`); the template-version rule tells a doc written from an older version which sections were added since; `mldesign report` groups docs by it.",
      },
      templateChanges: {
        type: 'object',
        description:
          'One-line notes by template version (`"3": Fairness added for the model risk policy`), shown with template-version findings.',
        propertyNames: { pattern: VERSION_PATTERN },
        additionalProperties: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
    definitions: {
      ...metadataSchema().definitions,
      version: {
        type: ['string', 'number'],
        pattern: VERSION_PATTERN,
        minimum: 0,
        description:
          'A version: "3", "2.1" or "2024-q1". Dot-separated numbers compare numerically, others as text. Quote it: YAML reads 2.10 as the number 2.1.',
      },
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
          since: {
            $ref: '#/definitions/version',
            description:
              'The template version this section joined the set in (not later than `templateVersion`). Sections without it are as old as any version.',
          },
        },
      },
    },
  };
}

const KEBAB = '[a-z][a-z0-9]*(?:-[a-z0-9]+)*';

/** `metadata` and `stages` (issue 18): front matter fields, and what each status requires. */
function metadataSchema(): { properties: Schema; definitions: Schema } {
  return {
    properties: {
      metadata: {
        type: 'object',
        description:
          'Front matter fields a design doc carries, by name: `{ owner: { required: true, type: people } }`. Merged by name with inherited fields (change one key, or `false` to drop the field). Placeholders (TBD, TODO, <name>, ???, empty) count as missing. Reported by the `metadata` rule.',
        // false drops an inherited field; if/then/else so a wrong key is reported as itself.
        additionalProperties: { if: { const: false }, then: {}, else: { $ref: '#/definitions/metadataField' } },
      },
      stages: {
        type: 'array',
        description:
          "Review stages in life-cycle order, by the doc's front matter `status`: the sections and topics each stage adds to the earlier ones' (a `draft` needs business requirements, a `review` adds monitoring, ...). A status that is no stage is reported by the `metadata` rule. Replaces inherited stages.",
        items: { $ref: '#/definitions/stage' },
      },
    },
    definitions: {
      metadataField: {
        type: 'object',
        additionalProperties: false,
        properties: {
          required: { type: 'boolean', description: 'Reported when the field is missing or a placeholder. Default false.' },
          type: {
            type: 'string',
            enum: [...METADATA_TYPES],
            description:
              '`string` (default), `people` (a YAML list or a comma-separated string of names or @handles), `date` (YYYY-MM-DD), `url` (http or https), `enum` (one of `values`).',
          },
          values: {
            type: 'array',
            minItems: 1,
            items: { type: 'string', minLength: 1 },
            description: 'The allowed values of an `enum` field (case ignored).',
          },
          pattern: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
            description:
              'A regular expression the value (each name of a `people` field) must match, e.g. `^@[a-z0-9-]+$`. Refused when it could backtrack for long: no repeated group holding a repetition or `|`, no backreference, at most three repetitions; run on values of up to 200 characters.',
          },
          description: { type: 'string', description: 'What the field is for: shown in messages and hovers.' },
        },
        if: { properties: { type: { const: 'enum' } }, required: ['type'] },
        then: { required: ['values'] },
      },
      stage: {
        type: 'object',
        additionalProperties: false,
        required: ['status'],
        properties: {
          status: { type: 'string', minLength: 1, description: 'The front matter `status` value of this stage (case ignored).' },
          sections: {
            description:
              'Section ids this stage requires on top of the earlier stages, or `all`: every section the catalogue marks required.',
            if: { type: 'string' },
            then: { enum: ['all'] },
            else: { type: 'array', items: { type: 'string', pattern: `^${KEBAB}$` } },
          },
          topics: {
            type: 'array',
            description:
              'Topics (`section/topic`, e.g. `monitoring/drift`) this stage requires on top of the earlier stages: reported by missing-topic when their section is present.',
            items: { type: 'string', pattern: `^${KEBAB}/${KEBAB}$` },
          },
          placeholders: {
            $ref: '#/definitions/ruleSeverity',
            description: "placeholder-text's severity from this stage on (`error`: none may be left), even where the rule is off.",
          },
          description: { type: 'string', description: 'What the stage means, shown in the hover on the status.' },
        },
      },
    },
  };
}
