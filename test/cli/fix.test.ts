// --fix and --fix-dry-run, and init/new, run against the built CLI as a user would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinConfig, readSettings } from '../../server/src/core';
import { applyFixes } from '../../server/src/cli/fix';
import { runLint } from '../../server/src/cli/run';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const run = (args: string[], cwd: string) => runCli(args, cwd, { NO_COLOR: '1' });
const workspace = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-fix-');
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nTODO\n\n## Serving\n\nNightly batch.\n';

describe('lint --fix', () => {
  it('inserts the missing sections and fills empty ones, keeping every line, then lints clean', () => {
    const dir = workspace({ 'churn-design.md': DOC });
    const r = run(['lint', '--fix', '-f', 'text', '.'], dir);
    expect(r.code).toBe(0);
    // What remains is the author's own TODO, which a fix never removes: now that the section
    // has content it is reported as placeholder text.
    expect(r.stdout.split('\n').filter((l) => / (warning|error) /.test(l))).toEqual([
      "churn-design.md:9:1 warning Placeholder 'TODO' left in the text placeholder-text",
    ]);
    expect(r.stderr).toBe('mldesign: fixed 1 file: churn-design.md\n');
    const fixed = read(dir, 'churn-design.md');
    expect(fixed.startsWith('# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nTODO\n\n**Sources.**')).toBe(true);
    expect(fixed).toMatch(/## Serving\n\nNightly batch\.\n\n## Monitoring\n\n[\s\S]*\n\n## Model updates\n\n[\s\S]*\n$/);
    // Besides that TODO, what --fix leaves to the author: the recommended sections (hints),
    // and the stakeholders the goals never name (a topic, which only the author can write).
    const after = run(['lint', '-f', 'text', '.'], dir).stdout.trim().split('\n');
    expect(after.filter((l) => !/ (info|hint) /.test(l))).toHaveLength(1);
    expect(after.filter((l) => / hint /.test(l))).toHaveLength(5);
    expect(after.filter((l) => / info /.test(l))).toEqual([
      "churn-design.md:3:1 info 'Goals' says nothing about stakeholders missing-topic",
    ]);
  });

  it('keeps CRLF line endings, the BOM and the file mode', () => {
    const dir = workspace({});
    const file = path.join(dir, 'crlf-design.md');
    fs.writeFileSync(file, '\ufeff' + DOC.replace(/\n/g, '\r\n'));
    fs.chmodSync(file, 0o640);
    expect(run(['lint', '--fix', '.'], dir).code).toBe(0);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('\r\n## Monitoring\r\n\r\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(['crlf-design.md']); // no temporary file left behind
  });

  it("uses the team's template", () => {
    const dir = workspace({
      '.mldesign.yaml':
        'extends: recommended\nsections:\n  - id: privacy-review\n    title: Privacy review\n    template: .mldesign/templates/privacy-review.md\n',
      '.mldesign/templates/privacy-review.md': '**Personal data.** ${1:Which fields, why, and for how long.}\n',
      'churn-design.md': DOC,
    });
    run(['lint', '--fix', '.'], dir);
    expect(read(dir, 'churn-design.md')).toContain('## Privacy review\n\n**Personal data.** Which fields, why, and for how long.\n');
  });

  it('changes nothing when nothing needs fixing', () => {
    const done = DOC.replace('TODO', 'Events.') + '\n## Monitoring\n\nAlerts.\n\n## Retraining\n\nMonthly.\n';
    const dir = workspace({ 'ok-design.md': done, 'README.md': '# Readme\n' });
    const before = fs.statSync(path.join(dir, 'ok-design.md')).mtimeMs;
    const r = run(['lint', '--fix', '.'], dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(read(dir, 'ok-design.md')).toBe(done);
    expect(fs.statSync(path.join(dir, 'ok-design.md')).mtimeMs).toBe(before);
  });

  it('reports what it could not fix and exits with the remaining findings', () => {
    const dir = workspace({
      'dup-design.md': DOC.replace('TODO', 'x.') + '\n## Monitoring\n\nA.\n\n## Retraining\n\nB.\n\n## Monitoring\n\nC.\n',
    });
    const r = run(['lint', '--fix', '-f', 'text', '--rule', 'duplicate-section=error', '.'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('duplicate-section');
  });

  it('--fix-dry-run prints a unified diff that applies, and writes nothing', () => {
    const dir = workspace({ 'churn-design.md': DOC });
    const r = run(['lint', '--fix-dry-run', '.'], dir);
    expect(read(dir, 'churn-design.md')).toBe(DOC);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['--- a/churn-design.md', '+++ b/churn-design.md', '@@ -8,6 +8,40 @@']);
    fs.writeFileSync(path.join(dir, 'fix.patch'), r.stdout);
    const apply = spawnSync('git', ['apply', '--unsafe-paths', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    expect(apply.status, apply.stderr).toBe(0);
    const viaFix = workspace({ 'churn-design.md': DOC });
    run(['lint', '--fix', '.'], viaFix);
    expect(read(dir, 'churn-design.md')).toBe(read(viaFix, 'churn-design.md'));
  });

  it('refuses to write a file that changed after it was read', async () => {
    const dir = workspace({ 'churn-design.md': DOC });
    const settings = readSettings(undefined);
    const { results, sources } = await runLint({ cwd: dir, paths: ['.'], settings, detection: 'auto', jobs: 1 });
    expect(sources[0]!.config).toEqual(builtinConfig());
    // Someone saves the file between our read and our write.
    fs.writeFileSync(path.join(dir, 'churn-design.md'), DOC + '\nA line the author just added.\n');
    const outcome = applyFixes(sources, results, { dryRun: false, detection: 'auto' });
    expect(outcome.fixed).toEqual([]);
    expect(outcome.refused).toEqual([{ path: 'churn-design.md', reason: 'it changed since it was read; not written, run again' }]);
    expect(read(dir, 'churn-design.md')).toBe(DOC + '\nA line the author just added.\n');
  });
});

describe('init and new', () => {
  it('init writes a starter config and the templates, and never overwrites without --force', () => {
    const dir = workspace({});
    const r = run(['init'], dir);
    expect(r.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, '.mldesign/templates')).sort()).toEqual([
      'business-requirements.md',
      'data-stack.md',
      'deployment.md',
      'fairness.md',
      'interface.md',
      'interpretability.md',
      'ml-justification.md',
      'model-development.md',
      'model-updates.md',
      'monitoring.md',
    ]);
    expect(read(dir, '.mldesign.yaml')).toContain('extends: recommended');
    fs.writeFileSync(path.join(dir, '.mldesign/templates/monitoring.md'), 'Our own monitoring template: ${1:dashboards}\n');
    const again = run(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('not written, these exist already: .mldesign.yaml, .mldesign/templates/business-requirements.md');
    expect(read(dir, '.mldesign/templates/monitoring.md')).toBe('Our own monitoring template: ${1:dashboards}\n');
    expect(run(['init', '--force', '--preset', 'strict'], dir).code).toBe(0);
    expect(read(dir, '.mldesign.yaml')).toContain('extends: strict');
  });

  it('new creates a doc from the team templates that lints clean, and never overwrites', () => {
    const dir = workspace({});
    run(['init'], dir);
    fs.writeFileSync(path.join(dir, '.mldesign/templates/monitoring.md'), 'Our drift dashboards: ${1:https://grafana.example/churn}\n');
    const r = run(['new', 'docs/churn-model.md', '--title', 'Churn model'], dir);
    expect(r).toMatchObject({ code: 0, stdout: 'Created docs/churn-model.md with 10 sections.\n' });
    const doc = read(dir, 'docs/churn-model.md');
    expect(doc.startsWith('---\nmldesign: true\nstatus: draft\n---\n\n# Churn model\n\n## Business requirements\n')).toBe(true);
    expect(doc).toContain('## Monitoring\n\nOur drift dashboards: https://grafana.example/churn\n');
    expect(run(['lint', '-f', 'text', 'docs'], dir)).toMatchObject({ code: 0, stdout: '' });
    expect(run(['new', 'docs/churn-model.md'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('exists already; use --force'),
    });
  });

  it("new starts a doc at the config's first review stage, with the fields it requires to fill in", () => {
    const dir = workspace({
      '.mldesign.yaml': [
        'extends: recommended',
        'metadata:',
        '  owner: { required: true, type: people }',
        '  last-updated: { required: true, type: date }',
        '  tracking: { type: url }',
        'stages:',
        '  - status: proposal',
        '    sections: [business-requirements]',
        '  - status: approved',
        '    sections: all',
        '',
      ].join('\n'),
    });
    expect(run(['new', 'docs/churn-model.md'], dir).code).toBe(0);
    expect(
      read(dir, 'docs/churn-model.md').startsWith('---\nmldesign: true\nstatus: proposal\nowner: <name>\nlast-updated: YYYY-MM-DD\n---\n'),
    ).toBe(true);
    // The status is a stage; the two fields are reported until filled in.
    const lint = run(['lint', '-f', 'text', 'docs'], dir).stdout;
    expect(lint.match(/ metadata$/gm)).toHaveLength(2);
    expect(lint).toContain("'owner' is a placeholder ('<name>')");
  });
});
