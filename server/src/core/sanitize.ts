// Makes text safe to parse. Guards against input that would take the parser minutes: container
// nesting deeper than any real document (50,000 "> " or "- " in a row, or list items
// indented thousands of columns). Such markers are replaced by spaces, so the text keeps its
// length and every position, and what is left parses in bounded time.

import type { LineIndex } from './text';

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
  const lines: number[] = [];
  let out: string[] | undefined;
  // The parser drops a byte order mark and counts offsets after it; a space in its place
  // keeps parser offsets and string offsets the same.
  if (text.charCodeAt(0) === 0xfeff) (out ??= text.split(''))[0] = ' ';
  const starts = index.starts;
  for (let line = 0; line < starts.length; line++) {
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
