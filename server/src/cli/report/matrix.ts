// The coverage matrix: every design doc against every section of the catalogue. One
// computation for `mldesign report` (md, html, json) and for `lint --format markdown`.
import { requiredCoverage, type CoverageState } from '../../core';
import { visible } from '../escape';
import type { LintResult } from '../formats/types';

export interface MatrixSection {
  id: string;
  title: string;
  level: string;
}

export interface MatrixRow {
  path: string;
  cells: Record<string, { state: CoverageState; line?: number; heading?: string; reason?: string }>;
  covered: number;
  required: number;
  errors: number;
  warnings: number;
}

export interface CoverageMatrix {
  sections: MatrixSection[];
  rows: MatrixRow[];
}

/** Design docs only; sections in catalogue order, the union over docs (configs may differ). */
export function coverageMatrix(results: readonly LintResult[]): CoverageMatrix {
  const sections: MatrixSection[] = [];
  const seen = new Set<string>();
  const rows: MatrixRow[] = [];
  for (const r of results) {
    if (!r.designDoc) continue;
    for (const c of r.coverage) {
      if (!seen.has(c.id)) {
        seen.add(c.id);
        sections.push({ id: c.id, title: c.title, level: c.level });
      }
    }
    rows.push({
      path: r.path,
      cells: Object.fromEntries(
        r.coverage.map((c) => [
          c.id,
          {
            state: c.state,
            ...(c.line !== undefined ? { line: c.line + 1 } : {}),
            ...(c.heading ? { heading: c.heading } : {}),
            ...(c.reason ? { reason: c.reason } : {}),
          },
        ]),
      ),
      ...requiredCoverage(r.coverage),
      errors: r.findings.filter((f) => f.severity === 'error').length,
      warnings: r.findings.filter((f) => f.severity === 'warning').length,
    });
  }
  return { sections, rows };
}

export const STATE_SYMBOL: Record<CoverageState, string> = {
  covered: '✅',
  mentioned: '💬',
  empty: '⚠️',
  missing: '❌',
  'not-applicable': '➖',
};

export const STATE_LABEL: Record<CoverageState, string> = {
  covered: 'covered',
  mentioned: 'mentioned',
  empty: 'empty',
  missing: 'missing',
  'not-applicable': 'not applicable',
};

/** Markdown for a pipe-table cell that shows `text` as it is, for a PR comment: line
 * breaks become spaces (a row is one line), other control characters escapes (escape.ts);
 * `<`, `>` and `&` entities, so no HTML or entity from a file name reaches the page; and a
 * backslash before every character with a meaning in a cell: the backslash itself first (a
 * name ending in `\` would otherwise escape the pipe after it), the pipe, code spans,
 * links, emphasis, strikethrough and math. */
export function mdCell(text: string): string {
  return visible(text.replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')).replace(/[\\|`[\]*_~$<>&]/g, (c) => MD_CELL_ESCAPES[c] ?? `\\${c}`);
}

const MD_CELL_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

/** The matrix as a GitHub-flavoured Markdown table. */
export function markdownMatrix(m: CoverageMatrix): string {
  if (!m.rows.length) return '_No design docs found._\n';
  const head = ['Design doc', ...m.sections.map((s) => mdCell(s.title)), 'Covered'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : ':---:')).join(' | ')} |`];
  for (const row of m.rows) {
    const cells = m.sections.map((s) => {
      const c = row.cells[s.id];
      return c ? STATE_SYMBOL[c.state] : '·';
    });
    lines.push(`| ${mdCell(row.path)} | ${cells.join(' | ')} | ${row.covered}/${row.required} |`);
  }
  lines.push(
    '',
    `${STATE_SYMBOL.covered} covered · ${STATE_SYMBOL.empty} empty · ${STATE_SYMBOL.missing} missing · ${STATE_SYMBOL['not-applicable']} not applicable`,
  );
  return lines.join('\n') + '\n';
}
