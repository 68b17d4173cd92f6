// The server under stress and fault: bursts of edits never leave stale diagnostics, a
// failing request fails alone, and bad documents get an answer instead of a crash.
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/lsp-client';

let client: TestClient | undefined;
let fresh: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  await fresh?.stop();
  client = fresh = undefined;
});

const URI = 'file:///work/ws/burst-design.md';
const key = (d: Diagnostic) =>
  `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.code} ${d.message as string}`;

describe('language server robustness', () => {
  it('ends a burst of 1,000 edits with the diagnostics of a fresh lint, for the last version', async () => {
    client = await TestClient.start({ settings: { debounceMs: 0 } });
    await client.open(URI, '# Burst design\n\n## Goals\n\nTODO\n');
    await client.diagnosticsFor(URI);
    // 1,000 edits sent without waiting, as fast typing and paste-storms do.
    const pending: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) {
      const text = client.text(URI);
      const end = client.docs.get(URI)!.positionAt(text.length);
      const insert = i % 97 === 0 ? '\n## Monitoring\n\n' : i % 89 === 0 ? '\n## Data\n\nTODO ' : 'ab c'[i % 4]!;
      pending.push(client.edit(URI, { start: end, end }, insert));
    }
    await Promise.all(pending);
    const final = await client.diagnosticsFor(URI);
    expect(client.diagnostics.get(URI)!.version).toBe(1001);
    fresh = await TestClient.start();
    await fresh.open(URI, client.text(URI));
    expect(final.map(key).sort()).toEqual((await fresh.diagnosticsFor(URI)).map(key).sort());
  }, 60_000);

  it('answers a failing request with an error for that request alone, and keeps serving', async () => {
    client = await TestClient.start();
    await client.open(URI, '# Burst design\n\n## Goals\n\nUp 2 %.\n');
    await client.diagnosticsFor(URI);
    // A malformed request (no context): the handler throws inside.
    const failed = await client.connection
      .sendRequest('textDocument/codeAction', {
        textDocument: { uri: URI },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      })
      .catch((e: Error) => e);
    expect(failed).toBeInstanceOf(Error);
    expect(String((failed as Error).message)).toMatch(/mldesign: codeAction failed/);
    const hover = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 2, character: 3 },
    });
    expect(hover).toMatchObject({ contents: { kind: 'markdown' } });
    expect(client.child.exitCode).toBeNull();
  });

  it('gives a binary or huge document one information diagnostic, and stays up', async () => {
    client = await TestClient.start({ settings: { maxDocumentSize: 1000 } });
    const bin = 'file:///work/ws/blob-design.md';
    await client.open(bin, 'PNG\u0000\u0000IHDR\u0000');
    expect((await client.diagnosticsFor(bin)).map((d) => [d.code, d.severity, d.message])).toEqual([
      ['skipped-content', 3, 'Not checked: the document holds binary content (NUL characters)'],
    ]);
    const huge = 'file:///work/ws/huge-design.md';
    await client.open(huge, '# T\n\n' + 'x'.repeat(2000));
    expect((await client.diagnosticsFor(huge))[0]!.message).toMatch(/larger than the size limit/);
    const deep = 'file:///work/ws/deep-design.md';
    await client.open(deep, '# T\n\n' + '> '.repeat(50_000).slice(0, 900) + 'x\n');
    expect((await client.diagnosticsFor(deep)).map((d) => d.code)).toContain('skipped-content');
  });
});
