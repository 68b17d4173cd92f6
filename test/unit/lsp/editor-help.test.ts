// Hover and completion in process, against an in-memory workspace with a team config.
import type { CompletionItem, Hover } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { completion } from '../../../server/src/lsp/features/completion';
import { hover } from '../../../server/src/lsp/features/hover';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const URI = 'file:///ws/docs/churn-design.md';
const DOC = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Serving\n\nNightly batch.\n\n## Monitoring\n\nTODO\n';
const TEAM = {
  '/ws/.mldesign.yaml': `extends: recommended
sections:
  - id: privacy-review
    title: Privacy review
    level: required
    guidance: How personal data is collected, stored and protected.
    template: .mldesign/templates/privacy-review.md
`,
  '/ws/.mldesign/templates/privacy-review.md': '**Personal data.** ${1:Which fields.}\n\n**Access.** ${2:Who can read it.}\n',
};

const hoverAt = (ws: MemoryWorkspace, line: number, markdown = true) =>
  hover(ws.service, { textDocument: { uri: URI }, position: { line, character: 4 } }, { markdown });
const complete = (ws: MemoryWorkspace, line: number, character: number, snippets = true) =>
  completion(ws.service, { textDocument: { uri: URI }, position: { line, character } }, { snippets });

describe('hover', () => {
  it('explains the section a recognised heading stands for, over the heading', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC);
    const h = (await hoverAt(ws, 6)) as Hover;
    expect(h.range).toEqual({ start: { line: 6, character: 0 }, end: { line: 6, character: 10 } });
    const value = (h.contents as { kind: string; value: string }).value;
    expect(h.contents).toMatchObject({ kind: 'markdown' });
    expect(value).toMatch(/^\*\*Deployment\*\* · required section · \d of \d topics$/m);
    // Each topic, addressed with the line of its evidence, or not with its question.
    expect(value).toContain('- ✓ Serving mode _(required)_: line 7');
    expect(value).toContain('- ✗ Latency as percentiles: What are the latency targets, as percentiles \\(p50, p99\\)?');
    const monitoring = (await hoverAt(ws, 10)) as Hover;
    expect((monitoring.contents as { value: string }).value).toMatch(/^\*\*Monitoring\*\* · required section · _no content yet_/);
  });

  it('gives plain text, without Markdown escapes, to a client that wants it', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC);
    const h = (await hoverAt(ws, 6, false)) as Hover;
    expect(h.contents).toMatchObject({ kind: 'plaintext' });
    expect((h.contents as { value: string }).value).toContain('What are the latency targets, as percentiles (p50, p99)?');
  });

  it('answers null on prose, on a document that is not a design doc, and on one that is not open', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC);
    expect(await hoverAt(ws, 8)).toBeNull();
    const readme = 'file:///ws/README.md';
    ws.open(readme, '# Tool\n\n## Requirements\n\nNode.\n\n## Deployment\n\nnpm.\n\n## Monitoring\n\nNone.\n');
    expect(await hover(ws.service, { textDocument: { uri: readme }, position: { line: 6, character: 4 } }, { markdown: true })).toBeNull();
    expect(
      await hover(ws.service, { textDocument: { uri: 'file:///ws/gone.md' }, position: { line: 0, character: 0 } }, { markdown: true }),
    ).toBeNull();
  });
});

describe('completion', () => {
  it('offers the missing sections where a heading is typed, replacing what was typed', async () => {
    const ws = new MemoryWorkspace();
    const text = DOC + '\n## Mo';
    await ws.analysed(URI, text);
    const line = text.split('\n').length - 1;
    const items = await complete(ws, line, 5);
    expect(items.map((i) => i.label)).toEqual([
      'Why ML',
      'Interface',
      'Data stack',
      'Model development',
      'Model updates',
      'Fairness',
      'Interpretability',
    ]);
    const updates = items.find((i) => i.label === 'Model updates')!;
    expect(updates).toMatchObject({ kind: 15, insertTextFormat: 2, detail: expect.stringMatching(/^mldesign: missing/) });
    expect(updates.textEdit).toMatchObject({ range: { start: { line, character: 3 }, end: { line, character: 5 } } });
    expect((updates.textEdit as { newText: string }).newText).toMatch(/^Model updates\n\n\*\*When\.\*\* \$\{1\|/);
    // Without snippet support: plain text.
    const plain = (await complete(ws, line, 5, false)).find((i) => i.label === 'Model updates')!;
    expect(plain.insertTextFormat).toBe(1);
    expect((plain.textEdit as { newText: string }).newText).toMatch(/^Model updates\n\n\*\*When\.\*\* Scheduled retraining/);
    expect(await complete(ws, 4, 3)).toEqual([]);
  });

  it("offers the team's templates as snippets", async () => {
    const ws = new MemoryWorkspace(TEAM);
    const text = DOC + '\nmld-pri';
    await ws.analysed(URI, text);
    const line = text.split('\n').length - 1;
    const items: CompletionItem[] = await complete(ws, line, 7);
    expect(items.map((i) => i.label)).toEqual(['mld-privacy-review']);
    expect(items[0]!.textEdit).toEqual({
      range: { start: { line, character: 0 }, end: { line, character: 7 } },
      newText: '## Privacy review\n\n**Personal data.** ${1:Which fields.}\n\n**Access.** ${2:Who can read it.}',
    });
  });

  it("offers the pieces of a section's template on an empty line inside it", async () => {
    const ws = new MemoryWorkspace();
    const text = DOC.replace('## Monitoring\n\nTODO\n', '## Monitoring\n\n**Drift.** PSI on the top features.\n\n\n');
    await ws.analysed(URI, text);
    const items = await complete(ws, text.split('\n').length - 2, 0);
    expect(items.map((i) => i.label)).toEqual(['Production metrics', 'Alerts and dashboards', 'Feedback']);
    expect(items[0]!.detail).toBe('mldesign: part of the Monitoring template');
  });
});
