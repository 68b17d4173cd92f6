// Linting only what changed: --changed-since REF and --staged (git repositories built in
// temporary folders), and --stdin for editors that pipe a buffer.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli';
import { GIT_ENV, gitRepo, type Repo } from '../helpers/git';
import { tempWorkspace } from '../helpers/tmp';

const run = (args: string[], cwd: string, input?: string) => runCli(args, cwd, GIT_ENV, undefined, input);

const EXAMPLE = fs.readFileSync(path.join(ROOT, 'examples/churn-prediction-design.md'), 'utf8');
const NEWLINE_NAME = 'docs/line\nbreak-design.md';

/** The paths a JSON run reports, with whether each is a design doc. */
function linted(stdout: string): [string, boolean][] {
  const report = JSON.parse(stdout) as { files: { path: string; designDoc: boolean }[] };
  return report.files.map((f) => [f.path, f.designDoc]);
}

/** main: six docs and a source file; feature (checked out), from main's first commit: one
 * doc modified, one renamed, one deleted, two added (one with a newline in its name), a
 * Markdown file that is no design doc modified, the source file modified; then main moves
 * on (a doc changed there only), and the working tree gets an uncommitted change, an
 * untracked doc and an ignored one. */
function pullRequestRepo(): Repo {
  const repo = gitRepo();
  repo.write({
    'docs/modified-design.md': EXAMPLE,
    'docs/renamed-design.md': EXAMPLE,
    'docs/deleted-design.md': EXAMPLE,
    'docs/untouched-design.md': EXAMPLE,
    'docs/main-only-design.md': EXAMPLE,
    'docs/edited-design.md': EXAMPLE,
    'docs/notes.md': '# Notes\n',
    'src/app.py': 'print(1)\n',
    '.gitignore': 'ignored/\n',
  });
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'base');
  repo.git('checkout', '-qb', 'feature');
  repo.write({
    'docs/modified-design.md': EXAMPLE + '\n## Model updates\n\nRetrained weekly.\n',
    'docs/added-design.md': EXAMPLE,
    [NEWLINE_NAME]: EXAMPLE,
    'docs/notes.md': '# Notes\n\nMore.\n',
    'src/app.py': 'print(2)\n',
  });
  repo.git('mv', 'docs/renamed-design.md', 'docs/moved here design.md');
  repo.git('rm', '-q', 'docs/deleted-design.md');
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'head');
  // main moves on after the branch: not a change of the pull request.
  repo.git('checkout', '-q', 'main');
  repo.write({ 'docs/main-only-design.md': EXAMPLE + '\nMore on main.\n' });
  repo.git('commit', '-qam', 'main moves on');
  repo.git('checkout', '-q', 'feature');
  repo.write({
    'docs/edited-design.md': EXAMPLE + '\nNot committed yet.\n',
    'docs/untracked-design.md': EXAMPLE,
    'ignored/skipped-design.md': EXAMPLE,
  });
  return repo;
}

describe('mldesign lint --changed-since', () => {
  let repo: Repo;
  beforeAll(() => {
    repo = pullRequestRepo();
  });

  it('lints the files added, modified or renamed since the merge base, and nothing else', () => {
    const r = run(['lint', '--format', 'json', '--changed-since', 'main'], repo.dir);
    expect(r.stderr).toBe('');
    expect(linted(r.stdout)).toEqual([
      ['docs/added-design.md', true],
      ['docs/edited-design.md', true],
      ['docs/line\nbreak-design.md', true],
      ['docs/modified-design.md', true],
      ['docs/moved here design.md', true],
      ['docs/notes.md', false],
      ['docs/untracked-design.md', true],
    ]);
    // Not: untouched, deleted, the doc changed on main only, the ignored one, the source file.
    expect(r.code).toBe(0);
  });

  it('shows a name with a newline escaped, on one line', () => {
    const r = run(['lint', '--format', 'text', '--changed-since', 'main'], repo.dir);
    const lines = r.stdout.split('\n').filter((l) => l.includes('break-design'));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.startsWith('docs/line\\nbreak-design.md:')).toBe(true);
  });

  it('keeps to the paths given, and works from a subfolder', () => {
    const named = run(['lint', '--format', 'json', '--changed-since', 'main', 'docs/notes.md', 'docs/untouched-design.md'], repo.dir);
    expect(linted(named.stdout)).toEqual([['docs/notes.md', false]]);
    const sub = run(
      ['lint', '--format', 'json', '--changed-since', 'main', 'added-design.md', 'modified-design.md'],
      path.join(repo.dir, 'docs'),
    );
    expect(linted(sub.stdout)).toEqual([
      ['added-design.md', true],
      ['modified-design.md', true],
    ]);
  });

  it('takes a commit, and gives an empty run when nothing changed', () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const r = run(['lint', '--format', 'json', '--changed-since', head, 'docs/modified-design.md'], repo.dir);
    expect(linted(r.stdout)).toEqual([]);
    const stylish = run(['lint', '--changed-since', head, 'docs/modified-design.md'], repo.dir);
    expect(stylish.stdout).toContain('No problems (0 files checked, 0 design docs)');
    expect(stylish.code).toBe(0);
  });

  it('makes report cover the changed design docs only', () => {
    const r = run(['report', '--format', 'json', '--changed-since', 'main'], repo.dir);
    expect(r.code).toBe(0);
    const docs = (JSON.parse(r.stdout) as { rows: { path: string }[] }).rows.map((d) => d.path);
    expect(docs).toEqual([
      'docs/added-design.md',
      'docs/edited-design.md',
      'docs/line\nbreak-design.md',
      'docs/modified-design.md',
      'docs/moved here design.md',
      'docs/untracked-design.md',
    ]);
  });

  it('leaves the cache entries of the files it did not read', () => {
    const cache = path.join(repo.dir, '..', `cache-${path.basename(repo.dir)}.json`);
    expect(run(['lint', '--cache', '--cache-location', cache, '--format', 'json'], repo.dir).code).toBe(0);
    const entries = () => Object.keys((JSON.parse(fs.readFileSync(cache, 'utf8')) as { entries: object }).entries).length;
    const full = entries();
    expect(run(['lint', '--cache', '--cache-location', cache, '--format', 'json', '--changed-since', 'main'], repo.dir).code).toBe(0);
    expect(entries()).toBe(full);
    fs.rmSync(cache);
  });

  it('says what is wrong, with exit code 2 and no stack: no repository, an unknown ref, an option as a ref', () => {
    const plain = tempWorkspace({ 'a-design.md': EXAMPLE });
    const outside = run(['lint', '--changed-since', 'main'], plain);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/^mldesign lint: --changed-since needs a git repository, and .* is not in one/);
    expect(outside.stderr).not.toMatch(/\n\s+at /);
    const unknown = run(['lint', '--changed-since', 'no-such-branch'], repo.dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown git revision 'no-such-branch'");
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const option = run(['lint', '--changed-since=--output=x'], repo.dir);
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("--changed-since takes a branch, tag or commit, not '--output=x'");
    expect(fs.existsSync(path.join(repo.dir, 'x'))).toBe(false);
    const both = run(['lint', '--changed-since', 'main', '--staged'], repo.dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('use --changed-since or --staged, not both');
  });
});

describe('mldesign lint --changed-since, when a config changed', () => {
  it('lints every doc a changed config governs, through the files it extends too, and only those', () => {
    const repo = gitRepo();
    repo.write({
      'shared/base.yaml': 'extends: recommended\n',
      'team-a/.mldesign.yaml': 'extends: ../shared/base.yaml\n',
      'team-a/one-design.md': EXAMPLE,
      'team-a/sub/two-design.md': EXAMPLE,
      'team-b/.mldesign.yaml': 'extends: recommended\n',
      'team-b/three-design.md': EXAMPLE,
      'top-design.md': EXAMPLE,
    });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    repo.git('checkout', '-qb', 'feature');
    const lint = () => linted(run(['lint', '--format', 'json', '--changed-since', 'main'], repo.dir).stdout).map(([p]) => p);
    // Team A's own config: its docs, not team B's nor the top folder's.
    repo.write({ 'team-a/.mldesign.yaml': 'extends: ../shared/base.yaml\nrules:\n  empty-section: error\n' });
    expect(lint()).toEqual(['team-a/one-design.md', 'team-a/sub/two-design.md']);
    repo.git('checkout', '-q', '--', '.');
    // A file team A's config extends.
    repo.write({ 'shared/base.yaml': 'extends: strict\n' });
    expect(lint()).toEqual(['team-a/one-design.md', 'team-a/sub/two-design.md']);
    // Staged, the same.
    repo.git('add', '-A');
    const staged = linted(run(['lint', '--format', 'json', '--staged'], repo.dir).stdout).map(([p]) => p);
    expect(staged).toEqual(['team-a/one-design.md', 'team-a/sub/two-design.md']);
  });
});

describe('mldesign lint --staged', () => {
  it('lints the staged content of the staged files', () => {
    const repo = gitRepo();
    repo.write({ 'docs/old-design.md': EXAMPLE, 'docs/other-design.md': EXAMPLE });
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'base');
    // Staged: a new doc whose Goals section is empty; on disk it then gets content, unstaged.
    repo.write({ 'docs/new-design.md': '# New\n\n## Goals\n\nTODO\n' });
    repo.git('add', 'docs/new-design.md');
    repo.write({ 'docs/new-design.md': '# New\n\n## Goals\n\nCut churn by 5 %.\n', 'docs/other-design.md': EXAMPLE + '\nUnstaged.\n' });
    const r = run(['lint', '--format', 'text', '--staged'], repo.dir);
    expect(r.stderr).toBe('');
    const files = new Set(
      r.stdout
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split(':')[0]),
    );
    expect(files).toEqual(new Set(['docs/new-design.md']));
    expect(r.stdout).toContain("docs/new-design.md:3:1 warning 'Goals' has no content yet empty-section");
    // --fix would write the working file while the commit takes the staged one.
    const fix = run(['lint', '--staged', '--fix'], repo.dir);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('use --fix-dry-run to see the fixes');
  });

  it('works before the first commit', () => {
    const repo = gitRepo();
    repo.write({ 'first-design.md': EXAMPLE });
    repo.git('add', '-A');
    const r = run(['lint', '--format', 'json', '--staged'], repo.dir);
    expect(linted(r.stdout)).toEqual([['first-design.md', true]]);
  });
});

describe('mldesign lint --stdin', () => {
  it("lints standard input as the named file: that file's config, its name in the output", () => {
    const dir = tempWorkspace({ 'docs/.mldesign.yaml': 'extends: recommended\nrules:\n  missing-section: error\n' });
    const r = run(['lint', '--format', 'text', '--stdin', '--stdin-filename', 'docs/x-design.md'], dir, EXAMPLE);
    expect(r.stdout).toContain("docs/x-design.md:1:1 error No 'Model updates' section missing-section");
    expect(r.code).toBe(1);
    // The file need not exist, and the disk is not read.
    expect(fs.existsSync(path.join(dir, 'docs/x-design.md'))).toBe(false);
  });

  it('escapes control characters in the stdin file name', () => {
    const dir = tempWorkspace({});
    const r = run(['lint', '--format', 'text', '--stdin', '--stdin-filename', 'a\u001b[2J\n-design.md'], dir, EXAMPLE);
    expect(r.stdout).toContain("a\\x1b[2J\\n-design.md:1:1 warning No 'Model updates' section missing-section");
    expect(r.stdout).not.toContain('\u001b');
  });

  it('without a name, judges the text by its content', () => {
    const dir = tempWorkspace({});
    const notes = run(['lint', '--format', 'json', '--stdin'], dir, '# Notes\n');
    expect(linted(notes.stdout)).toEqual([['<stdin>', false]]);
    const withFront = run(['lint', '--format', 'json', '--stdin'], dir, '---\nmldesign: true\n---\n# Plan\n');
    expect(linted(withFront.stdout)).toEqual([['<stdin>', true]]);
  });

  it('refuses paths, --fix and a name without --stdin', () => {
    const dir = tempWorkspace({ 'a-design.md': EXAMPLE });
    expect(run(['lint', '--stdin', 'a-design.md'], dir, EXAMPLE).stderr).toContain('--stdin lints standard input alone');
    expect(run(['lint', '--stdin', '--fix'], dir, EXAMPLE).code).toBe(2);
    expect(run(['lint', '--stdin-filename', 'a-design.md'], dir).stderr).toContain('add --stdin');
  });
});

describe('.pre-commit-hooks.yaml', () => {
  it('runs mldesign lint on every Markdown file, as the CLI would read them', async () => {
    const { parse } = await import('yaml');
    const hooks = parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Record<string, string>[];
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(hook).toMatchObject({ id: 'mldesign', entry: 'mldesign lint', language: 'node' });
    // Python's (?i) is JavaScript's i flag.
    const files = new RegExp(hook['files']!.replace(/^\(\?i\)/, ''), 'i');
    for (const name of ['docs/a-design.md', 'README.md', 'x/Plan.MARKDOWN', 'notes.mdown', 'a.mkd'])
      expect(files.test(name), name).toBe(true);
    for (const name of ['a.txt', 'design.md.orig', 'mdx/file.mdx']) expect(files.test(name), name).toBe(false);
  });
});
