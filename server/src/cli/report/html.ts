// The HTML report: one self-contained file (inline CSS and one small inline script, no
// network) with a heat map of coverage that reads at a glance. Every piece of document or
// config text goes through escapeHtml, and the Content-Security-Policy allows nothing but
// inline style and the hash of our own script, so even a missed escape could neither load
// nor run anything.
//
// Rows come sorted worst first (lowest share of required sections covered, then most
// required sections missing, then empty, then recommended gaps, then most findings, then
// path): the report exists to show where to act. The script only re-sorts on a click on a column header (by path, by a
// section, by coverage, by findings); without it the page is complete. Columns show the
// required sections first, then the recommended ones, lighter, each group in catalogue
// order.
import { createHash } from 'node:crypto';
import { TOOL_VERSION, type CoverageState } from '../../core';
import { STATE_LABEL, statusText, type CoverageMatrix, type MatrixRow, type MatrixSection } from './matrix';
import type { ReportOptions } from './render';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text symbols, not emoji (which depend on fonts): a state never rests on colour alone. */
const SYMBOL: Record<CoverageState, string> = {
  covered: '✓',
  mentioned: '~',
  empty: '!',
  missing: '✗',
  'not-applicable': '–',
};

/** Sort rank of a cell: ascending is worst first. */
const RANK: Record<CoverageState | 'none', number> = { missing: 0, mentioned: 1, empty: 2, 'not-applicable': 3, covered: 4, none: 5 };

const LEGEND: { state: CoverageState; text: string }[] = [
  { state: 'covered', text: 'a heading with content' },
  { state: 'mentioned', text: 'no heading of its own, but discussed in passing elsewhere' },
  { state: 'empty', text: 'a heading with only placeholders or nothing' },
  { state: 'missing', text: 'no heading for it' },
  { state: 'not-applicable', text: 'marked not applicable with a reason; counts as covered' },
];

/** Above this many sections the heat map turns its column titles vertical. */
const WIDE_COLUMNS_MAX = 6;

interface SectionStats {
  section: MatrixSection;
  /** Docs whose configuration has the section. */
  docs: number;
  counts: Record<CoverageState, number>;
  /** Covered or not applicable. */
  ok: number;
}

interface RowView {
  row: MatrixRow;
  ratio: number;
  /** Gaps in required sections, then in recommended ones. */
  missing: number;
  empty: number;
  recommendedGaps: number;
}

const SORT_SCRIPT = `(function(){var t=document.querySelector('table.heat');if(!t)return;var b=t.tBodies[0];
t.querySelectorAll('thead button[data-col]').forEach(function(btn){btn.addEventListener('click',function(){
var th=btn.parentNode,col=+btn.getAttribute('data-col'),dir=th.getAttribute('aria-sort')==='ascending'?-1:1;
t.querySelectorAll('thead th[aria-sort]').forEach(function(h){h.removeAttribute('aria-sort')});
th.setAttribute('aria-sort',dir>0?'ascending':'descending');
var rows=Array.prototype.slice.call(b.rows);rows.sort(function(x,y){
var a=x.cells[col].getAttribute('data-k'),c=y.cells[col].getAttribute('data-k'),na=+a,nc=+c;
var d=isNaN(na)||isNaN(nc)?a.localeCompare(c):na-nc;return dir*d||(+x.getAttribute('data-i'))-(+y.getAttribute('data-i'))});
rows.forEach(function(r){b.appendChild(r)});});});})();`;

const SCRIPT_HASH = createHash('sha256').update(SORT_SCRIPT).digest('base64');

/** `after`: further sections (HTML), below the heat map. */
export function renderHtml(m: CoverageMatrix, opts: ReportOptions, after = ''): string {
  const stats = sectionStats(m);
  const views = m.rows.map((r) => rowView(r, m.sections)).sort(worstFirst);
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${SCRIPT_HASH}'; base-uri 'none'; form-action 'none'`;
  const body = m.rows.length
    ? `${sectionSummary(stats, m.rows.length)}\n${heatMap(views, stats)}${after ? `\n${after}` : ''}`
    : '<p class="nothing">No design docs found. A design doc is a Markdown file with <code>design</code> in its name or folder, an <code>mldesign</code> front matter key, or three of the required sections.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="mldesign ${escapeHtml(TOOL_VERSION)}">
<title>${escapeHtml(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
${header(m, views, stats, opts)}
${body}
</main>
<script>${SORT_SCRIPT}</script>
</body>
</html>
`;
}

function sectionStats(m: CoverageMatrix): SectionStats[] {
  return m.sections.map((section) => {
    const counts: Record<CoverageState, number> = { covered: 0, mentioned: 0, empty: 0, missing: 0, 'not-applicable': 0 };
    let docs = 0;
    for (const r of m.rows) {
      const c = r.cells[section.id];
      if (!c) continue;
      docs++;
      counts[c.state]++;
    }
    return { section, docs, counts, ok: counts.covered + counts['not-applicable'] };
  });
}

const isRequired = (s: MatrixSection): boolean => s.level === 'required';

function rowView(row: MatrixRow, sections: readonly MatrixSection[]): RowView {
  const count = (required: boolean, states: CoverageState[]): number =>
    sections.filter((s) => isRequired(s) === required && states.includes(row.cells[s.id]?.state as CoverageState)).length;
  return {
    row,
    ratio: row.required ? row.covered / row.required : 1,
    missing: count(true, ['missing']),
    empty: count(true, ['empty']),
    recommendedGaps: count(false, ['missing', 'empty']),
  };
}

function worstFirst(a: RowView, b: RowView): number {
  return (
    a.ratio - b.ratio ||
    b.missing - a.missing ||
    b.empty - a.empty ||
    b.recommendedGaps - a.recommendedGaps ||
    b.row.errors - a.row.errors ||
    b.row.warnings - a.row.warnings ||
    (a.row.path < b.row.path ? -1 : a.row.path > b.row.path ? 1 : 0)
  );
}

const pct = (n: number, of: number): number => (of ? Math.round((100 * n) / of) : 0);
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function header(m: CoverageMatrix, views: RowView[], stats: SectionStats[], opts: ReportOptions): string {
  const docs = m.rows.length;
  const full = m.rows.filter((r) => r.covered === r.required).length;
  const average = docs ? Math.round((100 * views.reduce((s, v) => s + v.ratio, 0)) / docs) : 0;
  const errors = m.rows.reduce((s, r) => s + r.errors, 0);
  const warnings = m.rows.reduce((s, r) => s + r.warnings, 0);
  const weakest = stats.filter((s) => isRequired(s.section) && s.docs).sort((a, b) => a.ok / a.docs - b.ok / b.docs)[0];
  const date = /^\d{4}-\d{2}-\d{2}$/.test(opts.generatedAt)
    ? `<time datetime="${opts.generatedAt}">${opts.generatedAt}</time>`
    : escapeHtml(opts.generatedAt);
  const required = m.sections.filter(isRequired).length;
  const recommended = m.sections.length - required;
  const kpis = [
    kpi('Design docs', String(docs), plural(required, 'required section') + (recommended ? ` · ${recommended} recommended` : '')),
    kpi('Fully covered', String(full), docs ? `${pct(full, docs)}% of docs have every required section` : 'no design docs'),
    kpi('Average coverage', `${average}%`, 'of the required sections, per doc', average),
    ...(weakest
      ? [
          kpi(
            'Weakest section',
            escapeHtml(weakest.section.title),
            `${weakest.ok} of ${plural(weakest.docs, 'doc')} cover it`,
            undefined,
            'text',
          ),
        ]
      : []),
    kpi('Findings', String(errors + warnings), `${plural(errors, 'error')} · ${plural(warnings, 'warning')}`),
  ];
  return `<header>
<p class="eyebrow">mldesign coverage report</p>
<h1>${escapeHtml(opts.title)}</h1>
<p class="meta">Generated ${date} by mldesign ${escapeHtml(TOOL_VERSION)}</p>
<dl class="kpis">${kpis.join('')}</dl>
</header>`;
}

function kpi(label: string, valueHtml: string, noteHtml: string, meter?: number, kind = ''): string {
  const bar = meter === undefined ? '' : `<span class="meter" aria-hidden="true"><span style="width:${meter}%"></span></span>`;
  return `<div class="kpi${kind ? ` ${kind}` : ''}"><dt>${label}</dt><dd><span class="value">${valueHtml}</span>${bar}<span class="note">${noteHtml}</span></dd></div>`;
}

const SEGMENTS: CoverageState[] = ['covered', 'not-applicable', 'mentioned', 'empty', 'missing'];

function sectionSummary(stats: SectionStats[], docs: number): string {
  const list = (group: SectionStats[]): string =>
    `<ul class="bars">${group
      .map((s) => {
        const shown = SEGMENTS.filter((st) => s.counts[st]);
        const breakdown = shown.map((st) => `${s.counts[st]} ${STATE_LABEL[st]}`).join(' · ');
        const scope = s.docs === docs ? '' : ` · ${s.docs} of ${docs} docs have this section`;
        const segs = shown
          .map((st) => `<span class="seg ${st}" style="width:${((100 * s.counts[st]) / s.docs).toFixed(2)}%"></span>`)
          .join('');
        return `<li><span class="name">${escapeHtml(s.section.title)}</span><span class="stack" role="img" aria-label="${escapeHtml(`${s.section.title}: ${breakdown}`)}">${segs}</span><span class="count"><strong>${s.ok}/${s.docs}</strong> docs <span class="pct">${pct(s.ok, s.docs)}%</span></span><span class="breakdown">${escapeHtml(breakdown + scope)}</span></li>`;
      })
      .join('')}</ul>`;
  const required = stats.filter((s) => isRequired(s.section));
  const recommended = stats.filter((s) => !isRequired(s.section));
  const groups = [
    required.length ? `<div class="group"><h3>Required sections</h3>${list(required)}</div>` : '',
    recommended.length ? `<div class="group recommended"><h3>Recommended sections</h3>${list(recommended)}</div>` : '',
  ].join('');
  return `<section aria-labelledby="by-section">
<h2 id="by-section">Coverage by section <span class="hint">docs that cover each section or mark it not applicable</span></h2>
<div class="groups${required.length && recommended.length ? ' two' : ''}">${groups}</div>
</section>`;
}

function legend(hasNone: boolean, hasRecommended: boolean): string {
  const items = LEGEND.map(
    (l) => `<li><span class="cell ${l.state}" aria-hidden="true">${SYMBOL[l.state]}</span><b>${STATE_LABEL[l.state]}</b> ${l.text}</li>`,
  );
  if (hasRecommended)
    items.push(
      `<li><span class="cell missing rec" aria-hidden="true">${SYMBOL.missing}</span><b>recommended</b> lighter columns on the right: advice, not required</li>`,
    );
  if (hasNone)
    items.push(
      '<li><span class="cell none" aria-hidden="true">·</span><b>not in config</b> the doc’s configuration has no such section</li>',
    );
  return `<ul class="legend" aria-label="Legend">${items.join('')}</ul>`;
}

/** The doc's status: sorted by stage (a status that names none after, by name). */
function statusCell(r: MatrixRow): string {
  const s = r.status;
  const key = s?.stage ? String(s.stage.n) : `~${s?.value ?? ''}`;
  const title = !s
    ? 'No status in its front matter'
    : s.stage
      ? `Review stage ${s.stage.n} of ${s.stage.of}`
      : 'Names no review stage of its config';
  return `<td class="status" data-k="${escapeHtml(key)}" title="${escapeHtml(title)}">${s ? escapeHtml(statusText(s)) : '<span aria-hidden="true">·</span><span class="sr">no status</span>'}</td>`;
}

function heatMap(views: RowView[], stats: SectionStats[]): string {
  const ordered = [...stats.filter((s) => isRequired(s.section)), ...stats.filter((s) => !isRequired(s.section))];
  const required = ordered.filter((s) => isRequired(s.section)).length;
  const recommended = ordered.length - required;
  const narrow = ordered.length > WIDE_COLUMNS_MAX;
  let col = 0;
  const th = (label: string, cls: string, title: string, after = '', sorted = false): string =>
    `<th scope="col" class="${cls}"${sorted ? ' aria-sort="ascending"' : ''} title="${escapeHtml(title)}"><button type="button" data-col="${col++}">${label}</button>${after}</th>`;
  // A doc's review stage decides which sections count: shown when a doc has a status.
  const withStatus = views.some((v) => v.row.status);
  const heads = [
    th('Design doc', 'doc', 'Sort by path'),
    ...(withStatus ? [th('Status', 'status', 'Front matter status, and the review stage it names. Sort by stage')] : []),
    ...ordered.map((s, i) => {
      const rec = !isRequired(s.section);
      const cls = `sec${rec ? ' rec' : ''}${rec && i === required ? ' first-rec' : ''}`;
      const stat = narrow ? `${pct(s.ok, s.docs)}%` : `${s.ok}/${s.docs}`;
      return th(
        `<span class="title">${escapeHtml(s.section.title)}</span>`,
        cls,
        `${s.section.title} (${s.section.level}): ${s.ok} of ${plural(s.docs, 'doc')} cover it or mark it not applicable. Sort with gaps first.`,
        `<span class="colstat">${stat}</span>`,
      );
    }),
    th('Coverage', 'score', 'Required sections covered or not applicable. Sort worst first.', '', true),
    th('Errors', 'num', 'Sort by errors, most first'),
    th('Warnings', 'num', 'Sort by warnings, most first'),
  ];
  const groupRow = recommended
    ? `<tr class="grouprow"><td class="doc"></td>${withStatus ? '<td></td>' : ''}<th scope="colgroup" colspan="${required}">Required</th><th scope="colgroup" colspan="${recommended}" class="first-rec">Recommended</th><td colspan="3"></td></tr>`
    : '';
  let hasNone = false;
  const body = views.map((v, i) => {
    const r = v.row;
    const slash = r.path.lastIndexOf('/');
    const docTitle = `${r.path}\n${r.covered}/${r.required} required sections covered · ${plural(r.errors, 'error')} · ${plural(r.warnings, 'warning')}`;
    const cells = ordered.map((st, j) => {
      const s = st.section;
      const c = r.cells[s.id];
      const rec = isRequired(s) ? '' : ` rec${j === required ? ' first-rec' : ''}`;
      if (!c) {
        hasNone = true;
        return `<td class="cell none${rec}" data-k="${RANK.none}" title="${escapeHtml(`${s.title}: not in this doc’s configuration`)}"><span aria-hidden="true">·</span><span class="sr">not in configuration</span></td>`;
      }
      const tip = [`${s.title}${isRequired(s) ? '' : ' (recommended)'}: ${STATE_LABEL[c.state]}`];
      if (c.heading) tip.push(`“${c.heading}”${c.line ? `, line ${c.line}` : ''}`);
      else if (c.line) tip.push(`line ${c.line}`);
      if (c.reason) tip.push(`Reason: ${c.reason}`);
      if (c.state === 'missing') tip.push('No heading for it in this doc');
      if (c.mentions?.length) tip.push(`Discussed in passing on line${c.mentions.length > 1 ? 's' : ''} ${c.mentions.join(', ')}`);
      const shown = c.state === 'covered' || c.state === 'mentioned';
      if (shown && c.depth.total) tip.push(`${c.depth.addressed} of ${c.depth.total} topics addressed`);
      if (shown && c.missingTopics.length) tip.push(`Nothing on: ${c.missingTopics.join(', ')}`);
      // Depth in the cell for sections with text; the sort key keeps the state first.
      const depth = shown && c.depth.total ? `<small>${c.depth.addressed}/${c.depth.total}</small>` : '';
      const key = RANK[c.state] + (shown && c.depth.total ? c.depth.addressed / c.depth.total / 2 : 0);
      return `<td class="cell ${c.state}${rec}" data-k="${key.toFixed(3)}" title="${escapeHtml(tip.join('\n'))}"><span aria-hidden="true">${SYMBOL[c.state]}${depth}</span><span class="sr">${STATE_LABEL[c.state]}${shown && c.depth.total ? `, ${c.depth.addressed} of ${c.depth.total} topics` : ''}</span></td>`;
    });
    const p = Math.round(v.ratio * 100);
    const band = p === 100 ? 'full' : p >= 60 ? 'part' : 'low';
    return (
      `<tr data-i="${i}"><th scope="row" data-k="${escapeHtml(r.path)}" title="${escapeHtml(docTitle)}"><span class="dir">${escapeHtml(r.path.slice(0, slash + 1))}</span>${escapeHtml(r.path.slice(slash + 1))}</th>` +
      (withStatus ? statusCell(r) : '') +
      cells.join('') +
      `<td class="score ${band}" data-k="${v.ratio.toFixed(4)}"><span class="frac">${r.covered}/${r.required}</span><span class="meter" aria-hidden="true"><span style="width:${p}%"></span></span></td>` +
      `<td class="num${r.errors ? ' err' : ''}" data-k="${-r.errors}">${r.errors}</td><td class="num${r.warnings ? ' warn' : ''}" data-k="${-r.warnings}">${r.warnings}</td></tr>`
    );
  });
  return `<section aria-labelledby="by-doc">
<h2 id="by-doc">Design docs <span class="hint">worst first · hover a cell for its heading and line · click a column title to sort</span></h2>
${legend(hasNone, recommended > 0)}
<table class="heat${narrow ? ' narrow' : ''}">
<caption class="sr">Coverage of each design doc by section, worst first</caption>
<thead>${groupRow}<tr>${heads.join('')}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table>
</section>`;
}

const CSS = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--soft:#f6f8fa;--accent:#0969da;
--cov-bg:#aceebb;--cov-fg:#0b4a1e;--men-bg:#b6e3ff;--men-fg:#0a3069;--emp-bg:#ffd33d;--emp-fg:#4d2d00;--mis-bg:#cf222e;--mis-fg:#fff;--na-bg:#e6eaef;--na-fg:#3d444d;
--rcov-bg:#dcf7e3;--remp-bg:#fff1b8;--rmis-bg:#fadad7;--rmis-fg:#a0111f;--none-fg:#6e7781;--good:#1a7f37;--fair:#bf8700;--poor:#cf222e}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--soft:#151b23;--accent:#4493f8;
--cov-bg:#1f6f3a;--cov-fg:#e9fbee;--men-bg:#1f4f7a;--men-fg:#ddf4ff;--emp-bg:#d4a72c;--emp-fg:#1f1300;--mis-bg:#f85149;--mis-fg:#1a0002;--na-bg:#2a313c;--na-fg:#c9d1d9;
--rcov-bg:#173b25;--remp-bg:#4a3b10;--rmis-bg:#3c1618;--rmis-fg:#ffb3ad;--none-fg:#9198a1;--good:#3fb950;--fair:#d29922;--poor:#f85149}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{padding:24px 32px 40px}
h1{font-size:26px;line-height:1.2;margin:2px 0 4px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:12px;margin:0 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.05em}
.hint{font-size:12px;font-weight:400;color:var(--muted);margin-left:8px}
.eyebrow{margin:0;color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.06em;text-transform:uppercase}
.meta{margin:0;color:var(--muted)}
.kpis{display:flex;flex-wrap:wrap;gap:12px;margin:18px 0 26px;padding:0}
.kpi{flex:1 1 150px;max-width:250px;border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--soft)}
.kpi dt{font-size:12px;color:var(--muted);font-weight:600}
.kpi dd{margin:0}
.kpi .value{display:block;font-size:28px;font-weight:700;line-height:1.2;font-variant-numeric:tabular-nums}
.kpi.text .value{font-size:19px;line-height:1.77;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.kpi .note{display:block;font-size:12px;color:var(--muted)}
.meter{display:block;height:6px;border-radius:3px;background:var(--line);overflow:hidden;margin:4px 0}
.meter>span{display:block;height:100%;background:var(--accent)}
section{margin:0 0 28px}
table.templates{border-collapse:collapse;font-variant-numeric:tabular-nums}
table.templates th,table.templates td{text-align:left;vertical-align:top;padding:6px 16px 6px 0;border-bottom:1px solid var(--line)}
table.templates tbody th{font-weight:600;white-space:nowrap}
ul.docs{margin:0;padding:0;list-style:none;font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.groups{display:grid;gap:8px 48px}
.groups.two{grid-template-columns:repeat(auto-fit,minmax(460px,1fr))}
.bars{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:max-content minmax(140px,1fr) max-content;gap:4px 12px;align-items:center;max-width:860px}
.bars li{display:contents}
.bars .name{font-weight:600}
.bars .stack{display:flex;height:14px;border-radius:4px;overflow:hidden;background:var(--line)}
.bars .count{font-variant-numeric:tabular-nums;white-space:nowrap}
.bars .pct{display:inline-block;min-width:34px;text-align:right;color:var(--muted)}
.bars .breakdown{grid-column:2/4;margin:-4px 0 4px;font-size:12px;color:var(--muted)}
.seg.covered{background:var(--cov-bg)}.seg.not-applicable{background:var(--na-fg);opacity:.45}.seg.empty{background:var(--emp-bg)}.seg.mentioned{background:var(--men-bg)}.seg.missing{background:var(--mis-bg)}
.recommended .seg.covered{background:var(--rcov-bg);box-shadow:inset 0 0 0 1px var(--cov-bg)}.recommended .seg.empty{background:var(--remp-bg)}.recommended .seg.missing{background:var(--rmis-bg)}
.recommended .name{font-weight:500}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 12px;padding:0;font-size:12px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.legend b{color:var(--fg);font-weight:600}
.legend .cell{display:inline-flex;align-items:center;justify-content:center;width:22px;height:20px;border-radius:3px;font-weight:700}
table.heat{border-collapse:separate;border-spacing:0;font-variant-numeric:tabular-nums}
.heat th,.heat td{border-bottom:1px solid var(--bg);border-right:1px solid var(--bg);padding:0}
.heat thead{position:sticky;top:0;z-index:2}
.heat thead th,.heat thead td{background:var(--bg);vertical-align:bottom;font-size:12px;font-weight:600;text-align:center;padding:6px 4px}
.heat thead tr:last-child>*{border-bottom:2px solid var(--line)}
.heat .grouprow th{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted);padding:4px 0 2px;border-bottom:1px solid var(--line)}
.heat thead th.doc{text-align:left;padding-left:0}
.heat thead th.status{text-align:left;padding-left:10px}
.heat thead button{all:unset;cursor:pointer;display:block;width:100%;box-sizing:border-box;line-height:1.25}
.heat thead button:focus-visible{outline:2px solid var(--accent);outline-offset:2px;border-radius:2px}
.heat thead button::after{content:"↕";margin-left:3px;color:var(--muted);opacity:.5}
.heat thead th[aria-sort=ascending] button::after{content:"▲";color:var(--accent);opacity:1}
.heat thead th[aria-sort=descending] button::after{content:"▼";color:var(--accent);opacity:1}
.heat th.sec{width:100px;min-width:100px;max-width:100px}
.heat th.rec{font-weight:500;color:var(--muted)}
.heat .first-rec{border-left:6px solid var(--bg)}
.heat.narrow th.sec{width:46px;min-width:46px;max-width:46px;padding:6px 0}
.heat.narrow th.sec button{display:flex;flex-direction:column;align-items:center}
.heat.narrow th.sec .title{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;max-height:112px;line-height:1.15}
.heat.narrow th.sec button::after{margin:3px 0 0}
.colstat{display:block;font-weight:400;color:var(--muted);font-size:11px;margin-top:2px;white-space:nowrap}
.heat tbody th{position:sticky;left:0;z-index:1;background:var(--bg);text-align:left;font-weight:400;padding:0 16px 0 0;white-space:nowrap;line-height:1.25;font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.heat .dir{color:var(--muted)}
.heat tbody tr:hover>th,.heat tbody tr:hover>td.status,.heat tbody tr:hover>td.score,.heat tbody tr:hover>td.num{background:var(--soft)}
.heat tbody tr:hover>td.cell{filter:brightness(.92)}
td.cell{height:26px;text-align:center;font-weight:700;font-size:14px;cursor:default}
.cell.covered{background:var(--cov-bg);color:var(--cov-fg)}
.cell.empty{background:var(--emp-bg);color:var(--emp-fg)}
.cell.mentioned{background:var(--men-bg);color:var(--men-fg)}
.cell small{font-weight:500;font-size:10px;margin-left:3px;opacity:.85}
.cell.missing{background:var(--mis-bg);color:var(--mis-fg)}
.cell.not-applicable{background:var(--na-bg);color:var(--na-fg)}
.cell.rec{font-weight:600}
.cell.covered.rec{background:var(--rcov-bg)}
.cell.empty.rec{background:var(--remp-bg)}
.cell.missing.rec{background:var(--rmis-bg);color:var(--rmis-fg)}
.cell.none{color:var(--none-fg);background:transparent}
td.score{padding:0 10px 0 14px;white-space:nowrap;min-width:100px}
td.score .frac{display:inline-block;width:30px;font-weight:600}
td.score .meter{display:inline-block;vertical-align:middle;width:48px;margin:0 0 0 4px}
td.score.full .meter>span{background:var(--good)}td.score.part .meter>span{background:var(--fair)}td.score.low .meter>span{background:var(--poor)}
td.num{text-align:right;padding:0 10px;color:var(--muted);min-width:64px}
td.status{padding:0 10px;white-space:nowrap;color:var(--muted)}
td.num.err{color:var(--poor);font-weight:700}
td.num.warn{color:var(--fg);font-weight:600}
.nothing{padding:16px;border:1px dashed var(--line);border-radius:8px;color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media print{
@page{size:A4 landscape;margin:10mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
:root{--bg:#fff;--fg:#000;--soft:#fff}
body{font-size:10px}
main{padding:0}
.hint,.heat thead button::after{display:none}
.heat thead,.heat tbody th{position:static}
.heat tr,.kpi,.bars li{break-inside:avoid}
td.cell{height:17px;font-size:11px}
}
`.trim();
