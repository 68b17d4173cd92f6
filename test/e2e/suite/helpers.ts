/// <reference types="mocha" />
// Helpers for the e2e suite. Runs inside a VS Code extension host: Node's (code-server's or
// Electron's) or the web worker one (the web build); so only `vscode` and what both have
// (node:assert/strict is bundled for the web one: suite/web/assert.ts).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'mldesign.mldesign';
export const SOURCE = 'mldesign';
export const DESIGN_DOC = 'fraud-scoring-design.md';
export const RULE_DOCS = 'https://github.com/mldesign/mldesign/blob/main/docs/rules/';

export interface ExpectedFinding {
  code: string;
  line: number;
  severity: string;
  message: string;
}
/** What the CLI reports for the design doc (written by the runners beside the compiled
 * suite, test/e2e/lib.mjs; bundled into the web suite). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const EXPECTED = require('./expected.json') as ExpectedFinding[];

/** An environment variable of the runner; none in a web worker extension host. */
export function env(name: string): string | undefined {
  return typeof process === 'undefined' ? undefined : process.env?.[name];
}

/** Longest wait for the server to answer an edit, a setting or a file change. */
export const SETTLE_MS = Number(env('MLDESIGN_E2E_SETTLE_MS') || 15000);

export const utf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** A workspace file's text. */
export async function readText(uri: vscode.Uri): Promise<string> {
  return utf8(await vscode.workspace.fs.readFile(uri));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e run opens a workspace folder');
  return folder.uri;
}

export function wsUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...segments);
}

/** Polls `get` until `ok` holds; fails with what it last saw. */
export async function waitFor<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = SETTLE_MS): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await get();
  while (!ok(value)) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${show(value)}`);
    await sleep(50);
    value = await get();
  }
  return value;
}

export function show(v: unknown): string {
  if (Array.isArray(v) && v.every((d) => d instanceof vscode.Diagnostic)) return JSON.stringify(v.map(summary), null, 1);
  try {
    return JSON.stringify(v, null, 1) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The diagnostics mldesign reports for a document. */
export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export interface DiagSummary {
  code: string;
  target: string;
  line: number;
  severity: string;
  message: string;
}

export function summary(d: vscode.Diagnostic): DiagSummary {
  const code = typeof d.code === 'object' ? d.code : { value: d.code, target: undefined };
  return {
    code: String(code.value),
    target: code.target?.toString() ?? '',
    line: d.range.start.line,
    severity: vscode.DiagnosticSeverity[d.severity],
    message: d.message,
  };
}

/** Waits until mldesign has reported exactly `count` diagnostics for `uri`. */
export function waitForCount(uri: vscode.Uri, count: number, timeoutMs = SETTLE_MS): Promise<vscode.Diagnostic[]> {
  return waitFor(
    `${count} mldesign diagnostics on ${uri.path.split('/').pop()}`,
    () => ours(uri),
    (d) => d.length === count,
    timeoutMs,
  );
}

export const missing = (title: string) => (d: vscode.Diagnostic) =>
  summary(d).code === 'missing-section' && (d.message === `No '${title}' section` || d.message === `No '${title}' section (recommended)`);
export const isCode = (code: string) => (d: vscode.Diagnostic) => summary(d).code === code;

/** Writes `text` to a new file in the workspace, opens it in an editor. */
export async function openNewDoc(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = wsUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** A fresh copy of the workspace's design doc under a new name (still a design doc: "design" in the name). */
export async function openDesignDocCopy(name: string, findings = EXPECTED.length): Promise<vscode.TextEditor> {
  const text = await readText(wsUri(DESIGN_DOC));
  const editor = await openNewDoc(name, text);
  await waitForCount(editor.document.uri, findings);
  return editor;
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
    'vscode.executeCodeActionProvider',
    uri,
    range,
    kind,
  );
  return (actions ?? []).filter((a): a is vscode.CodeAction => !('command' in a && typeof a.command === 'string'));
}

/** Applies a code action the way the editor does: its edit, then its command. */
export async function applyAction(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `workspace.applyEdit refused '${action.title}'`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

/** Line number of the first line equal to `text` (after trimming), or -1. */
export function lineOf(doc: vscode.TextDocument, text: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.trim() === text) return i;
  return -1;
}

/** Saves and closes every editor, so the next test starts from a clean window. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('leaveSnippet');
  await vscode.workspace.saveAll(false);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}
