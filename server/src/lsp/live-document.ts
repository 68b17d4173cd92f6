// The text of an open document as changes keep coming, without copying it on every change.
// vscode-languageserver-textdocument joins the text around each change into a new string and
// reads it at once, so V8 copies the whole text per keystroke: 1.3 MB for bench:lsp's
// 635 KiB doc, on the main thread, before anything else. Here a change splits a short list
// of pieces (slices of the last whole text, and what was typed) and moves the line starts
// after it; the whole string is built only when it is asked for (a small document's
// analysis, a new worker). A large document's changes go to the worker as one span since the
// version the worker has (`since`), read from the pieces. Positions, offsets and line counts
// are those of vscode-languageserver-textdocument on the same text (property test).
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../core';

const LF = 10;
const CR = 13;
/** Pieces before they are joined into one string again: each change adds at most two, and
 * finding one is a binary search, so this bounds a change's work; the join (a copy of the
 * text) then happens once per this many changes, not once per change. */
const MAX_PIECES = 128;
/** Typed text next to typed text is joined into one piece up to this length. */
const SMALL_PIECE = 256;
/** Changes remembered for `since`: a worker further behind gets the whole text. */
const MAX_LOG = 256;

interface Piece {
  /** Offset in the document. */
  start: number;
  text: string;
}

/** One change as offsets in the text it applied to. */
interface Logged {
  version: number;
  start: number;
  end: number;
  /** The document's length before it. */
  before: number;
}

/** What changed between two versions: the text between `prefix` and the last `suffix`
 * characters (of both) was replaced by `insert`. */
export interface ChangedSpan {
  prefix: number;
  suffix: number;
  insert: string;
}

export class LiveDocument implements TextDocument {
  private pieces: Piece[];
  private length: number;
  /** Offsets where lines start; undefined: worked out from the whole text when next asked
   * (after a change next to a carriage return, where a CR LF pair may form or split). */
  private lineStarts: number[] | undefined;
  /** The whole text, when it has been built since the last change. */
  private whole: string | undefined;
  private log: Logged[] = [];
  /** `since(v)` knows every change after version v for v from here on. */
  private logFloor: number;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.pieces = [{ start: 0, text: content }];
    this.length = content.length;
    this.whole = content;
    this.lineStarts = undefined;
    this.logFloor = version;
  }

  /** The text's length, known without building it. */
  get textLength(): number {
    return this.length;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.whole === undefined) {
      this.whole = this.pieces.map((p) => p.text).join('');
      this.pieces = [{ start: 0, text: this.whole }];
    }
    return this.whole;
  }

  positionAt(offset: number): Position {
    offset = Math.max(Math.min(offset, this.length), 0);
    const starts = this.starts();
    const line = firstAbove(starts, offset) - 1;
    return { line, character: this.beforeEol(offset, starts[line]!) - starts[line]! };
  }

  offsetAt(position: Position): number {
    const starts = this.starts();
    if (position.line >= starts.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.length;
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const starts = this.starts();
    if (line >= starts.length) {
      const last = starts.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - starts[last]! } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line]!;
    const next = line + 1 < starts.length ? starts[line + 1]! : this.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.starts();
    if (line < 0 || line >= starts.length) return '';
    const next = line + 1 < starts.length ? starts[line + 1]! : this.length;
    return this.slice(this.beforeEol(next, starts[line]!), next);
  }

  /** Applies changes in order (each against the text the ones before it made). */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      if ('range' in change && change.range) {
        const { start, end } = wellFormed(change.range);
        this.replace(this.offsetAt(start), this.offsetAt(end), change.text, version);
      } else this.reset(change.text, version);
    }
    this.version = version;
  }

  /** What changed since an earlier version, as one span (not the smallest one when several
   * changes came: it covers them all); undefined when the changes since are not all known
   * (the text was replaced whole, or too many came). */
  since(version: number): ChangedSpan | undefined {
    if (version < this.logFloor || version > this.version) return undefined;
    let prefix = this.length;
    let suffix = this.length;
    for (const e of this.log) {
      if (e.version <= version) continue;
      prefix = Math.min(prefix, e.start);
      suffix = Math.min(suffix, e.before - e.end);
    }
    if (prefix + suffix > this.length) return { prefix: this.length, suffix: 0, insert: '' };
    return { prefix, suffix, insert: this.slice(prefix, this.length - suffix) };
  }

  /** The text between two offsets, read from the pieces (the whole text is not built). */
  slice(from: number, to: number): string {
    if (this.whole !== undefined) return this.whole.slice(from, to);
    if (to <= from) return '';
    let i = this.pieceAt(from);
    let out = '';
    for (; i < this.pieces.length && this.pieces[i]!.start < to; i++) {
      const p = this.pieces[i]!;
      out += p.text.slice(Math.max(0, from - p.start), to - p.start);
    }
    return out;
  }

  private reset(text: string, version: number): void {
    this.pieces = [{ start: 0, text }];
    this.length = text.length;
    this.whole = text;
    this.lineStarts = undefined;
    this.log = [];
    this.logFloor = version;
  }

  private replace(start: number, end: number, text: string, version: number): void {
    const delta = text.length - (end - start);
    this.record({ version, start, end, before: this.length });
    // Line starts first, while the old text is at hand.
    if (this.lineStarts && (this.charCodeAt(start - 1) === CR || text.charCodeAt(text.length - 1) === CR)) this.lineStarts = undefined;
    else if (this.lineStarts) this.lineStarts = moveLineStarts(this.lineStarts, start, end, text);

    const pieces = this.pieces;
    const i = this.pieceAt(start);
    const j = this.pieceAt(end);
    const out: Piece[] = pieces.slice(0, i);
    const first = pieces[i];
    if (first && start > first.start) out.push({ start: first.start, text: first.text.slice(0, start - first.start) });
    if (text) {
      const before = out[out.length - 1];
      // Typing: each character joins the piece typed before it.
      if (
        before &&
        before.start + before.text.length === start &&
        before.text.length + text.length <= SMALL_PIECE &&
        text.length < SMALL_PIECE
      )
        out[out.length - 1] = { start: before.start, text: before.text + text };
      else out.push({ start, text });
    }
    const last = pieces[j];
    if (last && end < last.start + last.text.length) out.push({ start: end + delta, text: last.text.slice(end - last.start) });
    for (let k = j + 1; k < pieces.length; k++) out.push(delta ? { start: pieces[k]!.start + delta, text: pieces[k]!.text } : pieces[k]!);
    this.pieces = out;
    this.length += delta;
    this.whole = undefined;
    if (out.length > MAX_PIECES) this.getText();
  }

  private record(e: Logged): void {
    this.log.push(e);
    if (this.log.length > MAX_LOG) this.logFloor = this.log.shift()!.version;
  }

  /** The index of the piece holding this offset (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    const pieces = this.pieces;
    let low = 0;
    let high = pieces.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (pieces[mid]!.start <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    if (this.whole !== undefined) return this.whole.charCodeAt(offset);
    const p = this.pieces[this.pieceAt(offset)]!;
    return p.text.charCodeAt(offset - p.start);
  }

  private starts(): number[] {
    return (this.lineStarts ??= new LineIndex(this.getText()).starts);
  }

  /** An offset moved back before the line break it is in or after (as
   * vscode-languageserver-textdocument does). */
  private beforeEol(offset: number, lineStart: number): number {
    while (offset > lineStart && isEol(this.charCodeAt(offset - 1))) offset--;
    return offset;
  }
}

const isEol = (c: number) => c === LF || c === CR;

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}

/** The line starts after [start, end) was replaced by `text`, where no carriage return is
 * next to the edit (the caller checks): those inside the replaced text go, the inserted
 * text's come in, the later ones move. In place when few lines come in. */
function moveLineStarts(starts: number[], start: number, end: number, text: string): number[] {
  // The first line start after `start`, and the first after `end`.
  const from = firstAbove(starts, start);
  const to = firstAbove(starts, end);
  // The inserted text's own line starts but its first (0), moved to where it goes.
  const added = text.includes('\n') || text.includes('\r') ? new LineIndex(text).starts.slice(1).map((s) => start + s) : [];
  const delta = text.length - (end - start);
  if (delta) for (let k = to; k < starts.length; k++) starts[k] = starts[k]! + delta;
  if (!added.length && to === from) return starts;
  // splice takes its items as arguments: too many for a large paste.
  if (added.length > 1024) return [...starts.slice(0, from), ...added, ...starts.slice(to)];
  starts.splice(from, to - from, ...added);
  return starts;
}

/** The index of the first value above `value` in an ascending list (its length if none). */
function firstAbove(xs: readonly number[], value: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (xs[mid]! > value) high = mid;
    else low = mid + 1;
  }
  return low;
}
