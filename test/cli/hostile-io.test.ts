// A hostile repository's files (issue #15): one file or folder that cannot be read, a
// special file named on the command line, a file too large to read, a path longer than the
// system allows. Each is that file's own error, reported in every format; the run goes on
// and the exit code says something was not checked.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { parseValidSarif } from '../helpers/sarif';
import { tempWorkspace } from '../helpers/tmp';
import { handOver, permissionsApply, runCliUnprivileged, takeBack } from '../helpers/unprivileged';

const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n';
const ENV = { NO_COLOR: '1' };
const run = (args: string[], cwd: string) => runCli(args, cwd, ENV, 60_000);
const workspace = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-hostile-io-');
const noCrash = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

type JsonReport = { files: { path: string; findings: { ruleId: string; severity: string; message: string }[] }[] };

/** Every format reports `shown` as an error whose message matches `why`, and the others' findings. */
function reportedEverywhere(lint: (args: string[]) => ReturnType<typeof run>, shown: string, why: RegExp, others: string[]) {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const stylish = lint(['.']);
  noCrash(stylish);
  expect(stylish.code).toBe(1);
  expect(stylish.stdout).toMatch(new RegExp(`^${esc(shown)}\\n {2}1:1 {2}error {2}${why.source}.* {2}skipped-content$`, 'm'));
  expect(stylish.stdout).toMatch(/^✖ \d+ problems \(1 error, \d+ warnings/m);
  for (const o of others) expect(stylish.stdout).toMatch(new RegExp(`^${esc(o)}\\n {2}1:1 {2}warning {2}No 'Monitoring' section`, 'm'));

  const text = lint(['-f', 'text', '.']).stdout;
  expect(text).toMatch(new RegExp(`^${esc(shown)}:1:1 error ${why.source}.* skipped-content$`, 'm'));

  const json = JSON.parse(lint(['-f', 'json', '.']).stdout) as JsonReport;
  const entry = json.files.find((f) => f.path === shown)!;
  expect(entry.findings).toEqual([
    {
      ruleId: 'skipped-content',
      severity: 'error',
      message: expect.stringMatching(why),
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      fixable: false,
    },
  ]);
  for (const o of others) expect(json.files.find((f) => f.path === o)!.findings.length).toBeGreaterThan(0);

  const sarif = parseValidSarif(lint(['-f', 'sarif', '.']).stdout);
  const uri = (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
    r.locations[0]!.physicalLocation.artifactLocation.uri;
  const results = sarif.runs[0].results as {
    level: string;
    message: { text: string };
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  }[];
  expect(results.filter((r) => uri(r) === encodeURI(shown)).map((r) => r.level)).toEqual(['error']);
  const notes = sarif.runs[0].invocations[0].toolExecutionNotifications;
  expect(notes).toHaveLength(1);
  expect(notes[0]).toMatchObject({ level: 'error', message: { text: expect.stringMatching(why) } });

  expect(lint(['-f', 'github', '.']).stdout).toMatch(
    new RegExp(`^::error file=${esc(shown)},line=1,col=1,endLine=1,endColumn=1,title=mldesign skipped-content::${why.source}`, 'm'),
  );
  expect(lint(['-f', 'markdown', '.']).stdout).toMatch(
    new RegExp(`^\\| ${esc(shown)} \\| 1 \\| error \\| \\[skipped-content\\]\\(.*\\) \\| ${why.source}`, 'm'),
  );
}

describe.runIf(permissionsApply)('a file or folder that cannot be read', () => {
  it('an unreadable doc among others: its own error in every format, the others linted', () => {
    const dir = workspace({ 'a-design.md': DOC, 'b-design.md': DOC, 'c-design.md': DOC });
    handOver(dir);
    fs.chmodSync(path.join(dir, 'b-design.md'), 0o000);
    reportedEverywhere(
      (args) => runCliUnprivileged(['lint', ...args], dir, ENV),
      'b-design.md',
      /This file could not be read \(EACCES: permission denied\), so it was not checked\./,
      ['a-design.md', 'c-design.md'],
    );
    const report = runCliUnprivileged(['report', '.'], dir, ENV);
    expect(report.stdout).toContain('| a-design.md |');
    expect(report.stderr).toBe('mldesign: b-design.md: This file could not be read (EACCES: permission denied), so it was not checked.\n');
    expect(report.code).toBe(1);
  });

  it('an unreadable folder is reported, not skipped in silence', () => {
    const dir = workspace({ 'a-design.md': DOC, 'locked/b-design.md': DOC });
    handOver(dir);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    const r = runCliUnprivileged(['lint', '-f', 'text', '.'], dir, ENV);
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
    noCrash(r);
    expect(r.stdout).toMatch(
      /^locked:1:1 error This folder could not be read \(EACCES: permission denied\), so nothing in it was checked\. skipped-content$/m,
    );
    expect(r.stdout).toMatch(/^a-design\.md:1:1 warning No 'Monitoring' section/m);
    expect(r.code).toBe(1);
  });

  it('--fix goes on past a file it cannot write, and the report and summary still print', () => {
    const dir = workspace({ 'ro/y-design.md': DOC, 'rw/z-design.md': DOC });
    handOver(dir);
    // A folder the user cannot write to, holding a file the user cannot write either.
    takeBack(path.join(dir, 'ro/y-design.md'));
    fs.chmodSync(path.join(dir, 'ro/y-design.md'), 0o444);
    takeBack(path.join(dir, 'ro'));
    fs.chmodSync(path.join(dir, 'ro'), 0o555);
    const r = runCliUnprivileged(['lint', '--fix', '.'], dir, ENV);
    fs.chmodSync(path.join(dir, 'ro'), 0o755);
    noCrash(r);
    expect(r.stderr).toMatch(/^mldesign: ro\/y-design\.md not fixed: /m);
    expect(r.stderr).toMatch(/^mldesign: fixed 1 file: rw\/z-design\.md$/m);
    expect(fs.readFileSync(path.join(dir, 'rw/z-design.md'), 'utf8')).toContain('## Monitoring');
    expect(fs.readFileSync(path.join(dir, 'ro/y-design.md'), 'utf8')).toBe(DOC);
    // The summary: y's findings remain, z's are gone.
    expect(r.stdout).toMatch(/^ro\/y-design\.md$/m);
    expect(r.stdout).toMatch(/^✖ \d+ problems .* in 2 files checked, 2 design docs$/m);
    expect(r.code).toBe(2);
  });
});

describe('special files named on the command line', () => {
  it('a FIFO is refused at once, not waited on', () => {
    const dir = workspace({ 'a-design.md': DOC });
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe-design.md')]).status).toBe(0);
    const r = runCli(['lint', '-f', 'text', 'a-design.md', 'pipe-design.md'], dir, ENV, 20_000);
    noCrash(r);
    expect(r.stdout).toMatch(
      /^pipe-design\.md:1:1 error This file was not read: it is not a regular file \(a FIFO\)\. Only regular files are checked\. skipped-content$/m,
    );
    expect(r.stdout).toMatch(/^a-design\.md:1:1 warning/m);
    expect(r.code).toBe(1);
  });

  it('/dev/zero is refused, not read until the memory runs out', () => {
    const dir = workspace({ 'a-design.md': DOC });
    const r = runCli(['lint', '-f', 'json', 'a-design.md', '/dev/zero'], dir, ENV, 20_000);
    noCrash(r);
    const zero = (JSON.parse(r.stdout) as JsonReport).files.find((f) => f.path === '/dev/zero')!;
    expect(zero.findings[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('not a regular file (a character device)'),
    });
    expect(r.code).toBe(1);
  });

  it('a file of gigabytes is read no further than a little past the size limit', () => {
    const dir = workspace({});
    const file = path.join(dir, 'huge-design.md');
    // Text first, past the binary probe (8 KB), then the sparse zeros.
    fs.writeFileSync(file, DOC + 'Words and more words. '.repeat(1000));
    fs.truncateSync(file, 3_000_000_000); // sparse: takes no room on disk
    const r = run(['lint', '-f', 'text', '.'], dir);
    noCrash(r);
    expect(r.stdout).toBe(
      'huge-design.md:1:1 info This file (3000.0 MB) is larger than the size limit (4.0 MB), so it was not checked. skipped-content\n',
    );
    expect(r.code).toBe(0);
  });
});

describe('the --cache file', () => {
  it('a FIFO in its place is not waited on, a folder in its place is said and the run goes on', () => {
    const dir = workspace({ 'a-design.md': DOC });
    expect(spawnSync('mkfifo', [path.join(dir, '.mldesigncache')]).status).toBe(0);
    const fifo = runCli(['lint', '-f', 'text', '--cache', '.'], dir, ENV, 20_000);
    noCrash(fifo);
    expect(fifo.stdout).toMatch(/^a-design\.md:1:1 warning/m);
    fs.mkdirSync(path.join(dir, 'cache-dir'));
    const folder = run(['lint', '-f', 'text', '--cache-location', 'cache-dir', '.'], dir);
    noCrash(folder);
    expect(folder.stdout).toMatch(/^a-design\.md:1:1 warning/m);
    expect(folder.stderr).toBe('mldesign: the cache was not written (EISDIR); the next run analyses every file again.\n');
    expect(folder.code).toBe(0);
  });
});

describe('paths longer than the system allows', () => {
  const deep: string[] = [];
  // Node's recursive removal goes by absolute paths, which are too long here.
  afterAll(() => deep.forEach((d) => spawnSync('rm', ['-rf', d])));

  it('a folder whose path is too long to read is reported', () => {
    const dir = workspace({ 'a-design.md': DOC });
    deep.push(path.join(dir, 'deep'));
    const name = 'd'.repeat(200);
    // Made by relative steps (chdir, then mkdir): the full path cannot be handed to the system.
    const script = `const fs = require('fs'); process.chdir('deep');
      for (let i = 0; i < 22; i++) { fs.mkdirSync(${JSON.stringify(name)}); process.chdir(${JSON.stringify(name)}); }
      fs.writeFileSync('lost-design.md', '# Lost\\n');`;
    fs.mkdirSync(path.join(dir, 'deep'));
    const mk = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8' });
    expect(mk.status, mk.stderr).toBe(0);
    const r = run(['lint', '-f', 'json', '.'], dir);
    noCrash(r);
    const files = (JSON.parse(r.stdout) as JsonReport).files;
    const long = files.filter((f) => f.findings.some((x) => /ENAMETOOLONG: its path is longer than the system allows/.test(x.message)));
    expect(long).toHaveLength(1);
    expect(long[0]!.path.startsWith(`deep/${name}/`)).toBe(true);
    expect(long[0]!.findings[0]!.severity).toBe('error');
    expect(r.code).toBe(1);
  });
});
