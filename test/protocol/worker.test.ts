// The analysis worker of the Node server, over real stdio: a document micromark takes
// minutes on is analysed off the main loop, so another document's hover keeps answering,
// and it gets the skipped-content finding once the deadline passes. Behaviour and order are
// asserted, never durations: the deadline is made short through initializationOptions.
import { afterEach, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TestClient } from '../helpers/lsp-client';
import { FIXED, hoverOn, hoversBeforeSlow, SMALL, SLOW } from '../helpers/slow-docs';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** A design doc past the worker threshold (64,000 characters) that parses at once. */
const LARGE = SMALL + '\n## Appendix\n\n' + 'Weekly precision on the top 200 accounts, read by the on-call.\n\n'.repeat(1_200);
const DEADLINE_MS = 3_000;

describe('the analysis worker', () => {
  it('keeps hover on a small doc answering while a slow doc is analysed, then skips the slow doc at the deadline', async () => {
    client = await TestClient.start({ initializationOptions: { analysisDeadlineMs: DEADLINE_MS } });
    const small = 'file:///work/ws/docs/small-design.md';
    const slow = 'file:///work/ws/docs/slow-design.md';
    await client.open(small, SMALL);
    await client.diagnosticsFor(small);
    await client.open(slow, SLOW);
    await hoversBeforeSlow(client, small, slow);
    const skipped = await client.until(() => client!.diagnostics.get(slow), 'the slow doc skipped', 60_000);
    expect(skipped.version).toBe(1);
    expect(skipped.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['skipped-content', `Not checked: analysis took over ${DEADLINE_MS / 1000} s`],
    ]);
    // Requests on that version answer from the skipped analysis, without trying it again.
    expect(await hoverOn(client, slow, 0)).toBeNull();
    // The next version is tried again, in a fresh worker: fixed, it is checked.
    expect(FIXED.length).toBeGreaterThan(16_000);
    await client.replace(slow, FIXED);
    const fixed = await client.diagnosticsFor(slow);
    expect(fixed.map((d) => d.code)).not.toContain('skipped-content');
    expect(fixed.map((d) => d.code)).toContain('missing-section');
    expect(client.child.exitCode).toBeNull();
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
  });

  it('answers hover, completion and code actions on a large doc from the worker, for its current version', async () => {
    client = await TestClient.start({ snippetEdits: true });
    const large = 'file:///work/ws/docs/large-design.md';
    await client.open(large, LARGE);
    // Asked before any diagnostics: the answer waits for the analysis of version 1.
    const fixAll = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: large },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(fixAll.map((a) => a.kind)).toEqual(['source.fixAll.mldesign']);
    expect(fixAll[0]!.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: large, version: 1 } });
    const diagnostics = await client.diagnosticsFor(large);
    expect(diagnostics.map((d) => d.code)).toContain('missing-section');
    expect(await hoverOn(client, large, 2)).toMatchObject({ contents: { kind: 'markdown' } });
    // Edited: the quick fixes of the new version's diagnostics.
    await client.edit(large, { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, 'Attrition');
    const next = await client.diagnosticsFor(large);
    const missing = next.find((d) => d.code === 'missing-section')!;
    const fixes = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: large },
      range: missing.range,
      context: { diagnostics: [missing] },
    });
    expect(fixes[0]).toMatchObject({ kind: 'quickfix', isPreferred: true });
    expect(fixes[0]!.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: large, version: 2 } });
    const items = await client.connection.sendRequest<unknown[]>('textDocument/completion', {
      textDocument: { uri: large },
      position: { line: 3, character: 0 },
    });
    expect(Array.isArray(items)).toBe(true);
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
  });
});
