// The prose of a document, for rules that read what the text says: paragraphs, headings and
// table cells, as raw source with code spans, HTML and link targets blanked out (same
// length, so a match's index is a source offset). Code blocks and comments are not prose.
import type { Nodes, Table } from 'mdast';
import type { DocModel } from './model';
import type { OutlineEntry } from './outline';
import { inlineText } from './outline';
import type { Range } from './types';

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

const cache = new WeakMap<DocModel, ProseBlock[]>();

export function proseBlocks(model: DocModel): ProseBlock[] {
  let blocks = cache.get(model);
  if (blocks) return blocks;
  blocks = [];
  const headings = model.outline.entries.filter((e) => e.kind === 'heading');
  const headingAt = (offset: number) => {
    let found: OutlineEntry | undefined;
    for (const h of headings) {
      if (h.lineStart <= offset) found = h;
      else break;
    }
    return found;
  };
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
    blocks!.push({ kind, start, end, text: blanked(source, start, textRanges), raw: blanked(source, start, rawRanges), heading: headingAt(start), ...(context ? { context } : {}) });
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
      row.children.forEach((cell, i) => {
        const context = r === 0 ? '' : `${header[i] ?? ''} ${i > 0 ? inlineText(row.children[0]!) : ''}`.trim();
        push(cell, 'cell', context);
      }),
    );
  };
  visit(model.outline.root);
  cache.set(model, blocks);
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

/** Prose inside an outline entry's section (its own text and its subsections'). */
export function proseIn(model: DocModel, entry: OutlineEntry): ProseBlock[] {
  const from = entry.lineStart;
  const to = entry.kind === 'heading' ? entry.sectionEnd : Math.max(entry.sectionEnd, ...entry.blocks.map((b) => b.position?.end.offset ?? 0));
  return proseBlocks(model).filter((b) => b.start >= from && b.end <= to && !(b.kind === 'heading' && b.start === from));
}

/** The real or pseudo entries that stand for a covered section (all its matches with content). */
export function coveredEntries(model: DocModel, sectionId: string): OutlineEntry[] {
  const state = model.coverage.find((c) => c.id === sectionId)?.state;
  if (state !== 'covered') return [];
  return model.matched.filter((m) => m.hasContent && m.sections.some((s) => s.sectionId === sectionId)).map((m) => m.entry);
}

export function rangeOf(model: DocModel, start: number, end: number): Range {
  return { start: model.lines.positionAt(start), end: model.lines.positionAt(end) };
}

/** Words and phrases as a regex alternation (spaces match spaces or hyphens). */
export function alternation(terms: readonly string[]): string {
  const escaped = terms.filter((t) => t.trim()).map((t) => t.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '[\\s-]+'));
  return `(?:${escaped.join('|') || '(?!)'})`;
}

/** Words and phrases as one case-insensitive pattern matching at word starts. */
export function termsPattern(terms: readonly string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${alternation(terms)}`, 'iu');
}

/** A rule option that is a list of strings, or the default. */
export function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : fallback;
}
