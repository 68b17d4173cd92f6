// Template versions through the built CLI, as a team lives them: `new` records the version,
// the team's templates move on, `lint` tells the old doc what was added, the quick fix's
// sections reach it, and `report` groups docs by version (md, json, html).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const run = (args: string[], cwd: string) => runCli(args, cwd, { NO_COLOR: '1', MLDESIGN_REPORT_DATE: '2026-01-01' });
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

const V2 = "extends: recommended\ntemplateVersion: '2'\n";
// Template 3 adds a required team section and a note.
const V3 = [
  'extends: recommended',
  "templateVersion: '3'",
  'templateChanges:',
  "  '3': Every model gets a privacy review.",
  'sections:',
  '  - id: privacy-review',
  '    title: Privacy review',
  '    guidance: Which personal data the system uses and why.',
  '    after: data-stack',
  "    since: '3'",
  '',
].join('\n');

describe('template versions in the CLI', () => {
  it('new records the version in the front matter, and the doc lints clean', () => {
    const dir = tempWorkspace({ '.mldesign.yaml': V2 });
    expect(run(['new', 'docs/churn-design.md', '--title', 'Churn'], dir)).toMatchObject({
      code: 0,
      stdout: 'Created docs/churn-design.md with 10 sections from template 2.\n',
    });
    expect(read(dir, 'docs/churn-design.md').startsWith("---\nmldesign: true\nstatus: draft\ntemplate-version: '2'\n---\n")).toBe(true);
    expect(run(['lint', '-f', 'text', 'docs'], dir)).toMatchObject({ code: 0, stdout: '' });
  });

  // A doc written from template 2, after the team's templates moved on to 3.
  const OLD =
    "---\ntemplate-version: '2'\n---\n\n# Churn\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nEvents.\n\n## Serving\n\nBatch.\n\n## Monitoring\n\nDrift alerts.\n\n## Retraining\n\nMonthly.\n";

  it('lint reports a doc written from an older template, with the notes of what changed', () => {
    const dir = tempWorkspace({ '.mldesign.yaml': V3, 'docs/churn-design.md': OLD });
    const lint = run(['lint', '-f', 'text', 'docs'], dir);
    expect(lint.stdout.split('\n').filter((l) => l.includes('template-version'))).toEqual([
      "docs/churn-design.md:2:1 warning Written from template 2; template 3 added 'Privacy review' template-version",
    ]);
    const json = JSON.parse(run(['lint', '-f', 'json', 'docs'], dir).stdout) as {
      version: number;
      files: { template?: unknown; findings: { ruleId: string; detail: string }[] }[];
    };
    expect(json.version).toBe(4);
    expect(json.files[0]!.template).toEqual({
      current: '3',
      version: '2',
      state: 'older',
      lacking: [{ id: 'privacy-review', title: 'Privacy review' }],
    });
    expect(json.files[0]!.findings.find((f) => f.ruleId === 'template-version')!.detail).toBe(
      'Template 3: Every model gets a privacy review. Once it is up to date, record template-version: "3" in the front matter.',
    );
  });

  it('--fix adds the section once (missing-section and template-version both plan it), and the doc is up to date', () => {
    const dir = tempWorkspace({ '.mldesign.yaml': V3, 'docs/churn-design.md': OLD });
    expect(run(['lint', '--fix', 'docs'], dir).code).toBe(0);
    const fixed = read(dir, 'docs/churn-design.md');
    expect(fixed).toMatch(/## Data\n[\s\S]*\n## Privacy review\n\n[\s\S]*## Serving\n/);
    expect(fixed.split('## Privacy review')).toHaveLength(2);
    expect(run(['lint', '-f', 'text', 'docs'], dir).stdout).not.toContain('template-version');
  });

  it('report groups the docs by the version they record, newest first, unrecorded last', () => {
    const doc = (version: string | undefined, extra = '') =>
      `${version ? `---\ntemplate-version: '${version}'\n---\n\n` : ''}# Doc\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nEvents.\n\n## Serving\n\nBatch.\n\n## Monitoring\n\nDrift alerts.\n\n## Retraining\n\nMonthly.\n${extra}`;
    const dir = tempWorkspace({
      '.mldesign.yaml': V3,
      'a-design.md': doc('2'),
      'b-design.md': doc('3', '\n## Privacy review\n\nNo personal data.\n'),
      'c-design.md': doc(undefined),
      'd-design.md': doc('2', '\n## Privacy review\n\nNo personal data.\n'),
      'e-design.md': doc('latest?'),
    });
    const md = run(['report', '.'], dir).stdout;
    expect(md.slice(md.indexOf('## Template versions'))).toBe(
      [
        '## Template versions',
        '',
        '| Template version | Design docs |',
        '| --- | --- |',
        '| 3 (current) | b-design.md |',
        '| 2 | a-design.md (lacks Privacy review) · d-design.md |',
        '| not recorded | c-design.md · e-design.md (not a version) |',
        '',
      ].join('\n'),
    );
    const json = JSON.parse(run(['report', '-f', 'json', '.'], dir).stdout) as {
      templateVersions: unknown;
      rows: { path: string; template: unknown }[];
    };
    expect(json.templateVersions).toEqual([
      { version: '3', docs: ['b-design.md'] },
      { version: '2', docs: ['a-design.md', 'd-design.md'] },
      { version: null, docs: ['c-design.md', 'e-design.md'] },
    ]);
    expect(json.rows.find((r) => r.path === 'a-design.md')!.template).toEqual({
      version: '2',
      current: '3',
      state: 'older',
      lacking: ['Privacy review'],
    });
    const html = run(['report', '-f', 'html', '.'], dir).stdout;
    expect(html).toContain('<h2 id="by-template">Template versions');
    expect(html).toContain('<li>a-design.md <span class="hint">lacks Privacy review</span></li>');
  });

  it('report says nothing of versions when no config has one', () => {
    const dir = tempWorkspace({ 'a-design.md': "---\ntemplate-version: '2'\n---\n\n# A\n\n## Goals\n\nX.\n" });
    expect(run(['report', '.', '--all'], dir).stdout).not.toContain('Template versions');
    expect(JSON.parse(run(['report', '-f', 'json', '.', '--all'], dir).stdout)).not.toHaveProperty('templateVersions');
  });
});
