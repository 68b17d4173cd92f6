// Teaching the team config over the protocol (issue 18, item 4), with the built server over
// stdio: the quick fix on a heading that names no section is asked for, its workspace edit
// applied to the config file as an editor would (the open buffer changed, or the file
// written and the watcher's notice sent, or the file created), and the finding goes away.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CreateFile, Diagnostic, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { applyInsertions } from '../../server/src/core';
import { TestClient } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/tmp';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const DOC = `# Payments fraud scoring

## Business requirements

Cut fraud losses by 20 % without blocking more than 0.5 % of good payments.

## Data stack

Card transactions from the payments warehouse, labelled by chargebacks after 90 days.

## Deployment

A scoring service behind the payments API; p99 latency under 50 ms; canary rollout.

## 5. Operational readiness

Dashboards show precision and recall per day; an alert pages the on-call when the score
distribution drifts (PSI above 0.2) or p99 latency passes 80 ms.
`;
const HEADING_LINE = 14;
const TITLE = "Count 'Operational readiness' as Monitoring";
const CONFIG = "# The fraud team's standard\nextends: recommended   # the default\n\nrules:\n  empty-section: warning\n";

const uri = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();
const missingMonitoring = (ds: Diagnostic[] | undefined) =>
  !!ds?.some((d) => d.code === 'missing-section' && (d.data as { sectionId?: string }).sectionId === 'monitoring');

async function teachAction(c: TestClient, doc: string): Promise<CodeAction> {
  const actions = (await c.connection.sendRequest<unknown>('textDocument/codeAction', {
    textDocument: { uri: doc },
    range: { start: { line: HEADING_LINE, character: 4 }, end: { line: HEADING_LINE, character: 4 } },
    context: { diagnostics: [] },
  })) as CodeAction[];
  const action = actions.find((a) => a.title === TITLE);
  expect(action, JSON.stringify(actions.map((a) => a.title))).toBeDefined();
  return action!;
}

/** A client with the config's buffer and the doc open, the doc lacking Monitoring. */
async function openConfigAndDoc(ws: string, initializationOptions?: Record<string, unknown>): Promise<{ cfg: string; doc: string }> {
  client = await TestClient.start({ workspaceFolder: ws, ...(initializationOptions ? { initializationOptions } : {}) });
  const cfg = uri(ws, '.mldesign.yaml');
  await client.open(cfg, CONFIG, 'yaml');
  const doc = uri(ws, 'docs/fraud-design.md');
  await client.open(doc, DOC);
  expect(missingMonitoring(await client.diagnosticsFor(doc))).toBe(true);
  return { cfg, doc };
}

/** A text edit's insertions applied to a file's text, as an editor applies them to a closed file. */
function applyToText(text: string, change: TextDocumentEdit): string {
  return applyInsertions(
    text,
    change.edits.map((e) => {
      expect(e.range.start).toEqual(e.range.end);
      return { at: e.range.start, text: 'newText' in e ? e.newText : '', snippet: '' };
    }),
  );
}

describe('teaching the team config over LSP', () => {
  it('adds the alias to the config on disk; the doc re-checks on the watcher notice', async () => {
    const ws = tempWorkspace({ '.mldesign.yaml': CONFIG, 'docs/fraud-design.md': DOC }, 'mldesign-teach-');
    client = await TestClient.start({ workspaceFolder: ws });
    const doc = uri(ws, 'docs/fraud-design.md');
    await client.open(doc, DOC);
    expect(missingMonitoring(await client.diagnosticsFor(doc))).toBe(true);
    const action = await teachAction(client, doc);
    const [change] = action.edit!.documentChanges! as TextDocumentEdit[];
    expect(change!.textDocument).toEqual({ uri: uri(ws, '.mldesign.yaml'), version: null });
    const file = path.join(ws, '.mldesign.yaml');
    const after = applyToText(fs.readFileSync(file, 'utf8'), change!);
    expect(after).toBe(`${CONFIG}sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n`);
    fs.writeFileSync(file, after);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(ws, '.mldesign.yaml'), type: 2 }] });
    await client.until(() => client!.latest(doc) && !missingMonitoring(client!.latest(doc)), 'missing Monitoring gone');
  });

  it('edits the open config buffer at its version; the change re-checks the doc at once', async () => {
    const ws = tempWorkspace({ '.mldesign.yaml': CONFIG, 'docs/fraud-design.md': DOC }, 'mldesign-teach-');
    const { cfg, doc } = await openConfigAndDoc(ws);
    const action = await teachAction(client!, doc);
    expect((action.edit!.documentChanges![0] as TextDocumentEdit).textDocument).toEqual({ uri: cfg, version: 1 });
    await client!.apply(action.edit!);
    expect(client!.text(cfg)).toBe(`${CONFIG}sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n`);
    // Nothing written to disk: the buffer alone re-checks the doc.
    expect(fs.readFileSync(path.join(ws, '.mldesign.yaml'), 'utf8')).toBe(CONFIG);
    await client!.until(() => client!.latest(doc) && !missingMonitoring(client!.latest(doc)), 'missing Monitoring gone');
  });

  it('offers the same fix on a document the analysis worker analyses (a large one)', async () => {
    const ws = tempWorkspace({ '.mldesign.yaml': CONFIG, 'docs/fraud-design.md': DOC }, 'mldesign-teach-');
    // Every document to the worker, as one of 16,000 characters or more would go.
    const { cfg, doc } = await openConfigAndDoc(ws, { workerThresholdChars: 0 });
    const action = await teachAction(client!, doc);
    await client!.apply(action.edit!);
    expect(client!.text(cfg)).toBe(`${CONFIG}sections:\n  - id: monitoring\n    aliases: [Operational readiness]\n`);
    await client!.until(() => client!.latest(doc) && !missingMonitoring(client!.latest(doc)), 'missing Monitoring gone');
  });

  it('creates .mldesign.yaml at the root when the workspace has none', async () => {
    const ws = tempWorkspace({ 'docs/fraud-design.md': DOC }, 'mldesign-teach-');
    client = await TestClient.start({ workspaceFolder: ws });
    const doc = uri(ws, 'docs/fraud-design.md');
    await client.open(doc, DOC);
    expect(missingMonitoring(await client.diagnosticsFor(doc))).toBe(true);
    const action = await teachAction(client, doc);
    const [create, change] = action.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    expect(create).toEqual({ kind: 'create', uri: uri(ws, '.mldesign.yaml') });
    const file = path.join(ws, '.mldesign.yaml');
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(file, applyToText('', change));
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^extends: recommended$/m);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(ws, '.mldesign.yaml'), type: 1 }] });
    await client.until(() => client!.latest(doc) && !missingMonitoring(client!.latest(doc)), 'missing Monitoring gone');
  });
});
