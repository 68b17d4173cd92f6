// The browser server's analysis worker: a Web Worker the server starts inside its own, in
// headless Chromium. A document micromark takes minutes on is analysed there, so hover on
// another document keeps answering and the slow one gets skipped-content at the deadline, as
// in the Node server (worker.test.ts). Where the browser refuses the nested worker (here a
// content security policy on the server's script), the server says so once and analyses
// every document itself. Behaviour and order are asserted, never durations. Skipped without
// Debian's Chromium, unless MLDESIGN_REQUIRE_CHROMIUM=1 (npm run test:e2e sets it).
import fs from 'node:fs';
import { RequestType } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { READ_FILE_METHOD, type ReadFileParams, type ReadFileResult } from '../../server/src/lsp/protocol';
import { TestClient } from '../helpers/lsp-client';
import { FIXED, hoverOn, hoversBeforeSlow, SMALL, SLOW } from '../helpers/slow-docs';
import { CHROMIUM, openWorkerPage, type WorkerPage } from '../helpers/worker-page';

const REQUIRED = process.env.MLDESIGN_REQUIRE_CHROMIUM === '1';
const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM && REQUIRED) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
if (!HAVE_CHROMIUM) console.warn(`browser-worker.test.ts: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const FOLDER = 'vscode-vfs://github/churn-team/ml';
const DEADLINE_MS = 3_000;
const ReadFile = new RequestType<ReadFileParams, ReadFileResult, void>(READ_FILE_METHOD);

let page: WorkerPage | undefined;
let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  await page?.close();
  client = page = undefined;
});

/** The browser server in a page, with no team config (every file is missing). */
async function start(scriptHeaders?: Record<string, string>): Promise<TestClient> {
  page = await openWorkerPage(undefined, { scriptHeaders });
  const c = await Promise.race([
    TestClient.over(page.connection, { workspaceFolderUris: [FOLDER], initializationOptions: { analysisDeadlineMs: DEADLINE_MS } }),
    page.failed,
  ]);
  c.connection.onRequest(ReadFile, (): ReadFileResult => ({ missing: true }));
  return c;
}

const workerLogs = (c: TestClient) => c.logs.filter((l) => l.message.includes('analysis worker'));

describe.skipIf(!HAVE_CHROMIUM)("the browser server's analysis worker (headless Chromium)", () => {
  it('keeps hover on a small doc answering while a slow doc is analysed, then skips the slow doc at the deadline', async () => {
    client = await start();
    const small = `${FOLDER}/small-design.md`;
    const slow = `${FOLDER}/slow-design.md`;
    await client.open(small, SMALL);
    await client.diagnosticsFor(small);
    await client.open(slow, SLOW);
    await hoversBeforeSlow(client, small, slow);
    const skipped = await client.until(() => client!.diagnostics.get(slow), 'the slow doc skipped', 60_000);
    expect(skipped.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['skipped-content', `Not checked: analysis took over ${DEADLINE_MS / 1000} s`],
    ]);
    // The next version goes to a fresh worker: fixed, it is checked.
    expect(FIXED.length).toBeGreaterThan(16_000);
    await client.replace(slow, FIXED);
    const fixed = await client.diagnosticsFor(slow);
    expect(fixed.map((d) => d.code)).not.toContain('skipped-content');
    expect(fixed.map((d) => d.code)).toContain('missing-section');
    expect(workerLogs(client)).toEqual([]);
    expect(page!.errors).toEqual([]);
  });

  it('analyses every document itself, after saying so once, where the browser refuses the nested worker', async () => {
    // A worker's content security policy comes with its script: this one allows no worker.
    client = await start({ 'content-security-policy': "worker-src 'none'" });
    const large = `${FOLDER}/large-design.md`;
    await client.open(large, FIXED);
    const diagnostics = await client.diagnosticsFor(large);
    expect(diagnostics.map((d) => d.code)).toContain('missing-section');
    expect(diagnostics.map((d) => d.code)).not.toContain('skipped-content');
    // Requests are answered here too, and a second large doc does not try the worker again.
    expect(await hoverOn(client, large, 2)).toMatchObject({ contents: { kind: 'markdown' } });
    const other = `${FOLDER}/other-design.md`;
    await client.open(other, FIXED.replace('Churn', 'Attrition'));
    expect((await client.diagnosticsFor(other)).map((d) => d.code)).toContain('missing-section');
    const logs = workerLogs(client);
    expect(logs).toHaveLength(1);
    expect(logs[0]!.type).toBe(2); // a warning
    // Chromium reports the refusal as the worker's error event, with no message.
    expect(logs[0]!.message).toBe(
      "The analysis worker is unavailable, it ended before it was ready (it failed to load): large documents are analysed on the server's own thread, with no deadline.",
    );
    expect(page!.errors).toEqual([]);
  });
});
