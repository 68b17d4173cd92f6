// `mldesign report` (md, json, html) on temp workspaces, through the built CLI (dist/cli.js).
// The assertions do not pin the section list: the catalogue may grow. They name the five
// required sections and read everything else from the report itself.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const DATE = '2026-01-01';
const XSS = '<img src=x onerror=alert(1)>';
const XSS_ESCAPED = '&lt;img src=x onerror=alert(1)&gt;';
const REQUIRED = ['Business requirements', 'Data stack', 'Deployment', 'Monitoring', 'Model updates'];

const run = (args: string[], cwd: string) => runCli(args, cwd, { MLDESIGN_REPORT_DATE: DATE });
const tmpdir = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-report-');

const FULL = `# Fraud scoring

## Goals

Cut chargebacks by 20% at a 1% false positive rate.

## Training data

Twelve months of card transactions with chargeback labels.

## Serving

An online gRPC service, p99 under 50 ms.

## Monitoring

Dashboards and PSI drift alerts on the top features.

## Retraining

Weekly, promoted after a shadow comparison.
`;

const PARTIAL = `# Churn

## Goals

Keep 2% more subscribers each quarter.

<!-- mldesign-not-applicable deployment: a weekly CSV for the CRM team, nothing is served -->

## Monitoring

TODO
`;

/** A plain workspace: two design docs, one README that is no design doc. */
function workspace(): string {
  return tmpdir({
    'fraud-design.md': FULL,
    'team/churn-design.md': PARTIAL,
    'README.md': '# Readme\n\nNot a design doc.\n',
  });
}

/** Document and config text that would be markup if it were not escaped. */
function hostile(): string {
  return tmpdir({
    '.mldesign.yaml': `extends: recommended\nsections:\n  - id: privacy\n    title: "${XSS} Privacy"\n    level: recommended\n    guidance: How personal data is handled.\n`,
    [`${XSS} design.md`]: `# Hostile\n\n## Goals\n\nBe good.\n\n<!-- mldesign-not-applicable deployment: batch ${XSS} only -->\n\n## Monitoring \\${XSS}\n\nDashboards.\n`,
    'plain-design.md': FULL,
  });
}

/** The rows of the report's Markdown table, keyed by column title. */
function mdTable(md: string): Record<string, string>[] {
  const lines = md.split('\n').filter((l) => l.startsWith('| '));
  const cells = (l: string) => l.slice(2, -2).split(' | ');
  const head = cells(lines[0]!);
  return lines.slice(2).map((l) => Object.fromEntries(cells(l).map((c, i) => [head[i]!, c])));
}

/** The HTML with every double-quoted attribute value emptied: what is left between < and >
 * is markup, all else is text (which never holds a raw < or >). */
function markupOnly(html: string): string {
  return html.replace(/"[^"]*"/g, '""');
}

describe('mldesign report --format md', () => {
  it('prints a title, a count, the date and one table row per design doc with state symbols', () => {
    const r = run(['report'], workspace());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^# Design doc coverage\n\n2 design docs, generated 2026-01-01 by mldesign \d+\.\d+\.\d+\.\n\n\| Design doc \| /,
    );
    const rows = mdTable(r.stdout);
    expect(rows.map((row) => row['Design doc'])).toEqual(['fraud-design.md', 'team/churn-design.md']);
    const [full, partial] = rows;
    // A covered cell carries its depth: topics addressed of the section's.
    for (const title of REQUIRED) expect(full![title]).toMatch(/^✅ \d+\/\d+$/);
    expect(full!['Covered']).toBe('5/5');
    expect(partial!['Business requirements']).toMatch(/^✅ \d+\/4$/);
    expect(partial!['Data stack']).toBe('❌');
    expect(partial!['Deployment']).toBe('➖');
    expect(partial!['Monitoring']).toBe('⚠️');
    expect(partial!['Model updates']).toBe('❌');
    expect(partial!['Covered']).toBe('2/5');
    expect(r.stdout).toContain(
      "✅ covered (topics addressed of the section's) · 💬 only mentioned in passing · ⚠️ empty · ❌ missing · ➖ not applicable",
    );
    expect(r.stdout).not.toContain('README.md');
  });

  it('says so when there is no design doc', () => {
    const r = run(['report'], tmpdir({ 'notes.md': '# Notes\n' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 design docs');
    expect(r.stdout).toContain('_No design docs found._');
  });

  it('exits 2 on an unknown format', () => {
    const r = run(['report', '--format', 'pdf'], workspace());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown report format 'pdf'");
  });
});

describe('mldesign report --format json', () => {
  it('has version, title, date, tool, sections and rows with cells', () => {
    const r = run(['report', '--format', 'json', '--title', 'Q1 review'], workspace());
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({
      version: 2,
      title: 'Q1 review',
      generatedAt: DATE,
      tool: { name: 'mldesign', version: expect.stringMatching(/^\d+\.\d+\.\d+/) },
    });
    expect(report.sections.filter((s: { level: string }) => s.level === 'required').map((s: { title: string }) => s.title)).toEqual(
      REQUIRED,
    );
    for (const s of report.sections) expect(Object.keys(s).sort()).toEqual(['id', 'level', 'title']);
    expect(report.rows.map((row: { path: string }) => row.path)).toEqual(['fraud-design.md', 'team/churn-design.md']);
    const partial = report.rows[1];
    expect(partial).toMatchObject({ covered: 2, required: 5, errors: 0 });
    expect(partial.warnings).toBeGreaterThanOrEqual(3);
    expect(Object.keys(partial.cells)).toEqual(report.sections.map((s: { id: string }) => s.id));
    expect(partial.cells['business-requirements']).toMatchObject({ state: 'covered', line: 3, heading: 'Goals', depth: { total: 4 } });
    expect(partial.cells['data-stack']).toEqual({ state: 'missing', depth: { addressed: 0, total: 6 }, missingTopics: [] });
    expect(partial.cells['deployment']).toMatchObject({
      state: 'not-applicable',
      reason: 'a weekly CSV for the CRM team, nothing is served',
    });
    expect(partial.cells['monitoring']).toMatchObject({ state: 'empty', line: 9, heading: 'Monitoring' });
    expect(report.rows[0].cells['model-updates']).toMatchObject({ state: 'covered', line: 19, heading: 'Retraining' });
  });
});

describe('mldesign report --format html', () => {
  it('is one self-contained page: no network, no external files, a CSP that matches its one script', () => {
    const r = run(['report', '--format', 'html'], workspace());
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toContain('@import');
    expect(html).not.toMatch(/url\(/);
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<link\b/i);
    expect(markup).not.toMatch(/<(img|iframe|object|embed|base|form)\b/i);
    expect(markup).not.toMatch(/<[^>]*\s(src|href|srcset|action)\s*=/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(csp).toMatch(/^default-src 'none'; /);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    const hash = createHash('sha256').update(scripts[0]![1]!).digest('base64');
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it('shows the title, date, counts, legend, per-section coverage and every doc, worst first', () => {
    const r = run(['report', '--format', 'html', '--title', 'Q1 design review'], workspace());
    const html = r.stdout;
    expect(html).toContain('<title>Q1 design review</title>');
    expect(html).toContain('<h1>Q1 design review</h1>');
    expect(html).toContain(`<time datetime="${DATE}">${DATE}</time>`);
    expect(html).toMatch(/<dt>Design docs<\/dt><dd><span class="value">2<\/span>/);
    expect(html).toMatch(/<dt>Fully covered<\/dt><dd><span class="value">1<\/span>/);
    expect(html).toMatch(/<dt>Average coverage<\/dt><dd><span class="value">70%<\/span>/);
    const legend = /<ul class="legend"[^>]*>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    for (const label of ['covered', 'empty', 'missing', 'not applicable']) expect(legend).toContain(`<b>${label}</b>`);
    // Per section across docs: Monitoring is covered by one of two docs, Deployment by both (one not applicable).
    expect(html).toMatch(/<span class="name">Monitoring<\/span>.*?<strong>1\/2<\/strong> docs/);
    expect(html).toMatch(/<span class="name">Deployment<\/span>.*?<strong>2\/2<\/strong> docs/);
    const rows = [...html.matchAll(/<tr data-i="\d+"><th scope="row" data-k="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual(['team/churn-design.md', 'fraud-design.md']);
    expect(html).toMatch(/title="Monitoring: empty\n“Monitoring”, line 9"/);
    expect(html).toMatch(/title="Deployment: not applicable\nReason: a weekly CSV for the CRM team, nothing is served"/);
    expect(html).toContain('aria-sort="ascending"');
    expect(html).not.toContain('README.md');
  });

  it('escapes document, file name and config text: a tag shows as text, never as markup', () => {
    const r = run(['report', '--format', 'html', '--title', `${XSS} <script>alert(2)</script>`], hostile());
    expect(r.code).toBe(0);
    const html = r.stdout;
    const markup = markupOnly(html);
    expect(markup).not.toMatch(/<img\b/i);
    expect(markup.match(/<script\b/gi)).toHaveLength(1);
    expect(markup).not.toMatch(/<[^>]*\son[a-z]+\s*=/i); // no event handler attribute anywhere
    expect(html).toContain(`<title>${XSS_ESCAPED} &lt;script&gt;alert(2)&lt;/script&gt;</title>`);
    expect(html).toContain(`${XSS_ESCAPED} design.md</th>`); // the file name
    expect(html).toContain(`“Monitoring ${XSS_ESCAPED}”, line 9`); // a heading
    expect(html).toContain(`Reason: batch ${XSS_ESCAPED} only`); // a directive's reason
    expect(html).toContain(`<span class="name">${XSS_ESCAPED} Privacy</span>`); // a config section title
  });

  it('writes --output FILE and prints nothing on stdout', () => {
    const dir = workspace();
    const r = run(['report', '--format', 'html', '--output', 'out/coverage.html'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(fs.readFileSync(path.join(dir, 'out/coverage.html'), 'utf8')).toBe(run(['report', '--format', 'html'], dir).stdout);
  });

  it('says so when there is no design doc', () => {
    const r = run(['report', '--format', 'html'], tmpdir({ 'notes.md': '# Notes\n' }));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No design docs found.');
    expect(r.stdout).not.toContain('<table');
  });
});

describe('a Status column: the front matter status and the review stage it names', () => {
  const STAGES = `extends: recommended
stages:
  - status: draft
    sections: [business-requirements]
  - status: review
    sections: [data-stack, deployment]
  - status: approved
    sections: all
`;
  const withStatus = (status: string) => `---\nstatus: ${status}\n---\n\n${FULL}`;
  const dir = () =>
    tmpdir({
      '.mldesign.yaml': STAGES,
      'a-design.md': withStatus('Review'),
      'b-design.md': withStatus('"wip | <marquee>x</marquee>"'),
      'c-design.md': FULL,
      'd-design.md': withStatus('draft'),
    });

  it('in Markdown: the stage as "n of m" (case as written), another status as it is, escaped; none as ·', () => {
    const rows = mdTable(run(['report'], dir()).stdout);
    expect(rows.map((r) => [r['Design doc'], r['Status']])).toEqual([
      ['a-design.md', 'Review (stage 2 of 3)'],
      ['b-design.md', 'wip \\| &lt;marquee&gt;x&lt;/marquee&gt;'],
      ['c-design.md', '·'],
      ['d-design.md', 'draft (stage 1 of 3)'],
    ]);
    // The stage decides what is required: a draft needs one section, an unstaged doc all five.
    expect(rows.map((r) => r['Covered'])).toEqual(['3/3', '5/5', '5/5', '1/1']);
  });

  it('in JSON and HTML, sortable by stage; no column when no doc has a status', () => {
    const d = dir();
    const report = JSON.parse(run(['report', '--format', 'json'], d).stdout);
    expect(report.rows.map((r: { status?: unknown }) => r.status)).toEqual([
      { value: 'Review', stage: { n: 2, of: 3 } },
      { value: 'wip | <marquee>x</marquee>' },
      undefined,
      { value: 'draft', stage: { n: 1, of: 3 } },
    ]);
    const html = run(['report', '--format', 'html'], d).stdout;
    expect(html).toContain('<td class="status" data-k="2" title="Review stage 2 of 3">Review (stage 2 of 3)</td>');
    expect(html).toContain(
      '<td class="status" data-k="~wip | &lt;marquee&gt;x&lt;/marquee&gt;" title="Names no review stage of its config">wip | &lt;marquee&gt;x&lt;/marquee&gt;</td>',
    );
    expect(markupOnly(html)).not.toContain('<marquee');
    const lint = JSON.parse(run(['lint', '--format', 'json', 'a-design.md', 'c-design.md'], d).stdout);
    expect(lint.files.map((f: { status?: unknown }) => f.status)).toEqual([{ value: 'Review', stage: { n: 2, of: 3 } }, undefined]);

    const plain = run(['report'], workspace()).stdout;
    expect(plain).not.toContain('Status');
    expect(run(['report', '--format', 'html'], workspace()).stdout).not.toContain('class="status"');
  });
});
