// The server process under input that used to end it (exit 1), requests it used to answer
// wrongly, and a burst that used to hold a hover back 30 s. Over real stdio, against the
// built server: what is checked here is that the process survives and answers.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/tmp';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const DOC = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Data\n\nSnapshots.\n\n## Monitoring\n\nTODO\n';
const hoverOn = (c: TestClient, uri: string, line: number) =>
  c.connection.sendRequest<unknown>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
const failure = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e as ResponseError<unknown>);

describe('the server survives', () => {
  it('didOpen of URIs that name no local file (a host, an encoded /, a broken escape): linted with the defaults', async () => {
    client = await TestClient.start();
    for (const uri of ['file://host/share/x-design.md', 'file:///work/ws/a%2Fb-design.md', 'file:///work/ws/%E0%A4%A-design.md']) {
      await client.open(uri, DOC);
      // Three required sections make it a design doc, whatever its name.
      expect(
        (await client.diagnosticsFor(uri)).map((d) => d.code),
        uri,
      ).toContain('missing-section');
      expect(await hoverOn(client, uri, 2), uri).toMatchObject({ contents: { kind: 'markdown' } });
    }
    expect(client.child.exitCode).toBeNull();
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
  });

  it('a .mldesign.json nested 6,000 deep: a problem on that file, the docs checked with the defaults', async () => {
    const ws = tempWorkspace({ '.mldesign.json': '{}', 'docs/churn-design.md': DOC }, 'mldesign-deep-');
    client = await TestClient.start({ workspaceFolder: ws });
    const config = pathToFileURL(path.join(ws, '.mldesign.json')).toString();
    const doc = pathToFileURL(path.join(ws, 'docs/churn-design.md')).toString();
    await client.open(config, '['.repeat(6000), 'json');
    await client.open(doc, DOC);
    expect((await client.diagnosticsFor(doc)).map((d) => d.code)).toContain('missing-section');
    const problems = await client.until(() => client!.latest(config), 'config diagnostics');
    expect(problems.map((p) => p.message)).toEqual([expect.stringMatching(/^this config could not be loaded \(.*call stack/)]);
    // Typing on in the config: still up.
    await client.replace(config, '['.repeat(7000) + ']');
    expect(await hoverOn(client, doc, 2)).toMatchObject({ contents: { kind: 'markdown' } });
    expect(client.child.exitCode).toBeNull();
  });
});

describe('the protocol, kept', () => {
  it('answers requests before initialize with ServerNotInitialized, and drops notifications', async () => {
    client = await TestClient.start({ initialize: false });
    const uri = 'file:///work/ws/early-design.md';
    // Dropped: sent before initialize.
    await client.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'markdown', version: 1, text: DOC },
    });
    const hover = await failure(hoverOn(client, uri, 2));
    expect(hover).toBeInstanceOf(ResponseError);
    expect(hover!.code).toBe(-32002);
    const other = await failure(
      client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } }),
    );
    expect(other!.code).toBe(-32002);
    await client.initialize();
    // The document sent too early was never taken in.
    expect(await hoverOn(client, uri, 2)).toBeNull();
    // After initialize, a request the server has no handler for is MethodNotFound, as before.
    const unknown = await failure(
      client.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 0, character: 0 } }),
    );
    expect(unknown!.code).toBe(-32601);
    await client.open(uri, DOC);
    expect((await client.diagnosticsFor(uri)).length).toBeGreaterThan(0);
    expect(client.published.map((p) => p.uri)).toEqual([uri]);
  });

  it('ignores a didChange whose version is lower than the one it holds', async () => {
    client = await TestClient.start({ settings: { debounceMs: 0 } });
    const uri = 'file:///work/ws/versions-design.md';
    await client.open(uri, DOC);
    await client.diagnosticsFor(uri);
    const change = (version: number, text: string) =>
      client!.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    const fixed = DOC.replace('TODO', 'Weekly precision on the top 200 accounts.');
    await change(5, fixed);
    await client.until(() => client!.diagnostics.get(uri)?.version === 5, 'version 5 published');
    // A late change with an older version (and the old text back).
    await change(3, DOC);
    // Answered after the change was read: the quick fixes are still for version 5's text.
    const diags = client.diagnostics.get(uri)!.diagnostics;
    const actions = await client.connection.sendRequest<{ edit?: { documentChanges: { textDocument: { version: number } }[] } }[]>(
      'textDocument/codeAction',
      { textDocument: { uri }, range: diags[0]!.range, context: { diagnostics: diags } },
    );
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions.map((a) => a.edit!.documentChanges[0]!.textDocument.version))).toEqual(new Set([5]));
    // The empty Monitoring section stays fixed: nothing was published for version 3.
    await change(6, fixed + '\nMore.\n');
    await client.until(() => client!.diagnostics.get(uri)?.version === 6, 'version 6 published');
    expect(client.published.filter((p) => p.uri === uri).map((p) => p.version)).toEqual([1, 5, 6]);
  });

  it('answers a hover that follows a burst of 2,000 didOpen before the burst is linted, then lints it all', async () => {
    client = await TestClient.start();
    const uris = Array.from({ length: 2000 }, (_, i) => `file:///work/ws/burst/doc-${i}-design.md`);
    const text = (i: number) => `# Doc ${i} design\n\n## Goals\n\nCut churn by ${i} %.\n`;
    client.burst(
      uris.map((uri, i) => ({
        method: 'textDocument/didOpen',
        params: { textDocument: { uri, languageId: 'markdown', version: 1, text: text(i) } },
      })),
    );
    // How many documents had diagnostics when the hover's answer came (messages arrive in order).
    const linted = () => new Set(client!.published.map((p) => p.uri)).size;
    let lintedAtHover = -1;
    const hover = await hoverOn(client, uris.at(-1)!, 2).then((h) => ((lintedAtHover = linted()), h));
    expect(hover).toMatchObject({ contents: { kind: 'markdown' } });
    expect(lintedAtHover).toBeLessThan(uris.length / 2);
    await client.until(() => linted() === uris.length, 'every document of the burst linted', 120_000);
    expect(client.child.exitCode).toBeNull();
  }, 180_000);
});
