// The built language server over real stdio (and node IPC), driven by a real LSP client
// library: diagnostics, quick fixes and fix-all applied and re-linted, hover, completion,
// settings through workspace/configuration.
import fs from 'node:fs';
import path from 'node:path';
import type { CodeAction, CompletionItem, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/lsp-client';

const EXAMPLE = fs.readFileSync(path.resolve(__dirname, '../../examples/churn-prediction-design.md'), 'utf8');
const URI = 'file:///work/ws/docs/churn-design.md';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

/** Problems (errors and warnings) by rule and section; info and hints are counted apart. */
const byCode = (diags: Diagnostic[]) =>
  diags
    .filter((d) => d.severity! <= 2)
    .map((d) => `${d.code}:${(d.data as { sectionId?: string }).sectionId}`)
    .sort();
const suggestions = (diags: Diagnostic[]) =>
  diags
    .filter((d) => d.severity! > 2)
    .map((d) => `${d.code}:${(d.data as { sectionId?: string }).sectionId ?? ''}`)
    .sort();

async function codeActions(c: TestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return c.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range,
    context: { diagnostics, ...(only ? { only } : {}) },
  });
}

describe('mldesign language server over stdio', () => {
  it('announces its capabilities, and logs no error for a client without workspace folders', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE);
    await client.diagnosticsFor(URI);
    expect(client.logs.filter((l) => l.type === 1)).toEqual([]);
    expect(client.initializeResult).toMatchObject({
      serverInfo: { name: 'mldesign' },
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 },
        codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.mldesign'] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['#', ' ', '-'] },
      },
    });
  });

  it('publishes diagnostics with code, source and doc link; their fixes come as code actions', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE);
    const diags = await client.diagnosticsFor(URI);
    expect(byCode(diags)).toEqual(['empty-section:monitoring', 'missing-section:model-updates']);
    expect(suggestions(diags)).toEqual([
      'missing-section:fairness',
      'missing-section:interface',
      'missing-section:interpretability',
      'missing-section:ml-justification',
    ]);
    expect(diags.find((d) => d.data && (d.data as { sectionId?: string }).sectionId === 'fairness')!.severity).toBe(3);
    const missing = diags.find((d) => d.code === 'missing-section' && d.severity === 2)!;
    expect(missing).toMatchObject({
      source: 'mldesign',
      severity: 2,
      range: { start: { line: 0, character: 0 } },
      codeDescription: { href: expect.stringMatching(/docs\/rules\/missing-section\.md$/) },
    });
    expect(missing.message).toMatch(/^No 'Model updates' section\. It should cover .*retraining/);
    // The fix that resolves it, fix-all, the alternative, and silencing the rule last.
    expect((await codeActions(client, URI, [missing])).map((a) => a.title)).toEqual([
      "Add section 'Model updates'",
      'Fix all 2 mldesign findings',
      "Mark 'Model updates' not applicable",
      'Disable missing-section for this file',
    ]);
    // The diagnostic carries only where to find its finding again, not the fix texts.
    expect(Object.keys(missing.data as object).sort()).toEqual(['index', 'sectionId', 'version']);
  });

  it('finds the fixes of a diagnostic from an older version of the document', async () => {
    client = await TestClient.start({ snippetEdits: false });
    await client.open(URI, EXAMPLE);
    const old = (await client.diagnosticsFor(URI)).find((d) => d.code === 'missing-section' && d.severity === 2)!;
    const end = client.text(URI).split('\n').length - 1;
    await client.edit(URI, { start: { line: end, character: 0 }, end: { line: end, character: 0 } }, '\nMore text at the end.\n');
    await client.diagnosticsFor(URI);
    expect((old.data as { version: number }).version).toBe(1);
    const titles = (await codeActions(client, URI, [old])).map((a) => a.title);
    expect(titles[0]).toBe("Add section 'Model updates'");
    // A diagnostic whose index no longer names its finding is matched by rule, line and section.
    const moved = { ...old, data: { ...(old.data as object), index: 999 } };
    expect((await codeActions(client, URI, [moved])).map((a) => a.title)).toEqual(titles);
  });

  it('applies the quick fix as a snippet edit, and the diagnostic goes', async () => {
    client = await TestClient.start({ snippetEdits: true });
    await client.open(URI, EXAMPLE);
    const diags = await client.diagnosticsFor(URI);
    const missing = diags.filter((d) => d.code === 'missing-section' && d.severity === 2);
    const actions = await codeActions(client, URI, missing);
    const add = actions.find((a) => a.title === "Add section 'Model updates'")!;
    expect(add).toMatchObject({ kind: 'quickfix', isPreferred: true, diagnostics: missing });
    const edit = add.edit!.documentChanges![0] as { edits: { snippet?: { kind: string; value: string } }[] };
    expect(edit.edits[0]!.snippet).toMatchObject({ kind: 'snippet', value: expect.stringContaining('${1|Scheduled retraining,') });
    const before = client.text(URI);
    await client.apply(add.edit!);
    expect(client.text(URI)).toContain('\n## Model updates\n\n**When.** Scheduled retraining:');
    expect(client.text(URI).startsWith(before.slice(0, before.indexOf('## Monitoring')))).toBe(true);
    const after = await client.diagnosticsFor(URI);
    expect(byCode(after)).toEqual(['empty-section:monitoring']);
  });

  it('sends plain text edits to a client without snippet edit support', async () => {
    client = await TestClient.start({ snippetEdits: false });
    await client.open(URI, EXAMPLE);
    const diags = await client.diagnosticsFor(URI);
    const [action] = await codeActions(
      client,
      URI,
      diags.filter((d) => d.code === 'missing-section' && d.severity === 2),
    );
    const edit = action!.edit!.documentChanges![0] as { edits: { newText?: string; snippet?: unknown }[] };
    expect(edit.edits[0]!.snippet).toBeUndefined();
    expect(edit.edits[0]!.newText).toContain('## Model updates\n\n**When.** Scheduled retraining: cadence');
  });

  it('fixes everything through source.fixAll.mldesign, as on save', async () => {
    client = await TestClient.start({ snippetEdits: true });
    await client.open(URI, '# Payments fraud\n\n## Goals\n\nCut fraud losses by 20 % for the risk team.\n');
    const diags = await client.diagnosticsFor(URI);
    expect(byCode(diags)).toHaveLength(4);
    const actions = await codeActions(client, URI, [], ['source.fixAll.mldesign']);
    expect(actions.map((a) => a.kind)).toEqual(['source.fixAll.mldesign']);
    const edit = actions[0]!.edit!.documentChanges![0] as { edits: { newText?: string }[] };
    expect(edit.edits.every((e) => typeof e.newText === 'string')).toBe(true); // no tab stops on save
    await client.apply(actions[0]!.edit!);
    // Every problem fixed; the recommended sections stay as suggestions to take one by one.
    expect(byCode(await client.diagnosticsFor(URI))).toEqual([]);
    expect(client.text(URI)).toMatch(/## Goals[\s\S]*## Data stack[\s\S]*## Deployment[\s\S]*## Monitoring[\s\S]*## Model updates/);
  });

  it('offers "add all" beside the single fixes, and nothing for other kinds', async () => {
    client = await TestClient.start();
    await client.open(URI, '# Payments fraud\n\n## Goals\n\nCut fraud losses by 20 %.\n');
    const diags = await client.diagnosticsFor(URI);
    const actions = await codeActions(client, URI, diags);
    expect(actions.map((a) => a.title)).toContain('Add all 4 missing sections');
    expect(await codeActions(client, URI, diags, ['refactor'])).toEqual([]);
  });

  it('answers hover on a recognised heading with what it should cover', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE);
    await client.diagnosticsFor(URI);
    const line = EXAMPLE.split('\n').indexOf('## Serving');
    const hover = (await client.connection.sendRequest<unknown>('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line, character: 4 },
    })) as Hover;
    const value = (hover.contents as { kind: string; value: string }).value;
    expect(value).toContain('**Deployment** · required section');
    expect(value).toContain('What are the latency \\(p50/p99\\) and throughput targets?');
    const none = await client.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: line + 2, character: 0 },
    });
    expect(none).toBeNull();
  });

  it('completes missing section headings at the start of a heading line', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE + '\n## Mo');
    await client.diagnosticsFor(URI);
    const line = client.text(URI).split('\n').length - 1;
    const result = (await client.connection.sendRequest<unknown>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line, character: 5 },
    })) as CompletionItem[] | CompletionList;
    const items = Array.isArray(result) ? result : result.items;
    // Every missing section is offered (the client filters by what was typed), in catalogue order.
    expect(items.map((i) => i.label)).toEqual(['Why ML', 'Interface', 'Model updates', 'Fairness', 'Interpretability']);
    expect(items.every((i) => i.detail?.startsWith('mldesign: missing'))).toBe(true);
    items.splice(0, items.length, items[2]!);
    expect(items[0]!.textEdit).toMatchObject({ range: { start: { line, character: 3 }, end: { line, character: 5 } } });
    const prose = await client.connection.sendRequest('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line: 2, character: 3 },
    });
    expect(prose).toEqual([]);
  });

  it("offers the pieces of a section's template on an empty line inside it", async () => {
    client = await TestClient.start();
    const text = EXAMPLE.replace('## Monitoring\n\nTODO\n', '## Monitoring\n\n**Drift.** PSI on the top features, alert above 0.2.\n\n\n');
    await client.open(URI, text);
    await client.diagnosticsFor(URI);
    const line = text.split('\n').length - 2;
    const items = (await client.connection.sendRequest<unknown>('textDocument/completion', {
      textDocument: { uri: URI },
      position: { line, character: 0 },
    })) as CompletionItem[];
    // The Monitoring template's pieces, minus the Drift piece the author already wrote.
    expect(items.map((i) => i.label)).toEqual(['Production metrics', 'Alerts and dashboards', 'Feedback']);
    expect((items[1]!.textEdit as { newText: string }).newText).toMatch(/^\*\*Alerts and dashboards\.\*\*\n\n\| Signal \| Threshold/);
    expect(items[0]!.detail).toBe('mldesign: part of the Monitoring template');
  });

  it('publishes nothing for an ordinary README', async () => {
    client = await TestClient.start();
    const readme = 'file:///work/ws/README.md';
    await client.open(readme, '# Tool\n\n## Requirements\n\nNode 20.\n\n## Deployment\n\nnpm publish.\n\n## Monitoring\n\nNone.\n');
    expect(await client.diagnosticsFor(readme)).toEqual([]);
  });

  it('follows incremental edits and never publishes for a stale version', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE);
    await client.diagnosticsFor(URI);
    const todo = client.text(URI).split('\n').indexOf('TODO');
    // Replace TODO with real text, one character at a time.
    await client.edit(URI, { start: { line: todo, character: 0 }, end: { line: todo, character: 4 } }, '');
    for (const ch of 'Weekly precision on the top 200 accounts.') {
      const pos = { line: todo, character: client.text(URI).split('\n')[todo]!.length };
      await client.edit(URI, { start: pos, end: pos }, ch);
    }
    const diags = await client.diagnosticsFor(URI);
    expect(byCode(diags)).toEqual(['missing-section:model-updates']);
    expect(client.diagnostics.get(URI)!.version).toBe(client.docs.get(URI)!.version);
  });

  it('reads settings through workspace/configuration and follows changes', async () => {
    client = await TestClient.start({ settings: { enable: false } });
    await client.open(URI, EXAMPLE);
    expect(await client.diagnosticsFor(URI)).toEqual([]);
    client.settings = { enable: true, rules: { 'empty-section': 'off', 'missing-section': 'error' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const diags = await client.until(() => {
      const d = client!.diagnostics.get(URI)?.diagnostics;
      return d && d.length ? d : undefined;
    }, 'diagnostics after enabling');
    expect(diags.filter((d) => d.severity === 1).map((d) => d.code)).toEqual(['missing-section']);
    expect(diags.some((d) => d.code === 'empty-section')).toBe(false);
  });

  it('lints every Markdown file when designDocs is "all"', async () => {
    client = await TestClient.start({ settings: { designDocs: 'all' } });
    const notes = 'file:///work/ws/notes.md';
    await client.open(notes, '# Notes\n');
    expect(byCode(await client.diagnosticsFor(notes))).toHaveLength(5);
  });

  it('reports coverage for the language status item', async () => {
    client = await TestClient.start();
    await client.open(URI, EXAMPLE);
    await client.diagnosticsFor(URI);
    const note = await client.until(
      () => client!.notifications.find((n) => n.method === 'mldesign/coverage')?.params as Record<string, unknown>,
      'coverage',
    );
    expect(note).toMatchObject({ uri: URI, version: 1, designDoc: true, covered: 3, required: 5 });
  });
});

describe('mldesign language server over node IPC', () => {
  it('lints over --node-ipc as VS Code starts it', async () => {
    client = await TestClient.start({ transport: 'ipc' });
    await client.open(URI, EXAMPLE);
    expect(byCode(await client.diagnosticsFor(URI))).toEqual(['empty-section:monitoring', 'missing-section:model-updates']);
  });
});
