// Document metadata and review stages (issue 18): the config keys (positioned problems,
// merging across extends, patterns refused unless linear) and what a doc's stage requires.
import { describe, expect, it } from 'vitest';
import { analyze, builtinConfig, type ResolvedConfig } from '../../server/src/core';
import { patternProblem } from '../../server/src/core/config/metadata';
import { loadConfig, type ConfigHost } from '../../server/src/core/config/load';
import { stageHelp } from '../../server/src/core/stages';

function host(files: Record<string, string>): ConfigHost {
  return { read: (p) => (p in files ? { text: files[p]! } : { missing: true }), trusted: true };
}
const load = (files: Record<string, string>) => loadConfig(host(files), '/ws/.mldesign.yaml', '/ws');
const at = (p: { range: { start: { line: number; character: number } } }) => `${p.range.start.line + 1}:${p.range.start.character + 1}`;
const problemsOf = (yaml: string, more: Record<string, string> = {}) =>
  load({ '/ws/.mldesign.yaml': yaml, ...more }).problems.map((p) => `${p.file.replace('/ws/', '')}:${at(p)} ${p.message}`);

describe('metadata and stages in a config: problems at their position', () => {
  it('schema errors', () => {
    expect(problemsOf('metadata:\n  owner:\n    requird: true\n')).toEqual([
      ".mldesign.yaml:3:5 unknown key 'requird': did you mean 'required'?",
    ]);
    expect(problemsOf('metadata:\n  owner:\n    type: person\n')).toEqual([
      ".mldesign.yaml:3:11 'metadata.owner.type' must be one of: string, people, date, url, enum",
    ]);
    expect(problemsOf('metadata:\n  risk:\n    type: enum\n')).toEqual([".mldesign.yaml:3:5 'metadata.risk' needs 'values'"]);
    expect(problemsOf('metadata:\n  owner: true\n')).toEqual([".mldesign.yaml:2:10 'metadata.owner' must be an object"]);
    expect(problemsOf('stages:\n  - sections: [data-stack]\n')).toEqual([".mldesign.yaml:2:5 'stages.0' needs 'status'"]);
    expect(problemsOf('stages:\n  - status: draft\n    sections: everything\n')).toEqual([
      ".mldesign.yaml:3:15 'stages.0.sections' must be one of: all",
    ]);
    expect(problemsOf('stages:\n  - status: draft\n    topics: [drift]\n')).toEqual([
      ".mldesign.yaml:3:14 'stages.0.topics.0' must be a section id and a topic id such as 'monitoring/drift'",
    ]);
    expect(problemsOf('stages:\n  - status: draft\n    placeholders: loud\n')).toEqual([
      ".mldesign.yaml:3:19 'stages.0.placeholders' must be one of: off, hint, info, warning, error",
    ]);
  });

  it('patterns that do not compile or could take more than linear time', () => {
    expect(problemsOf("metadata:\n  owner:\n    pattern: '^(@[a-z'\n")[0]).toMatch(
      /^\.mldesign\.yaml:3:14 pattern of field 'owner' does not compile: /,
    );
    expect(problemsOf("metadata:\n  owner:\n    pattern: '^(a+)+$'\n")).toEqual([
      ".mldesign.yaml:3:14 pattern of field 'owner' repeats a group that holds a repetition or an alternation, which can take exponential time",
    ]);
    expect(problemsOf("metadata:\n  owner:\n    pattern: '(x)\\1'\n")[0]).toMatch(/backreference/);
  });

  it('stages name sections and topics of the configuration, each stage once', () => {
    expect(
      problemsOf(
        'extends: recommended\nstages:\n  - status: draft\n    sections: [data-stak]\n    topics: [monitoring/drfit, nope/x]\n  - status: Draft\n',
      ),
    ).toEqual([
      ".mldesign.yaml:4:16 no section 'data-stak' in this configuration: did you mean 'data-stack'?",
      ".mldesign.yaml:5:14 section 'monitoring' has no topic 'drfit': did you mean 'drift'?",
      ".mldesign.yaml:5:32 no section 'nope' in this configuration",
      ".mldesign.yaml:6:13 stage 'Draft' is listed twice",
    ]);
  });

  it('fields merge by name, key by key, and false drops one; stages are replaced', () => {
    const { config, problems } = load({
      '/ws/base.yaml': 'extends: strict\nmetadata:\n  tracking:\n    type: url\n',
      '/ws/.mldesign.yaml':
        'extends: ./base.yaml\nmetadata:\n  reviewers: false\n  tracking:\n    required: true\nstages:\n  - status: proposed\n    sections: [data-stack]\n',
    });
    expect(problems).toEqual([]);
    expect(config.metadata!.map((f) => `${f.name}:${f.type}:${f.required}`)).toEqual([
      'owner:people:true',
      'status:string:true',
      'last-updated:date:true',
      'tracking:url:true',
    ]);
    expect(config.stages!.map((s) => s.status)).toEqual(['proposed']);
  });
});

describe('patternProblem', () => {
  it.each(['^@[a-z0-9-]+$', '^[A-Z]+-\\d+$', '^(?:ab)+$', '^\\d{4}-\\d{2}-\\d{2}$', '^(?<team>[a-z]+)/\\w+$', '^[^()*+]+$', 'a|b|c'])(
    'accepts %s',
    (p) => expect(patternProblem(p)).toBeUndefined(),
  );
  it.each(['(a+)+', '(a|aa)*', '(?:\\d{1,3})+', '((ab)*c)*', '(x)\\1', '(?<n>x)\\k<n>', 'a*b*c*d*'])('refuses %s', (p) =>
    expect(patternProblem(p)).toBeDefined(),
  );
});

const DOC = (status: string, body = '') =>
  `---\nowner: ana\nreviewers: bo\nstatus: ${status}\nlast-updated: 2024-03-01\n---\n\n# Churn model design\n\n## Business requirements\n\nCut churn by 2 points.\n${body}`;

describe('review stages', () => {
  const strict = builtinConfig('strict');
  const missing = (config: ResolvedConfig, text: string) =>
    analyze(text, { config, detection: 'all' })
      .findings.filter((f) => f.ruleId === 'missing-section' && f.severity === 'error')
      .map((f) => f.sectionId);

  it("a doc's stage and the earlier ones decide which sections are required", () => {
    expect(missing(strict, DOC('draft'))).toEqual(['ml-justification', 'data-stack']);
    expect(missing(strict, DOC('Review'))).toEqual([
      'ml-justification',
      'interface',
      'data-stack',
      'model-development',
      'deployment',
      'monitoring',
      'model-updates',
    ]);
    const all = strict.sections.map((s) => s.id).filter((id) => id !== 'business-requirements');
    expect(missing(strict, DOC('approved'))).toEqual(all);
    // A status that is no stage (reported by metadata) leaves the catalogue as written.
    expect(missing(strict, DOC('wip'))).toEqual(all);
  });

  it('sections a later stage adds are offered, as recommended, before it', () => {
    const a = analyze(DOC('draft'), { config: strict, detection: 'all' });
    expect(a.coverage.find((c) => c.id === 'monitoring')?.level).toBe('recommended');
    expect(a.findings.find((f) => f.sectionId === 'monitoring')?.severity).toBe('hint');
  });

  it("a stage's topics become required, and its placeholder severity wins over the status map", () => {
    const { config } = load({
      '/ws/.mldesign.yaml':
        'extends: recommended\nstatus: { review: info, approved: info }\nrules:\n  placeholder-text: off\nstages:\n  - status: review\n    sections: [business-requirements]\n    topics: [business-requirements/success-metrics]\n  - status: approved\n    sections: all\n    placeholders: error\n',
    });
    const findings = (status: string) =>
      analyze(DOC(status, '\nOwner: TBD.\n'), { config, detection: 'all' }).findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(findings('review')).toContain('missing-topic:info');
    expect(findings('review')).not.toContain('placeholder-text:error');
    expect(findings('approved')).toContain('placeholder-text:error');
    // Everything else keeps the status map's severity.
    expect(findings('approved').filter((f) => !f.startsWith('placeholder-text'))).not.toContain('missing-section:warning');
  });

  it('whether a doc is a design doc does not depend on its stage', () => {
    const text =
      '---\nstatus: draft\n---\n# Notes\n\n## Deployment\n\nBatch.\n\n## Monitoring\n\nDashboards.\n\n## Model updates\n\nMonthly.\n';
    expect(analyze(text, { config: strict }).designDoc.isDesignDoc).toBe(true);
  });

  it('the stage is reported when it is none, with the allowed values', () => {
    const f = analyze(DOC('wip'), { config: strict, detection: 'all' }).findings.filter((x) => x.ruleId === 'metadata');
    expect(f.map((x) => `${at(x)} ${x.message}`)).toEqual(["4:9 Status 'wip' is no review stage: draft, review, approved"]);
  });

  it('a missing status gets one fix per stage, the first preferred', () => {
    const text = DOC('draft').replace('status: draft\n', '');
    const f = analyze(text, { config: strict, detection: 'all' }).findings.find((x) => x.ruleId === 'metadata')!;
    expect(f.fixes.map((x) => `${x.title}${x.preferred ? ' *' : ''}`).slice(0, 3)).toEqual([
      "Add 'status: draft' to the front matter *",
      "Add 'status: review' to the front matter",
      "Add 'status: approved' to the front matter",
    ]);
  });

  it('the hover text says what this stage requires and what the next adds', () => {
    expect(stageHelp(strict, 'draft')).toBe(
      [
        '**Stage 1 of 3: draft** · the problem, why ML, and the data',
        '',
        'Requires: sections Business requirements, Why ML, Data stack',
        '',
        'Next, **review** adds: sections Interface, Model development, Deployment, Monitoring, Model updates; topics Data and concept drift (Monitoring), Rolling back a model (Model updates)',
        '',
        'Stages: `draft` → `review` → `approved`',
      ].join('\n'),
    );
    expect(stageHelp(strict, 'approved')).toMatch(/This is the last stage/);
    expect(stageHelp(builtinConfig('recommended'), 'draft')).toBeUndefined();
  });
});

describe("a doc's status, as reports show it", () => {
  const strict = builtinConfig('strict');
  const status = (config: ResolvedConfig, text: string) => analyze(text, { config, detection: 'all' }).status;

  it('the stage it names (case and spaces as written), another string as it is, nothing else', () => {
    expect(status(strict, DOC('Review'))).toEqual({ value: 'Review', stage: { n: 2, of: 3 } });
    expect(status(strict, DOC('on hold'))).toEqual({ value: 'on hold' });
    // Without stages in the config, a status is still the doc's.
    expect(status(builtinConfig('recommended'), DOC('draft'))).toEqual({ value: 'draft' });
    // Not a string, or an empty one: no status. A key of Object's prototype is only a word.
    for (const v of ['', '3', '[review]', '"  "']) expect(status(strict, DOC(v)), v).toBeUndefined();
    expect(status(strict, DOC('__proto__'))).toEqual({ value: '__proto__' });
    expect(status(strict, DOC('"  approved\\t"'))).toEqual({ value: 'approved', stage: { n: 3, of: 3 } });
    expect(status(strict, DOC(`${'x'.repeat(60)}`))).toEqual({ value: `${'x'.repeat(39)}…` });
    // A doc that is no design doc has none.
    expect(analyze('---\nstatus: review\n---\n\nNotes.\n', { config: strict, detection: 'auto', path: 'notes.md' }).status).toBeUndefined();
  });
});

describe('metadata values', () => {
  it('a value longer than a pattern is run on is reported, not matched', () => {
    const { config } = load({ '/ws/.mldesign.yaml': "extends: recommended\nmetadata:\n  owner:\n    pattern: '^[a-z]+$'\n" });
    const long = 'a'.repeat(5000);
    const f = analyze(`---\nowner: ${long}\n---\n# Churn model design\n`, { config, detection: 'all' }).findings.filter(
      (x) => x.ruleId === 'metadata',
    );
    expect(f.map((x) => x.message)).toEqual([`'owner': '${'a'.repeat(29)}…' is longer than 200 characters`]);
  });
});

describe('hostile front matter', () => {
  // No timed assertion: the guard is the test timeout.
  // (yaml's own duplicate-key check, in parse.ts, is quadratic in the number of keys: 2,000.)
  it('a front matter of 2,000 keys and values of a million characters is read in one pass', () => {
    const { config } = load({ '/ws/.mldesign.yaml': "extends: strict\nmetadata:\n  owner:\n    pattern: '^[a-z]+ [a-z]+$'\n" });
    const keys = Array.from({ length: 2_000 }, (_, i) => `k${i}: v`).join('\n');
    const text = `---\n${keys}\nowner: ${'-'.repeat(1_000_000)}x\nreviewers: ${'a,'.repeat(200_000)}\nstatus: ${'?'.repeat(500_000)}\n---\n# Churn model design\n`;
    const f = analyze(text, { config, detection: 'all' }).findings.filter((x) => x.ruleId === 'metadata');
    expect(f.map((x) => x.message)).toEqual([
      "Front matter has no 'last-updated'",
      `'owner': '${'-'.repeat(29)}…' is longer than 200 characters`,
      `'status' is a placeholder ('${'?'.repeat(29)}…')`,
    ]);
  }, 30_000);
});
