// Makes text safe to parse. Guards against input that would take the parser minutes: container
// nesting deeper than any real document (50,000 "> " or "- " in a row, or list items
// indented thousands of columns). Such markers are replaced by spaces, so the text keeps its
// length and every position, and what is left parses in bounded time.

import { editSpan, LineIndex, type EditSpan } from './text';

/** Container markers (">", "-", "1.") at one line start beyond which the rest is text. */
export const MAX_NESTING = 64;
/** Columns of indentation beyond which a list marker starts no new list. */
export const MAX_INDENT = 64;

export interface Sanitized {
  text: string;
  /** 0-based lines where markers were neutralised. */
  lines: number[];
}

/** `index` is the text's line index; it serves the result too, which has the same line
 * breaks. */
export function sanitize(text: string, index: LineIndex): Sanitized {
  return sanitizeLines(text, index, 0, index.lineCount);
}

/** A text's line index and its sanitized form: what analysis starts from. */
export interface Prepared {
  index: LineIndex;
  sanitized: Sanitized;
  /** Offset of the first NUL character (binary content), or -1. */
  nul: number;
}

export function prepare(text: string): Prepared {
  const index = new LineIndex(text);
  return { index, sanitized: sanitize(text, index), nul: text.indexOf('\u0000') };
}

/** prepare(text) for a new version of `previous`'s text: its line index updated around the
 * edit, and only the edited lines looked at, when the previous version needed no sanitizing
 * (else all of it again: a text that does, or holds NUL, is pathological anyway). The same
 * result. */
export function prepareEdit(
  previous: { text: string; prepared: Prepared } | undefined,
  text: string,
  span: (old: string) => EditSpan = (old) => editSpan(old, text),
): Prepared {
  const old = previous?.text;
  const before = previous?.prepared;
  if (
    old === undefined ||
    before!.sanitized.lines.length ||
    before!.nul !== -1 ||
    old.charCodeAt(0) === 0xfeff ||
    text.charCodeAt(0) === 0xfeff
  )
    return prepare(text);
  const { prefix, suffix } = span(old);
  const index = new LineIndex(text, editedStarts(before!.index.starts, old, text, prefix, suffix));
  const first = index.positionAt(prefix).line;
  const last = index.positionAt(text.length - suffix).line;
  const { lines } = sanitizeLines(text, index, Math.max(0, first - 1), last + 1);
  if (lines.length) return prepare(text);
  // Only the new part can hold a NUL: the rest was looked at before (a scan of a big doc's
  // whole text, two bytes a character, was half a millisecond a keystroke).
  const at = text.slice(prefix, text.length - suffix).indexOf('\u0000');
  return { index, sanitized: { text, lines: [] }, nul: at === -1 ? -1 : prefix + at };
}

/** Line starts of `text` from those of `old`, which it shares the first `prefix` and the last
 * `suffix` characters with: a start is kept where the characters on both sides of it are
 * shared (a line break is one or two characters: "\r" then "\n" is one break), and found
 * by a scan in between. */
function editedStarts(oldStarts: readonly number[], old: string, text: string, prefix: number, suffix: number): number[] {
  let k = 0;
  while (k < oldStarts.length && oldStarts[k]! < prefix) k++;
  // One copy of the kept head (pushing a big doc's thousands of starts one by one grew and
  // copied the array several times a keystroke).
  const starts = k ? oldStarts.slice(0, k) : [0];
  const tail = text.length - suffix;
  for (let i = Math.max(0, prefix - 1); i < tail; i++) {
    const c = text.charCodeAt(i);
    if ((c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) && i + 1 >= prefix && i + 1 <= tail && i + 1 > starts[starts.length - 1]!)
      starts.push(i + 1);
  }
  const delta = text.length - old.length;
  for (; k < oldStarts.length; k++) if (oldStarts[k]! > old.length - suffix) starts.push(oldStarts[k]! + delta);
  return starts;
}

function sanitizeLines(text: string, index: LineIndex, fromLine: number, toLine: number): Sanitized {
  const lines: number[] = [];
  let out: string[] | undefined;
  // The parser drops a byte order mark and counts offsets after it; a space in its place
  // keeps parser offsets and string offsets the same.
  if (fromLine === 0 && text.charCodeAt(0) === 0xfeff) (out ??= text.split(''))[0] = ' ';
  const starts = index.starts;
  for (let line = fromLine; line < Math.min(toLine, starts.length); line++) {
    // Only a line that starts with a marker or indentation can need neutralising.
    const start = starts[line]!;
    const c = text.charCodeAt(start);
    // space, tab, > - * + and digits
    if (
      (c === 32 || c === 9 || c === 62 || c === 45 || c === 42 || c === 43 || (c >= 48 && c <= 57)) &&
      neutralise(text, start, index.lineEnd(line), (i) => ((out ??= text.split(''))[i] = ' '))
    ) {
      lines.push(line);
    }
  }
  return { text: out ? out.join('') : text, lines };
}

/** Walks the container markers at the start of one line; blanks those past the limits. */
function neutralise(text: string, start: number, end: number, blank: (i: number) => void): boolean {
  let i = start;
  let depth = 0;
  let col = 0;
  let changed = false;
  while (i < end) {
    const c = text[i]!;
    if (c === ' ') {
      i++;
      col++;
      continue;
    }
    if (c === '\t') {
      i++;
      col += 4 - (col % 4);
      continue;
    }
    let markerEnd = -1;
    if (c === '>') markerEnd = i + 1;
    else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) markerEnd = i + 1;
    else if (c >= '0' && c <= '9') {
      let j = i;
      while (j < end && j - i < 9 && text[j]! >= '0' && text[j]! <= '9') j++;
      if ((text[j] === '.' || text[j] === ')') && (text[j + 1] === ' ' || text[j + 1] === '\t')) markerEnd = j + 1;
    }
    if (markerEnd === -1) break;
    depth++;
    if (depth > MAX_NESTING || col > MAX_INDENT) {
      for (let k = i; k < markerEnd; k++) blank(k);
      changed = true;
    }
    col += markerEnd - i;
    i = markerEnd;
  }
  return changed;
}
