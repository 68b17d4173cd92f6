// Template versions: how versions order, how the config keys merge across `extends` and
// where their problems are reported, and what a doc is told (the rule's fixtures in
// test/fixtures/rules/template-version cover firing, not firing and every fix).
import { describe, expect, it } from 'vitest';
import { analyze, applyFix } from '../../server/src/core';
import { loadConfig, type ConfigHost } from '../../server/src/core/config/load';
import { compareVersions, sectionsSince, templateStatus, versionText } from '../../server/src/core/template-version';
import { configurationExample, keepsAllLines } from '../helpers/fixtures';

function host(files: Record<string, string>): ConfigHost {
  return { read: (p) => (files[p] === undefined ? { missing: true } : { text: files[p] }), trusted: true };
}
const load = (files: Record<string, string>) => loadConfig(host(files), '/ws/.mldesign.yaml', '/ws');
const problemsOf = (text: string) =>
  load({ '/ws/.mldesign.yaml': text }).problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);

describe('compareVersions', () => {
  it('orders dot-separated numbers part by part', () => {
    expect(compareVersions('2.10', '2.9')).toBe(1);
    expect(compareVersions('3', '3.0')).toBe(0);
    expect(compareVersions('2', '10')).toBe(-1);
    expect(['3', '1.2', '10', '1.10', '2'].sort(compareVersions)).toEqual(['1.2', '1.10', '2', '3', '10']);
  });
  it('falls back to text for other versions', () => {
    expect(compareVersions('2024-q1', '2024-q2')).toBe(-1);
    expect(compareVersions('v2', 'v2')).toBe(0);
  });
  it('reads versions YAML gives as numbers, and refuses what is no version', () => {
    expect(versionText(3)).toBe('3');
    expect(versionText(2.1)).toBe('2.1');
    expect(versionText(' 2.10 ')).toBe('2.10');
    expect(versionText(1e21)).toBeUndefined();
    expect(versionText('latest?')).toBeUndefined();
    expect(versionText(['1'])).toBeUndefined();
  });
});

describe('config', () => {
  const files = {
    '/ws/base.yaml': [
      'extends: recommended',
      "templateVersion: '2'",
      'templateChanges:',
      "  '2': Model updates required.",
      'sections:',
      '  - id: model-updates',
      '    since: 2',
      '',
    ].join('\n'),
    '/ws/.mldesign.yaml': [
      'extends: ./base.yaml',
      'templateVersion: 3',
      'templateChanges:',
      "  '3': Fairness required.",
      'sections:',
      '  - id: fairness',
      "    since: '3'",
      '',
    ].join('\n'),
  };

  it('merges across extends: the nearest version wins, sections keep their since, notes merge by version', () => {
    const { config, problems } = load(files);
    expect(problems).toEqual([]);
    expect(config.templateVersion).toBe('3');
    expect({ ...config.templateChanges }).toEqual({ '2': 'Model updates required.', '3': 'Fairness required.' });
    expect(config.sections.filter((s) => s.since).map((s) => [s.id, s.since])).toEqual([
      ['model-updates', '2'],
      ['fairness', '3'],
    ]);
    expect(sectionsSince(config, '1').map((s) => s.id)).toEqual(['model-updates', 'fairness']);
    expect(sectionsSince(config, '2').map((s) => s.id)).toEqual(['fairness']);
    expect(sectionsSince(config, '3')).toEqual([]);
  });

  it('a config without templateVersion resolves without one (and the rule is silent)', () => {
    const { config } = load({ '/ws/.mldesign.yaml': 'extends: recommended\n' });
    expect(config.templateVersion).toBeUndefined();
    const text = "---\ntemplate-version: '1'\n---\n\n# Churn\n\n## Goals\n\nCut churn.\n";
    expect(analyze(text, { config, path: 'a-design.md' }).findings.filter((f) => f.ruleId === 'template-version')).toEqual([]);
  });

  it('reports each problem at its position', () => {
    expect(problemsOf('templateVersion: [1]\n')).toEqual(["1:18 'templateVersion' must be a string or number"]);
    expect(problemsOf("templateVersion: '3 beta'\n")).toEqual(["1:18 'templateVersion' must be a version such as '3', '2.1' or '2024-q1'"]);
    expect(problemsOf("templateChanges:\n  'a b': x\n  '2': 3\n")).toEqual([
      "2:3 'templateChanges.a b' must be a version such as '3', '2.1' or '2024-q1'",
      "3:8 'templateChanges.2' must be a string",
    ]);
    // A numeric key of a JSON config too (jsonc-parser would read the number as an index).
    const json = loadConfig(host({ '/ws/.mldesign.json': '{\n  "templateChanges": { "2": 3 }\n}\n' }), '/ws/.mldesign.json', '/ws');
    expect(json.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`)).toEqual([
      "2:29 'templateChanges.2' must be a string",
    ]);
    expect(problemsOf('templateChanges:\n  __proto__: x\n')).toEqual([
      "2:3 'templateChanges.__proto__' must be a version such as '3', '2.1' or '2024-q1'",
    ]);
    expect(problemsOf('sections:\n  - id: fairness\n    since: 3 beta\n')).toEqual([
      "3:12 'sections.0.since' must be a version such as '3', '2.1' or '2024-q1'",
    ]);
  });

  it('reports versions that cannot be right: newer than the set, or with nothing to compare with', () => {
    expect(problemsOf("extends: recommended\ntemplateVersion: 3\nsections:\n  - id: fairness\n    since: '4'\n")).toEqual([
      "5:12 section 'fairness' joined template 4, newer than this configuration's templateVersion 3",
    ]);
    expect(problemsOf('extends: recommended\nsections:\n  - id: fairness\n    since: 4\n')).toEqual([
      "4:12 'since' needs a 'templateVersion' to compare with: section 'fairness' joined template 4, but this configuration has no version",
    ]);
    expect(problemsOf("templateVersion: '2'\ntemplateChanges:\n  '3': later\n")).toEqual([
      '3:3 a note for template 3, newer than templateVersion 2',
    ]);
  });
});

describe('a doc against the template set', () => {
  const { config } = load({
    '/ws/.mldesign.yaml':
      "extends: recommended\ntemplateVersion: '2.10'\nsections:\n  - id: fairness\n    since: '2.10'\n  - id: interpretability\n    since: '2.9'\n",
  });
  const doc = (version: string, extra = '') =>
    `---\nstatus: draft\n${version}\n---\n\n# Churn prediction\n\n## Goals\n\nCut monthly churn from 4.1 % to 3.5 %.\n${extra}`;
  const status = (text: string) => {
    const a = analyze(text, { config, path: 'churn-design.md' });
    return templateStatus(a.model, config);
  };

  it('compares numerically: 2.9 is older than 2.10, and lacks what 2.10 added', () => {
    const s = status(doc("template-version: '2.9'"))!;
    expect([s.state, s.version, s.current]).toEqual(['older', '2.9', '2.10']);
    expect(s.lacking.map((x) => x.id)).toEqual(['fairness']);
    expect(status(doc("template-version: '2.10'"))!.state).toBe('current');
    expect(status(doc("template-version: '2.11'"))!.state).toBe('newer');
    expect(status(doc('template-version: {a: 1}'))!.state).toBe('invalid');
    expect(status(doc('owner: ana'))!.state).toBe('unrecorded');
  });

  it('reports once, on the template-version line, and its fix inserts what is lacking; the result is clean of it', () => {
    const text = doc("template-version: '2.8'");
    const a = analyze(text, { config, path: 'churn-design.md' });
    const found = a.findings.filter((f) => f.ruleId === 'template-version');
    expect(found.map((f) => [f.range.start.line, f.severity, f.message])).toEqual([
      [2, 'warning', "Written from template 2.8; template 2.9 added 'Interpretability'; template 2.10 added 'Fairness'"],
    ]);
    const fix = found[0]!.fixes[0]!;
    expect(fix.title).toBe('Add the 2 sections added since template 2.8');
    const fixed = applyFix(text, fix);
    expect(keepsAllLines(text, fixed)).toBe(true);
    expect(fixed).toMatch(/## Fairness/);
    expect(fixed).toMatch(/## Interpretability/);
    expect(analyze(fixed, { config, path: 'churn-design.md' }).findings.filter((f) => f.ruleId === 'template-version')).toEqual([]);
  });

  it('fix-all inserts a section missing-section and template-version both plan once', () => {
    const text = doc("template-version: '2.8'");
    const a = analyze(text, {
      config: { ...config, rules: { ...config.rules, 'missing-section': { severity: 'warning', options: { recommended: 'warning' } } } },
      path: 'churn-design.md',
    });
    expect(a.findings.filter((f) => f.sectionId === 'fairness').map((f) => f.ruleId)).toEqual(['missing-section']);
    const fixed = applyFix(text, a.fixAll!);
    expect(fixed.split('## Fairness')).toHaveLength(2);
    expect(fixed.split('## Interpretability')).toHaveLength(2);
  });

  it('finds the field written with a quoted key too', () => {
    const a = analyze(doc("'template-version': '2.8'"), { config, path: 'churn-design.md' });
    expect(a.findings.find((f) => f.ruleId === 'template-version')!.range.start.line).toBe(2);
  });
});

describe('docs/configuration.md', () => {
  it('the Template versions example is a valid configuration that does what the page says', () => {
    const { yaml, part } = configurationExample('## Template versions');
    const { config, problems } = load({ '/ws/.mldesign.yaml': yaml });
    expect(problems).toEqual([]);
    expect(sectionsSince(config, '2').map((s) => s.title)).toEqual(['Privacy review', 'Fairness']);
    const doc = "---\ntemplate-version: '2'\n---\n\n# Churn\n\n## Goals\n\nCut churn.\n";
    const found = analyze(doc, { config, path: 'churn-design.md' }).findings.find((f) => f.ruleId === 'template-version')!;
    expect(found.message).toBe("Written from template 2; template 3 added 'Privacy review', 'Fairness'");
    expect(part.replace(/\s+/g, ' ')).toContain(`"${found.message}"`);
  });
});
