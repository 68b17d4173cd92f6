// Hover on a recognised heading of a design doc: what its section should cover; on a
// declared front matter field, what it is (on `status` with review stages: what this stage
// requires and what the next one adds).
import type { Hover, HoverParams } from 'vscode-languageserver';
import { findingsHelp, frontMatterHelp, headingAtLine } from '../../core';
import { toHover, toSectionHover } from '../convert';
import type { AnalysisSource } from '../documents';

export async function hover(service: AnalysisSource, params: HoverParams, opts: { markdown: boolean }): Promise<Hover | null> {
  const result = await service.analysis(params.textDocument.uri);
  if (!result?.analysis.designDoc.isDesignDoc) return null;
  const field = frontMatterHelp(result.analysis.model, params.position.line);
  if (field) return toHover(field.text, field.range, opts.markdown);
  const matched = headingAtLine(result.analysis, params.position.line);
  if (matched) return toSectionHover(result.analysis, matched, opts.markdown);
  // Elsewhere (the title, above all): what the findings there say beyond their one line.
  const help = findingsHelp(result.analysis, params.position.line);
  return help ? toHover(help, result.analysis.model.lines.lineRange(params.position.line), opts.markdown) : null;
}
