// `mldesign report --base REF`: the coverage delta of each design doc a branch changes.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli';
import { GIT_ENV, gitRepo, type Repo } from '../helpers/git';
import { tempWorkspace } from '../helpers/tmp';
import { COMMENT_BUDGET, markdownDelta, type DocDelta } from '../../server/src/cli/report/delta';

const run = (args: string[], cwd: string) => runCli(args, cwd, GIT_ENV);

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/churn-prediction-design.md'), 'utf8');
const FRAUD = fs.readFileSync(path.join(ROOT, 'examples/fraud-scoring-design.md'), 'utf8');
const MONITORING =
  '## Monitoring\n\nWe track p99 latency and error rate, alert on-call when AUC on labelled feedback drops below 0.80, and watch input drift with a weekly PSI test per feature.';
const HOSTILE = 'docs/a|b <i>x</i> #1\n-design.md';

interface Delta {
  path: string;
  status: string;
  from?: string;
  trend: string;
  verdict: string;
  before?: { covered: number; required: number };
  after: { covered: number; required: number };
  sections: { id: string; before?: { state: string; depth: { addressed: number; total: number } }; after: { state: string } }[];
  newFindings: { ruleId: string; severity: string; line: number }[];
  fixedFindings: { ruleId: string; severity: string; line: number }[];
}

describe('mldesign report --base', () => {
  let repo: Repo;
  beforeAll(() => {
    repo = gitRepo();
    repo.write({
      'docs/better-design.md': EXAMPLE,
      'docs/worse-design.md': EXAMPLE,
      'docs/old-name-design.md': EXAMPLE,
      // Unlike every added doc, so git sees no rename of it.
      'docs/deleted-design.md': '# Old plan\n\n## Goals\n\nNone.\n',
      'docs/untouched-design.md': EXAMPLE,
      'docs/notes.md': '# Notes\n',
    });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    repo.git('checkout', '-qb', 'feature');
    repo.write({
      // Monitoring filled in, with text added above it (its findings' lines move).
      'docs/better-design.md': EXAMPLE.replace('## Monitoring\n\nTODO', MONITORING).replace('# ', '# \n\nIntro line.\n\n# '),
      // Serving emptied: covered to empty.
      'docs/worse-design.md': EXAMPLE.replace(/## Serving\n\n[^#]*/, '## Serving\n\nTBD\n\n'),
      // Not byte for byte the renamed doc, so git pairs the rename exactly.
      'docs/new-design.md': EXAMPLE + '\n<!-- one more line -->\n',
      [HOSTILE]: FRAUD,
      'docs/notes.md': '# Notes\n\nMore.\n',
    });
    repo.git('mv', 'docs/old-name-design.md', 'docs/new-name-design.md');
    repo.git('rm', '-q', 'docs/deleted-design.md');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'head');
  });

  it('gives each changed design doc its coverage before and after, its new and fixed findings, and a verdict', () => {
    const r = run(['report', '--base', 'main', '--format', 'json'], repo.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ref: string; base: string; docs: Delta[] };
    expect(report.ref).toBe('main');
    expect(report.base).toBe(repo.git('rev-parse', 'main').trim());
    const byPath = new Map(report.docs.map((d) => [d.path, d]));
    // Not the deleted doc, the untouched one, or notes.md (no design doc).
    expect([...byPath.keys()]).toEqual([
      HOSTILE,
      'docs/better-design.md',
      'docs/new-design.md',
      'docs/new-name-design.md',
      'docs/worse-design.md',
    ]);

    const better = byPath.get('docs/better-design.md')!;
    expect(better).toMatchObject({
      status: 'modified',
      trend: 'better',
      before: { covered: 3, required: 5 },
      after: { covered: 4, required: 5 },
    });
    const monitoring = better.sections.find((s) => s.id === 'monitoring')!;
    expect(monitoring).toMatchObject({ before: { state: 'empty' }, after: { state: 'covered' } });
    expect(better.fixedFindings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['empty-section', 'warning', 33]]);
    // Moved by the lines added above, the others are the same findings, not new ones.
    expect(better.newFindings).toEqual([]);
    expect(better.verdict).toMatch(
      /^Better: Monitoring now covered; 3 → 4 of 5 required sections; \d+ more topics? addressed; 1 warning fixed\.$/,
    );

    const worse = byPath.get('docs/worse-design.md')!;
    expect(worse).toMatchObject({ status: 'modified', trend: 'worse', before: { covered: 3 }, after: { covered: 2 } });
    expect(worse.sections.find((s) => s.id === 'deployment')).toMatchObject({ before: { state: 'covered' }, after: { state: 'empty' } });
    expect(worse.newFindings.map((f) => f.ruleId)).toContain('empty-section');
    expect(worse.verdict).toMatch(/^Worse: Deployment no longer covered; 3 → 2 of 5 required sections;/);

    expect(byPath.get('docs/new-name-design.md')).toMatchObject({
      status: 'renamed',
      from: 'docs/old-name-design.md',
      trend: 'same',
      sections: [],
      newFindings: [],
      fixedFindings: [],
    });
    const added = byPath.get('docs/new-design.md')!;
    expect(added).toMatchObject({ status: 'added', trend: 'new', after: { covered: 3, required: 5 } });
    expect(added.before).toBeUndefined();
    expect(added.sections).toHaveLength(10);
    expect(added.verdict).toBe('New design doc: 3 of 5 required sections covered, 0 errors and 2 warnings.');
  });

  it('renders Markdown for a pull request comment, ending with the marker a bot finds it by', () => {
    const r = run(['report', '--base', 'main'], repo.dir);
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md.split('\n').slice(0, 3)).toEqual([
      '### mldesign: design docs changed since `main`',
      '',
      expect.stringMatching(/^5 changed design docs \(2 new, 1 better, 1 worse, 1 unchanged\), compared with [0-9a-f]{12}\.$/),
    ]);
    expect(md.trimEnd().endsWith('<!-- mldesign-report -->')).toBe(true);
    expect(md).toContain('#### docs/better-design.md (modified)\n\n**Better: Monitoring now covered;');
    expect(md).toMatch(/\n\| Monitoring \| ⚠️ empty \| ✅ covered \(\d\/6 topics\) \|\n/);
    expect(md).toContain('#### docs/new-name-design.md (renamed from docs/old-name-design.md)');
    expect(md).toContain('| Deployment | ✅ covered (1/6 topics) | ⚠️ empty |');
    // A file name adds no markup, no heading end, no line: escaped.
    expect(md).toContain('#### docs/a\\|b &lt;i&gt;x&lt;/i&gt; \\#1 -design.md (added)');
    expect(md).not.toContain('<i>');
  });

  it("keeps the comment within GitHub's 65,536 characters, saying how many docs it left out", () => {
    const doc = (i: number, findings: number): DocDelta => ({
      path: `docs/doc-${i}-design.md`,
      status: 'added',
      after: { covered: 1, required: 5 },
      sections: [],
      newFindings: Array.from({ length: findings }, (_, j) => ({
        line: j + 1,
        severity: 'warning',
        ruleId: 'empty-section',
        message: `'Part ${j}' has no content yet`,
      })),
      fixedFindings: [],
      hints: { new: 0, fixed: 0 },
      trend: 'new',
      verdict: 'New design doc: 1 of 5 required sections covered.',
    });
    const header = { ref: 'main', base: '0123456789abcdef' };
    const few = markdownDelta([doc(1, 3), doc(2, 3)], header);
    expect(few).not.toContain('Cut short');
    // 300 docs of 20 findings: about 400,000 characters in full.
    const many = markdownDelta(
      Array.from({ length: 300 }, (_, i) => doc(i, 20)),
      header,
    );
    expect(many.length).toBeLessThanOrEqual(65_536);
    expect(many.length).toBeGreaterThan(COMMENT_BUDGET - 2_000);
    const shown = many.split('\n').filter((l) => l.startsWith('#### ')).length;
    expect(many).toContain(`_Cut short: ${300 - shown + 1} more changed design docs are not shown in full`);
    expect(many.trimEnd().endsWith('<!-- mldesign-report -->')).toBe(true);
    // One doc alone past the limit is cut at a line.
    const one = markdownDelta([doc(1, 3_000)], header);
    expect(one.length).toBeLessThanOrEqual(65_536);
    expect(one).toContain('_Cut short: 1 more changed design doc is not shown in full');
  });

  it('says when nothing changed, and refuses html, --changed-since with it, and a folder outside git', () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const none = run(['report', '--base', head], repo.dir);
    expect(none.stdout).toContain('_No design doc changed._');
    expect(none.stdout.trimEnd().endsWith('<!-- mldesign-report -->')).toBe(true);
    const html = run(['report', '--base', 'main', '--format', 'html'], repo.dir);
    expect(html.code).toBe(2);
    expect(html.stderr).toContain('--base gives md or json');
    expect(run(['report', '--base', 'main', '--changed-since', 'main'], repo.dir).code).toBe(2);
    const outside = run(['report', '--base', 'main'], tempWorkspace({ 'a-design.md': EXAMPLE }));
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('needs a git repository');
  });
});
