// Incremental parsing for the editor. A document is cut into chunks at top-level ATX heading
// lines, each chunk is parsed alone and cached by its text, and the chunk trees are stitched
// into one root with their positions moved to where the chunk sits. After a keystroke only
// the chunk that changed is parsed again. The cuts are safe: an ATX heading at the start of
// a line ends every open block except a fenced code block, an HTML block and front matter,
// which the scanner tracks; link reference definitions reach across chunks, so a document
// with any of them is parsed whole. Property tests compare the stitched tree with a full parse.
import type { Nodes, Root, RootContent } from 'mdast';
import { parseMarkdown } from './parse';

interface Chunk {
  text: string;
  start: number;
  /** 0-based line of the chunk's first character. */
  line: number;
}

/** Only a heading at column 0: an indented one may belong to a list item above. */
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A link reference definition anywhere, also inside a list item or quote. */
const DEFINITION = /^[ \t>*+\-\d.)]*\[[^\]\n]+\]:/m;
const HTML_UNTIL: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
/** List markers and quote markers at a line start. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+[ \t]*/;
/** Other HTML at a line start runs to the next blank line (CommonMark's types 6 and 7). */
const HTML_TO_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

/** Where top-level ATX headings start: the safe places to cut. */
export function chunkDocument(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let chunkLine = 0;
  let fence: { char: string; len: number } | undefined;
  let htmlEnd: RegExp | 'blank' | undefined;
  // Lenient on purpose: seeing front matter where the parser sees none only costs cuts.
  let frontMatter = /^---[ \t]*(?:\r\n|\n|\r)/.test(text);
  let pos = 0;
  let line = 0;
  const lineRe = /\r\n|\n|\r/g;
  while (pos <= text.length) {
    lineRe.lastIndex = pos;
    const m = lineRe.exec(text);
    const end = m ? m.index : text.length;
    const raw = text.slice(pos, end);
    // Fences and HTML inside a list item or quote count too: a cut must never fall where one
    // could still be open (when unsure, no cut: a bigger chunk is still correct).
    const l = raw.replace(CONTAINER_PREFIX, (p) => (p.trim() ? ' '.repeat(Math.min(3, p.length - p.trimStart().length)) : p));
    if (frontMatter) {
      if (line > 0 && /^---[ \t]*$/.test(raw)) frontMatter = false;
    } else if (fence) {
      const close = FENCE.exec(l);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len && /^\s*$/.test(l.slice(close[0].length))) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd === 'blank' ? l.trim() === '' : htmlEnd.test(l)) htmlEnd = undefined;
    } else {
      const open = FENCE.exec(l);
      if (open && !(open[1]![0] === '`' && l.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, len: open[1]!.length };
      } else if (ATX.test(raw) && pos > chunkStart) {
        chunks.push({ text: text.slice(chunkStart, pos), start: chunkStart, line: chunkLine });
        chunkStart = pos;
        chunkLine = line;
      } else {
        const until = HTML_UNTIL.find(([startRe]) => startRe.test(l));
        if (until) {
          if (!until[1].test(l)) htmlEnd = until[1];
        } else if (HTML_TO_BLANK.test(l)) htmlEnd = 'blank';
      }
    }
    if (!m) break;
    pos = m.index + m[0].length;
    line++;
  }
  chunks.push({ text: text.slice(chunkStart), start: chunkStart, line: chunkLine });
  return chunks;
}

interface Parsed {
  /** The chunk's top-level nodes, positioned where the chunk sits in the document. */
  nodes: RootContent[];
}


/** One per open document: keeps the previous version's chunk trees. */
export class IncrementalParser {
  /** By chunk text: trees with positions relative to the chunk. */
  private relative = new Map<string, Root>();
  /** By chunk text, start and line: trees already moved into place. */
  private placed = new Map<string, Parsed>();
  /** Chunks parsed on the last call (for tests and diagnostics). */
  lastParsed = 0;

  parse(text: string): Root {
    if (DEFINITION.test(text)) {
      this.relative.clear();
      this.placed.clear();
      this.lastParsed = 1;
      return parseMarkdown(text);
    }
    const cuts = chunkDocument(text);
    const relative = new Map<string, Root>();
    const placed = new Map<string, Parsed>();
    const children: RootContent[] = [];
    let parsedNow = 0;
    const treeOf = (chunkText: string): Root => {
      let tree = this.relative.get(chunkText) ?? relative.get(chunkText);
      if (!tree) {
        tree = parseMarkdown(chunkText);
        parsedNow++;
      }
      relative.set(chunkText, tree);
      return tree;
    };
    let last: Chunk | undefined;
    let lastTree: Root | undefined;
    for (let i = 0; i < cuts.length; i++) {
      // The parser has the last word: a chunk that ends inside a block which could run on
      // (an unclosed fence, an HTML block) is joined with the next one.
      let c = cuts[i]!;
      let tree = treeOf(c.text);
      while (i + 1 < cuts.length && endsOpen(tree, c.text)) {
        i++;
        c = { text: c.text + cuts[i]!.text, start: c.start, line: c.line };
        tree = treeOf(c.text);
      }
      const key = `${c.start}:${c.line}:${c.text}`;
      const p = this.placed.get(key) ?? { nodes: tree.children.map((n) => moved(n, c.start, c.line)) };
      placed.set(key, p);
      children.push(...p.nodes);
      last = c;
      lastTree = tree;
    }
    this.relative = relative;
    this.placed = placed;
    this.lastParsed = parsedNow;
    const end = lastTree!.position?.end ?? { line: 1, column: 1, offset: 0 };
    return {
      type: 'root',
      children,
      position: {
        start: { line: 1, column: 1, offset: 0 },
        end: { line: end.line + last!.line, column: end.column, offset: (end.offset ?? 0) + last!.start },
      },
    };
  }
}

/** Whether a chunk's last block could continue past the chunk's end in the whole document:
 * a fenced code block without its closing fence, or an HTML block, at the end of the chunk
 * (also inside a list item or quote, where the value would end differently). */
function endsOpen(tree: Root, text: string): boolean {
  let node: Nodes | undefined = tree.children[tree.children.length - 1];
  while (node) {
    if (node.type === 'html') return true;
    if (node.type === 'code') {
      const src = text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
      const open = /^[ \t>]*(`{3,}|~{3,})/.exec(src);
      if (!open) return false; // indented code: a heading line ends it
      const lines = src.split(/\r\n|\n|\r/);
      const closing = lines.length > 1 ? lines[lines.length - 1]!.replace(/^[ \t>]*/, '').trimEnd() : '';
      return !(closing.length >= open[1]!.length && [...closing].every((ch) => ch === open[1]![0]));
    }
    node = 'children' in node && node.type !== 'paragraph' && node.type !== 'heading' ? (node.children as Nodes[])[node.children.length - 1] : undefined;
  }
  return false;
}

/** A copy of a node with every position moved by the chunk's offset and line. Chunks start
 * at the start of a line, so columns stay as they are. */
function moved<T extends Nodes>(node: T, offset: number, line: number): T {
  const copy = { ...node } as T & { children?: Nodes[] };
  if (node.position) {
    copy.position = {
      start: { line: node.position.start.line + line, column: node.position.start.column, offset: (node.position.start.offset ?? 0) + offset },
      end: { line: node.position.end.line + line, column: node.position.end.column, offset: (node.position.end.offset ?? 0) + offset },
    };
  }
  if ('children' in node) copy.children = (node.children as Nodes[]).map((c) => moved(c, offset, line));
  return copy;
}
