// The workspace check over stdio, against the built server and the built CLI: the files the
// server publishes from the disk are exactly those the CLI's `lint` (no paths) reports
// findings for, with the same findings; progress begins, reports and ends; a cancel stops it
// mid-way; a file changed on disk is published again, a deleted one cleared.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli';
import { TestClient } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/tmp';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const EXAMPLES = path.resolve(__dirname, '../../examples');
const example = (name: string) => fs.readFileSync(path.join(EXAMPLES, name), 'utf8');
const DESIGN = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Monitoring\n\nTODO\n';

interface CliFile {
  path: string;
  findings: { ruleId: string; line: number; column: number; message: string }[];
}

/** `mldesign lint --format json` in the folder: what CI reports. */
function cliLint(dir: string): CliFile[] {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--format', 'json'], { cwd: dir, encoding: 'utf8' });
  return (JSON.parse(r.stdout) as { files: CliFile[] }).files;
}

const progressOf = (c: TestClient) =>
  c.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; percentage?: number } }).value);

async function start(dir: string, initializationOptions?: Record<string, unknown>): Promise<TestClient> {
  const c = await TestClient.start({
    workspaceFolder: dir,
    settings: {},
    workDoneProgress: true,
    ...(initializationOptions ? { initializationOptions } : {}),
  });
  expect(c.initializeResult?.capabilities.experimental).toEqual({ mldesignWorkspaceCheck: true });
  return c;
}

describe('workspace check over stdio', () => {
  // The second time every file goes to the analysis worker, as large ones do.
  it.each([
    ['on the main thread', undefined],
    ['in the analysis worker', { workerThresholdChars: 100 }],
  ])("publishes exactly the CLI's selection with the CLI's findings, with progress (%s)", async (_, options) => {
    const dir = tempWorkspace({
      '.mldesign.yaml': 'extends: recommended\nexclude: ["docs/old/**"]\n',
      '.gitignore': 'build/\n',
      'docs/churn-prediction-design.md': example('churn-prediction-design.md'),
      'docs/fraud-scoring-design.md': example('fraud-scoring-design.md'),
      'docs/short-design.md': DESIGN,
      'docs/notes.md': '# Meeting notes\n\nWe talked.\n',
      'docs/old/legacy-design.md': DESIGN,
      'build/copy-design.md': DESIGN,
      'README.md': example('README.md'),
    });
    const cli = cliLint(dir);
    const withFindings = cli.filter((f) => f.findings.length > 0);
    // The fixture means something: three docs with findings, the excluded and ignored ones none.
    expect(withFindings.map((f) => f.path).sort()).toEqual([
      'docs/churn-prediction-design.md',
      'docs/fraud-scoring-design.md',
      'docs/short-design.md',
    ]);
    client = await start(dir, options);
    const result = await client.connection.sendRequest('mldesign/checkWorkspace');
    expect(result).toEqual({ files: cli.length, checked: cli.length, withProblems: 3, cancelled: false, unreadableFolders: [] });
    const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
    expect([...client.diagnostics.keys()].sort()).toEqual(withFindings.map((f) => uri(f.path)).sort());
    for (const f of withFindings) {
      const published = client.diagnostics.get(uri(f.path))!;
      expect(published.version).toBeUndefined();
      const shape = (d: Diagnostic) => ({
        ruleId: d.code,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        message: d.message,
      });
      expect(published.diagnostics.map(shape)).toEqual(
        f.findings.map(({ ruleId, line, column, message }) => ({ ruleId, line, column, message })),
      );
    }
    const progress = progressOf(client);
    expect(progress[0]).toMatchObject({ kind: 'begin', cancellable: true });
    expect(progress.filter((p) => p.kind === 'report').at(-1)).toMatchObject({ percentage: 100 });
    expect(progress.at(-1)).toEqual({ kind: 'end' });
  });

  it('stops when the progress is cancelled', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`docs/d${String(i).padStart(3, '0')}-design.md`] = example('churn-prediction-design.md');
    const dir = tempWorkspace(files);
    client = await start(dir);
    const c = client;
    const answer = c.connection.sendRequest('mldesign/checkWorkspace');
    const token = await c.until(
      () => c.notifications.find((n) => n.method === '$/progress' && (n.params as { value: { kind: string } }).value.kind === 'report'),
      'a progress report',
    );
    await c.connection.sendNotification('window/workDoneProgress/cancel', { token: (token.params as { token: string }).token });
    const result = (await answer) as { files: number; checked: number; cancelled: boolean };
    expect(result.cancelled).toBe(true);
    expect(result.files).toBe(300);
    expect(result.checked).toBeLessThan(300);
    expect(c.diagnostics.size).toBe(result.checked);
    expect(progressOf(c).at(-1)).toEqual({ kind: 'end' });
  });

  it('publishes a file changed on disk again, clears a deleted one, and lints a closed document from the disk', async () => {
    const dir = tempWorkspace({ 'docs/a-design.md': DESIGN, 'docs/b-design.md': DESIGN });
    client = await start(dir);
    const c = client;
    const a = pathToFileURL(path.join(dir, 'docs/a-design.md')).toString();
    const b = pathToFileURL(path.join(dir, 'docs/b-design.md')).toString();
    await c.connection.sendRequest('mldesign/checkWorkspace');
    const codes = (u: string) => c.latest(u)?.map((d) => d.code);
    expect(codes(a)).toContain('empty-section');
    const before = c.published.length;
    fs.writeFileSync(path.join(dir, 'docs/a-design.md'), DESIGN.replace('TODO', 'Weekly precision on the top 200 accounts.'));
    fs.rmSync(path.join(dir, 'docs/b-design.md'));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: a, type: FileChangeType.Changed },
        { uri: b, type: FileChangeType.Deleted },
      ],
    });
    await c.until(() => c.published.length >= before + 2, 'a republished and b cleared');
    expect(codes(a)).not.toContain('empty-section');
    expect(codes(b)).toEqual([]);
    // Opened with other text, then closed: its disk findings come back, not an empty list.
    await c.open(a, DESIGN);
    expect((await c.diagnosticsFor(a)).map((d) => d.code)).toContain('empty-section');
    await c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a } });
    const last = await c.until(() => {
      const p = c.diagnostics.get(a);
      return p && p.version === undefined ? p : undefined;
    }, 'the disk lint of the closed document');
    expect(last.diagnostics.map((d) => d.code)).not.toContain('empty-section');
    expect(c.published.filter((p) => p.uri === a && p.diagnostics.length === 0)).toEqual([]);
  });
});
