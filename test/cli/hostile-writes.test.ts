// Writes never clobber what the user has (issue #15): `--fix` and `--output` write where a
// symlink leads (inside the working folder), keep hard links, owner, group and mode, refuse
// read-only files, write through special files, and answer a folder with a message.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JSON_REPORT_VERSION } from '../../server/src/cli/formats/json';
import { runCli } from '../helpers/cli';
import { tempDir, tempWorkspace } from '../helpers/tmp';
import { handOver, permissionsApply, runCliUnprivileged, takeBack } from '../helpers/unprivileged';

const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n';
const ENV = { NO_COLOR: '1' };
const run = (args: string[], cwd: string) => runCli(args, cwd, ENV, 60_000);
const workspace = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-hostile-writes-');
const noCrash = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
const read = (p: string) => fs.readFileSync(p, 'utf8');
const fixed = (text: string) => text.startsWith(DOC) && text.includes('\n## Monitoring\n');
const isRoot = process.getuid?.() === 0;

describe('lint --fix', () => {
  it('refuses a read-only file, with a message, and leaves it as it was', () => {
    const dir = workspace({ 'ro-design.md': DOC, 'rw-design.md': DOC });
    fs.chmodSync(path.join(dir, 'ro-design.md'), 0o444);
    const r = run(['lint', '--fix', '.'], dir);
    noCrash(r);
    expect(r.stderr).toContain('mldesign: ro-design.md not fixed: it is read-only; make it writable to fix it\n');
    expect(read(path.join(dir, 'ro-design.md'))).toBe(DOC);
    expect(fs.statSync(path.join(dir, 'ro-design.md')).mode & 0o777).toBe(0o444);
    expect(fixed(read(path.join(dir, 'rw-design.md')))).toBe(true);
    expect(r.code).toBe(2);
  });

  it('keeps hard links: every name sees the fix, and a second name in the run is not a conflict', () => {
    const dir = workspace({ 'docs/a-design.md': DOC });
    fs.linkSync(path.join(dir, 'docs/a-design.md'), path.join(dir, 'docs/b-design.md'));
    fs.linkSync(path.join(dir, 'docs/a-design.md'), path.join(dir, 'elsewhere.md'));
    const ino = fs.statSync(path.join(dir, 'docs/a-design.md')).ino;
    const r = run(['lint', '--fix', 'docs'], dir);
    noCrash(r);
    expect(r.stderr).toBe('mldesign: fixed 1 file: docs/a-design.md\n');
    for (const name of ['docs/a-design.md', 'docs/b-design.md', 'elsewhere.md']) {
      expect(fs.statSync(path.join(dir, name)).ino).toBe(ino);
      expect(fixed(read(path.join(dir, name)))).toBe(true);
    }
    expect(fs.statSync(path.join(dir, 'elsewhere.md')).nlink).toBe(3);
    expect(r.code).toBe(0);
  });

  it('fixes the file a symlink leads to inside the working folder, and keeps the link', () => {
    const dir = workspace({ 'shared/churn.md': DOC });
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.symlinkSync('../shared/churn.md', path.join(dir, 'docs/churn-design.md'));
    const r = run(['lint', '--fix', 'docs/churn-design.md'], dir);
    noCrash(r);
    expect(fs.lstatSync(path.join(dir, 'docs/churn-design.md')).isSymbolicLink()).toBe(true);
    expect(fixed(read(path.join(dir, 'shared/churn.md')))).toBe(true);
    expect(r.code).toBe(0);
  });

  it('refuses a symlink that leads out of the working folder: the target is not the repository’s to change', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'notes.md'), DOC);
    const dir = workspace({});
    fs.symlinkSync(path.join(outside, 'notes.md'), path.join(dir, 'churn-design.md'));
    const r = run(['lint', '--fix', 'churn-design.md'], dir);
    noCrash(r);
    expect(r.stderr).toContain(
      `mldesign: churn-design.md not fixed: it leads (through a symlink) to ${path.join(outside, 'notes.md')}, outside the working folder; name that file to fix it\n`,
    );
    expect(read(path.join(outside, 'notes.md'))).toBe(DOC);
    expect(fs.lstatSync(path.join(dir, 'churn-design.md')).isSymbolicLink()).toBe(true);
    expect(r.code).toBe(2);
  });

  it.runIf(isRoot)('keeps the owner and group of a file another user owns', () => {
    const dir = workspace({ 'churn-design.md': DOC });
    const file = path.join(dir, 'churn-design.md');
    fs.chownSync(file, 1234, 2345);
    fs.chmodSync(file, 0o664);
    expect(run(['lint', '--fix', '.'], dir).code).toBe(0);
    const st = fs.statSync(file);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([1234, 2345, 0o664]);
    expect(fixed(read(file))).toBe(true);
  });

  it.runIf(permissionsApply)('writes in place a writable file in a folder the user cannot write to', () => {
    const dir = workspace({ 'locked/churn-design.md': DOC });
    handOver(dir);
    takeBack(path.join(dir, 'locked'));
    fs.chmodSync(path.join(dir, 'locked'), 0o555);
    const r = runCliUnprivileged(['lint', '--fix', '.'], dir, ENV);
    fs.chmodSync(path.join(dir, 'locked'), 0o755);
    noCrash(r);
    expect(r.stderr).toBe('mldesign: fixed 1 file: locked/churn-design.md\n');
    expect(fixed(read(path.join(dir, 'locked/churn-design.md')))).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'locked'))).toEqual(['churn-design.md']);
  });
});

describe('--output', () => {
  const ws = () => workspace({ 'churn-design.md': DOC });
  // A reader left waiting on a FIFO nothing was written to (a failed test) must not outlive it.
  const readers: ChildProcess[] = [];
  afterEach(() => readers.splice(0).forEach((r) => r.kill()));

  it('writes the file a symlink leads to inside the working folder, and keeps the link', () => {
    const dir = ws();
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.writeFileSync(path.join(dir, 'reports/coverage.md'), 'old\n');
    fs.symlinkSync('reports/coverage.md', path.join(dir, 'latest.md'));
    const r = run(['report', '-o', 'latest.md', '.'], dir);
    noCrash(r);
    expect(fs.lstatSync(path.join(dir, 'latest.md')).isSymbolicLink()).toBe(true);
    expect(read(path.join(dir, 'reports/coverage.md'))).toMatch(/^# Design doc coverage\n/);
    expect(r.code).toBe(0);
  });

  it('refuses a symlink out of the working folder: a repository cannot aim the report at a file of yours', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, '.profile'), 'export PATH\n');
    const dir = ws();
    fs.symlinkSync(path.join(outside, '.profile'), path.join(dir, 'coverage.md'));
    const r = run(['report', '-o', 'coverage.md', '.'], dir);
    noCrash(r);
    expect(r.stderr).toContain(
      `mldesign report: --output coverage.md leads (through a symlink) to ${path.join(outside, '.profile')}, outside the working folder; not written. Name that file itself to write it.\n`,
    );
    expect(read(path.join(outside, '.profile'))).toBe('export PATH\n');
    expect(r.code).toBe(2);
  });

  it('keeps hard links of the file it replaces', () => {
    const dir = ws();
    fs.writeFileSync(path.join(dir, 'out.json'), '{}\n');
    fs.linkSync(path.join(dir, 'out.json'), path.join(dir, 'copy.json'));
    expect(run(['lint', '-f', 'json', '-o', 'out.json', '.'], dir).code).toBe(0);
    expect(JSON.parse(read(path.join(dir, 'copy.json'))).version).toBe(JSON_REPORT_VERSION);
  });

  it('writes through a FIFO to its reader', async () => {
    const dir = ws();
    const fifo = path.join(dir, 'report.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    readers.push(reader);
    let got = '';
    reader.stdout.on('data', (d: Buffer) => (got += d.toString('utf8')));
    const done = new Promise((resolve) => reader.on('exit', resolve));
    const r = runCli(['report', '-o', fifo, '.'], dir, ENV, 20_000);
    noCrash(r);
    expect(r.code).toBe(0);
    await done;
    expect(got).toMatch(/^# Design doc coverage\n/);
    expect(fs.statSync(fifo).isFIFO()).toBe(true);
  });

  it('writes through a link to /dev/stdout, and to /dev/fd/1, instead of putting a file in their place', () => {
    const dir = ws();
    fs.symlinkSync('/dev/stdout', path.join(dir, 'out'));
    const viaLink = run(['lint', '-f', 'json', '-o', 'out', '.'], dir);
    noCrash(viaLink);
    expect(JSON.parse(viaLink.stdout).version).toBe(JSON_REPORT_VERSION);
    expect(fs.lstatSync(path.join(dir, 'out')).isSymbolicLink()).toBe(true);
    const fd = run(['lint', '-f', 'json', '-o', '/dev/fd/1', '.'], dir);
    noCrash(fd);
    expect(JSON.parse(fd.stdout).version).toBe(JSON_REPORT_VERSION);
  });

  it('a folder is a usage error with a message', () => {
    const dir = ws();
    fs.mkdirSync(path.join(dir, 'reports'));
    const r = run(['report', '-o', 'reports', '.'], dir);
    expect(r.stderr).toBe("mldesign report: --output reports is a folder; name a file in it\nRun 'mldesign report --help' for usage.\n");
    expect(r.code).toBe(2);
  });

  it('a read-only file is refused with a message', () => {
    const dir = ws();
    fs.writeFileSync(path.join(dir, 'out.md'), 'keep\n');
    fs.chmodSync(path.join(dir, 'out.md'), 0o444);
    const r = run(['report', '-o', 'out.md', '.'], dir);
    expect(r.stderr).toContain('mldesign report: --output out.md is read-only; not written\n');
    expect(read(path.join(dir, 'out.md'))).toBe('keep\n');
    expect(r.code).toBe(2);
  });
});

describe('init and new', () => {
  it('init --force does not follow a templates folder linked out of the working folder', () => {
    const outside = tempDir();
    const dir = workspace({});
    fs.mkdirSync(path.join(dir, '.mldesign'));
    fs.symlinkSync(outside, path.join(dir, '.mldesign/templates'));
    const r = run(['init', '--force'], dir);
    noCrash(r);
    expect(r.stderr).toMatch(
      /^mldesign init: \.mldesign\/templates\/\S+\.md leads \(through a symlink\) to .*, outside the working folder; not written/m,
    );
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(fs.existsSync(path.join(dir, '.mldesign.yaml'))).toBe(false); // nothing half done
    expect(r.code).toBe(2);
  });

  it('init --force over a folder named like the config, and new into a linked folder: messages', () => {
    const dir = workspace({});
    fs.mkdirSync(path.join(dir, '.mldesign.yaml'));
    const init = run(['init', '--force'], dir);
    expect(init.stderr).toMatch(/^mldesign init: \.mldesign\.yaml is a folder; name a file in it$/m);
    expect(init.code).toBe(2);
    const outside = tempDir();
    const other = workspace({});
    fs.symlinkSync(outside, path.join(other, 'docs'));
    const created = run(['new', 'docs/churn-design.md'], other);
    expect(created.stderr).toMatch(/^mldesign new: docs\/churn-design\.md leads \(through a symlink\) to .*, outside the working folder/m);
    expect(fs.readdirSync(outside)).toEqual([]);
    expect(created.code).toBe(2);
  });
});
