// A repository is hostile input (issue: "unbreakable, round two"). Files a config names
// (templates, extends, the config itself) are read only where their real path lies inside
// the workspace, and only when they are regular files: a symlink to /proc/self/environ must
// never put the process environment (CI secrets) into a design doc.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempDir, tempWorkspace } from '../helpers/tmp';

const SECRET = 'mldesign-test-secret-7d1c';
const run = (args: string[], cwd: string) => runCli(args, cwd, { NO_COLOR: '1', MLDESIGN_TEST_SECRET: SECRET });
const DOC =
  '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n\n## Monitoring\n\nDrift.\n';
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');

/** A workspace with the doc, a config, and `link` made a symlink to `target`. */
function linked(link: string, target: string, config = 'extends: recommended\n'): string {
  const dir = tempWorkspace({ '.mldesign.yaml': config, 'churn-design.md': DOC }, 'mldesign-hostile-');
  fs.mkdirSync(path.dirname(path.join(dir, link)), { recursive: true });
  fs.symlinkSync(target, path.join(dir, link));
  return dir;
}

describe('symlinks out of the workspace', () => {
  it('a template linked to /proc/self/environ: --fix inserts the built-in template, says why', () => {
    const dir = linked('.mldesign/templates/model-updates.md', '/proc/self/environ');
    const r = run(['lint', '--fix', '-f', 'text', '.'], dir);
    const fixed = read(dir, 'churn-design.md');
    expect(fixed).not.toContain(SECRET);
    expect(fixed).toContain('## Model updates');
    expect(r.stderr).toMatch(
      /\.mldesign\.yaml:1:1 error template '\.mldesign\/templates\/model-updates\.md' was not read: it resolves to \/proc\/\S+\/environ, outside /,
    );
    expect(r.code).toBe(2);
  });

  it('a templates folder linked outside: nothing in it is read', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'model-updates.md'), `**Leaked.** ${SECRET}\n`);
    const dir = linked('.mldesign/templates', outside);
    run(['lint', '--fix', '.'], dir);
    expect(read(dir, 'churn-design.md')).not.toContain(SECRET);
  });

  it('a section template named in the config and linked outside', () => {
    const outside = tempDir();
    fs.writeFileSync(path.join(outside, 'secret.md'), SECRET);
    const config = 'extends: recommended\nsections:\n  - id: model-updates\n    template: t/updates.md\n';
    const dir = linked('t/updates.md', path.join(outside, 'secret.md'), config);
    const r = run(['lint', '--fix', '.'], dir);
    expect(read(dir, 'churn-design.md')).not.toContain(SECRET);
    expect(r.stderr).toMatch(/template 't\/updates\.md' was not read: it resolves to .*, outside /);
  });

  it('mldesign new with a linked template writes no secret', () => {
    const dir = linked('.mldesign/templates/monitoring.md', '/proc/self/environ');
    const r = run(['new', 'docs/x-design.md'], dir);
    expect(r.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'docs/x-design.md'))).toBe(false);
  });

  it('extends of a file linked outside, and a config file that is itself a link', () => {
    const a = linked('base.yaml', '/etc/passwd', 'extends: ./base.yaml\n');
    expect(run(['lint', '.'], a).stderr).toMatch(
      /extends '\.\/base\.yaml': config file '.*base\.yaml' was not read: it resolves to \/etc\/passwd, outside/,
    );
    const b = tempWorkspace({ 'churn-design.md': DOC }, 'mldesign-hostile-');
    fs.symlinkSync('/etc/passwd', path.join(b, '.mldesign.yaml'));
    const r = run(['lint', '.'], b);
    expect(r.stderr).toMatch(/was not read: it resolves to \/etc\/passwd, outside/);
    expect(r.stderr + r.stdout).not.toMatch(/root:/);
  });

  it('a link that stays inside the workspace is followed', () => {
    const dir = tempWorkspace(
      { '.mldesign.yaml': 'extends: recommended\n', 'churn-design.md': DOC, 'shared/updates.md': '**Ours.** Weekly.\n' },
      'mldesign-hostile-',
    );
    fs.mkdirSync(path.join(dir, '.mldesign/templates'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'shared/updates.md'), path.join(dir, '.mldesign/templates/model-updates.md'));
    expect(run(['lint', '--fix', '.'], dir).code).toBe(0);
    expect(read(dir, 'churn-design.md')).toContain('## Model updates\n\n**Ours.** Weekly.\n');
  });
});

describe('special files named by a config', () => {
  it('a FIFO or a folder as a template is refused at once, not waited on', () => {
    const dir = tempWorkspace({ '.mldesign.yaml': 'extends: recommended\n', 'churn-design.md': DOC }, 'mldesign-hostile-');
    fs.mkdirSync(path.join(dir, '.mldesign/templates/monitoring.md'), { recursive: true });
    expect(spawnSync('mkfifo', [path.join(dir, '.mldesign/templates/model-updates.md')]).status).toBe(0);
    const r = runCli(['lint', '-f', 'text', '.'], dir, { NO_COLOR: '1' }, 20_000);
    expect(r.stderr).toMatch(/model-updates\.md' was not read: it is not a regular file/);
    expect(r.stderr).toMatch(/monitoring\.md' was not read: it is not a regular file/);
    expect(r.code).toBe(2);
  });
});
