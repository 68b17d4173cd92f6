// Text helpers the core shares: wording in messages, literal and word-list patterns, "did
// you mean" suggestions, and replacing in linear time.

/** "The business objective" -> "the business objective", for guidance inside a sentence. */
export function lowerFirst(s: string): string {
  return s && !/^[A-Z]{2}/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** Text cut to at most `max` characters, with an ellipsis when cut: quotes in one-line
 * messages. */
export function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** A string as a regex that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Words and phrases as a regex alternation (spaces match runs of spaces or hyphens). */
export function alternation(terms: readonly string[]): string {
  const escaped = terms.filter((t) => t.trim()).map((t) => escapeRegExp(t.trim()).replace(/\s+/g, '[\\s-]+'));
  return `(?:${escaped.join('|') || '(?!)'})`;
}

/** Words and phrases as one case-insensitive pattern matching at word starts. (An ASCII
 * word boundary: Unicode property classes made these scans several times slower.) */
export function termsPattern(terms: readonly string[]): RegExp {
  return new RegExp(`(?<![A-Za-z0-9_])${alternation(terms)}`, 'i');
}

/** The known word nearest to a typo, if it is near enough to be the one meant. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
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

/** A search for the first of some characters at or after a position (`text.length` when
 * there is none). A search that starts inside the stretch the last one read gets the same
 * answer without reading it again: a left-to-right scan of many openings that all run to
 * the same closing character (or fail at the same line break) reads that stretch once. */
export function firstOfFinder(text: string, chars: string): (from: number) => number {
  let lo = 0;
  let hi = -1; // none of `chars` in [lo, hi); hi is one of them, or the end
  return (from) => {
    if (from >= lo && from <= hi) return hi;
    let i = from;
    while (i < text.length && !chars.includes(text[i]!)) i++;
    lo = from;
    hi = i;
    return i;
  };
}
