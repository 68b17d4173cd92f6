// Hover and completion: core guidance text in LSP shapes.
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import {
  headingAtLine,
  headingCompletions,
  sectionHelp,
  teamSnippets,
  templatePieces,
  type Analysis,
  type GuidanceCompletion,
} from '../core';

export { headingAtLine as headingAt };

export function sectionHover(analysis: Analysis, matched: NonNullable<ReturnType<typeof headingAtLine>>, markdown: boolean): Hover {
  const text = sectionHelp(analysis, matched);
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: text.replace(/\\(.)/g, '$1') },
    range: matched.entry.range,
  };
}

function toItem(c: GuidanceCompletion, position: Position, snippets: boolean): CompletionItem {
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

export function missingSectionCompletions(analysis: Analysis, linePrefix: string, position: Position, snippets: boolean): CompletionItem[] {
  return headingCompletions(analysis, linePrefix, analysis.model.lines.eol).map((c) => toItem(c, position, snippets));
}

export function teamSnippetCompletions(analysis: Analysis, linePrefix: string, position: Position, snippets: boolean): CompletionItem[] {
  return teamSnippets(analysis, linePrefix, analysis.model.lines.eol).map((c) => toItem(c, position, snippets));
}

export function templatePieceCompletions(analysis: Analysis, linePrefix: string, position: Position, snippets: boolean): CompletionItem[] {
  return templatePieces(analysis, position.line, linePrefix, analysis.model.lines.eol).map((c) => toItem(c, position, snippets));
}
