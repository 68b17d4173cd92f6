// Code actions in process: deduplicated, ordered so the fix for what is under the cursor
// comes first, and found again from a diagnostic of an older version.
import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { codeActions } from '../../../server/src/lsp/features/code-actions';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const URI = 'file:///ws/payments-design.md';
const DOC = '# Payments fraud\n\n## Goals\n\nCut fraud losses by 20 %.\n\n## Monitoring\n\nTODO\n';
const at = (line: number, character = 0): Range => ({ start: { line, character }, end: { line, character } });

async function actions(ws: MemoryWorkspace, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  return codeActions(
    ws.service,
    { textDocument: { uri: URI }, range, context: { diagnostics, ...(only ? { only } : {}) } },
    { snippets: false },
  );
}

async function opened(text = DOC) {
  const ws = new MemoryWorkspace();
  await ws.analysed(URI, text);
  return { ws, diags: ws.latest(URI)!.diagnostics };
}

describe('code actions', () => {
  it('on the title of a short doc: each fix once, resolving fixes first, fix-all, alternatives, one disable', async () => {
    const { ws, diags } = await opened();
    const onTitle = diags.filter((d) => d.range.start.line === 0);
    expect(onTitle).toHaveLength(8);
    const got = await actions(ws, at(0, 3), onTitle);
    const sections = [
      'Data stack',
      'Deployment',
      'Model updates',
      'Why ML',
      'Interface',
      'Model development',
      'Fairness',
      'Interpretability',
    ];
    expect(got.map((a) => a.title)).toEqual([
      ...sections.map((s) => `Add section '${s}'`),
      'Fix all 4 mldesign findings',
      ...sections.map((s) => `Mark '${s}' not applicable`),
      'Disable missing-section for this file',
    ]);
    // The one disable action stands for every finding it silences.
    expect(got.at(-1)!.diagnostics).toEqual(onTitle);
    expect(got.filter((a) => a.isPreferred).map((a) => a.title)).toEqual(sections.map((s) => `Add section '${s}'`));
    expect(new Set(got.map((a) => a.kind))).toEqual(new Set(['quickfix']));
  });

  it('puts the fixes of the finding under the cursor before those of others the client sent', async () => {
    const { ws, diags } = await opened();
    const empty = diags.find((d) => d.code === 'empty-section')!;
    const missing = diags.find((d) => d.code === 'missing-section')!;
    // A client that sends every diagnostic of the document (some do), cursor on Monitoring.
    const got = (await actions(ws, at(6, 4), [missing, empty])).map((a) => a.title);
    expect(got).toEqual([
      "Fill 'Monitoring' with the Monitoring template",
      "Add section 'Data stack'",
      'Fix all 4 mldesign findings',
      "Mark 'Monitoring' not applicable",
      "Mark 'Data stack' not applicable",
      'Disable empty-section for this file',
      'Disable missing-section for this file',
    ]);
    // Cursor on the title instead: the title's finding leads.
    expect((await actions(ws, at(0), [missing, empty])).map((a) => a.title).slice(0, 2)).toEqual([
      "Add section 'Data stack'",
      "Fill 'Monitoring' with the Monitoring template",
    ]);
  });

  it('finds the finding of a diagnostic from an older version by rule, line and section', async () => {
    const { ws, diags } = await opened();
    const old = diags.find((d) => d.code === 'missing-section' && (d.data as { sectionId: string }).sectionId === 'deployment')!;
    // Version 2 adds a Data stack section: every finding after it moves in the list.
    await ws.change(URI, 2, DOC.replace('## Monitoring', '## Data stack\n\nNightly snapshots in S3.\n\n## Monitoring'));
    await ws.scheduler.settle();
    const now = ws.latest(URI)!;
    expect(now.version).toBe(2);
    expect((old.data as { version: number }).version).toBe(1);
    const titles = (await actions(ws, at(0), [old])).map((a) => a.title);
    expect(titles[0]).toBe("Add section 'Deployment'");
    // Its index now names another finding of the same rule: the index is not trusted across versions.
    const current = now.diagnostics.find((d) => (d.data as { index: number }).index === (old.data as { index: number }).index)!;
    expect((current.data as { sectionId: string }).sectionId).not.toBe('deployment');
    // The edits are for the current version.
    const got = await actions(ws, at(0), [old]);
    expect((got[0]!.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version).toBe(2);
    // A diagnostic whose finding is gone (section added) gets nothing.
    const dataStack = diags.find((d) => (d.data as { sectionId: string }).sectionId === 'data-stack')!;
    expect(await actions(ws, at(0), [dataStack])).toEqual([]);
  });

  it('offers fix-all once: as a quick fix beside the others, or alone as source.fixAll.mldesign in plain text', async () => {
    const { ws, diags } = await opened();
    const quick = await actions(ws, at(0), diags);
    expect(quick.filter((a) => a.title.startsWith('Fix all'))).toHaveLength(1);
    const onSave = await actions(ws, at(0), [], ['source.fixAll.mldesign']);
    expect(onSave.map((a) => [a.kind, a.title])).toEqual([['source.fixAll.mldesign', 'Fix all 4 mldesign findings']]);
    // Both kinds asked at once: still one fix-all.
    const both = await actions(ws, at(0), diags, ['quickfix', 'source.fixAll']);
    expect(both.filter((a) => a.title.startsWith('Fix all')).map((a) => a.kind)).toEqual(['source.fixAll.mldesign']);
    expect(await actions(ws, at(0), diags, ['refactor'])).toEqual([]);
  });

  it('answers nothing for diagnostics of other tools, or a document that is not open', async () => {
    const { ws, diags } = await opened();
    const foreign = { ...diags[0]!, source: 'markdownlint' };
    expect(await actions(ws, at(0), [foreign])).toEqual([]);
    ws.close(URI);
    expect(await actions(ws, at(0), diags)).toEqual([]);
  });
});
