// A hostile repository's config and front matter (issue #15): whatever a `.mldesign.*` file
// or a doc's front matter holds, the CLI answers with findings or config problems at their
// place, never an internal error, and never silently reads something else than was written.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const run = (args: string[], cwd: string) => runCli(args, cwd, { NO_COLOR: '1' }, 60_000);
const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n';
const workspace = (files: Record<string, string>) => tempWorkspace({ 'churn-design.md': DOC, ...files }, 'mldesign-hostile-config-');

/** stderr carries no internal error or stack trace. */
const noCrash = (r: { stderr: string }) => expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

describe('front matter status naming an Object.prototype member', () => {
  it.each(['__proto__', 'constructor'])('status: %s keeps the findings their own severity', (status) => {
    const dir = workspace({ 'churn-design.md': `---\nstatus: ${status}\n---\n${DOC}` });
    const stylish = run(['lint', '.'], dir);
    noCrash(stylish);
    expect(stylish.stdout).toMatch(/warning {2}No 'Monitoring' section/);
    const json = JSON.parse(run(['lint', '-f', 'json', '.'], dir).stdout) as { files: { findings: { severity: unknown }[] }[] };
    const severities = json.files[0]!.findings.map((f) => f.severity);
    expect(severities.length).toBeGreaterThan(0);
    for (const s of severities) expect(['error', 'warning', 'info', 'hint']).toContain(s);
    const github = run(['lint', '-f', 'github', '.'], dir).stdout.trim().split('\n');
    for (const line of github) expect(line).toMatch(/^::(error|warning|notice) file=/);
    const sarif = JSON.parse(run(['lint', '-f', 'sarif', '.'], dir).stdout) as { runs: { results: { level: unknown }[] }[] };
    for (const r of sarif.runs[0]!.results) expect(['error', 'warning', 'note']).toContain(r.level);
  });

  it('a config status named like a prototype member applies like any other', () => {
    const dir = workspace({
      '.mldesign.yaml': 'extends: recommended\nstatus:\n  constructor: error\n',
      'churn-design.md': `---\nstatus: constructor\n---\n${DOC}`,
    });
    const r = run(['lint', '-f', 'text', '.'], dir);
    expect(r.stdout).toMatch(/churn-design\.md:4:1 error No 'Monitoring' section/);
    expect(r.code).toBe(1);
  });
});

describe('configs nested or chained deeper than any real one', () => {
  it.each([
    ['.mldesign.json', '['.repeat(6000)],
    ['.mldesign.json', '{"rules": ' + '['.repeat(6000) + ']'.repeat(6000) + '}'],
    ['.mldesign.yaml', 'rules: ' + '['.repeat(6000) + ']'.repeat(6000) + '\n'],
    ['.mldesign.yaml', 'rules:\n  ' + '- '.repeat(6000) + 'x\n'],
    ['.mldesign.yaml', Array.from({ length: 600 }, (_, i) => ' '.repeat(i) + 'a:\n').join('')],
  ])('%s nested thousands deep is a config problem at its place', (name, text) => {
    const dir = workspace({ [name]: text });
    const r = run(['lint', '-f', 'text', '.'], dir);
    noCrash(r);
    expect(r.stderr).toMatch(new RegExp(`^${name.replace('.', '\\.')}:\\d+:\\d+ error nested too deep: more than 64 levels`, 'm'));
    expect(r.code).toBe(2);
    // The built-in defaults were used for the doc.
    expect(r.stdout).toContain("No 'Monitoring' section");
  });

  it('an extends chain 2,000 files long stops at the limit, at the extends that goes past it', () => {
    const files: Record<string, string> = { '.mldesign.yaml': 'extends: ./c/0.yaml\n' };
    for (let i = 0; i < 2000; i++) files[`c/${i}.yaml`] = `extends: ./${i + 1}.yaml\n`;
    files['c/2000.yaml'] = 'extends: recommended\n';
    const dir = workspace(files);
    const r = run(['lint', '-f', 'text', '.'], dir);
    noCrash(r);
    expect(r.stderr).toMatch(/^c\/30\.yaml:1:10 error extends chain longer than 32 files: '\.\/31\.yaml' is not loaded/m);
    expect(r.code).toBe(2);
  });

  it('extends that branch and meet again (a diamond lattice) stop at the limit on files loaded', () => {
    const files: Record<string, string> = { '.mldesign.yaml': 'extends: [./c/0.yaml, ./c/0.yaml]\n' };
    for (let i = 0; i < 30; i++) files[`c/${i}.yaml`] = `extends: [./${i + 1}.yaml, ./${i + 1}.yaml]\n`;
    files['c/30.yaml'] = 'extends: recommended\n';
    const r = runCli(['lint', '-f', 'text', '.'], workspace(files), { NO_COLOR: '1' }, 120_000);
    noCrash(r);
    expect(r.stderr).toMatch(/error extends: more than 256 config files loaded in all/);
    expect(r.code).toBe(2);
  });
});

describe('config text that parses to something else than was written', () => {
  it('duplicate keys in a JSON config are problems at the duplicate, as in YAML', () => {
    const dir = workspace({
      '.mldesign.json': '{\n  "rules": {\n    "missing-section": "error",\n    "missing-section": "off"\n  }\n}\n',
    });
    const r = run(['lint', '-f', 'text', '.'], dir);
    expect(r.stderr).toMatch(/^\.mldesign\.json:4:5 error duplicate key 'missing-section' \(the first is on line 3\)/m);
    expect(r.code).toBe(2);
  });

  it.each(['.mldesign.yaml', '.mldesign.json'])('a %s that is not valid UTF-8 is a config problem, not a guess', (name) => {
    const dir = workspace({});
    // A Latin-1 'é' in a comment on line 2: decoded with replacement characters, the config
    // would apply as if nothing were wrong.
    const [head, tail] = name.endsWith('json')
      ? ['{ "rules": { "missing-section": "off" }\n// caf', '\n}\n']
      : ['rules:\n  missing-section: off # caf', '\n'];
    fs.writeFileSync(path.join(dir, name), Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from(tail)]));
    const r = run(['lint', '-f', 'text', '.'], dir);
    expect(r.stderr).toMatch(
      new RegExp(`${name.replace('.', '\\.')}:1:1 error config file '.*' was not read: it is not valid UTF-8 \\(line 2\\)`),
    );
    expect(r.code).toBe(2);
  });

  it('a template that is not valid UTF-8 is refused with its line', () => {
    const dir = workspace({ '.mldesign.yaml': 'extends: recommended\n' });
    fs.mkdirSync(path.join(dir, '.mldesign/templates'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.mldesign/templates/monitoring.md'), Buffer.from([0x41, 0x0a, 0xff, 0x0a]));
    const r = run(['lint', '--fix', '.'], dir);
    expect(r.stderr).toMatch(/template '\.mldesign\/templates\/monitoring\.md' was not read: it is not valid UTF-8 \(line 2\)/);
    expect(fs.readFileSync(path.join(dir, 'churn-design.md'), 'utf8')).not.toContain('\ufffd');
  });
});
