// The coverage matrix: every design doc against every section of the catalogue. One
// computation for `mldesign report` (md, html, json) and for `lint --format markdown`.
import { countFindings, requiredCoverage, topicDepth, type CoverageState, type DocStatus, type TemplateState } from '../../core';
import { visible } from '../escape';
import type { LintResult } from '../formats/types';

export interface MatrixSection {
  id: string;
  title: string;
  level: string;
}

export interface MatrixCell {
  state: CoverageState;
  line?: number;
  heading?: string;
  reason?: string;
  /** How many of the section's topics the doc addresses, of how many. */
  depth: { addressed: number; total: number };
  /** Required topics not addressed (titles). */
  missingTopics: string[];
  /** For `mentioned`: the 1-based lines where it is discussed. */
  mentions?: number[];
}

export interface MatrixRow {
  path: string;
  cells: Record<string, MatrixCell>;
  covered: number;
  required: number;
  errors: number;
  warnings: number;
  /** The template version the doc records, when its config has one (see templates.ts). */
  template?: RowTemplate;
  /** Its front matter `status`, and the review stage it names (which decides `required`). */
  status?: DocStatus;
}

export interface RowTemplate {
  /** The version the doc records; null when it records none, or what it records is no version. */
  version: string | null;
  /** Its configuration's version. */
  current: string;
  state: TemplateState;
  /** Titles of the sections added since its version that it lacks. */
  lacking: string[];
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
            depth: topicDepth([c]),
            // What a section with text lacks; a missing one lacks everything.
            missingTopics: c.state === 'covered' ? c.topics.filter((t) => t.required && !t.addressed).map((t) => t.title) : [],
            ...(c.mentions ? { mentions: c.mentions.map((m) => m.line + 1) } : {}),
          },
        ]),
      ),
      ...requiredCoverage(r.coverage),
      errors: countFindings(r.findings).error,
      warnings: countFindings(r.findings).warning,
      ...(r.template
        ? {
            template: {
              version: r.template.version ?? null,
              current: r.template.current,
              state: r.template.state,
              lacking: r.template.lacking.map((s) => s.title),
            },
          }
        : {}),
      ...(r.status ? { status: r.status } : {}),
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

/** A doc's status as the report shows it: "review (stage 2 of 3)", "draft", or "" for none. */
export function statusText(status: DocStatus | undefined): string {
  if (!status) return '';
  return status.stage ? `${status.value} (stage ${status.stage.n} of ${status.stage.of})` : status.value;
}

/** The matrix as a GitHub-flavoured Markdown table. A Status column when a doc has one: a
 * doc's review stage decides which sections count in "Covered". */
export function markdownMatrix(m: CoverageMatrix): string {
  if (!m.rows.length) return '_No design docs found._\n';
  const withStatus = m.rows.some((r) => r.status);
  const head = ['Design doc', ...(withStatus ? ['Status'] : []), ...m.sections.map((s) => mdCell(s.title)), 'Covered'];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (i === 0 ? '---' : ':---:')).join(' | ')} |`];
  for (const row of m.rows) {
    const cells = m.sections.map((s) => {
      const c = row.cells[s.id];
      return c ? cellText(c) : '·';
    });
    const status = withStatus ? [mdCell(statusText(row.status)) || '·'] : [];
    lines.push(`| ${[mdCell(row.path), ...status, ...cells].join(' | ')} | ${row.covered}/${row.required} |`);
  }
  lines.push(
    '',
    `${STATE_SYMBOL.covered} covered (topics addressed of the section's) · ${STATE_SYMBOL.mentioned} only mentioned in passing · ${STATE_SYMBOL.empty} empty · ${STATE_SYMBOL.missing} missing · ${STATE_SYMBOL['not-applicable']} not applicable`,
  );
  return lines.join('\n') + '\n';
}

/** A cell: the state's symbol, and for a section with text its depth ("✅ 4/6"). */
export function cellText(c: MatrixCell): string {
  const depth = (c.state === 'covered' || c.state === 'mentioned') && c.depth.total ? ` ${c.depth.addressed}/${c.depth.total}` : '';
  return STATE_SYMBOL[c.state] + depth;
}
