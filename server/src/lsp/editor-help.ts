// Hover and completion: core guidance text in LSP shapes.
import { MarkupKind, type CompletionItem, type Hover, type Position } from 'vscode-languageserver';
import { headingAtLine, headingCompletions, sectionHelp, type Analysis } from '../core';

export { headingAtLine as headingAt };

export function sectionHover(analysis: Analysis, matched: NonNullable<ReturnType<typeof headingAtLine>>, markdown: boolean): Hover {
  const text = sectionHelp(analysis, matched);
  return {
    contents: markdown ? { kind: MarkupKind.Markdown, value: text } : { kind: MarkupKind.PlainText, value: text.replace(/\\(.)/g, '$1') },
    range: matched.entry.range,
  };
}

export function missingSectionCompletions(analysis: Analysis, linePrefix: string, position: Position, snippets: boolean): CompletionItem[] {
  return headingCompletions(analysis, linePrefix, analysis.model.lines.eol).map((c) => ({
    label: c.label,
    detail: c.detail,
    documentation: { kind: MarkupKind.PlainText, value: c.documentation },
    sortText: c.sortText,
    filterText: c.label,
    textEdit: {
      range: { start: { line: position.line, character: c.replaceFrom }, end: position },
      newText: snippets ? c.snippet : c.text,
    },
  }));
}
