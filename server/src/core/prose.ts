// The prose of a document, for rules that read what the text says: paragraphs, headings and
// table cells, as raw source with code spans, HTML and link targets blanked out (same
// length, so a match's index is a source offset). Code blocks and comments are not prose.
import type { Nodes, RootContent, Table } from 'mdast';
import type { DocModel } from './model';
import type { OutlineEntry } from './outline';
import { inlineText } from './outline';
import { regionsOf } from './regions';

export interface ProseBlock {
  kind: 'paragraph' | 'heading' | 'cell';
  /** Source offsets of the block. */
  start: number;
  end: number;
  /** The block's source with non-prose blanked; text[i] is at offset start + i. */
  text: string;
  /** The block's source with only code spans blanked (HTML-looking text kept). */
  raw: string;
  /** The nearest real heading above the block. */
  heading: OutlineEntry | undefined;
  /** For a table cell: its column header and its row's first cell, for context. */
  context?: string;
}

interface ProseIndex {
  /** Real headings in document order, for the heading above a block (binary search). */
  headings: OutlineEntry[];
  /** Blocks of each top-level node, computed when first asked for. */
  byTop: Map<number, ProseBlock[]>;
  all?: ProseBlock[];
}

const indexes = new WeakMap<DocModel, ProseIndex>();

function indexOf(model: DocModel): ProseIndex {
  let ix = indexes.get(model);
  if (!ix) indexes.set(model, (ix = { headings: model.outline.entries.filter((e) => e.kind === 'heading'), byTop: new Map() }));
  return ix;
}

/** The last heading starting at or before an offset (binary search: headings are in order). */
export function headingBefore(model: DocModel, offset: number): OutlineEntry | undefined {
  const { headings } = indexOf(model);
  let lo = 0;
  let hi = headings.length - 1;
  let found: OutlineEntry | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid]!.lineStart <= offset) {
      found = headings[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Every prose block of the document, in order. */
export function proseBlocks(model: DocModel): ProseBlock[] {
  const ix = indexOf(model);
  if (!ix.all) ix.all = model.outline.root.children.flatMap((_, i) => proseBlocksOfTop(model, i));
  return ix.all;
}

/** Index of the top-level block holding an offset, or -1 (binary search: blocks are in order). */
export function topLevelAt(model: DocModel, offset: number): number {
  const kids = model.outline.root.children;
  let lo = 0;
  let hi = kids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = kids[mid]!;
    if ((n.position?.end.offset ?? 0) < offset) lo = mid + 1;
    else if ((n.position?.start.offset ?? 0) > offset) hi = mid - 1;
    else return mid;
  }
  return -1;
}

/** Results of scans, remembered per top-level node object and scan. The editor's parser
 * hands back the same node objects for every part of the text an edit did not touch, so
 * on a keystroke only the edited part is scanned again. Offsets are kept relative to the
 * node, which may have moved. */
const scans = new WeakMap<object, Map<string, Scanned>>();

/** A block's scan: relative spans, and for scanProse the absolute ones of the last time it
 * was read, with the start they were made for. A big doc holds tens of thousands of topic
 * spans: copying each on every keystroke was the bulk of an edit's analysis; only blocks
 * that moved (after the edit) are copied now, and scanBlock keeps no absolute copy. */
interface Scanned {
  rel: readonly Span[];
  start: number;
  abs?: readonly Span[];
}

export interface Span {
  from: number;
  to: number;
}

/** Which blocks a scan reads: a regex over the block's source, or a test function. */
export type ProsePattern = RegExp | ((source: string) => boolean);

/** Runs `scan` on the prose of each top-level block whose source matches `pattern`, and
 * returns its spans at their current offsets. The scan may only depend on the block itself,
 * its heading and the block after it when that is no heading: it is remembered per region
 * (regions.ts), which holds the heading above each of its blocks, or with `within` per block. */
export function scanProse<S extends Span>(
  model: DocModel,
  key: string,
  pattern: ProsePattern,
  scan: (blocks: ProseBlock[]) => S[],
  within?: { from: number; to: number },
): S[] {
  const out: S[] = [];
  if (within) {
    for (const { start, hit } of scanned(model, key, pattern, scan, within)) pushAt(out, hit, start);
    return out;
  }
  const re = tester(pattern);
  const memoKey = `prose:${key}`;
  for (const r of regionsOf(model)) {
    let hit = r.memo.get(memoKey) as Scanned | undefined;
    if (!hit) {
      const rel: Span[] = [];
      for (let i = r.from; i < r.to; i++)
        for (const sp of scanIfMatched(model, i, re, scan)) rel.push({ ...sp, from: sp.from - r.start, to: sp.to - r.start });
      r.memo.set(memoKey, (hit = { rel, start: r.start }));
    }
    pushAt(out, hit, r.start);
  }
  return out;
}

/** A scan's spans at `start`, where its block or region sits now: copied only when it moved. */
function pushAt<S extends Span>(out: S[], hit: Scanned, start: number): void {
  if (!hit.rel.length) return;
  if (!hit.abs || hit.start !== start) {
    hit.abs = hit.rel.map((sp) => ({ ...sp, from: sp.from + start, to: sp.to + start }));
    hit.start = start;
  }
  for (const sp of hit.abs as S[]) out.push(sp);
}

/** The top-level block's scan (absolute spans), or none when its source does not match. */
function scanIfMatched<S extends Span>(
  model: DocModel,
  i: number,
  re: { test: (source: string) => boolean },
  scan: (blocks: ProseBlock[]) => S[],
): S[] {
  const pos = model.outline.root.children[i]!.position;
  const start = pos?.start.offset ?? 0;
  return re.test(model.text.slice(start, pos?.end.offset ?? start)) ? scan(proseBlocksOfTop(model, i)) : [];
}

function tester(pattern: ProsePattern): { test: (source: string) => boolean } {
  return typeof pattern === 'function' ? { test: pattern } : new RegExp(pattern.source, pattern.flags.replace('g', ''));
}

function scanned<S extends Span>(
  model: DocModel,
  key: string,
  pattern: ProsePattern,
  scan: (blocks: ProseBlock[]) => S[],
  within?: { from: number; to: number },
): { start: number; hit: Scanned }[] {
  const re = tester(pattern);
  const out: { start: number; hit: Scanned }[] = [];
  const kids = model.outline.root.children;
  // Only the top-level blocks that overlap `within`, when given.
  let first = 0;
  if (within) {
    first = topLevelAt(model, within.from);
    if (first === -1) first = kids.findIndex((n) => (n.position?.start.offset ?? 0) >= within.from);
    if (first === -1) return out;
  }
  for (let i = first; i < kids.length; i++) {
    const node = kids[i]!;
    const start = node.position?.start.offset ?? 0;
    if (within && start >= within.to) break;
    const hit = remembered(node, key, start, () => scanIfMatched(model, i, re, scan));
    if (hit.rel.length) out.push({ start, hit });
  }
  return out;
}

/** One top-level block's scan, remembered with the block: its spans relative to the block's
 * start (see scanned; topics.ts gathers them by region). */
export function scanBlock<S extends Span>(model: DocModel, i: number, key: string, scan: (blocks: ProseBlock[]) => S[]): readonly S[] {
  const node = model.outline.root.children[i]!;
  return remembered(node, key, node.position?.start.offset ?? 0, () => scan(proseBlocksOfTop(model, i))).rel as S[];
}

/** The scan of a node under a key: remembered, or made now by `scan` (absolute spans). */
function remembered(node: RootContent, key: string, start: number, scan: () => Span[]): Scanned {
  let memo = scans.get(node);
  if (!memo) scans.set(node, (memo = new Map<string, Scanned>()));
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = { rel: scan().map((sp) => ({ ...sp, from: sp.from - start, to: sp.to - start })), start }));
  return hit;
}

function proseBlocksOfTop(model: DocModel, i: number): ProseBlock[] {
  const ix = indexOf(model);
  let blocks = ix.byTop.get(i);
  if (blocks) return blocks;
  blocks = [];
  const headingAt = (offset: number) => headingBefore(model, offset);
  const push = (node: Nodes, kind: ProseBlock['kind'], context?: string) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    // Ranges to blank: for `text` (code, HTML, images, link targets) and for `raw` (code only).
    const textRanges: [number, number][] = [];
    const rawRanges: [number, number][] = [];
    const mask = (n: Nodes) => {
      const from = n.position?.start.offset;
      const to = n.position?.end.offset;
      if (n.type === 'inlineCode' && from !== undefined && to !== undefined) rawRanges.push([from, to]);
      if (n.type === 'inlineCode' || n.type === 'html' || n.type === 'image' || n.type === 'imageReference') {
        if (from !== undefined && to !== undefined) textRanges.push([from, to]);
        return;
      }
      if (n.type === 'link' && n.children.length) {
        const after = n.children[n.children.length - 1]!.position?.end.offset;
        if (after !== undefined && to !== undefined) textRanges.push([after, to]);
      }
      if ('children' in n) for (const c of n.children as Nodes[]) mask(c);
    };
    mask(node);
    const source = model.text.slice(start, end);
    blocks.push({
      kind,
      start,
      end,
      text: blanked(source, start, textRanges),
      raw: blanked(source, start, rawRanges),
      heading: headingAt(start),
      ...(context ? { context } : {}),
    });
  };
  const visit = (node: Nodes) => {
    switch (node.type) {
      case 'code':
      case 'html':
      case 'yaml':
      case 'definition':
        return;
      case 'paragraph':
        push(node, 'paragraph');
        return;
      case 'heading':
        push(node, 'heading');
        return;
      case 'table':
        visitTable(node);
        return;
      default:
        if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
    }
  };
  const visitTable = (table: Table) => {
    const header = table.children[0]?.children.map((c) => inlineText(c)) ?? [];
    table.children.forEach((row, r) =>
      row.children.forEach((cell, c) => {
        const context = r === 0 ? '' : `${header[c] ?? ''} ${c > 0 ? inlineText(row.children[0]!) : ''}`.trim();
        push(cell, 'cell', context);
      }),
    );
  };
  const top = model.outline.root.children[i];
  if (top) visit(top);
  ix.byTop.set(i, blocks);
  return blocks;
}

/** `source` (which starts at offset `start`) with the given ranges turned into spaces, line
 * breaks kept, so indexes still map to offsets. */
function blanked(source: string, start: number, ranges: [number, number][]): string {
  if (!ranges.length) return source;
  let out = '';
  let at = 0;
  for (const [from, to] of ranges.sort((a, b) => a[0] - b[0])) {
    const a = Math.max(from - start, at);
    const b = Math.min(to - start, source.length);
    if (b <= a) continue;
    out += source.slice(at, a) + source.slice(a, b).replace(/[^\r\n]/g, ' ');
    at = b;
  }
  return out + source.slice(at);
}

/** Whether a prose block belongs to an entry's section: inside it, and not its heading. */
export function isProseOf(entry: OutlineEntry, block: Pick<ProseBlock, 'kind' | 'start' | 'end'>): boolean {
  const { from, to } = sectionExtent(entry);
  return block.start >= from && block.end <= to && !(block.kind === 'heading' && block.start === from);
}

/** The source range of an entry's section (a pseudo-heading's runs to its last block). */
export function sectionExtent(entry: OutlineEntry): { from: number; to: number } {
  const from = entry.lineStart;
  const to =
    entry.kind === 'heading' ? entry.sectionEnd : Math.max(entry.sectionEnd, ...entry.blocks.map((b) => b.position?.end.offset ?? 0));
  return { from, to };
}

/** The sentences of a text: runs ended by . ! ? ; (not a decimal point: "p99.9", "2.5 s"),
 * with their offsets in the text. A line break inside a paragraph is only wrapping: it ends
 * no sentence. A loop, not a regex: a long run without an end must cost one pass, not one
 * pass per start. */
export function sentences(text: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  let start = 0;
  const flush = (end: number) => {
    const t = text.slice(start, end);
    if (t.trim()) out.push({ text: t, start, end });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // . ! ? ; end a sentence unless a digit follows.
    if ((c === 46 || c === 33 || c === 63 || c === 59) && !(text.charCodeAt(i + 1) >= 48 && text.charCodeAt(i + 1) <= 57)) flush(i + 1);
  }
  flush(text.length);
  return out;
}
