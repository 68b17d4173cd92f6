// The browser server (dist/browser-server.js) as VS Code for the Web runs it: in a Web Worker
// of a page in headless Chromium, spoken to over postMessage. A github.dev workspace
// (vscode-vfs:) whose team config, the file it extends and its template are served only
// through mldesign/readFile, as the web client reads them with vscode.workspace.fs. The
// worker must report what the CLI reports for the same files, and its quick fixes, fix-all
// and hover must work. Skipped without Debian's Chromium, unless MLDESIGN_REQUIRE_CHROMIUM=1
// (npm run test:e2e sets it).
import fs from 'node:fs';
import path from 'node:path';
import { RequestType, type CodeAction, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_FILE_METHOD, type CoverageParams, type ReadFileParams, type ReadFileResult } from '../../server/src/lsp/protocol';
import { runCli } from '../helpers/cli';
import { TestClient } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/tmp';
import { CHROMIUM, openWorkerPage, type WorkerPage } from '../helpers/worker-page';

const REQUIRED = process.env.MLDESIGN_REQUIRE_CHROMIUM === '1';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && REQUIRED) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
if (!HAVE_CHROMIUM) console.warn(`browser-server.test.ts: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const FIXTURE = path.resolve(__dirname, '../e2e/workspace');
const DOC_NAME = 'fraud-scoring-design.md';
const FOLDER = 'vscode-vfs://github/fraud-team/ml';

/** The e2e workspace's design doc and template, with a team config that extends a file of
 * its own (which makes empty sections errors) and adds a section with the team's template. */
const FILES: Record<string, string> = {
  [DOC_NAME]: fs.readFileSync(path.join(FIXTURE, DOC_NAME), 'utf8'),
  '.mldesign/templates/privacy-review.md': fs.readFileSync(path.join(FIXTURE, '.mldesign/templates/privacy-review.md'), 'utf8'),
  '.mldesign.yaml': `extends: ./standards/base.yaml
sections:
  - id: privacy-review
    title: Privacy review
    level: required
    guidance: How personal data is collected, stored, retained and protected.
    template: .mldesign/templates/privacy-review.md
`,
  'standards/base.yaml': 'extends: recommended\nrules:\n  empty-section: error\n',
};

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3, hint: 4 };
const text = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const summary = (d: Diagnostic) => `${d.range.start.line}:${SEVERITY_NAME[d.severity!]}:${String(d.code)}:${text(d)}`;
const SEVERITY_NAME = Object.fromEntries(Object.entries(SEVERITY).map(([k, v]) => [v, k]));
const isPrivacy = (d: Diagnostic) =>
  d.code === 'missing-section' && (d.data as { sectionId?: string } | undefined)?.sectionId === 'privacy-review';
const ReadFile = new RequestType<ReadFileParams, ReadFileResult, void>(READ_FILE_METHOD);

describe.skipIf(!HAVE_CHROMIUM)('the browser server in a Web Worker (headless Chromium)', () => {
  let dir: string;
  let worker: WorkerPage;
  let client: TestClient;
  const asked: string[] = [];
  const docUri = `${FOLDER}/${DOC_NAME}`;

  beforeAll(async () => {
    dir = tempWorkspace(FILES, 'mldesign-browser-');
    worker = await openWorkerPage();
    client = await Promise.race([TestClient.over(worker.connection, { workspaceFolderUris: [FOLDER] }), worker.failed]);
    // The client's side of mldesign/readFile: the workspace folder's files, nothing else.
    client.connection.onRequest(ReadFile, ({ uri, maxBytes }): ReadFileResult => {
      asked.push(uri);
      if (!uri.startsWith(`${FOLDER}/`)) return { refused: 'outside the workspace' };
      const file = path.join(dir, decodeURIComponent(uri.slice(FOLDER.length + 1)));
      if (!fs.existsSync(file)) return { missing: true };
      if (fs.statSync(file).size > maxBytes) return { refused: 'too large' };
      return { text: fs.readFileSync(file, 'utf8') };
    });
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
    await worker?.close();
  });

  it("reports exactly what the CLI reports for the same files, with the team's config read through the client", async () => {
    await client.open(docUri, FILES[DOC_NAME]!);
    const diagnostics = await client.diagnosticsFor(docUri);
    const cli = runCli(['lint', '--format', 'json', DOC_NAME], dir);
    const findings = (
      JSON.parse(cli.stdout) as { files: { findings: { line: number; severity: string; ruleId: string; message: string }[] }[] }
    ).files[0]!.findings;
    expect(findings.length).toBeGreaterThan(3);
    expect(diagnostics.map(summary).sort()).toEqual(findings.map((f) => `${f.line - 1}:${f.severity}:${f.ruleId}:${f.message}`).sort());
    // What the config, the file it extends and the template make of it.
    expect(diagnostics.some(isPrivacy)).toBe(true);
    const empty = diagnostics.find((d) => d.code === 'empty-section');
    expect(empty?.severity).toBe(1);
    // Every file came through the request, in the folder's scheme.
    for (const uri of asked) expect(uri.startsWith(`${FOLDER}/`), uri).toBe(true);
    for (const f of ['.mldesign.yaml', 'standards/base.yaml', '.mldesign/templates/privacy-review.md'])
      expect(asked).toContain(`${FOLDER}/${f}`);
    const coverage = await client.until(
      () => client.notifications.map((n) => n.params as CoverageParams).find((p) => p.uri === docUri),
      'coverage',
    );
    expect(coverage.config).toEqual({ file: '/fraud-team/ml/.mldesign.yaml', uri: `${FOLDER}/.mldesign.yaml`, problems: 0 });
    expect(worker.errors).toEqual([]);
  });

  it('hovers a recognised heading', async () => {
    const line = FILES[DOC_NAME]!.split('\n').indexOf('## Goals');
    const hover = await client.connection.sendRequest<Hover>('textDocument/hover', {
      textDocument: { uri: docUri },
      position: { line, character: 4 },
    });
    expect((hover.contents as MarkupContent).value).toMatch(/^\*\*Business requirements\*\* · required section/);
  });

  it("inserts the team's template with the quick fix, then completes the doc with fix-all", async () => {
    const privacy = (await client.diagnosticsFor(docUri)).find(isPrivacy)!;
    const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: privacy.range,
      context: { diagnostics: [privacy] },
    });
    const add = actions.find((a) => a.title === "Add section 'Privacy review'");
    expect(add, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
    await client.apply(add!.edit!);
    expect(client.text(docUri)).toContain('## Privacy review\n\n**Personal data.** Which personal data the system uses');
    const afterFix = await client.diagnosticsFor(docUri);
    expect(afterFix.some(isPrivacy)).toBe(false);
    expect(afterFix.some((d) => d.code === 'missing-section')).toBe(true);

    const [fixAll] = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: docUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.mldesign'] },
    });
    expect(fixAll?.kind).toBe('source.fixAll.mldesign');
    await client.apply(fixAll!.edit!);
    const done = await client.diagnosticsFor(docUri);
    expect(done.filter((d) => d.code === 'missing-section' || d.code === 'empty-section')).toEqual([]);
    for (const h of ['## Deployment', '## Model updates', '**Production metrics.**']) expect(client.text(docUri)).toContain(h);
    expect(worker.errors).toEqual([]);
  });
});
