// Core -> LSP, in one place: diagnostics (of documents and of config files), workspace
// edits, code actions, hover, completion items and the coverage notification. Nothing
// else in lsp/ builds an LSP shape from a core type; the features decide what to send.
import {
  CodeAction,
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Diagnostic,
  type Hover,
  type Position,
  type Range,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import {
  requiredCoverage,
  topicDepth,
  ruleDocsUrl,
  sectionHelp,
  TOOL_NAME,
  type Analysis,
  type ConfigProblem,
  type DocumentConfig,
  type Finding,
  type Fix,
  type GuidanceCompletion,
  type Severity,
  type TextInsertion,
} from '../core';
import type { CoverageParams } from './protocol';

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

/** A problem of a config file, shown on that file where it can be fixed. */
export function toConfigDiagnostic(p: ConfigProblem): Diagnostic {
  return {
    range: p.range,
    severity: DiagnosticSeverity.Error,
    source: SOURCE,
    code: 'config',
    message: `${p.message}. Linting uses the last good configuration until this is fixed.`,
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

/** A quick fix that teaches the team config (features/teach.ts): insertions into the config
 * file at `uri` (`version`: its open buffer's, or null when it is not open), or a new file
 * created with `text`. One workspace edit, so VS Code undoes it in one step. */
export function toConfigAction(
  title: string,
  change: { uri: string; version: number | null; insertions: readonly TextInsertion[] } | { uri: string; create: string },
): CodeAction {
  const edit: WorkspaceEdit =
    'create' in change
      ? {
          documentChanges: [
            { kind: 'create', uri: change.uri },
            {
              textDocument: { uri: change.uri, version: null },
              edits: [{ range: point({ line: 0, character: 0 }), newText: change.create }],
            },
          ],
        }
      : {
          documentChanges: [
            {
              textDocument: { uri: change.uri, version: change.version },
              edits: change.insertions.map((i) => ({ range: point(i.at), newText: i.text })),
            },
          ],
        };
  return CodeAction.create(title, edit, CodeActionKind.QuickFix);
}

const point = (at: Position): Range => ({ start: at, end: at });

/** The hover of a heading that names catalogue sections: what they should cover. Plain
 * text for a client without Markdown: the escapes go. */
export function toSectionHover(analysis: Analysis, matched: Parameters<typeof sectionHelp>[1], markdown: boolean): Hover {
  return toHover(sectionHelp(analysis, matched), matched.entry.range, markdown);
}

/** Core Markdown as a hover over a range. */
export function toHover(text: string, range: Range, markdown: boolean): Hover {
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: text.replace(/\\(.)/g, '$1') },
    range,
  };
}

/** A completion replaces the line from `replaceFrom` to the cursor. */
export function toCompletionItem(c: GuidanceCompletion, position: Position, snippets: boolean): CompletionItem {
  return {
    label: c.label,
    kind: CompletionItemKind.Snippet,
    detail: c.detail,
    documentation: { kind: MarkupKind.PlainText, value: c.documentation },
    ...(c.sortText ? { sortText: c.sortText } : {}),
    filterText: c.label,
    insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: {
      range: { start: { line: position.line, character: c.replaceFrom }, end: position },
      newText: snippets ? c.snippet : c.text,
    },
  };
}

export function toCoverageParams(
  uri: string,
  version: number,
  analysis: Analysis,
  dc: DocumentConfig | undefined,
  configUri?: string,
): CoverageParams {
  return {
    uri,
    version,
    designDoc: analysis.designDoc.isDesignDoc,
    reason: analysis.designDoc.reason,
    ...requiredCoverage(analysis.coverage),
    depth: topicDepth(analysis.coverage.filter((c) => c.level === 'required')),
    sections: analysis.coverage.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      state: c.state,
      ...(c.entry ? { line: c.entry.range.start.line } : {}),
      topics: topicDepth([c]),
      missingTopics: c.state === 'covered' ? c.topics.filter((t) => t.required && !t.addressed).map((t) => t.title) : [],
    })),
    config: coverageConfig(dc, configUri),
  };
}

/** The coverage notification's account of the configuration in force. */
export function coverageConfig(dc: DocumentConfig | undefined, configUri?: string): CoverageParams['config'] {
  return {
    ...(dc?.file ? { file: dc.file } : {}),
    ...(configUri ? { uri: configUri } : {}),
    problems: dc?.loaded.problems.length ?? 0,
    ...(dc?.fallback ? { fallback: dc.fallback } : {}),
  };
}
