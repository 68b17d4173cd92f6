// The template-version finding in the editor: on the front matter line, its quick fix a
// workspace edit that inserts the sections added since, preferred; for one section the same
// action as missing-section's, offered once for both diagnostics.
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { codeActions } from '../../../server/src/lsp/features/code-actions';
import { keepsAllLines } from '../../helpers/fixtures';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const URI = 'file:///ws/docs/churn-design.md';
const CONFIG = [
  'extends: recommended',
  "templateVersion: '3'",
  'sections:',
  '  - id: fairness',
  "    since: '3'",
  '  - id: interpretability',
  "    since: '2'",
  '',
].join('\n');
const doc = (version: string, extra = '') =>
  `---\ntemplate-version: '${version}'\n---\n\n# Churn\n\n## Goals\n\nCut churn by 2 %.\n\n## Monitoring\n\nDrift alerts.\n${extra}`;

async function actionsOnLine(text: string, line: number) {
  const ws = new MemoryWorkspace({ '/ws/.mldesign.yaml': CONFIG });
  await ws.analysed(URI, text);
  const diags = ws.latest(URI)!.diagnostics;
  const range = { start: { line, character: 0 }, end: { line, character: 0 } };
  return {
    diags,
    actions: await codeActions(ws.service, { textDocument: { uri: URI }, range, context: { diagnostics: diags } }, { snippets: false }),
  };
}

describe('template-version in the editor', () => {
  it('reports on the template-version line; its preferred fix inserts every section added since', async () => {
    const text = doc('1');
    const { diags, actions } = await actionsOnLine(text, 1);
    const finding = diags.find((d) => d.code === 'template-version')!;
    expect(finding.range.start.line).toBe(1);
    expect(finding.message).toBe("Written from template 1; template 2 added 'Interpretability'; template 3 added 'Fairness'");
    const fix = actions.find((a) => a.title === 'Add the 2 sections added since template 1')!;
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics).toEqual([finding]);
    const change = fix.edit!.documentChanges![0] as { textDocument: { uri: string }; edits: TextEdit[] };
    expect(change.textDocument.uri).toBe(URI);
    const edits = change.edits;
    const after = TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), edits);
    expect(keepsAllLines(text, after)).toBe(true);
    expect(after).toMatch(/\n## Fairness\n[\s\S]*\n## Interpretability\n/);
  });

  it('one section lacking: one action for both findings that add it', async () => {
    const { diags, actions } = await actionsOnLine(doc('2', '\n## Interpretability\n\nSHAP values per score.\n'), 1);
    const both = actions.filter((a) => a.title === "Add section 'Fairness'");
    expect(both).toHaveLength(1);
    expect(both[0]!.diagnostics!.map((d) => d.code).sort()).toEqual(['missing-section', 'template-version']);
    expect(diags.filter((d) => d.code === 'template-version')).toHaveLength(1);
  });
});
