// What a hostile repository puts in file names and headings reaches output unchanged in
// meaning and inert (issue #15): no escape sequence reaches a terminal or CI log, no line
// break forges a finding, no HTML or Markdown from a name reaches a PR comment, and a SARIF
// URI always resolves to the file it names.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Root, Table } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { toString } from 'mdast-util-to-string';
import { gfmTable } from 'micromark-extension-gfm-table';
import { parse as parseHtml } from 'parse5';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';
import { visible } from '../../server/src/cli/escape';

const DOC = '# Churn design\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nSnapshots.\n\n## Serving\n\nNightly batch.\n';

/** File names a repository may hold (anything but `/` and NUL), each a design doc. */
const NAMES = [
  'title-\u001b]0;pwned\u0007-design.md', // OSC: sets the terminal title
  'clear-\u001b[2J\u001b[H-design.md', // CSI: clears the screen
  'c1-\u009b31m-design.md', // C1 CSI
  'bidi-\u202egnp.exe\u202c-design.md', // right-to-left override
  'x-design.md\nforged.md:9:9 error Forged finding forged-rule\ny-design.md', // a line break
  'back\\|pipe|<img src=x onerror=alert(1)>&amp;`code`[link](http:x)*em*_u_~s~$m$-design.md', // Markdown and HTML
  'a" onmouseover="alert(1)\'-design.md', // attribute quotes
  'c:foo-design.md', // a scheme, to a URI reader
  'hash#frag?q=1%41-design.md', // a fragment, a query, a percent
];
/** A heading quoted in messages (quantified-objectives, stakeholders). */
const HEADING = 'Goals \u001b]0;pwned\u0007\u001b[2J\u202e';

function hostileRepo(): string {
  const files: Record<string, string> = { 'heading-design.md': DOC.replace('## Goals', `## ${HEADING}`) };
  for (const n of NAMES) files[n] = DOC;
  return tempWorkspace(files, 'mldesign-hostile-out-');
}

const run = (args: string[], cwd: string, env: Record<string, string> = { NO_COLOR: '1' }) => runCli(args, cwd, env, 60_000);
/** Control characters a format never legitimately prints (a line break ends a line). */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/; // eslint-disable-line no-control-regex

describe('terminal and log formats show control characters as escapes', () => {
  const dir = hostileRepo();

  it.each(['stylish', 'text', 'github', 'markdown'])('%s', (format) => {
    const r = run(['lint', '-f', format, '.'], dir);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(RAW_CONTROL);
    if (format === 'stylish' || format === 'text') expect(r.stdout).toContain(visible(HEADING));
  });

  it('stylish in colour: the only escape sequences are its own colours', () => {
    const out = run(['lint', '.'], dir, { FORCE_COLOR: '1' }).stdout;
    expect(out.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW_CONTROL); // eslint-disable-line no-control-regex
  });

  it('text: a line break in a file name cannot forge a finding', () => {
    const lines = run(['lint', '-f', 'text', '.'], dir).stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('forged.md'))).toEqual([]);
    for (const l of lines) expect(l).toMatch(/^.+:\d+:\d+ (error|warning|info|hint) .+ [a-z-]+$/);
    expect(lines.some((l) => l.startsWith('x-design.md\\nforged.md:9:9 error Forged finding forged-rule\\ny-design.md:1:1 '))).toBe(true);
  });

  it('github: one workflow command per line, the file property escaped', () => {
    const lines = run(['lint', '-f', 'github', '.'], dir).stdout.trimEnd().split('\n');
    for (const l of lines)
      expect(l).toMatch(/^::(error|warning|notice) file=[^,]*,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]*::/);
    expect(lines.some((l) => l.includes('file=x-design.md%0Aforged.md%3A9%3A9 error Forged finding forged-rule%0Ay-design.md,'))).toBe(
      true,
    );
  });

  it('--fix-dry-run: file names in the diff headers are escaped too', () => {
    const out = run(['lint', '--fix-dry-run', '.'], dir).stdout;
    expect(out).not.toMatch(RAW_CONTROL);
    expect(out).toContain(`--- a/${visible(NAMES[0]!)}\n`);
  });

  it('stderr: fix refusals and config problems name files escaped', () => {
    const cfg = tempWorkspace({ 'doc-design.md': DOC, '.mldesign.yaml': 'extends: recommended\nrules:\n  "\\x1b[2Jbad": off\n' });
    const r = run(['lint', '.'], cfg);
    expect(r.stderr).toContain("error unknown rule '\\x1b[2Jbad'");
    expect(r.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('markdown for a pull request comment', () => {
  const dir = hostileRepo();
  const parse = (md: string): Root => fromMarkdown(md, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const tables = (tree: Root) => tree.children.filter((n): n is Table => n.type === 'table');
  const cellTexts = (t: Table, column: number) => t.children.slice(1).map((row) => toString(row.children[column]!));
  const shown = (name: string) => visible(name.replace(/\n/g, ' '));

  it('lint -f markdown: each name reads back as itself, in its own cell, with no HTML from it', () => {
    const tree = parse(run(['lint', '-f', 'markdown', '.'], dir).stdout);
    const [coverage, findings] = tables(tree);
    const expected = [...NAMES.map(shown), 'heading-design.md'].sort();
    expect([...cellTexts(coverage!, 0)].sort()).toEqual(expected);
    expect([...new Set(cellTexts(findings!, 0))].sort()).toEqual(expected);
    // Every row has its header's columns: no pipe from a name split a cell.
    for (const t of [coverage!, findings!]) for (const row of t.children) expect(row.children).toHaveLength(t.children[0]!.children.length);
    // Raw HTML in the comment is only its own <details> wrapper.
    const html: string[] = [];
    const walk = (n: { type: string; value?: string; children?: unknown[] }) => {
      if (n.type === 'html') html.push(n.value!);
      (n.children as (typeof n)[] | undefined)?.forEach(walk);
    };
    walk(tree);
    expect(html).toEqual(['<details><summary>Findings</summary>', '</details>']);
    // Nor a link, an image, code or emphasis made of a name or a heading in a message.
    const kinds = new Set<string>();
    const all = (n: { type: string; children?: unknown[] }) => {
      kinds.add(n.type);
      (n.children as (typeof n)[] | undefined)?.forEach(all);
    };
    findings!.children.forEach((row) => [row.children[0]!, row.children[4]!].forEach(all));
    expect([...kinds].sort()).toEqual(['tableCell', 'text']);
  });

  it('report -f md: the same cells', () => {
    const [table] = tables(parse(run(['report', '.'], dir).stdout));
    expect([...cellTexts(table!, 0)].sort()).toEqual([...NAMES.map(shown), 'heading-design.md'].sort());
  });
});

describe('JSON, SARIF and HTML keep names exact', () => {
  const dir = hostileRepo();

  it('json: paths parse back to the real names; C1 and bidi characters are \\u escapes', () => {
    const out = run(['lint', '-f', 'json', '.'], dir).stdout;
    expect(out).not.toMatch(RAW_CONTROL);
    const paths = (JSON.parse(out) as { files: { path: string }[] }).files.map((f) => f.path);
    expect(paths.sort()).toEqual([...NAMES, 'heading-design.md'].sort());
    const report = run(['report', '-f', 'json', '.'], dir).stdout;
    expect(report).not.toMatch(RAW_CONTROL);
    expect((JSON.parse(report) as { rows: { path: string }[] }).rows.map((r) => r.path).sort()).toEqual(paths);
  });

  it('sarif: every artifact URI resolves against SRCROOT to the file, never a scheme or a fragment', () => {
    const out = run(['lint', '-f', 'sarif', '.'], dir).stdout;
    expect(out).not.toMatch(RAW_CONTROL);
    const sarif = JSON.parse(out);
    const base = sarif.runs[0].originalUriBaseIds.SRCROOT.uri as string;
    const artifacts = sarif.runs[0].artifacts as { location: { uri: string; uriBaseId: string } }[];
    const resolved = artifacts.map((a) => {
      expect(a.location.uriBaseId).toBe('SRCROOT');
      const url = new URL(a.location.uri, base);
      expect(url.protocol).toBe('file:');
      expect(url.hash + url.search).toBe('');
      return fileURLToPath(url);
    });
    expect(resolved.sort()).toEqual([...NAMES, 'heading-design.md'].map((n) => path.join(dir, n)).sort());
    expect(artifacts.map((a) => a.location.uri)).toContain('./c:foo-design.md');
    for (const r of sarif.runs[0].results) {
      const loc = r.locations[0].physicalLocation.artifactLocation;
      expect(loc.uri).toBe(artifacts[loc.index]!.location.uri);
    }
  });

  it('html: names and headings are text and attribute values, exactly, and nothing else', () => {
    const html = run(['report', '-f', 'html', '.'], dir).stdout;
    const doc = parseHtml(html);
    type El = { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: El[]; value?: string };
    const rows: string[] = [];
    const handlers: string[] = [];
    const walk = (n: El) => {
      for (const a of n.attrs ?? []) if (/^on/i.test(a.name)) handlers.push(a.name);
      if (n.nodeName === 'th' && n.attrs?.some((a) => a.name === 'scope' && a.value === 'row'))
        rows.push(n.attrs.find((a) => a.name === 'data-k')!.value);
      if (n.nodeName === 'img') handlers.push('img');
      n.childNodes?.forEach(walk);
    };
    walk(doc);
    expect(handlers).toEqual([]);
    expect(rows.sort()).toEqual([...NAMES, 'heading-design.md'].sort());
  });
});
