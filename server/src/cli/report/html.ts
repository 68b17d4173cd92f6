// The HTML report: one self-contained file (inline CSS, no scripts, no network) with a
// heat map of coverage. Every piece of document or config text is escaped.
import { TOOL_VERSION } from '../../core';
import { STATE_LABEL, STATE_SYMBOL, type CoverageMatrix } from './matrix';
import type { ReportOptions } from './render';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function renderHtml(m: CoverageMatrix, opts: ReportOptions): string {
  const head = m.sections.map((s) => `<th scope="col" class="${s.level}"><span>${escapeHtml(s.title)}</span></th>`).join('');
  const rows = m.rows
    .map((r) => {
      const cells = m.sections
        .map((s) => {
          const c = r.cells[s.id];
          if (!c) return '<td class="none">·</td>';
          const tip = [STATE_LABEL[c.state], c.heading ? `“${c.heading}”` : '', c.line ? `line ${c.line}` : '', c.reason ?? ''].filter(Boolean).join(' · ');
          return `<td class="${c.state}" title="${escapeHtml(tip)}">${STATE_SYMBOL[c.state]}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${escapeHtml(r.path)}</th>${cells}<td class="score">${r.covered}/${r.required}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(opts.title)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2rem;color:#1f2328}
table{border-collapse:collapse}th,td{border:1px solid #d0d7de;padding:.3rem .6rem;text-align:center}
th[scope=row]{text-align:left;font-weight:normal;font-family:ui-monospace,monospace}
td.covered{background:#d1f4dc}td.empty{background:#fff1c2}td.missing{background:#ffd7d5}td.not-applicable{background:#eef1f4}
</style></head><body>
<h1>${escapeHtml(opts.title)}</h1>
<p>${m.rows.length} design docs · generated ${escapeHtml(opts.generatedAt)} by mldesign ${TOOL_VERSION}</p>
<table><thead><tr><th>Design doc</th>${head}<th>Covered</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
