// Teaching the team config from the editor, in process (issue 18, item 4): the quick fixes
// on a heading, their edit applied to the config (as an open buffer's change, or on disk
// with the watcher's notice), and the document checked again without the finding.
import type { CodeAction, CodeActionParams, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { applyInsertions, type Insertion } from '../../../server/src/core';
import { teachActions, teachOfferAt } from '../../../server/src/lsp/features/teach';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const URI = 'file:///ws/docs/payments-design.md';
const CONFIG = '/ws/.mldesign.yaml';
const DOC = [
  '# Payments fraud scoring',
  '',
  '## Business requirements',
  '',
  'Cut fraud losses by 20 % without blocking more than 0.5 % of good payments.',
  '',
  '## Data stack',
  '',
  'Card transactions from the payments warehouse, labelled by chargebacks after 90 days.',
  '',
  '## Deployment',
  '',
  'A scoring service behind the payments API; p99 latency under 50 ms; canary rollout.',
  '',
  '## 5. Operational readiness',
  '',
  'Dashboards show precision and recall per day; an alert pages the on-call when the score',
  'distribution drifts (PSI above 0.2) or p99 latency passes 80 ms.',
  '',
].join('\n');
const LINE = 14; // '## 5. Operational readiness'
/** The same doc whose only heading with Monitoring's words is about data quality. */
const DQ_DOC = DOC.slice(0, DOC.indexOf('## 5.')) + '## Data quality monitoring\n\nNull rates and schema checks on every nightly batch.\n';
const DQ_LINE = 14;

async function actionsAt(ws: MemoryWorkspace, line: number, createFiles = true): Promise<CodeAction[]> {
  const params: CodeActionParams = {
    textDocument: { uri: URI },
    range: { start: { line, character: 3 }, end: { line, character: 3 } },
    context: { diagnostics: [] },
  };
  return teachActions(ws.service, URI, await teachOfferAt(ws.service, params), { createFiles });
}

const missingMonitoring = (d: Diagnostic) => d.code === 'missing-section' && (d.data as { sectionId?: string }).sectionId === 'monitoring';

/** The config file's text after the action's edit, which must only insert. */
function edited(ws: MemoryWorkspace, action: CodeAction): { path: string; text: string } {
  const changes = action.edit!.documentChanges!;
  const create = changes.find((c): c is CreateFile => 'kind' in c && c.kind === 'create');
  const textEdit = changes.find((c): c is TextDocumentEdit => 'textDocument' in c)!;
  const path = new URL(textEdit.textDocument.uri).pathname;
  if (create) expect(ws.files.has(path), 'created only where there is no file').toBe(false);
  const insertions: Insertion[] = textEdit.edits.map((e) => {
    expect(e.range.start, 'an insertion').toEqual(e.range.end);
    const text = 'newText' in e ? e.newText : '';
    return { at: e.range.start, text, snippet: text };
  });
  return { path, text: applyInsertions(create ? '' : ws.files.get(path)!, insertions) };
}

describe('teaching the team config from the editor', () => {
  it('counts an unmatched heading as a section the doc lacks, best guess first; on disk, the doc re-checks', async () => {
    const config = '# Fraud team\nextends: recommended # the default\n';
    const ws = new MemoryWorkspace({ [CONFIG]: config });
    await ws.analysed(URI, DOC);
    expect(ws.latest(URI)!.diagnostics.some(missingMonitoring)).toBe(true);
    const got = await actionsAt(ws, LINE);
    // Ranked by the topics of each the section addresses: drift, alerts and dashboards are
    // Monitoring's; p99 latency is also Interface's, precision and recall Model development's.
    expect(got.map((a) => a.title)).toEqual([
      "Count 'Operational readiness' as Monitoring",
      "Count 'Operational readiness' as Interface",
      "Count 'Operational readiness' as Model development",
    ]);
    expect(new Set(got.map((a) => a.kind))).toEqual(new Set(['quickfix']));
    // The config is not open: the edit names no version, and the file is saved as the editor would.
    expect((got[0]!.edit!.documentChanges![0] as TextDocumentEdit).textDocument.version).toBeNull();
    const { path, text } = edited(ws, got[0]!);
    expect(path).toBe(CONFIG);
    expect(text).toBe(`${config}sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n`);
    ws.files.set(path, text);
    expect(ws.service.isConfigSource(`file://${path}`)).toBe(true); // what didChangeWatchedFiles asks
    ws.diagnostics.configChanged();
    await ws.scheduler.settle();
    expect(ws.latest(URI)!.diagnostics.some(missingMonitoring)).toBe(false);
    // Now one of the section's names: nothing more to teach about it.
    expect(await actionsAt(ws, LINE)).toEqual([]);
  });

  it('edits an open config buffer at its version, and the change re-checks the doc at once', async () => {
    const config = 'extends: recommended\nsections:\n  - id: monitoring\n    aliases:\n      - Watchtower\n';
    const ws = new MemoryWorkspace({ [CONFIG]: 'extends: minimal\n' });
    ws.open('file:///ws/.mldesign.yaml', config, 'yaml', 4);
    await ws.analysed(URI, DOC);
    expect(ws.latest(URI)!.diagnostics.some(missingMonitoring)).toBe(true);
    const teach = (await actionsAt(ws, LINE)).find((a) => a.title === "Count 'Operational readiness' as Monitoring")!;
    const change = teach.edit!.documentChanges![0] as TextDocumentEdit;
    // The buffer is what is edited, not the file on disk behind it.
    expect(change.textDocument).toEqual({ uri: 'file:///ws/.mldesign.yaml', version: 4 });
    const insertions = change.edits.map((e) => ({ at: e.range.start, text: 'newText' in e ? e.newText : '', snippet: '' }));
    const text = applyInsertions(config, insertions);
    expect(text).toBe(`${config}      - Operational readiness\n`);
    await ws.change('file:///ws/.mldesign.yaml', 5, text);
    await ws.scheduler.settle();
    expect(ws.latest(URI)!.diagnostics.some(missingMonitoring)).toBe(false);
  });

  it('creates .mldesign.yaml at the root, extending recommended, when there is no config', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC);
    const got = await actionsAt(ws, LINE);
    const first = got[0]!;
    expect(first.title).toBe("Count 'Operational readiness' as Monitoring");
    expect(first.edit!.documentChanges![0]).toEqual({ kind: 'create', uri: 'file:///ws/.mldesign.yaml' });
    const { path, text } = edited(ws, first);
    expect(text).toContain('extends: recommended\n');
    ws.files.set(path, text);
    ws.diagnostics.configChanged();
    await ws.scheduler.settle();
    expect(ws.latest(URI)!.diagnostics.some(missingMonitoring)).toBe(false);
    // A client that cannot create files gets no such action.
    const other = new MemoryWorkspace();
    await other.analysed(URI, DOC);
    expect(await actionsAt(other, LINE, false)).toEqual([]);
  });

  it("rules out a false match with notAliases: 'X' is not the Monitoring section", async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.json': '{\n  // ours\n  "extends": "recommended"\n}\n' });
    await ws.analysed(URI, DQ_DOC);
    const aboutMonitoring = (d: Diagnostic) => (d.data as { sectionId?: string }).sectionId === 'monitoring';
    // The heading's words make it the Monitoring section: nothing says Monitoring is missing.
    expect(ws.latest(URI)!.diagnostics.filter(aboutMonitoring)).toEqual([]);
    const got = await actionsAt(ws, DQ_LINE);
    expect(got.map((a) => a.title)).toEqual(["'Data quality monitoring' is not the Monitoring section"]);
    const { path, text } = edited(ws, got[0]!);
    expect(path).toBe('/ws/.mldesign.json');
    expect(text).toBe(
      '{\n  // ours\n  "extends": "recommended",\n  "sections": [{ "id": "monitoring", "notAliases": ["Data quality monitoring"] }]\n}\n',
    );
    ws.files.set(path, text);
    ws.diagnostics.configChanged();
    await ws.scheduler.settle();
    expect(
      ws
        .latest(URI)!
        .diagnostics.filter(aboutMonitoring)
        .map((d) => d.code),
    ).toEqual(['missing-section']);
  });

  it('offers nothing in an untrusted workspace, on the title, off headings, or for a config in node_modules', async () => {
    const ws = new MemoryWorkspace({ [CONFIG]: 'extends: recommended\n' });
    await ws.analysed(URI, DOC);
    expect(await actionsAt(ws, 0)).toEqual([]);
    // A heading that is a section's own name is never offered as not that section.
    expect(await actionsAt(ws, 10)).toEqual([]); // '## Deployment'
    expect(await actionsAt(ws, LINE + 2)).toEqual([]);
    ws.service.trusted = false;
    expect(await actionsAt(ws, LINE)).toEqual([]);
    const pkg = new MemoryWorkspace(
      { '/ws/node_modules/std/.mldesign.yaml': 'extends: recommended\n' },
      { settings: { configFile: 'node_modules/std/.mldesign.yaml' } },
    );
    await pkg.analysed(URI, DOC);
    expect(await actionsAt(pkg, LINE)).toEqual([]);
  });
});
