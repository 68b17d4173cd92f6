// Core -> LSP, in one place. Nothing else in lsp/ builds LSP shapes from core types.
import {
  CodeAction,
  DiagnosticSeverity,
  type Diagnostic,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { ruleDocsUrl, TOOL_NAME, type Finding, type Fix, type Severity } from '../core';

export const SOURCE = TOOL_NAME;
export { FIX_ALL_KIND } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries to find its finding again for a code action: its place in the
 * analysis of that version. Not the fixes themselves: their templates made up most of every
 * publish (58 KB for 63 diagnostics in bench:lsp's doc), encoded on every keystroke. */
export interface DiagnosticData {
  version: number;
  index: number;
  sectionId?: string;
}

export function toDiagnostic(f: Finding, uri: string, version: number, index: number): Diagnostic {
  const data: DiagnosticData = { version, index, ...(f.sectionId ? { sectionId: f.sectionId } : {}) };
  return {
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
    ...(f.related?.length ? { relatedInformation: f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message })) } : {}),
    data,
  };
}

export function toWorkspaceEdit(uri: string, version: number, fix: Fix, snippets: boolean): WorkspaceEdit {
  const edits: (TextEdit | SnippetTextEdit)[] = fix.insertions.map((ins) =>
    snippets
      ? { range: { start: ins.at, end: ins.at }, snippet: { kind: 'snippet', value: ins.snippet } }
      : { range: { start: ins.at, end: ins.at }, newText: ins.text },
  );
  return { documentChanges: [{ textDocument: { uri, version }, edits }] };
}

export function toCodeAction(
  fix: Fix,
  kind: string,
  uri: string,
  version: number,
  opts: { snippets: boolean; diagnostics?: Diagnostic[] },
): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(uri, version, fix, opts.snippets), kind);
  if (opts.diagnostics?.length) action.diagnostics = opts.diagnostics;
  if (fix.preferred) action.isPreferred = true;
  return action;
}
