// Diagnostics in process: when documents are linted and what is published, against an
// in-memory workspace and a scheduler the test turns by hand.
import { describe, expect, it } from 'vitest';
import { hover } from '../../../server/src/lsp/features/hover';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const DOC = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Monitoring\n\nTODO\n';
const uri = (i: number | string) => `file:///ws/docs/doc-${i}-design.md`;
const codes = (ws: MemoryWorkspace, u: string) => ws.latest(u)!.diagnostics.map((d) => d.code);

describe('diagnostics', () => {
  it('publishes the current version once a burst of edits is over, never an older one', async () => {
    const ws = new MemoryWorkspace();
    const u = ws.open(uri(1), DOC);
    // Edited before its first turn: version 1 is never published.
    await ws.change(u, 2, DOC.replace('TODO', 'Weekly precision.'));
    await ws.change(u, 3, DOC.replace('TODO', 'Weekly precision on the top 200.'));
    await ws.scheduler.settle();
    expect(ws.publishedFor(u).map((p) => p.version)).toEqual([3]);
    expect(codes(ws, u)).not.toContain('empty-section');
    // The debounce: two edits, one lint.
    await ws.change(u, 4, DOC);
    await ws.change(u, 5, DOC + '\nMore.\n');
    await ws.scheduler.settle();
    expect(ws.publishedFor(u).map((p) => p.version)).toEqual([3, 5]);
    expect(ws.coverage.map((c) => c.version)).toEqual([3, 5]);
  });

  it('ignores a change whose version is not newer than the one it holds', async () => {
    const ws = new MemoryWorkspace();
    const u = ws.open(uri(1), DOC, 'markdown', 5);
    expect(await ws.change(u, 3, '# Something else\n')).toBe(false);
    expect(await ws.change(u, 5, '# Something else\n')).toBe(false);
    expect(ws.service.get(u)!.getText()).toBe(DOC);
    await ws.scheduler.settle();
    expect(ws.publishedFor(u).map((p) => p.version)).toEqual([5]);
    expect(
      await ws.change(u, 6, [{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 7 } }, text: 'Attrition' }]),
    ).toBe(true);
    expect(ws.service.get(u)!.getText()).toMatch(/^# Attrition model design/);
    // A change to a document that is not open is dropped too.
    expect(await ws.change(uri('closed'), 2, DOC)).toBe(false);
  });

  it('takes a burst of opens in before analysing any, and answers a request before the backlog', async () => {
    const ws = new MemoryWorkspace();
    for (let i = 0; i < 100; i++) ws.open(uri(i), DOC);
    // Nothing was analysed as the documents came in...
    expect(ws.published).toEqual([]);
    // ...so a hover right after the burst is answered before any of the 100 lints.
    const answer = await hover(ws.service, { textDocument: { uri: uri(99) }, position: { line: 2, character: 3 } }, { markdown: true });
    expect(answer).toMatchObject({ contents: { kind: 'markdown' } });
    expect(ws.published).toEqual([]);
    await ws.scheduler.settle();
    expect(new Set(ws.published.map((p) => p.uri)).size).toBe(100);
    expect(ws.published).toHaveLength(100);
  });

  it('lints one document per turn, and none in a turn after a document notification came in', async () => {
    const ws = new MemoryWorkspace();
    ws.open(uri(1), DOC);
    ws.open(uri(2), DOC);
    await ws.scheduler.turn();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1)]);
    // Another document comes in before the next turn: that turn only takes note.
    ws.open(uri(3), DOC);
    await ws.scheduler.turn();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1)]);
    await ws.scheduler.turn();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1), uri(2)]);
    await ws.scheduler.turn();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1), uri(2), uri(3)]);
    expect(ws.scheduler.waitingTurns).toBe(0);
  });

  it('lints an edited document before documents that were only opened', async () => {
    const ws = new MemoryWorkspace();
    const edited = ws.open(uri('edited'), DOC);
    await ws.scheduler.settle();
    for (let i = 0; i < 5; i++) ws.open(uri(i), DOC);
    await ws.change(edited, 2, DOC + '\nMore.\n');
    // Typing stopped before the opened documents had their turn.
    ws.scheduler.fireTimers();
    await ws.scheduler.settle();
    expect(ws.published.map((p) => p.uri)).toEqual([edited, edited, uri(0), uri(1), uri(2), uri(3), uri(4)]);
  });

  it('waits for settings without holding up documents whose settings are in', async () => {
    const ws = new MemoryWorkspace();
    const slow = uri('slow');
    // Settings of one document are slow to come (a client busy elsewhere).
    ws.holdSettings(slow);
    ws.open(slow, DOC);
    ws.open(uri(1), DOC);
    await ws.scheduler.settle();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1)]);
    ws.releaseSettings(slow);
    await ws.scheduler.settle();
    expect(ws.published.map((p) => p.uri)).toEqual([uri(1), slow]);
  });

  it('clears a closed document, and a document mldesign was turned off for', async () => {
    const ws = new MemoryWorkspace({}, { settings: {} });
    const a = ws.open(uri('a'), DOC);
    const b = ws.open(uri('b'), DOC);
    await ws.scheduler.settle();
    ws.close(a);
    expect(ws.latest(a)).toEqual({ uri: a, diagnostics: [] });
    ws.settings = { enable: false };
    ws.settingsChanged();
    await ws.scheduler.settle();
    expect(ws.latest(b)).toEqual({ uri: b, version: 1, diagnostics: [] });
    ws.settings = { enable: true };
    ws.settingsChanged();
    await ws.scheduler.settle();
    expect(codes(ws, b)).toContain('empty-section');
    // Settings are asked once per document until they change.
    expect(ws.settingsAsked).toBe(2 + 1 + 1);
  });

  it('checks only on save when run is onSave', async () => {
    const ws = new MemoryWorkspace({}, { settings: { run: 'onSave' } });
    const u = ws.open(uri(1), DOC);
    await ws.scheduler.settle();
    await ws.change(u, 2, DOC.replace('TODO', 'Weekly precision.'));
    await ws.scheduler.settle();
    expect(ws.publishedFor(u).map((p) => p.version)).toEqual([1]);
    await ws.diagnostics.saved(u);
    await ws.scheduler.settle();
    expect(ws.publishedFor(u).map((p) => p.version)).toEqual([1, 2]);
  });

  it('lints a document whose URI names no local file with the defaults, and keeps serving', async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.yaml': 'extends: strict\n' });
    for (const u of [
      'file://host/share/x-design.md',
      'file:///ws/a%2Fb-design.md',
      'file:///ws/%E0%A4%A-design.md',
      'untitled:Untitled-1',
    ]) {
      ws.open(u, DOC);
      await ws.scheduler.settle();
      // designDocs 'auto' cannot read a name it has no path for, but three sections make a design doc.
      expect(ws.latest(u), u).toMatchObject({ uri: u, version: 1 });
      expect(ws.coverage.at(-1)!.config, u).toEqual({ problems: 0 });
      expect(ws.service.isConfigSource(u)).toBe(false);
    }
    expect(ws.errors).toEqual([]);
  });
});
