import type { List, ListItem, Nodes, Paragraph, Root, RootContent } from 'mdast';
import { readFrontMatter, type FrontMatter } from './parse';
import { LineIndex } from './text';
import type { Range } from './types';

/** A heading, or a "pseudo-heading": a short list item that opens a nested list
 * ("1. Problem formulation" followed by bullets), or a bold lead-in ("**Monitoring.** ...").
 * Pseudo-headings count for coverage; fixes and structure rules use real headings only. */
export interface OutlineEntry {
  index: number;
  kind: 'heading' | 'list-item' | 'lead-in';
  depth: number;
  text: string;
  /** The heading line (for pseudo-headings, the label's line). */
  range: Range;
  /** Nearest enclosing real heading's index, or -1. */
  parent: number;
  /** Offset of the start of the heading's line. */
  lineStart: number;
  /** Offset where the entry's own content ends: the next heading of any depth. */
  ownEnd: number;
  /** Offset where the entry's section ends: the next heading of the same or lower depth. */
  sectionEnd: number;
  /** Block nodes of the section (own content and that of subsections, not sub-headings). */
  blocks: Nodes[];
}

export interface Outline {
  root: Root;
  lines: LineIndex;
  frontMatter: FrontMatter | undefined;
  entries: OutlineEntry[];
  /** The document title: its first heading when that heading is the shallowest of all. */
  title: OutlineEntry | undefined;
  /** Indexes in root.children of the heading nodes, in order. */
  headingNodes: number[];
}

const MAX_LABEL_WORDS = 8;

export function buildOutline(root: Root, text: string, lines = new LineIndex(text)): Outline {
  const entries: OutlineEntry[] = [];
  const stack: OutlineEntry[] = [];
  /** A bold-only line ("**2.6 Monitoring**") heads the blocks after it, up to the next one. */
  let boldHead: OutlineEntry | undefined;
  const headingNodes: number[] = [];
  for (const [i, node] of root.children.entries()) {
    if (node.type === 'heading') {
      headingNodes.push(i);
      boldHead = undefined;
      while (stack.length && stack[stack.length - 1]!.depth >= node.depth) stack.pop();
      const startPos = lines.positionAt(node.position!.start.offset!);
      const entry: OutlineEntry = {
        index: entries.length,
        kind: 'heading',
        depth: node.depth,
        text: inlineText(node).trim(),
        range: lines.lineRange(startPos.line),
        parent: stack.length ? stack[stack.length - 1]!.index : -1,
        lineStart: lines.starts[startPos.line]!,
        ownEnd: text.length,
        sectionEnd: text.length,
        blocks: [],
      };
      entries.push(entry);
      stack.push(entry);
      continue;
    }
    if (node.type === 'yaml') continue;
    for (const open of stack) open.blocks.push(node);
    const parent = stack[stack.length - 1];
    const { bold, pseudos } = labelsIn(node);
    if (bold && node.type === 'paragraph') {
      boldHead = pseudo('lead-in', bold, node, [], parent, entries, lines);
      entries.push(boldHead);
      continue;
    }
    if (boldHead) {
      boldHead.blocks.push(node);
      boldHead.ownEnd = boldHead.sectionEnd = node.position!.end.offset!;
    }
    for (const c of pseudos) entries.push(pseudo(c.kind, c.text, c.node, c.blocks, parent, entries, lines));
  }
  // Section ends: the next real heading at the same or lower depth. The headings still open
  // wait on a stack (deeper on top); each new heading closes those at its depth or deeper:
  // one pass, where a search forward from every heading was quadratic in their number.
  const headings = entries.filter((e) => e.kind === 'heading');
  const unclosed: OutlineEntry[] = [];
  for (const h of headings) {
    while (unclosed.length && unclosed[unclosed.length - 1]!.depth >= h.depth) unclosed.pop()!.sectionEnd = h.lineStart;
    unclosed.push(h);
  }
  for (let i = 0; i + 1 < headings.length; i++) headings[i]!.ownEnd = headings[i + 1]!.lineStart;
  return { root, lines, frontMatter: readFrontMatter(root), entries, title: findTitle(headings), headingNodes };
}

/** The first heading is the title when it is an H1, or the only heading at the shallowest
 * depth above H6 (sections added under an H6 could not go deeper, and would unseat it). */
function findTitle(headings: OutlineEntry[]): OutlineEntry | undefined {
  const first = headings[0];
  if (!first) return undefined;
  if (first.depth === 1) return first;
  // A loop, not Math.min(...depths): spread arguments overflow the stack past ~100,000.
  const shallowest = headings.reduce((min, h) => Math.min(min, h.depth), 6);
  return first.depth === shallowest && first.depth < 6 && headings.filter((h) => h.depth === shallowest).length === 1 ? first : undefined;
}

/** A pseudo-heading found in a top-level block, before it is placed in the outline. */
interface PseudoHeading {
  kind: 'list-item' | 'lead-in';
  text: string;
  node: Paragraph;
  blocks: Nodes[];
}

/** A top-level block's labels: the whole of it as a bold heading, and the pseudo-headings in
 * it. Remembered per node object: they depend on the node alone, and the editor's parser
 * hands back the same objects for every block an edit did not touch (reading each
 * paragraph's first child again on every keystroke was most of building the outline). */
interface Labels {
  bold: string | undefined;
  pseudos: PseudoHeading[];
}

const labelMemo = new WeakMap<RootContent, Labels>();

function labelsIn(node: RootContent): Labels {
  let found = labelMemo.get(node);
  if (!found)
    labelMemo.set(
      node,
      (found = { bold: node.type === 'paragraph' ? boldOnlyLabel(node) : undefined, pseudos: collectPseudoHeadings(node, []) }),
    );
  return found;
}

function collectPseudoHeadings(node: RootContent, out: PseudoHeading[]): PseudoHeading[] {
  if (node.type === 'list') {
    for (const item of node.children) visitListItem(item, out);
  } else if (node.type === 'paragraph') {
    const lead = leadIn(node);
    if (lead) out.push({ kind: 'lead-in', text: lead, node, blocks: [node] });
  } else if (node.type === 'blockquote') {
    for (const child of node.children) collectPseudoHeadings(child, out);
  }
  return out;
}

function visitListItem(item: ListItem, out: PseudoHeading[]): void {
  const [first, ...rest] = item.children;
  const nested = rest.filter((c): c is List => c.type === 'list');
  if (first?.type === 'paragraph' && nested.length) {
    const label = inlineText(first).trim();
    if (isLabel(label)) out.push({ kind: 'list-item', text: label, node: first, blocks: rest });
  } else if (first?.type === 'paragraph') {
    const lead = leadIn(first);
    if (lead) out.push({ kind: 'lead-in', text: lead, node: first, blocks: [first, ...rest] });
  }
  for (const list of nested) for (const child of list.children) visitListItem(child, out);
}

function pseudo(
  kind: OutlineEntry['kind'],
  text: string,
  node: Paragraph,
  blocks: Nodes[],
  parent: OutlineEntry | undefined,
  out: OutlineEntry[],
  lines: LineIndex,
): OutlineEntry {
  const line = node.position!.start.line - 1;
  return {
    index: out.length,
    kind,
    depth: (parent?.depth ?? 0) + 1,
    text,
    range: lines.lineRange(line),
    parent: parent?.index ?? -1,
    lineStart: lines.starts[line]!,
    ownEnd: node.position!.end.offset!,
    sectionEnd: node.position!.end.offset!,
    blocks: kind === 'lead-in' ? [withoutLead(node)] : blocks,
  };
}

/** A paragraph that is nothing but a short bold label: a heading written in bold. */
function boldOnlyLabel(p: Paragraph): string | undefined {
  // Most paragraphs start with text: no copy of their children for them (this runs on every
  // paragraph of the doc on every keystroke).
  if (p.children[0]?.type !== 'strong') return undefined;
  const [first, ...rest] = p.children;
  // Spaces, maybe a '.' or ':' and spaces: not `\s*[.:]?\s*`, whose two runs could split the
  // same spaces every way (quadratic when text follows them).
  if (first?.type !== 'strong' || rest.some((c) => c.type !== 'text' || !/^\s*(?:[.:]\s*)?$/.test(c.value))) return undefined;
  const label = inlineText(first).trim().replace(/[.:]$/, '');
  return isLabel(label) ? label : undefined;
}

/** "**Monitoring.** We page on..." -> "Monitoring" when the bold part is a short label. */
function leadIn(p: Paragraph): string | undefined {
  const first = p.children[0];
  if (first?.type !== 'strong') return undefined;
  const label = inlineText(first).trim().replace(/[.:]$/, '');
  return isLabel(label) ? label : undefined;
}

function withoutLead(p: Paragraph): Paragraph {
  return { ...p, children: p.children.slice(1) };
}

function isLabel(text: string): boolean {
  if (!text || text.length > 80) return false;
  const words = text.split(/\s+/).length;
  return words <= MAX_LABEL_WORDS && !/[.!?]\s/.test(text) && !/[.!?]$/.test(text.replace(/\.\.\.$/, ''));
}

/** A heading for what a doc rules out or merely considers ("Non-goals", "Alternatives
 * considered", "References"): never a section, and what is under it is no evidence. */
export function isOutOfScope(text: string): boolean {
  return OUT_OF_SCOPE.test(text);
}

const OUT_OF_SCOPE =
  /\b(non[-\s]?goals?|out[-\s]of[-\s]scope|alternatives?( considered)?|rejected|future work|open questions|further reading|references|test yourself)\b/i;

/** Visible text of inline content: HTML (comments, tags) left out, code and image alt kept. */
export function inlineText(node: Nodes): string {
  if (node.type === 'html') return '';
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if (node.type === 'break') return ' ';
  if ('children' in node) return (node.children as Nodes[]).map(inlineText).join('');
  return '';
}
