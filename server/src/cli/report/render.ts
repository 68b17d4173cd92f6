// `mldesign report`: the coverage matrix of every design doc against every section.
import { TOOL_VERSION } from '../../core';
import type { LintResult } from '../formats/types';
import { jsonForTerminal, visible } from '../escape';
import { renderHtml } from './html';
import { coverageMatrix, markdownMatrix } from './matrix';
import { htmlTemplates, markdownTemplates, templateGroups } from './templates';

export type ReportFormat = 'md' | 'html' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['md', 'html', 'json'];

export interface ReportOptions {
  title: string;
  /** ISO date shown in the report; fixed in tests. */
  generatedAt: string;
}

export function renderReport(results: readonly LintResult[], format: ReportFormat, opts: ReportOptions): string {
  const matrix = coverageMatrix(results);
  switch (format) {
    case 'md':
      return `# ${visible(opts.title)}\n\n${matrix.rows.length} design doc${matrix.rows.length === 1 ? '' : 's'}, generated ${opts.generatedAt} by mldesign ${TOOL_VERSION}.\n\n${markdownMatrix(matrix)}${markdownTemplates(matrix)}`;
    case 'json': {
      const templateVersions = templateGroups(matrix);
      return (
        jsonForTerminal(
          JSON.stringify(
            {
              version: 2,
              title: opts.title,
              generatedAt: opts.generatedAt,
              tool: { name: 'mldesign', version: TOOL_VERSION },
              ...matrix,
              ...(templateVersions ? { templateVersions } : {}),
            },
            null,
            2,
          ),
        ) + '\n'
      );
    }
    case 'html':
      return renderHtml(matrix, opts, htmlTemplates(matrix));
  }
}
