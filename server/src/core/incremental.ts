// Incremental parsing for the editor. A document is cut into chunks at top-level block
// starts, each chunk is parsed alone and cached by its text, and the chunk trees are stitched
// into one root with their positions moved to where the chunk sits. After a keystroke only
// the chunk that changed is parsed again. The cuts are safe: an ATX heading at the start of
// a line, and any other line at column 0 after a blank line but a list item (which a list
// item or quote above could only take in if it were indented or followed on directly), end
// every open block except a fenced code block, an HTML block and front matter, which the
// scanner tracks; link reference definitions reach across chunks, so a document with any of
// them is parsed whole. Property tests compare the stitched tree with a full parse.
import type { Nodes, Root, RootContent } from 'mdast';
import { HTML_BLOCKS_WITH_END, RAW_HTML_BLOCK } from './html-blocks';
import { openBlockAtEnd } from './open-block';
import { parseMarkdown } from './parse';
import { prepareEdit, type Prepared } from './sanitize';
import { editSpan, forEachLine, type EditSpan as TextSpan } from './text';

interface Chunk {
  text: string;
  start: number;
  /** 0-based line of the chunk's first character. */
  line: number;
}

/** Only a heading at column 0: an indented one may belong to a list item above. */
const ATX = /^#{1,6}(?:[ \t]|$)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_UNTIL: [RegExp, RegExp][] = [
  [RAW_HTML_BLOCK, /<\/(?:script|pre|style|textarea)>/i],
  ...HTML_BLOCKS_WITH_END.map((b): [RegExp, RegExp] => [b.start, b.end]),
];
/** List markers and quote markers at a line start. */
const CONTAINER_PREFIX = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+[ \t]*/;
/** Other HTML at a line start runs to the next blank line (CommonMark's types 6 and 7). */
const HTML_TO_BLANK = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

/** A line starting with a letter (or a few punctuation marks) starts no fence, HTML block,
 * heading, container or link reference definition. */
const PLAIN_START = /^[A-Za-z\u00c0-\uffff"'(_.,;:!?=&|$%@/\\{}]$/;
/** After a blank line, a line at column 0 starts a new top-level block (nothing above can
 * take it in: a list item's text would be indented, a quote's would start with ">" and
 * follow on directly) unless it is a list item, which may continue the list above. */
const CONTINUES_LIST = /^[*+\-\d]$/;
const BLANK = /^[ \t]*$/;
/** A line that may be a link reference definition (also inside a list item or quote). */
const DEFINITION_LINE = /^[ \t>*+\-\d.)]*\[[^\]\n]+\]:/;

/** Where a chunk starts: offset and 0-based line. */
interface Cut {
  start: number;
  line: number;
}

interface ScanResult {
  cuts: Cut[];
  /** Per chunk (from each cut to the next): it may hold a link reference definition. */
  definitions: boolean[];
  /** Where the scan stopped early because the rest is as before (see IncrementalParser). */
  stoppedAt?: Cut;
}

/** Scans for the safe cuts (top-level ATX headings and blocks after a blank line) from
 * `from`, where nothing is open. `stop(cut)` may end the scan at a cut whose rest of the text is known already. */
function scan(text: string, from: Cut, stop?: (cut: Cut) => boolean): ScanResult {
  const cuts: Cut[] = [from];
  const definitions: boolean[] = [false];
  let fence: { char: string; len: number } | undefined;
  let htmlEnd: RegExp | 'blank' | undefined;
  // Lenient on purpose: seeing front matter where the parser sees none only costs cuts.
  let frontMatter = from.start === 0 && /^---[ \t]*(?:\r\n|\n|\r)/.test(text);
  let line = from.line;
  let stoppedAt: Cut | undefined;
  let afterBlank = false;
  /** Records a cut; false when the scan is to stop there. */
  const cutAt = (pos: number, l0: number): boolean => {
    const cut = { start: pos, line: l0 };
    if (stop?.(cut)) {
      stoppedAt = cut;
      return false;
    }
    cuts.push(cut);
    definitions.push(false);
    return true;
  };
  forEachLine(text.slice(from.start), (relStart, relEnd) => {
    const pos = from.start + relStart;
    const l0 = line++;
    const first = text[pos] ?? '';
    const outside = !frontMatter && !fence && !htmlEnd;
    const blockStart =
      outside && afterBlank && pos > cuts[cuts.length - 1]!.start && first !== ' ' && first !== '\t' && !CONTINUES_LIST.test(first);
    // Most lines are prose starting with a letter: nothing can open or close there.
    if (outside && PLAIN_START.test(first)) {
      afterBlank = false;
      return blockStart && !cutAt(pos, l0) ? false : undefined;
    }
    const raw = text.slice(pos, from.start + relEnd);
    const blank = BLANK.test(raw);
    afterBlank = blank;
    if (blockStart && !blank && !cutAt(pos, l0)) return false;
    // Fences and HTML inside a list item or quote count too: a cut must never fall where one
    // could still be open (when unsure, no cut: a bigger chunk is still correct).
    const l = raw.replace(CONTAINER_PREFIX, (p) => (p.trim() ? ' '.repeat(Math.min(3, p.length - p.trimStart().length)) : p));
    if (frontMatter) {
      if (l0 > 0 && /^---[ \t]*$/.test(raw)) frontMatter = false;
    } else if (fence) {
      const close = FENCE.exec(l);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len && /^\s*$/.test(l.slice(close[0].length)))
        fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd === 'blank' ? l.trim() === '' : htmlEnd.test(l)) htmlEnd = undefined;
    } else {
      const open = FENCE.exec(l);
      if (open && !(open[1]![0] === '`' && l.slice(open[0].length).includes('`'))) {
        fence = { char: open[1]![0]!, len: open[1]!.length };
      } else if (ATX.test(raw) && pos > cuts[cuts.length - 1]!.start) {
        if (!cutAt(pos, l0)) return false;
      } else {
        if (DEFINITION_LINE.test(raw)) definitions[definitions.length - 1] = true;
        const until = HTML_UNTIL.find(([startRe]) => startRe.test(l));
        if (until) {
          if (!until[1].test(l)) htmlEnd = until[1];
        } else if (HTML_TO_BLANK.test(l)) htmlEnd = 'blank';
      }
    }
    return undefined;
  });
  return { cuts, definitions, ...(stoppedAt ? { stoppedAt } : {}) };
}

/** Where top-level ATX headings and blocks after a blank line start: the safe places to cut. */
export function chunkDocument(text: string): Chunk[] {
  return chunksOf(text, scan(text, { start: 0, line: 0 }).cuts);
}

function chunksOf(text: string, cuts: readonly Cut[]): Chunk[] {
  return cuts.map((c, i) => ({ text: text.slice(c.start, cuts[i + 1]?.start ?? text.length), start: c.start, line: c.line }));
}

/** Where a chunk sits in the document now. Every point in its nodes reads its line and
 * offset through it, so moving a chunk is two assignments: shifting each node of every chunk
 * after an edit was the largest part of a keystroke's parse in a big doc. */
interface Anchor {
  /** 0-based line of the chunk's first character. */
  line: number;
  offset: number;
}

/** An mdast point relative to its chunk's anchor, read as an absolute one. Columns need no
 * anchor: chunks start at a line start. Written (a tree's reader may move a point) through
 * the anchor too. JSON shows what a plain point would. */
class ChunkPoint {
  constructor(
    private readonly anchor: Anchor,
    private relLine: number,
    public column: number,
    private relOffset: number,
  ) {}

  get line(): number {
    return this.anchor.line + this.relLine;
  }

  set line(value: number) {
    this.relLine = value - this.anchor.line;
  }

  get offset(): number {
    return this.anchor.offset + this.relOffset;
  }

  set offset(value: number) {
    this.relOffset = value - this.anchor.offset;
  }

  toJSON(): { line: number; column: number; offset: number } {
    return { line: this.line, column: this.column, offset: this.offset };
  }
}

/** A chunk as parsed last time: its text and its top-level nodes, anchored where it sits. */
interface Parsed {
  text: string;
  start: number;
  line: number;
  anchor: Anchor;
  nodes: RootContent[];
  /** Its last block could run on into what follows (see openBlockAtEnd). */
  open: boolean;
  /** For the end position of the root when this chunk is last. */
  end: { line: number; column: number; offset: number };
}

/** A cheap key for a chunk's text (the full text is compared after): hashing whole chunk
 * texts on every keystroke cost more than the parse of the one that changed. */
const signature = (text: string) => `${text.length}:${text.slice(0, 48)}:${text.slice(-48)}`;

/** Where two versions of the text agree: before `prefix` (the same offsets in both) and from
 * `tailOld` in the old text on (`delta` later in the new one). */
interface EditSpan {
  prefix: number;
  tailOld: number;
  delta: number;
}

/** One new chunk (maybe several cuts joined) and where its tree comes from: the previous
 * version's chunk with the same text (`known`), or a parse now (`tree`). */
interface Resolved {
  chunk: Chunk;
  /** Index of the last cut it covers. */
  last: number;
  known?: Parsed;
  tree?: Root;
  open: boolean;
}

/** One per open document: keeps the previous version's chunks, to reuse all but the edited. */
export class IncrementalParser {
  /** The last version's chunks, in order. */
  private parsed: Parsed[] = [];
  /** Texts (own copies, key and value the same) whose parse ended open, so they were joined
   * with what follows: without this, such a chunk would be parsed alone on every keystroke
   * only to learn that again. */
  private openTexts = new Map<string, string>();
  private last: { text: string; scan: ScanResult } | undefined;
  /** Chunks parsed on the last call (for tests and diagnostics). */
  lastParsed = 0;
  private prepared: { text: string; prepared: Prepared } | undefined;

  /** The last span worked out: `prepare` and `parse` ask for the same one, of the same two
   * texts, on every keystroke (unless sanitizing changed the text). */
  private span: { old: string; text: string; span: TextSpan } | undefined;

  /** The line index and sanitized text of a new version (see prepareEdit), for analyze. */
  prepare(text: string): Prepared {
    const prepared = prepareEdit(this.prepared, text, (old) => this.spanOf(old, text));
    this.prepared = { text, prepared };
    return prepared;
  }

  private spanOf(old: string, text: string): TextSpan {
    const s = this.span;
    if (s?.old === old && s.text === text) return s.span;
    const span = editSpan(old, text);
    this.span = { old, text, span };
    return span;
  }

  /** The tree of a new version of the text, in phases: rescan the cuts around the edit; sort
   * the old chunks into those found again by position and those found by text; resolve each
   * new chunk (reused, or parsed and joined with the next while it ends open); move reused
   * trees into place; assemble the root. */
  parse(text: string): Root {
    const previousText = this.last?.text;
    const { scan: scanned, prefix, suffix } = rescanEdit(this.last, text, (old) => this.spanOf(old, text));
    // It holds the old version's text: not kept past its use.
    this.span = undefined;
    this.last = { text, scan: scanned };
    if (scanned.definitions.some(Boolean)) {
      this.parsed = [];
      this.openTexts.clear();
      this.lastParsed = 1;
      return parseMarkdown(text);
    }
    const oldLength = previousText?.length ?? 0;
    const span: EditSpan = { prefix, tailOld: oldLength - suffix, delta: text.length - oldLength };
    const resolved = resolveChunks(chunksOf(text, scanned.cuts), text.length, new PreviousChunks(this.parsed, span), this.openTexts);
    this.parsed = resolved.chunks.map(place);
    this.openTexts = resolved.openTexts;
    this.lastParsed = resolved.parsedNow;
    return assembleRoot(this.parsed);
  }
}

/** The previous version's chunks, to be found again: a chunk wholly inside the text before or
 * after the edit is the same text, found by its position; one around the edit (or one that
 * ended open, which may be joined differently now) is looked up by its text. Each is taken at
 * most once: its nodes are moved in place. */
class PreviousChunks {
  /** The old chunks wholly before or after the edit (sorted by start). */
  private readonly kept: Parsed[] = [];
  private readonly byText = new Map<string, Parsed[]>();

  constructor(
    parsed: readonly Parsed[],
    private readonly span: EditSpan,
  ) {
    for (const p of parsed) {
      if (!p.open && (p.start + p.text.length <= span.prefix || p.start >= span.tailOld)) this.kept.push(p);
      else {
        const key = signature(p.text);
        this.byText.set(key, [...(this.byText.get(key) ?? []), p]);
      }
    }
  }

  /** The old chunk that sat where a new chunk starts, in text both versions share. */
  at(start: number): Parsed | undefined {
    const { prefix, tailOld, delta } = this.span;
    const i = indexAtStart(this.kept, start < prefix ? start : start - delta);
    const known = i === -1 ? undefined : this.kept[i];
    return !known || (start >= prefix && known.start < tailOld) ? undefined : known;
  }

  /** Takes the old chunk with exactly this text, if there is one. */
  take(text: string): Parsed | undefined {
    const list = this.byText.get(signature(text));
    const i = list ? list.findIndex((p) => p.text === text) : -1;
    return i === -1 ? undefined : list!.splice(i, 1)[0];
  }
}

/** Decides, cut by cut, where each new chunk's tree comes from, parsing what is new. The
 * parser has the last word on where a chunk may end: one whose text ends inside a block that
 * could run on (an unclosed fence, an HTML block) is joined with the next. Whether a text ends
 * open depends on that text alone, so a text that did last time (`openTexts`) is joined at
 * once, without parsing it alone again. Returns the chunks, the open texts seen now, and how
 * many parses it took. */
function resolveChunks(
  cuts: readonly Chunk[],
  textLength: number,
  previous: PreviousChunks,
  openTexts: ReadonlyMap<string, string>,
): { chunks: Resolved[]; openTexts: Map<string, string>; parsedNow: number } {
  const chunks: Resolved[] = [];
  const nextOpen = new Map<string, string>();
  let parsedNow = 0;
  for (let i = 0; i < cuts.length; i = chunks[chunks.length - 1]!.last + 1) {
    const inPlace = reuseInPlace(cuts, i, textLength, previous);
    if (inPlace) {
      chunks.push(inPlace);
      continue;
    }
    let chunk = cuts[i]!;
    let last = i;
    for (;;) {
      const { remember, ...r } = lookUp(chunk, last + 1 < cuts.length, previous, openTexts);
      if (r.tree) parsedNow++;
      if (remember !== undefined) nextOpen.set(remember, remember);
      if (!r.open || last + 1 >= cuts.length) {
        chunks.push({ ...r, last });
        break;
      }
      last++;
      chunk = { text: chunk.text + cuts[last]!.text, start: chunk.start, line: chunk.line };
    }
  }
  return { chunks, openTexts: nextOpen, parsedNow };
}

/** The old chunk at cut i by position, when it ends exactly at a later cut (or at the end). */
function reuseInPlace(cuts: readonly Chunk[], i: number, textLength: number, previous: PreviousChunks): Resolved | undefined {
  const c = cuts[i]!;
  const known = previous.at(c.start);
  if (!known) return undefined;
  const end = c.start + known.text.length;
  const at = indexAtStart(cuts, end);
  const next = at === -1 ? undefined : at;
  if (next === undefined ? end !== textLength : next <= i) return undefined;
  return {
    chunk: { text: known.text, start: c.start, line: c.line },
    last: next === undefined ? cuts.length - 1 : next - 1,
    known,
    open: known.open,
  };
}

/** One chunk text: an old chunk with the same text, a text known to end open (joined
 * without a parse while more follows), or a parse now. `remember` is a text that ends open,
 * to be known as such on the next call. */
function lookUp(
  chunk: Chunk,
  more: boolean,
  previous: PreviousChunks,
  openTexts: ReadonlyMap<string, string>,
): Omit<Resolved, 'last'> & { remember?: string } {
  const known = previous.take(chunk.text);
  if (known) return { chunk, known, open: known.open };
  const kept = openTexts.get(chunk.text);
  if (kept !== undefined && more) return { chunk, open: true, remember: kept };
  // A chunk's text is a slice of the document, and V8 keeps a slice's whole parent alive:
  // kept as is, each cached chunk (and every string its nodes hold) would pin the full text
  // of the version it was parsed in, a megabyte per keystroke in a big doc. A chunk that is
  // parsed now gets its own copy.
  const own = { ...chunk, text: detach(chunk.text) };
  const tree = parseMarkdown(own.text);
  const open = openBlockAtEnd(tree, own.text) !== undefined;
  return { chunk: own, tree, open, ...(open ? { remember: own.text } : {}) };
}

/** A resolved chunk where it sits now: the last version's nodes, their anchor moved (no
 * copies, no walk, little garbage per keystroke), or the new tree's nodes anchored here. */
function place({ chunk: c, known, tree, open }: Resolved): Parsed {
  if (known) {
    if (known.start === c.start && known.line === c.line) return known;
    // In place: the old version's list of chunks is dropped after this parse.
    known.end = shiftEnd(known.end, c.start - known.start, c.line - known.line);
    known.anchor.line = known.line = c.line;
    known.anchor.offset = known.start = c.start;
    return known;
  }
  const e = tree!.position?.end ?? { line: 1, column: 1, offset: 0 };
  const anchor: Anchor = { line: c.line, offset: c.start };
  return {
    text: c.text,
    start: c.start,
    line: c.line,
    anchor,
    nodes: tree!.children.map((n) => anchorTo(n, anchor)),
    open,
    end: { line: e.line + c.line, column: e.column, offset: (e.offset ?? 0) + c.start },
  };
}

/** The document's root: every chunk's nodes, in order. */
function assembleRoot(chunks: readonly Parsed[]): Root {
  const children: RootContent[] = [];
  for (const p of chunks) for (const n of p.nodes) children.push(n);
  const end = chunks[chunks.length - 1]?.end ?? { line: 1, column: 1, offset: 0 };
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}

/** A line that may underline a setext heading ("===", "---"; thematic breaks and front
 * matter fences count too: only a rough count is wanted). */
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** Setext headings above which a whole document is parsed in chunks. */
const SETEXT_CHUNKING = 32;

/** A whole document's tree, the same as parseMarkdown's. micromark's setext heading
 * resolver copies every event of the document so far at each heading, which is quadratic in
 * the headings: 10,000 headings with a paragraph each took 84 s. A document with many of
 * them is parsed in chunks, as the editor does, where each heading copies only its chunk's
 * events (the same tree: the property tests of the incremental parser). Headings in a row
 * without a blank line between them leave no place to cut and stay quadratic. Other
 * documents are parsed whole: chunks cost 8 % more on ordinary docs. */
export function parseDocument(text: string): Root {
  let underlines = 0;
  forEachLine(text, (start, end) => {
    const c = text.charCodeAt(start);
    // Most lines start with a letter; look only at those that could be an underline.
    if ((c === 32 || c === 61 || c === 45) && SETEXT_UNDERLINE.test(text.slice(start, end))) underlines++;
    return underlines <= SETEXT_CHUNKING;
  });
  return underlines > SETEXT_CHUNKING ? new IncrementalParser().parse(text) : parseMarkdown(text);
}

/** Cuts for a new version of the text: the previous scan's up to just before the edit, a
 * fresh scan over the edit, and the previous scan's after it, moved, once the new scan
 * reaches a cut the previous one had in the unchanged tail. Always what a full scan gives. */
export function rescan(previous: { text: string; scan: ScanResult } | undefined, text: string): ScanResult {
  return rescanEdit(previous, text).scan;
}

/** rescan, and how long the common start and end of the two texts are. */
function rescanEdit(
  previous: { text: string; scan: ScanResult } | undefined,
  text: string,
  span: (old: string) => TextSpan = (old) => editSpan(old, text),
): { scan: ScanResult; prefix: number; suffix: number } {
  if (!previous) return { scan: scan(text, { start: 0, line: 0 }), prefix: 0, suffix: 0 };
  const old = previous.text;
  const { prefix, suffix } = span(old);
  const { cuts, definitions } = previous.scan;
  // Restart one chunk before the one the edit starts in: that cut's heading line is intact.
  let k = 0;
  while (k + 1 < cuts.length && cuts[k + 1]!.start <= prefix) k++;
  const restart = Math.max(0, k - 1);
  const delta = text.length - old.length;
  const tailFrom = text.length - suffix;
  const fresh = scan(text, cuts[restart]!, (cut) => cut.start >= tailFrom && indexAtStart(cuts, cut.start - delta) !== -1);
  const result: ScanResult = {
    cuts: [...cuts.slice(0, restart), ...fresh.cuts],
    definitions: [...definitions.slice(0, restart), ...fresh.definitions],
  };
  if (fresh.stoppedAt) {
    const j = indexAtStart(cuts, fresh.stoppedAt.start - delta);
    const lineDelta = fresh.stoppedAt.line - cuts[j]!.line;
    for (let i = j; i < cuts.length; i++) {
      result.cuts.push({ start: cuts[i]!.start + delta, line: cuts[i]!.line + lineDelta });
      result.definitions.push(definitions[i]!);
    }
  }
  return { scan: result, prefix, suffix };
}

/** Index of the item that starts at `start` in a list sorted by start, or -1: a binary
 * search, where a map of a big doc's thousand chunks was built again on every keystroke. */
function indexAtStart(items: readonly { start: number }[], start: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = items[mid]!.start;
    if (s === start) return mid;
    if (s < start) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** A copy of a string that shares no memory with the string it was sliced from. */
function detach(s: string): string {
  // Concatenation makes a rope, which slice() first flattens into a new string: the copy.
  return (' ' + s).slice(1);
}

function shiftEnd(end: Parsed['end'], offset: number, line: number): Parsed['end'] {
  return { line: end.line + line, column: end.column, offset: end.offset + offset };
}

/** Turns a freshly parsed node's points (and its descendants') into points relative to its
 * chunk's anchor, once. The trees are this parser's own: the previous version's analysis,
 * which shared them, is superseded when their anchor moves. */
function anchorTo<T extends Nodes>(node: T, anchor: Anchor): T {
  const pos = node.position;
  if (pos) {
    pos.start = new ChunkPoint(anchor, pos.start.line, pos.start.column, pos.start.offset ?? 0);
    pos.end = new ChunkPoint(anchor, pos.end.line, pos.end.column, pos.end.offset ?? 0);
  }
  if ('children' in node) for (const c of node.children as Nodes[]) anchorTo(c, anchor);
  return node;
}
