// Completion: the missing sections where a heading is typed, the pieces of a section's
// template on an empty line inside it, and the team's templates as snippets (those in any
// Markdown file, the others in design docs only).
import type { CompletionItem, CompletionParams } from 'vscode-languageserver';
import { headingCompletions, teamSnippets, templatePieces } from '../../core';
import { toCompletionItem } from '../convert';
import type { AnalysisSource } from '../documents';

export async function completion(
  service: AnalysisSource,
  params: CompletionParams,
  opts: { snippets: boolean },
): Promise<CompletionItem[]> {
  const result = await service.analysis(params.textDocument.uri);
  const doc = service.get(params.textDocument.uri);
  // A newer version came in meanwhile: the client asks again for it.
  if (!result || doc?.version !== result.version) return [];
  const { analysis } = result;
  const { position } = params;
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const eol = analysis.model.lines.eol;
  const team = teamSnippets(analysis, line, eol);
  const found = analysis.designDoc.isDesignDoc
    ? [...headingCompletions(analysis, line, eol), ...templatePieces(analysis, position.line, line, eol), ...team]
    : team;
  return found.map((c) => toCompletionItem(c, position, opts.snippets));
}
