// Every output format of the built CLI, as CI and reviewers consume it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/core';
import { ROOT, runCli } from '../helpers/cli';
import { parseValidSarif } from '../helpers/sarif';
import { tempWorkspace } from '../helpers/tmp';

const run = (args: string[], cwd: string, env: Record<string, string | undefined> = {}) =>
  runCli(args, cwd, { NO_COLOR: undefined, FORCE_COLOR: undefined, ...env });
const workspace = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-fmt-');

const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 % for customer success.\n\n## Data\n\nTODO\n\n## Serving\n\nNightly batch.\n';
/** Formats are the point here: recommended sections are not reported, to keep findings few. */
const CONFIG = 'extends: recommended\nrules:\n  missing-section: [warning, { recommended: off }]\n';
const ws = () => workspace({ '.mldesign.yaml': CONFIG, 'docs/churn-design.md': DOC, 'README.md': '# Tool\n' });

describe('lint --format', () => {
  it('stylish groups by file, aligns, and sums up; colour only when asked', () => {
    const dir = ws();
    const plain = run(['lint', '.'], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toBe(
      [
        'docs/churn-design.md',
        "  1:1  warning  No 'Monitoring' section  missing-section",
        "  1:1  warning  No 'Model updates' section  missing-section",
        "  7:1  warning  'Data' has no content yet  empty-section",
        '',
        '✖ 3 problems (0 errors, 3 warnings) in 2 files checked, 1 design doc',
        '  3 fixable with --fix',
        '',
      ].join('\n'),
    );
    // --verbose: what each finding means, under it.
    expect(run(['lint', '-v', '.'], dir).stdout).toContain(
      "  1:1  warning  No 'Monitoring' section  missing-section\n                It should cover how the team knows the system works in production",
    );
    expect(run(['lint', '.'], dir, { FORCE_COLOR: '1' }).stdout).toContain('\u001b[33mwarning\u001b[39m');
    expect(run(['lint', '.'], dir, { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).toContain('\u001b[33m');
    expect(run(['lint', '.'], dir, { NO_COLOR: '1' }).stdout).not.toContain('\u001b[');
    const clean = workspace({
      '.mldesign.yaml': CONFIG,
      'ok-design.md':
        '# A\n\n## Goals\n\nx 2 % for the team.\n\n## Data\n\nx, versioned.\n\n## Serving\n\nx.\n\n## Monitoring\n\nx drift.\n\n## Retraining\n\nx weekly.\n',
    });
    expect(run(['lint'], clean).stdout).toBe('✔ No problems (1 file checked, 1 design doc)\n');
  });

  it('stylish and github count hints but list them only with --verbose, as the Problems panel does', () => {
    const dir = workspace({ '.mldesign.yaml': 'extends: recommended\n', 'docs/churn-design.md': DOC });
    const quiet = run(['lint', '.'], dir).stdout;
    expect(quiet).not.toContain(' hint ');
    expect(quiet).toMatch(/\n {2}5 hints, shown with --verbose\n/);
    const verbose = run(['lint', '-v', '.'], dir).stdout;
    expect(verbose.match(/ hint +No '[^']+' section \(recommended\)/g)).toHaveLength(5);
    expect(verbose).toMatch(/\n {2}5 hints\n/);
    // The same in a pull request's annotations.
    const github = run(['lint', '--format', 'github', '.'], dir).stdout;
    expect(github).toContain('title=mldesign missing-section');
    expect(github).not.toContain('(recommended)');
    const githubVerbose = run(['lint', '--format', 'github', '-v', '.'], dir).stdout;
    expect(githubVerbose.match(/^::notice .*No '[^']+' section \(recommended\)/gm)).toHaveLength(5);
  });

  it('sarif is valid SARIF 2.1.0 with rule metadata and help links', () => {
    const dir = ws();
    const r = run(['lint', '--format', 'sarif', '.'], dir);
    const sarif = parseValidSarif(r.stdout);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(RULES.map((r) => r.meta.id));
    expect(run0.tool.driver.rules[0].helpUri).toMatch(/docs\/rules\/missing-section\.md$/);
    expect(run0.results).toHaveLength(3);
    expect(run0.results[2]).toMatchObject({
      ruleId: 'empty-section',
      ruleIndex: RULES.findIndex((r) => r.meta.id === 'empty-section'),
      level: 'warning',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'docs/churn-design.md', uriBaseId: 'SRCROOT' },
            region: { startLine: 7, startColumn: 1, endLine: 7, endColumn: 8 },
          },
        },
      ],
    });
  });

  it('sarif passes the official SARIF multitool validator', () => {
    let tool: string;
    try {
      tool = require.resolve('@microsoft/sarif-multitool-linux/Sarif.Multitool', { paths: [ROOT] });
    } catch {
      console.log('SARIF multitool not installed for this platform: skipped');
      return;
    }
    const dir = ws();
    fs.writeFileSync(path.join(dir, 'out.sarif'), run(['lint', '-f', 'sarif', '.'], dir).stdout);
    const v = spawnSync(tool, ['validate', path.join(dir, 'out.sarif'), '--output', path.join(dir, 'validation.sarif')], {
      encoding: 'utf8',
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const findings = JSON.parse(fs.readFileSync(path.join(dir, 'validation.sarif'), 'utf8')).runs[0].results as {
      level?: string;
      message: { text?: string; id?: string };
    }[];
    expect(findings.filter((f) => f.level === 'error')).toEqual([]);
  });

  it('github prints workflow commands that annotate the pull request', () => {
    const r = run(['lint', '--format', 'github', '--rule', 'empty-section=error', '.'], ws());
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    // The message, then its detail on a second line of the annotation.
    expect(lines[0]).toBe(
      "::warning file=docs/churn-design.md,line=1,col=1,endLine=1,endColumn=15,title=mldesign missing-section::No 'Monitoring' section%0AIt should cover how the team knows the system works in production: service and model metrics, alerts and dashboards, data distribution shift (data and concept drift), feedback collection, and SLOs.",
    );
    expect(lines[2]).toMatch(
      /^::error file=docs\/churn-design\.md,line=7,col=1,endLine=7,endColumn=8,title=mldesign empty-section::'Data' has no content yet%0A/,
    );
  });

  it('markdown gives a coverage table and the findings for a PR comment', () => {
    const r = run(['lint', '--format', 'markdown', '.'], ws());
    expect(r.stdout).toContain(
      '| Design doc | Business requirements | Why ML | Interface | Data stack | Model development | Deployment | Monitoring | Model updates | Fairness | Interpretability | Covered |',
    );
    // Sections with text carry their depth: topics addressed of the section's.
    expect(r.stdout).toMatch(
      /\| docs\/churn-design\.md \| ✅ \d\/4 \| ❌ \| ❌ \| ⚠️ \| ❌ \| ✅ \d\/6 \| ❌ \| ❌ \| ❌ \| ❌ \| 2\/5 \|/,
    );
    expect(r.stdout).toContain('**3 findings** (0 errors, 3 warnings)');
    expect(r.stdout).toContain(
      '| docs/churn-design.md | 7 | warning | [empty-section](https://github.com/mldesign/mldesign/blob/main/docs/rules/empty-section.md) |',
    );
  });

  it('--output writes the report to a file, atomically, and nothing to stdout', () => {
    const dir = ws();
    const r = run(['lint', '-f', 'json', '-o', 'reports/mldesign.json', '.'], dir);
    expect(r.stdout).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'reports/mldesign.json'), 'utf8')).files).toHaveLength(2);
    expect(fs.readdirSync(dir).sort()).toEqual(['.mldesign.yaml', 'README.md', 'docs', 'reports']);
    expect(fs.readdirSync(path.join(dir, 'reports'))).toEqual(['mldesign.json']);
  });
});

describe('lint exit codes', () => {
  it('0 with warnings only, 1 with errors, 1 over --max-warnings, 2 for usage and config errors', () => {
    const dir = ws();
    expect(run(['lint', '.'], dir).code).toBe(0);
    expect(run(['lint', '--rule', 'missing-section=error', '.'], dir).code).toBe(1);
    expect(run(['lint', '--max-warnings', '3', '.'], dir).code).toBe(0);
    const over = run(['lint', '--max-warnings', '2', '.'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('3 warnings, more than --max-warnings 2');
    expect(run(['lint', 'nope.md'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("no such file or folder: nope.md\nRun 'mldesign lint --help' for usage."),
    });
    fs.writeFileSync(path.join(dir, '.mldesign.yaml'), 'extends: recomended\n');
    const cfg = run(['lint', '.'], dir);
    expect(cfg.code).toBe(2);
    expect(cfg.stderr).toContain(".mldesign.yaml:1:10 error unknown preset 'recomended'");
    expect(cfg.stderr).toContain('fix the configuration above');
  });
});

describe('which files lint looks at', () => {
  it('honours .gitignore and .mldesignignore at every level, and globs', () => {
    const dir = workspace({
      '.gitignore': 'build/\n*.tmp.md\n',
      'a-design.md': '# A\n',
      'b-design.tmp.md': '# B\n',
      'build/c-design.md': '# C\n',
      'docs/.mldesignignore': 'old/\n',
      'docs/d-design.md': '# D\n',
      'docs/old/e-design.md': '# E\n',
      'docs/deep/f-design.md': '# F\n',
    });
    const files = (args: string[]) =>
      [
        ...new Set(
          run(['lint', '-f', 'text', ...args], dir)
            .stdout.trim()
            .split('\n')
            .map((l) => l.split(':')[0]),
        ),
      ].sort();
    expect(files(['.'])).toEqual(['a-design.md', 'docs/d-design.md', 'docs/deep/f-design.md']);
    expect(files(['docs'])).toEqual(['docs/d-design.md', 'docs/deep/f-design.md']);
    expect(files(['docs/**/*-design.md'])).toEqual(['docs/d-design.md', 'docs/deep/f-design.md']);
    expect(files(['build/c-design.md'])).toEqual(['build/c-design.md']); // named directly: always linted
    expect(run(['lint', 'nothing/**/*.md'], dir)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('no Markdown files match nothing/**/*.md'),
    });
  });

  it('--cache gives the same report, and re-analyses only what changed', () => {
    const dir = ws();
    const cold = run(['lint', '-f', 'json', '--cache', '.'], dir);
    expect(fs.existsSync(path.join(dir, '.mldesigncache'))).toBe(true);
    const warm = run(['lint', '-f', 'json', '--cache', '.'], dir);
    expect(warm.stdout).toBe(cold.stdout);
    fs.writeFileSync(path.join(dir, 'docs/churn-design.md'), DOC.replace('TODO', 'Events from the warehouse, versioned.'));
    const changed = JSON.parse(run(['lint', '-f', 'json', '--cache', '.'], dir).stdout);
    expect(changed.files[1].findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['missing-section', 'missing-section']);
    // A config change is part of the key too.
    fs.writeFileSync(path.join(dir, '.mldesign.yaml'), CONFIG.replace('[warning, { recommended: off }]', 'off'));
    expect(JSON.parse(run(['lint', '-f', 'json', '--cache', '.'], dir).stdout).files[1].findings).toEqual([]);
  });
});
