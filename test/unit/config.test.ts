// Team configuration: discovery, extends, merging, templates, every schema and semantic
// problem at its position, the path-escape refusal, trust, status scaling, include/exclude.
import { presets } from 'virtual:mldesign-builtin';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { analyze, builtinConfig, builtinPresetNames, PRESET_NAMES, RULES } from '../../server/src/core';
import { findConfigFile, loadConfig, type ConfigHost } from '../../server/src/core/config/load';
import { validateConfig } from '../../server/src/core/config/validate';
import { templatePiecesOf } from '../../server/src/core/pieces';
import { configurationExample, presetYaml } from '../helpers/fixtures';

/** An in-memory workspace at /ws. */
function host(files: Record<string, string>, trusted = true): ConfigHost {
  return { read: (p) => (files[p] === undefined ? { missing: true } : { text: files[p] }), trusted };
}

const load = (files: Record<string, string>, file = '/ws/.mldesign.yaml', trusted = true) => loadConfig(host(files, trusted), file, '/ws');
const at = (p: { range: { start: { line: number; character: number } } }) => `${p.range.start.line + 1}:${p.range.start.character + 1}`;

describe('built-in presets', () => {
  it.each(builtinPresetNames())('%s is valid against the schema and loads', (name) => {
    expect(validateConfig(parseYaml(presetYaml(name)))).toEqual([]);
    expect(builtinConfig(name).sections.length).toBeGreaterThanOrEqual(5);
  });

  it.each(builtinPresetNames())('%s as parsed at build time is what its YAML parses to now', (name) => {
    // JSON keeps what YAML gives for our presets (no dates, no undefined, no anchors left).
    expect(JSON.parse(presets[name]!)).toEqual(parseYaml(presetYaml(name)));
  });

  it('has recommended, strict and minimal', () => {
    expect(builtinPresetNames().sort()).toEqual(['minimal', 'recommended', 'strict']);
    expect([...PRESET_NAMES].sort()).toEqual(builtinPresetNames().sort());
    expect(builtinConfig('strict').rules['missing-section']!.severity).toBe('error');
    expect(builtinConfig('minimal').rules['empty-section']!.severity).toBe('off');
  });
});

describe('discovery', () => {
  const files = { '/ws/.mldesign.yaml': 'extends: recommended\n', '/ws/docs/team/.mldesign.json': '{ "extends": "strict" }' };
  it('finds the nearest config from the document folder up to the root', () => {
    expect(findConfigFile(host(files), '/ws/docs/team/sub', '/ws')).toBe('/ws/docs/team/.mldesign.json');
    expect(findConfigFile(host(files), '/ws/docs/other', '/ws')).toBe('/ws/.mldesign.yaml');
  });
  it('never looks above the workspace root', () => {
    expect(findConfigFile(host({ '/.mldesign.yaml': 'x: 1' }), '/ws/docs', '/ws')).toBeUndefined();
  });
  it('prefers .yaml over .yml over .json in one folder', () => {
    expect(findConfigFile(host({ '/ws/.mldesign.json': '{}', '/ws/.mldesign.yml': '{}' }), '/ws', '/ws')).toBe('/ws/.mldesign.yml');
  });
});

describe('a team config', () => {
  const team = {
    '/ws/.mldesign.yaml': [
      'extends: recommended',
      'sections:',
      '  - id: privacy-review',
      '    title: Privacy review',
      '    aliases: [Privacy, Data protection]',
      '    guidance: How personal data is protected.',
      '    template: .mldesign/templates/privacy-review.md',
      '    after: data-stack',
      '    severity: error',
      '  - id: monitoring',
      '    title: Observability',
      '    aliases: [Monitoring, Watchtower]',
      '  - id: model-updates',
      '    remove: true',
      'rules:',
      '  empty-section: off',
      '',
    ].join('\n'),
    '/ws/.mldesign/templates/privacy-review.md': '**Personal data.** ${1:Which fields, why, retention.}\n',
  };

  it('adds, renames, re-aliases and removes sections, in order', () => {
    const { config, problems } = load(team);
    expect(problems).toEqual([]);
    expect(config.sections.map((s) => s.id)).toEqual([
      'business-requirements',
      'ml-justification',
      'interface',
      'data-stack',
      'privacy-review',
      'model-development',
      'deployment',
      'monitoring',
      'fairness',
      'interpretability',
    ]);
    const mon = config.sections.find((s) => s.id === 'monitoring')!;
    expect(mon).toMatchObject({ title: 'Observability' });
    // A layer's aliases add to the inherited ones.
    const inherited = builtinConfig().sections.find((s) => s.id === 'monitoring')!.aliases;
    expect(inherited).toContain('Monitoring');
    expect(mon.aliases).toEqual([...inherited, 'Watchtower']);
    expect(mon.guidance).toMatch(/production/);
    expect(config.rules['empty-section']!.severity).toBe('off');
    expect(config.sources).toEqual(['builtin:recommended', '/ws/.mldesign.yaml']);
  });

  it('makes docs require the team section, fixed with the team template', () => {
    const { config } = load(team);
    const text = '# Plan\n\n## Goals\n\nUp 2 %.\n\n## Data\n\nEvents.\n\n## Deployment\n\nBatch.\n\n## Watchtower\n\nAlerts.\n';
    const a = analyze(text, { config, detection: 'all' });
    expect(
      a.findings.filter((f) => f.ruleId === 'missing-section' && f.severity !== 'hint').map((f) => [f.ruleId, f.sectionId, f.severity]),
    ).toEqual([['missing-section', 'privacy-review', 'error']]);
    const ins = a.findings.find((f) => f.sectionId === 'privacy-review')!.fixes[0]!.insertions[0]!;
    expect(ins.at.line).toBe(text.split('\n').indexOf('## Deployment'));
    expect(ins.text).toBe('## Privacy review\n\n**Personal data.** Which fields, why, retention.\n\n');
  });

  it('uses a template from the team folder without naming it', () => {
    const { config } = load({
      '/ws/.mldesign.yaml': 'extends: recommended\n',
      '/ws/.mldesign/templates/monitoring.md': 'Our dashboards: ${1:link}\n',
    });
    const mon = config.sections.find((s) => s.id === 'monitoring')!;
    expect(mon.template).toBe('Our dashboards: ${1:link}\n');
    expect(mon.templateSource).toBe('/ws/.mldesign/templates/monitoring.md');
  });

  it('extends relative files and packages in node_modules', () => {
    const { config, problems } = load({
      '/ws/.mldesign.yaml': 'extends: [./base.yaml, "@acme/mldesign-standard"]\n',
      '/ws/base.yaml': 'extends: minimal\nrules: { duplicate-section: error }\n',
      '/ws/node_modules/@acme/mldesign-standard/package.json': '{ "name": "@acme/mldesign-standard", "mldesign": "standard.yaml" }',
      '/ws/node_modules/@acme/mldesign-standard/standard.yaml': 'sections:\n  - id: cost\n    title: Cost\n    template: cost.md\n',
      '/ws/node_modules/@acme/mldesign-standard/cost.md': 'Cost per 1,000 predictions: ${1:0.02 USD}\n',
    });
    expect(problems).toEqual([]);
    expect(config.rules['duplicate-section']!.severity).toBe('error');
    expect(config.rules['empty-section']!.severity).toBe('off');
    expect(config.sections.at(-1)).toMatchObject({ id: 'cost', template: 'Cost per 1,000 predictions: ${1:0.02 USD}\n' });
  });

  it('writes its own content checks: topics on its own section and on a built-in one, required or only counted', () => {
    const { config, problems } = load({
      '/ws/.mldesign.yaml': [
        'extends: recommended',
        'sections:',
        '  - id: privacy-review',
        '    title: Privacy review',
        '    guidance: How personal data is collected, kept and deleted.',
        '    anchors: [personal data, PII]',
        '    topics:',
        '      - id: retention',
        '        title: Retention period',
        '        question: How long is personal data kept?',
        '        required: true',
        '        terms: [retention period, retained for, deleted after]',
        '        local: [retention, days, months]',
        '  - id: monitoring',
        '    topics:',
        '      - id: on-call',
        '        title: On-call rota',
        '        question: Who is paged, on which rota?',
        '        terms: [rota, PagerDuty]',
        '      - id: drift',
        '        required: false',
        '',
      ].join('\n'),
    });
    expect(problems).toEqual([]);
    const mon = config.sections.find((s) => s.id === 'monitoring')!;
    // Merged by id: the built-in topics stay, drift only counted now, the team's added last.
    expect(mon.topics.map((t) => [t.id, t.required])).toEqual([
      ['service-metrics', false],
      ['model-metrics', false],
      ['alerts', false],
      ['drift', false],
      ['feedback', false],
      ['slos', false],
      ['on-call', false],
    ]);
    const doc = (privacy: string) =>
      analyze(
        `# Plan\n\n## Goals\n\nUp 2 % for the sales team.\n\n## Privacy review\n\n${privacy}\n\n## Monitoring\n\nError rate, with alerts; no drift check yet.\n`,
        { config, detection: 'all' },
      ).findings.filter((f) => f.ruleId === 'missing-topic');
    expect(doc('Emails are hashed before they reach the feature store.').map((f) => [f.sectionId, f.message])).toEqual([
      ['privacy-review', "'Privacy review' says nothing about retention period"],
    ]);
    expect(doc('Emails are hashed, and deleted after 30 days.')).toEqual([]);
  });

  it('topics are checked like every other key, each problem at its position', () => {
    const { problems } = load({
      '/ws/.mldesign.yaml': [
        'extends: recommended',
        'sections:',
        '  - id: monitoring',
        '    topics:',
        '      - id: on-call',
        '        title: On-call rota',
        '        terms: rota',
        '        requird: true',
        '',
      ].join('\n'),
    });
    expect(problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      "8:9 unknown key 'requird': did you mean 'required'?",
      "7:16 'sections.0.topics.0.terms' must be an array",
    ]);
  });

  it('loads nothing from node_modules in an untrusted workspace, and says so', () => {
    const { problems } = load(
      {
        '/ws/.mldesign.yaml': 'extends: acme-standard\n',
        '/ws/node_modules/acme-standard/package.json': '{}',
        '/ws/node_modules/acme-standard/mldesign.yaml': '{}',
      },
      '/ws/.mldesign.yaml',
      false,
    );
    expect(problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      "1:10 package 'acme-standard' is not loaded in an untrusted workspace (Restricted Mode); trust the workspace to use it",
    ]);
  });

  it('loads nothing from node_modules by a relative path either, when untrusted', () => {
    const files = {
      '/ws/.mldesign.yaml': 'extends: ./node_modules/acme/.mldesign.yaml\n',
      '/ws/node_modules/acme/.mldesign.yaml': 'extends: strict\n',
    };
    expect(load(files, '/ws/.mldesign.yaml', false).problems.map((p) => `${at(p)} ${p.message}`)).toEqual([
      "1:10 './node_modules/acme/.mldesign.yaml' is in node_modules, which is not loaded in an untrusted workspace (Restricted Mode); trust the workspace to use it",
    ]);
    expect(load(files, '/ws/.mldesign.yaml', true).problems).toEqual([]);
  });
});

describe("docs/configuration.md's full example", () => {
  it('loads without a problem, and every part of it takes effect', () => {
    const { yaml } = configurationExample('## A full example');
    const { config, problems } = load({
      '/ws/.mldesign.yaml': yaml,
      '/ws/.mldesign/templates/privacy-review.md': '**Personal data.** ${1:x}\n',
    });
    expect(problems).toEqual([]);
    expect(config.sections.find((s) => s.id === 'privacy-review')).toMatchObject({ level: 'required', severity: 'error' });
    expect(config.sections.find((s) => s.id === 'monitoring')).toMatchObject({
      title: 'Observability',
      notAliases: ['Data quality monitoring'],
    });
    expect(config.sections.some((s) => s.id === 'model-updates')).toBe(false);
    expect(config.templateVersion).toBe('3');
    expect(config.metadata?.filter((f) => f.required).map((f) => f.name)).toEqual(['owner', 'last-updated']);
    expect(config.stages?.map((s) => s.status)).toEqual(['draft', 'review', 'approved']);
  });
});

describe('config problems, each at its position', () => {
  const problemsOf = (files: Record<string, string>, file?: string) =>
    load(files, file).problems.map((p) => `${p.file.replace('/ws/', '')}:${at(p)} ${p.message}`);

  it('YAML syntax errors', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: recommended\nrules: {}\nrules: {}\n' })).toEqual([
      '.mldesign.yaml:3:1 Map keys must be unique',
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: recommended\nsections:\n  - id: x\n    title: [unclosed\n' })[0]).toMatch(
      /^\.mldesign\.yaml:\d+:\d+ Flow sequence/,
    );
  });

  it('JSON syntax errors, with comments and trailing commas allowed', () => {
    expect(problemsOf({ '/ws/.mldesign.json': '{\n  // team standard\n  "extends": "strict",\n}\n' }, '/ws/.mldesign.json')).toEqual([]);
    expect(problemsOf({ '/ws/.mldesign.json': '{\n  "extends": "strict"\n  "rules": {}\n}\n' }, '/ws/.mldesign.json')).toEqual([
      '.mldesign.json:3:3 JSON syntax error: comma expected',
    ]);
  });

  it('unknown keys, with a suggestion', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: recommended\nsectons: []\n' })).toEqual([
      ".mldesign.yaml:2:1 unknown key 'sectons': did you mean 'sections'?",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: a\n    titel: A\n' })).toEqual([
      ".mldesign.yaml:3:5 unknown key 'titel': did you mean 'title'?",
    ]);
  });

  it('wrong types and values', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: a\n    title: A\n    level: mandatory\n' })).toEqual([
      ".mldesign.yaml:4:12 'sections.0.level' must be one of: required, recommended",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'include: docs/*.md\n' })).toEqual([".mldesign.yaml:1:10 'include' must be an array"]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'rules:\n  missing-section: loud\n' })).toEqual([
      ".mldesign.yaml:2:20 'rules.missing-section' must be a severity (off, hint, info, warning, error) or [severity, options]",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: Privacy Review\n    title: P\n' })).toEqual([
      ".mldesign.yaml:2:9 'sections.0.id' must be a kebab-case id such as 'privacy-review'",
    ]);
  });

  it('unknown presets, rules and sections', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: recomended\n' })).toEqual([
      ".mldesign.yaml:1:10 unknown preset 'recomended': it is not a built-in preset (recommended, minimal, strict) nor a package in node_modules".replace(
        'recommended, minimal, strict',
        builtinPresetNames().join(', '),
      ),
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'rules:\n  missing-sections: error\n' })[0]).toMatch(
      /^\.mldesign\.yaml:2:3 unknown rule 'missing-sections'/,
    );
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: ghost\n    remove: true\n' })).toEqual([
      ".mldesign.yaml:2:9 cannot remove section 'ghost': no inherited section has that id",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: cost\n' })).toEqual([
      ".mldesign.yaml:2:9 section 'cost' is new here and needs a title",
    ]);
  });

  it("rule options, against each rule's own schema", () => {
    // A typo in an option name or a wrong type once passed silently (exit 0).
    expect(problemsOf({ '/ws/.mldesign.yaml': 'rules:\n  placeholder-text: [warning, { term: [FOO] }]\n' })).toEqual([
      ".mldesign.yaml:2:33 unknown key 'term': did you mean 'terms'?",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'rules:\n  latency-percentiles: [warning, { latencyTerms: latency }]\n' })).toEqual([
      ".mldesign.yaml:2:50 'rules.latency-percentiles.1.latencyTerms' must be an array",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'rules:\n  missing-section: [warning, { recommended: loud }]\n' })).toEqual([
      ".mldesign.yaml:2:45 'rules.missing-section.1.recommended' must be one of: error, warning, info, hint, off",
    ]);
    // Options that name sections name sections of the resolved catalogue.
    expect(
      problemsOf({
        '/ws/.mldesign.yaml': 'extends: recommended\nrules:\n  quantified-objectives: [warning, { sections: [buisness-requirements] }]\n',
      }),
    ).toEqual([
      ".mldesign.yaml:3:48 'rules.quantified-objectives' option 'sections' names no section of this configuration: 'buisness-requirements' (did you mean 'business-requirements'?)",
    ]);
  });

  it('keeps the options a preset set when a team changes another one', () => {
    const { config, problems } = load({
      '/ws/.mldesign.yaml': 'extends: recommended\nrules:\n  quantified-objectives: [error, { units: [NPS] }]\n',
    });
    expect(problems).toEqual([]);
    expect(config.rules['quantified-objectives']).toEqual({
      severity: 'error',
      options: { sections: ['business-requirements'], units: ['NPS'] },
    });
  });

  it('missing templates and templates outside the workspace', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'sections:\n  - id: cost\n    title: Cost\n    template: t/cost.md\n' })).toEqual([
      ".mldesign.yaml:4:15 template 't/cost.md' was not found",
    ]);
    expect(
      problemsOf({
        '/ws/.mldesign.yaml': 'sections:\n  - id: cost\n    title: Cost\n    template: ../../etc/passwd\n',
        '/etc/passwd': 'root',
      }),
    ).toEqual([".mldesign.yaml:4:15 template '../../etc/passwd' is outside the workspace; templates must stay inside it"]);
  });

  it('extends cycles and missing files', () => {
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: ./a.yaml\n', '/ws/a.yaml': 'extends: ./.mldesign.yaml\n' })).toEqual([
      'a.yaml:1:10 extends cycle: .mldesign.yaml -> a.yaml -> .mldesign.yaml',
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: [recommended, ./nope.yaml]\n' })).toEqual([
      ".mldesign.yaml:1:24 extends './nope.yaml': file not found",
    ]);
    expect(problemsOf({ '/ws/.mldesign.yaml': 'extends: ../outside.yaml\n' })).toEqual([
      ".mldesign.yaml:1:10 extends '../outside.yaml' points outside the workspace",
    ]);
  });
});

describe('status and file selection', () => {
  it('scales every finding by front matter status', () => {
    const { config } = load({ '/ws/.mldesign.yaml': 'extends: recommended\nstatus: { draft: hint, approved: error }\n' });
    const sev = (status: string) => [
      ...new Set(analyze(`---\nstatus: ${status}\n---\n# T\n`, { config, detection: 'all' }).findings.map((f) => f.severity)),
    ];
    expect(sev('draft')).toEqual(['hint']);
    expect(sev('Approved')).toEqual(['error']);
    expect(sev('review')).toEqual(['warning', 'hint']);
  });

  it('include and exclude decide which files are design docs', () => {
    const { config } = load(
      { '/ws/docs/.mldesign.yaml': 'include: ["design/**/*.md"]\nexclude: ["**/drafts/**"]\n' },
      '/ws/docs/.mldesign.yaml',
    );
    const is = (path: string, text = '# T\n') => analyze(text, { config, path }).designDoc.isDesignDoc;
    expect(is('docs/design/churn.md')).toBe(true);
    expect(is('docs/design/drafts/churn.md')).toBe(false);
    expect(is('docs/notes.md')).toBe(false);
    expect(is('notes-design.md')).toBe(false);
    expect(is('docs/notes.md', '---\nmldesign: true\n---\n# T\n')).toBe(true);
  });
});

// Pins the shipped presets on purpose: which rules each turns on is part of what the
// presets promise (docs/configuration.md), said by each rule's meta.presets.
describe('which rules each built-in preset turns on', () => {
  const on = (preset: string) =>
    Object.entries(builtinConfig(preset).rules)
      .filter(([, s]) => s.severity !== 'off')
      .map(([id]) => id)
      .sort();
  it('minimal: missing sections (template-version: those added since a doc was written), and what could not be read', () => {
    expect(on('minimal')).toEqual(['invalid-directive', 'invalid-front-matter', 'missing-section', 'skipped-content', 'template-version']);
  });
  it('recommended: every rule', () => {
    expect(on('recommended')).toEqual(RULES.map((r) => r.meta.id).sort());
  });
  it('strict: every rule, the structure rules as errors', () => {
    expect(on('strict')).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(builtinConfig('strict').rules['missing-section']!.severity).toBe('error');
  });
  it('a team config that extends minimal can turn a rule back on', () => {
    const { config } = load({ '/ws/.mldesign.yaml': 'extends: minimal\nrules:\n  empty-section: warning\n' });
    expect(config.rules['empty-section']!.severity).toBe('warning');
  });
});

// Pins the shipped preset on purpose: its topics and its templates must agree.
describe('the built-in topics', () => {
  const sections = builtinConfig('strict').sections;
  it.each(sections.map((s) => [s.id, s] as const))(
    '%s: topics with titles, questions and terms; a template paragraph for each required one',
    (_id, s) => {
      expect(s.topics.length).toBeGreaterThanOrEqual(3);
      for (const t of s.topics) {
        expect(t.title, t.id).not.toBe('');
        expect(t.question, t.id).toMatch(/\?$/);
        expect(t.terms.length, t.id).toBeGreaterThan(0);
      }
      expect(s.anchors.length).toBeGreaterThan(0);
      // missing-topic's fix appends the template paragraph about a required topic: there is one.
      const pieces = templatePiecesOf(s, sections);
      for (const t of s.topics.filter((x) => x.required))
        expect(
          pieces.some((p) => p.topics.has(t.id)),
          t.id,
        ).toBe(true);
    },
  );

  it('requires one topic in each required section', () => {
    expect(
      sections
        .filter((s) => builtinConfig().sections.find((r) => r.id === s.id)?.level === 'required')
        .map((s) => [s.id, s.topics.filter((t) => t.required).map((t) => t.id)]),
    ).toEqual([
      ['business-requirements', ['stakeholders']],
      ['data-stack', ['versioning']],
      ['deployment', ['serving-mode']],
      ['monitoring', ['drift']],
      ['model-updates', ['when']],
    ]);
  });
});
