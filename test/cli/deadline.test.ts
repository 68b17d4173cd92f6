// A deadline on every file's analysis in the CLI (issue #15): a doc micromark is
// super-linear on (seconds to minutes) is stopped in its worker process, reported with
// skipped-content, and the run goes on with the other files, in every command and format.
// Each test uses --timeout 1 against an input that takes 10 s or more on this machine's
// fastest day: nothing here depends on how fast the machine is, only on the outcome.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { parseValidSarif } from '../helpers/sarif';
import { tempWorkspace } from '../helpers/tmp';

const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n';
/** A design doc (by name and headings) whose body is `body`: it would get missing-section
 * fixes if it were analysed. */
const slowDoc = (body: string) => `# Design\n\n## Monitoring\n\n${body}\n\n- Alerts page the on-call.\n`;

/** The pathological input classes of issue #15 item 3 (bench/linearity.mjs has them all). */
const SLOW: Record<string, string> = {
  'unclosed links': slowDoc('[a]('.repeat(50_000)),
  'setext headings': slowDoc('Heading\n===\n\nText.\n\n'.repeat(5_000)),
  'a 20,000-row table': slowDoc(`| a | b |\n| - | - |\n${'| x | y |\n'.repeat(20_000)}`),
};

const run = (args: string[], cwd: string, env: Record<string, string> = {}, input?: string) =>
  runCli(args, cwd, { NO_COLOR: '1', ...env }, 120_000, input);
const noCrash = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
const STOPPED = 'Not checked: analysis took over 1 s';

describe('lint --timeout', () => {
  it.each(Object.entries(SLOW))(
    '%s: the file is reported skipped, the others are linted, the summary prints',
    (_, slow) => {
      const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': slow }, 'mldesign-deadline-');
      const r = run(['lint', '--timeout', '1', '.'], dir);
      noCrash(r);
      expect(r.stdout).toMatch(new RegExp(`^slow-design\\.md\\n {2}1:1 {2}info {2}${STOPPED} {2}skipped-content\\n\\n`, 'm'));
      expect(r.stdout).toMatch(/^churn-design\.md\n {2}1:1 {2}warning {2}No 'Monitoring' section/m);
      expect(r.stdout).toMatch(/^✖ \d+ problems \(0 errors, 2 warnings, \d+ info\) in 2 files checked/m);
      // Info: the exit code is that of the other file's warnings.
      expect(r.code).toBe(0);
    },
    60_000,
  );

  it("the exit code follows skipped-content's severity", () => {
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': SLOW['unclosed links']! }, 'mldesign-deadline-');
    const r = run(['lint', '--timeout', '1', '--rule', 'skipped-content=error', '-f', 'text', '.'], dir);
    expect(r.stdout).toMatch(new RegExp(`^slow-design\\.md:1:1 error ${STOPPED} skipped-content$`, 'm'));
    expect(r.code).toBe(1);
  }, 60_000);

  it('with enough files for worker processes (-j 2): one stopped, every other one reported', () => {
    const files: Record<string, string> = { 'slow-design.md': SLOW['setext headings']! };
    for (let i = 0; i < 60; i++) files[`docs/d${i}-design.md`] = DOC;
    const dir = tempWorkspace(files, 'mldesign-deadline-');
    const r = run(['lint', '--timeout', '1', '-j', '2', '-f', 'json', '.'], dir);
    noCrash(r);
    const report = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] };
    expect(report.files).toHaveLength(61);
    for (const f of report.files) {
      if (f.path === 'slow-design.md')
        expect(f.findings).toEqual([expect.objectContaining({ ruleId: 'skipped-content', message: STOPPED })]);
      else expect(f.findings.map((x) => x.ruleId)).toContain('missing-section');
    }
  }, 60_000);

  it('--stdin: a slow buffer is stopped too', () => {
    const dir = tempWorkspace({}, 'mldesign-deadline-');
    const r = run(['lint', '--stdin', '--stdin-filename', 'x-design.md', '--timeout', '1', '-f', 'text'], dir, {}, SLOW['unclosed links']);
    noCrash(r);
    expect(r.stdout).toBe(`x-design.md:1:1 info ${STOPPED} skipped-content\n`);
  }, 60_000);

  it('--fix writes the other files, not the stopped one, and prints the summary', () => {
    const slow = SLOW['a 20,000-row table']!;
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': slow }, 'mldesign-deadline-');
    const r = run(['lint', '--fix', '--timeout', '1', '.'], dir);
    noCrash(r);
    expect(fs.readFileSync(path.join(dir, 'slow-design.md'), 'utf8')).toBe(slow);
    expect(fs.readFileSync(path.join(dir, 'churn-design.md'), 'utf8')).toContain('## Monitoring');
    expect(r.stderr).toContain('mldesign: fixed 1 file: churn-design.md\n');
    expect(r.stdout).toMatch(new RegExp(`^slow-design\\.md\\n {2}1:1 {2}info {2}${STOPPED}`, 'm'));
    expect(r.stdout).toMatch(/problems \(/);
  }, 60_000);

  it('json and sarif carry the finding, with what to do about it', () => {
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': SLOW['unclosed links']! }, 'mldesign-deadline-');
    const json = JSON.parse(run(['lint', '--timeout', '1', '-f', 'json', '.'], dir).stdout) as {
      files: { path: string; designDoc: boolean; reason: string; findings: Record<string, unknown>[] }[];
    };
    const slow = json.files.find((f) => f.path === 'slow-design.md')!;
    expect(slow.designDoc).toBe(false);
    expect(slow.reason).toBe(STOPPED);
    expect(slow.findings).toEqual([
      {
        ruleId: 'skipped-content',
        severity: 'info',
        message: STOPPED,
        detail: expect.stringMatching(/the analysis was stopped so the run went on with the other files\. The CLI option --timeout/),
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        fixable: false,
      },
    ]);
    expect(json.files.find((f) => f.path === 'churn-design.md')!.findings.length).toBeGreaterThan(0);

    const sarif = parseValidSarif(run(['lint', '--timeout', '1', '-f', 'sarif', '.'], dir).stdout);
    const results = sarif.runs[0].results as {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    const ofSlow = results.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'slow-design.md');
    expect(ofSlow.map((x) => [x.ruleId, x.level])).toEqual([['skipped-content', 'note']]);
    expect(ofSlow[0]!.message.text).toMatch(new RegExp(`^${STOPPED}\\. The Markdown parser is slow`));
    expect(results.some((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'churn-design.md')).toBe(true);
  }, 60_000);

  it('--cache keeps no entry for a stopped file: the next run tries it again', () => {
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': SLOW['setext headings']! }, 'mldesign-deadline-');
    const r = run(['lint', '--cache', '--timeout', '1', '-f', 'text', '.'], dir);
    expect(r.stdout).toContain(`slow-design.md:1:1 info ${STOPPED}`);
    const cache = JSON.parse(fs.readFileSync(path.join(dir, '.mldesigncache'), 'utf8')) as { entries: Record<string, unknown> };
    expect(Object.keys(cache.entries)).toEqual([path.join(dir, 'churn-design.md').split(path.sep).join('/')]);
  }, 60_000);

  it('a worker that dies (out of memory) under a file: that file is reported, the run goes on', () => {
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': SLOW['a 20,000-row table']! }, 'mldesign-deadline-');
    // The table takes micromark ~500 MB; the worker may have 64.
    const r = run(['lint', '--timeout', '600', '-f', 'text', '.'], dir, { NODE_OPTIONS: '--max-old-space-size=64' });
    expect(r.stdout).toMatch(/^slow-design\.md:1:1 info Not checked: the analysis crashed \([^)]+\) skipped-content$/m);
    expect(r.stdout).toMatch(/^churn-design\.md:1:1 warning No 'Monitoring' section/m);
    expect(r.code).toBe(0);
  }, 120_000);

  it('report names a stopped file on stderr and reports the others', () => {
    const dir = tempWorkspace({ 'churn-design.md': DOC, 'slow-design.md': SLOW['unclosed links']! }, 'mldesign-deadline-');
    const r = run(['report', '--timeout', '1', '-f', 'json', '.'], dir);
    noCrash(r);
    expect(r.stderr).toBe(`mldesign: slow-design.md: ${STOPPED}\n`);
    expect(r.stdout).toContain('churn-design.md');
    expect(r.code).toBe(0);
  }, 60_000);

  it('a bad --timeout is a usage error', () => {
    const r = run(['lint', '--timeout', 'soon', '.'], tempWorkspace({ 'churn-design.md': DOC }));
    expect(r.stderr).toContain("mldesign lint: --timeout takes a number of seconds (0: no limit), not 'soon'");
    expect(r.code).toBe(2);
  });
});
