import type { Position, Range } from './types';

/** Offsets <-> positions for one text. Lines end at \n, \r\n or a lone \r (as in LSP and
 * CommonMark), so every line ending style gets the positions an editor shows. */
export class LineIndex {
  readonly starts: number[];

  /** `starts` may come from another text with the same line breaks (see sanitize). */
  constructor(
    readonly text: string,
    starts?: number[],
  ) {
    if (starts) {
      this.starts = starts;
      return;
    }
    const s = [0];
    forEachLine(text, (_start, _end, next) => {
      if (next !== -1) s.push(next);
    });
    this.starts = s;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo]! };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[pos.line]!;
    return Math.min(start + Math.max(0, pos.character), this.lineEnd(pos.line));
  }

  /** Offset just before the line break of `line` (excluding \r\n, \n or \r). */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text[next - 1] === '\n' && this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** The range between two offsets. */
  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineText(line: number): string {
    const start = this.starts[line];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEnd(line));
  }

  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineEnd(line) - (this.starts[line] ?? 0) } };
  }

  private eolCache: '\n' | '\r\n' | '\r' | undefined;

  /** The text's line break style, for text we insert: the one most of its lines end with. */
  get eol(): '\n' | '\r\n' | '\r' {
    return (this.eolCache ??= this.countEol());
  }

  private countEol(): '\n' | '\r\n' | '\r' {
    let crlf = 0;
    let cr = 0;
    for (let i = 1; i < this.starts.length; i++) {
      const end = this.starts[i]!;
      if (this.text[end - 1] === '\r') cr++;
      else if (this.text[end - 2] === '\r') crlf++;
    }
    const lf = this.starts.length - 1 - crlf - cr;
    return crlf > lf && crlf >= cr ? '\r\n' : cr > lf && cr > crlf ? '\r' : '\n';
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

/** Calls `each(start, end, next)` for every line: `end` is before its line break, `next` after
 * it (or -1 for the last line). Return false to stop. Fast for LF-only text. */
export function forEachLine(text: string, each: (start: number, end: number, next: number) => boolean | void): void {
  let start = 0;
  if (text.indexOf('\r') === -1) {
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (each(start, nl === -1 ? text.length : nl, nl === -1 ? -1 : nl + 1) === false || nl === -1) return;
      start = nl + 1;
    }
  }
  const re = /\r\n|\n|\r/g;
  for (;;) {
    re.lastIndex = start;
    const m = re.exec(text);
    if (each(start, m ? m.index : text.length, m ? m.index + m[0].length : -1) === false || !m) return;
    start = m.index + m[0].length;
  }
}

/** Where two versions of a text agree: their first `prefix` characters, and their last
 * `suffix` characters (not overlapping the prefix in either). */
export interface EditSpan {
  prefix: number;
  suffix: number;
}

export function editSpan(old: string, text: string): EditSpan {
  const max = Math.min(old.length, text.length);
  const prefix = commonPrefix(old, text, max);
  return { prefix, suffix: commonSuffix(old, text, max - prefix) };
}

/** Length of the common start of two texts (up to `max`): whole blocks compared natively first. */
function commonPrefix(a: string, b: string, max: number): number {
  let n = 0;
  for (const step of [65536, 4096, 256, 16, 1]) {
    while (n + step <= max && a.substr(n, step) === b.substr(n, step)) n += step;
  }
  return n;
}

function commonSuffix(a: string, b: string, max: number): number {
  let n = 0;
  for (const step of [65536, 4096, 256, 16, 1]) {
    while (n + step <= max && a.substr(a.length - n - step, step) === b.substr(b.length - n - step, step)) n += step;
  }
  return n;
}
