// The GitHub Action's entry (dist/action.js) run as the runner runs it: in a git repository
// with a base and a head commit, an event payload, a step summary file and an output file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli';
import { GIT_ENV, gitRepo, type Repo } from '../helpers/git';
import { parseValidSarif } from '../helpers/sarif';
import { tempDir } from '../helpers/tmp';

const ACTION = path.join(ROOT, 'dist/action.js');
const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/churn-prediction-design.md'), 'utf8');
/** A doc with only its goals: five missing-section warnings and more. */
const THIN = (title: string) => `# ${title}\n\n## Goals\n\nNone.\n`;
const ALERTS = 'Alerts on p99 latency above 200 ms page the on-call engineer.';

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  annotations: { kind: string; file?: string; line?: number; title?: string; message: string }[];
}

/** Runs the action in `repo` for a pull request from `base`, with these inputs. */
function runAction(repo: Repo, base: string, inputs: Record<string, string> = {}): ActionRun {
  const work = tempDir('mldesign-runner-');
  const event = path.join(work, 'event.json');
  fs.writeFileSync(event, JSON.stringify({ action: 'synchronize', pull_request: { number: 1, base: { ref: 'main', sha: base } } }));
  const summary = path.join(work, 'summary.md');
  const output = path.join(work, 'output.txt');
  // The runner creates both files empty; a step appends to them.
  fs.writeFileSync(summary, '');
  fs.writeFileSync(output, '');
  // None of the environment this test itself runs in (it may be a runner's).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_)/.test(k)));
  const r = spawnSync(process.execPath, [ACTION], {
    cwd: repo.dir,
    encoding: 'utf8',
    env: {
      ...env,
      ...GIT_ENV,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_BASE_REF: 'main',
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    },
  });
  return {
    code: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: fs.readFileSync(summary, 'utf8'),
    outputs: parseOutputs(fs.readFileSync(output, 'utf8')),
    annotations: r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::'))
      .map((l) => {
        const m = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(l)!;
        const props = Object.fromEntries((m[2] ?? '').split(',').map((p) => p.split('=') as [string, string]));
        return {
          kind: m[1]!,
          ...(props['file'] ? { file: props['file'], line: Number(props['line']), title: props['title'] } : {}),
          message: m[3]!.replace(/%0A.*/, ''),
        };
      }),
  };
}

/** The runner's file of outputs: `name<<DELIMITER`, the value's lines, the delimiter. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([\w-]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const end = lines.indexOf(m[2]!, i + 1);
    expect(end, `output ${m[1]} has its closing delimiter`).toBeGreaterThan(i);
    out[m[1]!] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

const RANK: Record<string, number> = { error: 0, warning: 1, notice: 2 };

describe('the GitHub Action', () => {
  let repo: Repo;
  let base: string;
  let modified: string[];
  beforeAll(() => {
    repo = gitRepo('mldesign-action-');
    repo.write({
      'docs/modified-design.md': EXAMPLE,
      'docs/old-name-design.md': EXAMPLE,
      'docs/untouched-design.md': EXAMPLE,
      'docs/deleted-design.md': THIN('Old plan'),
    });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    base = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-qb', 'feature');
    // Monitoring written under its heading, far below the title its missing sections sit on.
    repo.write({ 'docs/modified-design.md': EXAMPLE.replace('## Monitoring\n', `## Monitoring\n\n${ALERTS}\n`) });
    repo.git('mv', 'docs/old-name-design.md', 'docs/new-name-design.md');
    repo.write({ 'docs/new-name-design.md': EXAMPLE + '\n<!-- renamed -->\n' });
    repo.git('rm', '-q', 'docs/deleted-design.md');
    repo.write({ 'docs/added-design.md': THIN('Ranking service') });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'head');
    modified = fs.readFileSync(path.join(repo.dir, 'docs/modified-design.md'), 'utf8').split('\n');
  });

  it('annotates the changed docs only, sorted by severity, doc-level findings on lines the pull request changed', () => {
    const r = runAction(repo, base);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const files = new Set(r.annotations.map((a) => a.file));
    expect([...files].sort()).toEqual(['docs/added-design.md', 'docs/modified-design.md', 'docs/new-name-design.md']);
    const ranks = r.annotations.map((a) => RANK[a.kind]!);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const missing = (file: string) => r.annotations.filter((a) => a.file === file && a.title === 'mldesign missing-section');
    // The new doc: every line is in the diff, so its title stays the place.
    expect(missing('docs/added-design.md').length).toBeGreaterThan(1);
    for (const a of missing('docs/added-design.md')) expect(a.line).toBe(1);
    // The modified doc: on the line written, not on its unchanged title.
    const alerts = modified.indexOf(ALERTS) + 1;
    expect(missing('docs/modified-design.md').length).toBeGreaterThan(0);
    for (const a of missing('docs/modified-design.md')) expect([alerts - 1, alerts]).toContain(a.line);
    // The renamed doc: on the one line it gained.
    const renamed = fs.readFileSync(path.join(repo.dir, 'docs/new-name-design.md'), 'utf8').split('\n');
    for (const a of missing('docs/new-name-design.md')) expect(a.line).toBe(renamed.indexOf('<!-- renamed -->') + 1);
    // Per-line findings stay where they are; hints are not annotated.
    expect(r.annotations.find((a) => a.title === 'mldesign placeholder-text')?.line).toBe(
      modified.findIndex((l) => l.includes('TODO')) + 1,
    );
    expect(r.stdout).not.toMatch(/hint/i);
  });

  it('writes the coverage delta with its marker and every finding to the job summary, and counts and coverage to the outputs', () => {
    const r = runAction(repo, base);
    expect(r.summary).toContain('### mldesign: design docs changed since `main`');
    expect(r.summary).toContain('#### docs/added-design.md (added)');
    expect(r.summary).toContain('#### docs/new-name-design.md (renamed from docs/old-name-design.md)');
    expect(r.summary).toContain('<!-- mldesign-report -->');
    expect(r.summary).not.toContain('deleted-design');
    expect(r.summary).toMatch(/<details><summary>All findings<\/summary>/);

    const warnings = r.annotations.filter((a) => a.kind === 'warning').length;
    expect(r.outputs).toMatchObject({ errors: '0', warnings: String(warnings), files: '3' });
    expect(Number(r.outputs['infos'])).toBeGreaterThan(0);
    expect(JSON.parse(r.outputs['coverage']!)).toEqual({
      'docs/added-design.md': { covered: 1, required: 5 },
      'docs/modified-design.md': expect.objectContaining({ required: 5 }),
      'docs/new-name-design.md': expect.objectContaining({ required: 5 }),
    });
    expect(r.outputs['report']!.trimEnd()).toMatch(/^### mldesign: design docs changed since `main`[\s\S]*<!-- mldesign-report -->$/);
  });

  it('fails at the fail-level asked for', () => {
    expect(runAction(repo, base, { 'fail-level': 'warning' }).code).toBe(1);
    expect(runAction(repo, base, { 'fail-level': 'never' }).code).toBe(0);
    const bad = runAction(repo, base, { 'fail-level': 'loud' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/^::error::mldesign: input fail-level is one of error, warning, info, never/);
  });

  it('lints every doc with changed-only false, and caps annotations with a line saying how many more', () => {
    const r = runAction(repo, base, { 'changed-only': 'false' });
    expect(r.outputs['files']).toBe('4');
    expect(r.summary).not.toContain('<!-- mldesign-report -->');
    const capped = runAction(repo, base, { 'max-annotations': '3' });
    const shown = capped.annotations.filter((a) => a.file);
    expect(shown).toHaveLength(3);
    const total = Number(capped.outputs['warnings']) + Number(capped.outputs['infos']);
    expect(capped.annotations.at(-1)).toEqual({
      kind: 'notice',
      message: `${total - 3} more mldesign findings not annotated (at most 10 of each kind, 3 in all): the job summary lists every finding.`,
    });
  });

  it('shows at most 10 of each kind per step, one notice kept for the line that counts the rest', () => {
    const many = gitRepo('mldesign-action-many-');
    many.write({ 'README.md': '# x\n' });
    many.git('add', '-A');
    many.git('commit', '-qm', 'base');
    const manyBase = many.git('rev-parse', 'HEAD').trim();
    // Each thin doc brings five missing sections and more: far over 10 warnings.
    many.write(Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`docs/d${i}-design.md`, THIN(`Plan ${i}`)])));
    many.git('add', '-A');
    many.git('commit', '-qm', 'head');
    const r = runAction(many, manyBase, { 'max-annotations': '100' });
    const count = (kind: string) => r.annotations.filter((a) => a.kind === kind && a.file).length;
    expect(Number(r.outputs['warnings'])).toBeGreaterThan(10);
    expect(count('warning')).toBe(10);
    expect(count('notice')).toBeLessThanOrEqual(9);
    const hidden = Number(r.outputs['warnings']) + Number(r.outputs['infos']) - count('warning') - count('notice');
    expect(r.annotations.at(-1)!.message).toMatch(new RegExp(`^${hidden} more mldesign findings not annotated`));
  });

  it('writes SARIF whose missing-section results carry the insertion as a fix', () => {
    const r = runAction(repo, base, { 'sarif-file': 'mldesign.sarif' });
    expect(r.code).toBe(0);
    const sarif = parseValidSarif(fs.readFileSync(path.join(repo.dir, 'mldesign.sarif'), 'utf8'));
    const results = sarif.runs[0].results as {
      ruleId: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      fixes?: { artifactChanges: { replacements: { deletedRegion: Record<string, number>; insertedContent: { text: string } }[] }[] }[];
    }[];
    const monitoring = results.find(
      (x) => x.ruleId === 'missing-section' && x.locations[0]!.physicalLocation.artifactLocation.uri === 'docs/added-design.md',
    )!;
    const replacement = monitoring.fixes![0]!.artifactChanges[0]!.replacements[0]!;
    // A zero-length region: an insertion, nothing the author wrote is replaced.
    expect(replacement.deletedRegion['startLine']).toBe(replacement.deletedRegion['endLine']);
    expect(replacement.deletedRegion['startColumn']).toBe(replacement.deletedRegion['endColumn']);
    expect(replacement.insertedContent.text).toMatch(/^## /m);
    // A finding with no section to insert has no fix.
    expect(results.find((x) => x.ruleId === 'quantified-objectives')?.fixes).toBeUndefined();
  });

  it('the CLI gives the same fixes in --format sarif, and applying them is what --fix writes', () => {
    const dir = tempDir('mldesign-sarif-fix-');
    const doc = path.join(dir, 'plan-design.md');
    fs.writeFileSync(doc, THIN('Plan'));
    const sarif = parseValidSarif(runCli(['lint', '--format', 'sarif', '.'], dir).stdout);
    const edits = (sarif.runs[0].results as { fixes?: { artifactChanges: { replacements: unknown[] }[] }[] }[]).flatMap(
      (x) => x.fixes?.[0]?.artifactChanges[0]?.replacements ?? [],
    ) as { deletedRegion: { startLine: number; startColumn: number }; insertedContent: { text: string } }[];
    expect(edits.length).toBeGreaterThan(0);
    // Every edit on a line the file has (it has 5; an insertion after the last line break
    // is given at the end of line 5), as reviewdog and GitHub need.
    for (const e of edits) expect(e.deletedRegion.startLine).toBeLessThanOrEqual(5);
    // Applied bottom-up, each one alone, as a reviewer accepting every suggestion would.
    const lines = THIN('Plan').split('\n');
    const sorted = [...edits].sort(
      (a, b) => b.deletedRegion.startLine - a.deletedRegion.startLine || b.deletedRegion.startColumn - a.deletedRegion.startColumn,
    );
    let text = lines.join('\n');
    for (const e of sorted) {
      const offset = lines.slice(0, e.deletedRegion.startLine - 1).reduce((n, l) => n + l.length + 1, 0) + e.deletedRegion.startColumn - 1;
      text = text.slice(0, offset) + e.insertedContent.text + text.slice(offset);
    }
    for (const e of edits) expect(text).toContain(e.insertedContent.text);
    expect(runCli(['lint', '--fix', '.'], dir).code).not.toBe(2);
    const fixed = fs.readFileSync(doc, 'utf8');
    // --fix inserts the sections fix-all takes (required ones); each is among the suggestions.
    const inserted = fixed.match(/^## .*/gm)!.filter((h) => !THIN('Plan').includes(h));
    expect(inserted.length).toBeGreaterThan(0);
    for (const heading of inserted) expect(text).toContain(heading);
  });
});

describe('the GitHub Action with a slow doc', () => {
  it('input timeout: the doc past it is a notice, the other doc is annotated, the summary and outputs are written', () => {
    const repo = gitRepo('mldesign-action-slow-');
    repo.write({ 'docs/plan-design.md': EXAMPLE });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    const base = repo.git('rev-parse', 'HEAD').trim();
    // 50,000 unclosed links: micromark takes tens of seconds on them.
    repo.write({ 'docs/slow-design.md': `# Slow\n\n## Goals\n\n${'[a]('.repeat(50_000)}\n`, 'docs/added-design.md': THIN('Ranking') });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'head');
    const r = runAction(repo, base, { timeout: '1' });
    expect(r.code).toBe(0);
    expect(r.annotations).toContainEqual({
      kind: 'notice',
      file: 'docs/slow-design.md',
      line: 1,
      title: 'mldesign skipped-content',
      message: 'Not checked: analysis took over 1 s',
    });
    expect(r.annotations.some((a) => a.file === 'docs/added-design.md' && a.title === 'mldesign missing-section')).toBe(true);
    expect(r.summary).toContain('#### docs/added-design.md (added)');
    expect(r.outputs['files']).toBe('2');
    expect(runAction(repo, base, { timeout: 'soon' }).stdout).toContain(
      "input timeout takes a number of seconds (0: no limit), not 'soon'",
    );
  }, 60_000);
});
