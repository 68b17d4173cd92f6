// The report's "Template versions" part: the design docs grouped by the template version
// they record (front matter `template-version`), newest first, for template owners who want
// the docs written from last year's templates. Shown only when a doc's config has a
// templateVersion. One grouping for md, html and json.
import { compareVersions } from '../../core';
import { escapeHtml } from './html';
import { mdCell, type CoverageMatrix, type MatrixRow } from './matrix';

export interface TemplateGroup {
  /** The version these docs record; null for docs that record none (or no version). */
  version: string | null;
  /** Their paths, in the report's order. */
  docs: string[];
}

/** Docs by recorded version, newest first, those without one last; undefined when no doc's
 * configuration has a template version. */
export function templateGroups(m: CoverageMatrix): TemplateGroup[] | undefined {
  const rows = m.rows.filter((r) => r.template);
  if (!rows.length) return undefined;
  const byVersion = new Map<string | null, string[]>();
  for (const r of rows) {
    const v = r.template!.version;
    byVersion.set(v, [...(byVersion.get(v) ?? []), r.path]);
  }
  return [...byVersion]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : compareVersions(b, a)))
    .map(([version, docs]) => ({ version, docs }));
}

/** What a group's heading says: the version, and "current" when every doc in it is. */
function groupLabel(g: TemplateGroup, rows: ReadonlyMap<string, MatrixRow>): string {
  if (g.version === null) return 'not recorded';
  const states = new Set(g.docs.map((d) => rows.get(d)!.template!.state));
  const only = states.size === 1 ? [...states][0] : undefined;
  return only === 'current' ? `${g.version} (current)` : only === 'newer' ? `${g.version} (newer than the config)` : g.version;
}

/** What is said after a doc's path: the sections it lacks, or that its value is no version. */
function docNote(row: MatrixRow): string {
  const t = row.template!;
  if (t.state === 'invalid') return 'not a version';
  return t.lacking.length ? `lacks ${t.lacking.join(', ')}` : '';
}

function rowsByPath(m: CoverageMatrix): Map<string, MatrixRow> {
  return new Map(m.rows.map((r) => [r.path, r]));
}

/** The groups as a Markdown section (empty when there are none). */
export function markdownTemplates(m: CoverageMatrix): string {
  const groups = templateGroups(m);
  if (!groups) return '';
  const rows = rowsByPath(m);
  const lines = ['## Template versions', '', '| Template version | Design docs |', '| --- | --- |'];
  for (const g of groups) {
    const docs = g.docs.map((d) => {
      const note = docNote(rows.get(d)!);
      return mdCell(d) + (note ? ` (${mdCell(note)})` : '');
    });
    lines.push(`| ${mdCell(groupLabel(g, rows))} | ${docs.join(' · ')} |`);
  }
  return '\n' + lines.join('\n') + '\n';
}

/** The groups as an HTML section (empty when there are none). */
export function htmlTemplates(m: CoverageMatrix): string {
  const groups = templateGroups(m);
  if (!groups) return '';
  const rows = rowsByPath(m);
  const body = groups
    .map((g) => {
      const docs = g.docs
        .map((d) => {
          const note = docNote(rows.get(d)!);
          return `<li>${escapeHtml(d)}${note ? ` <span class="hint">${escapeHtml(note)}</span>` : ''}</li>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(groupLabel(g, rows))}</th><td>${g.docs.length}</td><td><ul class="docs">${docs}</ul></td></tr>`;
    })
    .join('\n');
  return `<section aria-labelledby="by-template">
<h2 id="by-template">Template versions <span class="hint">the template version each doc was written from, newest first</span></h2>
<table class="templates">
<thead><tr><th scope="col">Template version</th><th scope="col">Docs</th><th scope="col">Design docs</th></tr></thead>
<tbody>
${body}
</tbody>
</table>
</section>`;
}
