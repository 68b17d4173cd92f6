// Hover on a recognised heading of a design doc: what its section should cover.
import type { Hover, HoverParams } from 'vscode-languageserver';
import { headingAtLine } from '../../core';
import { toSectionHover } from '../convert';
import type { DocumentService } from '../documents';

export async function hover(service: DocumentService, params: HoverParams, opts: { markdown: boolean }): Promise<Hover | null> {
  const result = await service.analysis(params.textDocument.uri);
  if (!result?.analysis.designDoc.isDesignDoc) return null;
  const matched = headingAtLine(result.analysis, params.position.line);
  return matched ? toSectionHover(result.analysis, matched, opts.markdown) : null;
}
