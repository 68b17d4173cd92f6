/** "The business objective" -> "the business objective", for guidance inside a sentence. */
export function lowerFirst(s: string): string {
  return s && !/^[A-Z]{2}/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** `text.replace(re, by)` for a global regex each of whose matches ends with the character
 * `close` and runs, from its opening, to the first `close` after it (`[^\]]*\]` and the
 * like). Run as is, every opening with no `close` after it scans to the end of the text,
 * which is quadratic in the openings ("[[[[..." without a "]"). No match can end after the
 * last `close`, so the regex runs only up to there (where every scan stops at a `close`
 * and matches), and `rest`, the part of the pattern that needs no `close`, on what follows. */
export function replaceBeforeLastClose(text: string, re: RegExp, close: string, by: string, rest?: RegExp): string {
  const end = text.lastIndexOf(close) + 1;
  const tail = text.slice(end);
  return text.slice(0, end).replace(re, by) + (rest ? tail.replace(rest, by) : tail);
}
