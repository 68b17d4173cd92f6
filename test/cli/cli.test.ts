// The built CLI (dist/cli.js), run as a user would.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli as run } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const tmpdir = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-cli-');

describe('mldesign lint', () => {
  it('prints file:line:col severity message rule-id for the bundled example', () => {
    const r = run(['lint', '--format', 'text', 'examples']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => / (warning|error) /.test(l))).toEqual([
      "examples/churn-prediction-design.md:1:1 warning No 'Model updates' section missing-section",
      "examples/churn-prediction-design.md:33:1 warning 'Monitoring' has no content yet empty-section",
    ]);
    // The recommended sections it lacks are suggestions, at hint.
    const churn = lines.filter((l) => l.startsWith('examples/churn-prediction-design.md:'));
    expect(churn.filter((l) => / hint /.test(l)).map((l) => /No '([^']+)' section \(recommended\)/.exec(l)?.[1])).toEqual([
      'Why ML',
      'Interface',
      'Fairness',
      'Interpretability',
    ]);
    // The second example discusses retraining and rollback only under Serving, and its
    // Monitoring section never mentions drift: depth findings, at info.
    expect(lines.filter((l) => l.startsWith('examples/fraud-scoring-design.md:') && / info /.test(l))).toEqual([
      "examples/fraud-scoring-design.md:1:1 info Model updates: only discussed in passing under 'Serving' (lines 15, 16) mentioned-section",
      "examples/fraud-scoring-design.md:19:1 info 'Monitoring' says nothing about data and concept drift missing-topic",
    ]);
  });

  it('exits 1 when there are errors', () => {
    const r = run(['lint', '--format', 'text', 'examples', '--rule', 'missing-section=error']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(':1:1 error No ');
  });

  it('prints findings and coverage keyed by section id as JSON', () => {
    const r = run(['lint', '--format', 'json', 'examples']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.version).toBe(4);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual([
      'examples/README.md',
      'examples/churn-prediction-design.md',
      'examples/fraud-scoring-design.md',
    ]);
    const [readme, doc] = report.files;
    expect(readme).toMatchObject({ designDoc: false, findings: [] });
    expect(doc.designDoc).toBe(true);
    expect(doc.findings[0]).toEqual({
      ruleId: 'missing-section',
      severity: 'warning',
      message: "No 'Model updates' section",
      detail: expect.stringMatching(/^It should cover how the model stays good after launch/),
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 36,
      sectionId: 'model-updates',
      fixable: true,
    });
    // Depth and topics per section (version 2): the shapes, and what the example says.
    expect(doc.depth).toEqual({ addressed: expect.any(Number), total: expect.any(Number) });
    const states = Object.fromEntries(Object.entries(doc.coverage).map(([id, c]) => [id, (c as { state: string }).state]));
    expect(states).toEqual({
      'business-requirements': 'covered',
      'ml-justification': 'missing',
      interface: 'missing',
      'data-stack': 'covered',
      'model-development': 'covered',
      deployment: 'covered',
      monitoring: 'empty',
      'model-updates': 'missing',
      fairness: 'missing',
      interpretability: 'missing',
    });
    expect(doc.coverage.deployment).toMatchObject({
      title: 'Deployment',
      level: 'required',
      present: true,
      covered: true,
      line: 27,
      heading: 'Serving',
      depth: { addressed: 1, total: 6 },
    });
    expect(doc.coverage.deployment.topics['serving-mode']).toEqual({
      title: 'Serving mode',
      required: true,
      addressed: true,
      line: 27,
      where: 'section',
      heading: 'Serving',
    });
    expect(doc.coverage.deployment.topics.latency).toEqual({ title: 'Latency as percentiles', required: false, addressed: false });
    expect(doc.coverage['model-updates']).toMatchObject({ present: false, covered: false, line: null, heading: null });
    // fixable: what --fix fixes (problems with a fix), not the suggestions.
    expect(doc.findings.map((f: { sectionId: string; fixable: boolean }) => [f.sectionId, f.fixable])).toEqual([
      ['model-updates', true],
      ['ml-justification', false],
      ['interface', false],
      ['fairness', false],
      ['interpretability', false],
      ['monitoring', true],
    ]);
  });

  it('takes files and folders, and lints every Markdown file with --all', () => {
    const dir = tmpdir({ 'notes.md': '# Notes\n', 'sub/deep/design.md': '# D\n', 'node_modules/x/design.md': '# skip\n', 'a.txt': 'x' });
    const auto = run(['lint', '-f', 'text', '.'], dir);
    expect(
      new Set(
        auto.stdout
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split(':')[0]),
      ),
    ).toEqual(new Set(['sub/deep/design.md']));
    const all = run(['lint', '-f', 'text', '--all', 'notes.md', 'sub'], dir);
    expect(
      new Set(
        all.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(':')[0]),
      ),
    ).toEqual(new Set(['notes.md', 'sub/deep/design.md']));
  });

  it('gives the same report from worker processes as from one process', () => {
    // Enough files for the worker pool (run.ts WORKER_THRESHOLD), in two config folders.
    const example = fs.readFileSync(path.join(ROOT, 'examples/churn-prediction-design.md'), 'utf8');
    const files: Record<string, string> = { 'strict/.mldesign.yaml': 'extends: strict\n' };
    for (let i = 0; i < 60; i++) {
      const text = i % 3 ? example : example.replace('## Monitoring', '## Model updates\n\nWeekly retraining.\n\n## Monitoring');
      files[`${i % 2 ? 'strict' : 'docs'}/design-${String(i).padStart(2, '0')}.md`] = i % 5 ? text : text.replace(/\n/g, '\r\n');
    }
    const dir = tmpdir(files);
    const one = run(['lint', '--format', 'json', '--jobs', '1', '.'], dir);
    const two = run(['lint', '--format', 'json', '--jobs', '2', '.'], dir);
    expect(one.stderr).toBe('');
    expect(two.stderr).toBe('');
    expect(JSON.parse(one.stdout).files).toHaveLength(60);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  });

  it('exits 2 with a message on usage errors', () => {
    for (const [args, msg] of [
      [['lint', 'no/such/path'], 'no such file or folder: no/such/path'],
      [['lint', '--format', 'xml'], "unknown format 'xml'"],
      [['frobnicate'], "unknown command 'frobnicate'"],
      [['lint', '--rule', 'nope=error'], "bad --rule 'nope=error'"],
      [['lint', '--bogus'], "Unknown option '--bogus'"],
      [['lint', '--max-warnings', 'many'], '--max-warnings takes a whole number'],
      [['lint', '--fix', '--fix-dry-run'], 'use --fix or --fix-dry-run, not both'],
    ] as const) {
      const r = run([...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(msg);
    }
  });

  it('prints help and version', () => {
    expect(run(['--help']).stdout).toContain('mldesign lint [PATH|GLOB...]');
    expect(run(['lint', '--help']).stdout).toContain('--max-warnings N');
    expect(run(['--version']).stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('enforces the team config found above each file', () => {
    const dir = tmpdir({
      '.mldesign.yaml':
        'extends: recommended\nsections:\n  - id: privacy-review\n    title: Privacy review\n    guidance: How personal data is protected.\nrules:\n  missing-section: error\n',
      'docs/churn-design.md':
        '# Churn\n\n## Goals\n\nUp.\n\n## Data\n\nX.\n\n## Serving\n\nY.\n\n## Monitoring\n\nZ.\n\n## Retraining\n\nW.\n',
    });
    const r = run(['lint', '-f', 'text', 'docs'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes(' error '))).toEqual([
      "docs/churn-design.md:1:1 error No 'Privacy review' section missing-section",
    ]);
  });

  it('reports a broken config at file:line and exits 2, still linting with the defaults', () => {
    const dir = tmpdir({ '.mldesign.yaml': 'extends: recommended\nrules:\n  missing-section: eror\n', 'plan-design.md': '# Plan\n' });
    const r = run(['lint', '-f', 'text', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      ".mldesign.yaml:3:20 error 'rules.missing-section' must be a severity (off, hint, info, warning, error) or [severity, options] (config; the built-in defaults were used)",
    );
    expect(
      r.stdout
        .trim()
        .split('\n')
        .filter((l) => l.includes(' warning ')),
    ).toHaveLength(5);
  });

  it('takes an explicit --config', () => {
    const dir = tmpdir({ 'team/lenient.yaml': 'extends: minimal\nrules: { missing-section: info }\n', 'plan-design.md': '# Plan\n' });
    const r = run(['lint', '-f', 'text', '--config', 'team/lenient.yaml', 'plan-design.md'], dir);
    expect(r.code).toBe(0);
    expect(
      new Set(
        r.stdout
          .trim()
          .split('\n')
          .map((l) => l.split(' ')[1]),
      ),
    ).toEqual(new Set(['info']));
    expect(run(['lint', '--config', 'nope.yaml'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('config file not found: nope.yaml'),
    });
  });
});
