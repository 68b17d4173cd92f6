// Finding many words and phrases in prose at once, word by word. A catalogue has hundreds of
// topic terms: trying one pattern per term on every sentence was the bulk of an analysis,
// so a text is cut into words once and each word is looked up. Terms are plain text, never
// patterns (a team config is data): a term matches at word starts, whole words; its last
// word also in plural and -ed/-ing forms ("retrain" finds "retrained"); a trailing * takes
// any ending ("reproducib*"); an all-caps term keeps its case ("SLO" is not "slow").

/** A word of a text: a run of ASCII letters, digits and underscores, with its offsets. */
export interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
}

const WORD = /[A-Za-z0-9_]+/g;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) out.push({ text: m[0], lower: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  return out;
}

/** Endings a term's last word matches besides itself. */
const ENDINGS = ['s', 'es', 'ed', 'd', 'ing', 'ings'];

/** A word and the words it may be an inflection of. */
function bases(word: string): string[] {
  const out = [word];
  for (const e of ENDINGS) if (word.length > e.length + 1 && word.endsWith(e)) out.push(word.slice(0, -e.length));
  return out;
}

interface Entry {
  id: number;
  /** The term's words: lower case, or as written for an all-caps term. */
  words: string[];
  exact: boolean;
  /** The last word is a prefix (the term ended in *). */
  prefix: boolean;
}

/** A match: which term, over which words (indexes into the words given to scan). */
export interface TermMatch {
  id: number;
  first: number;
  last: number;
}

/** Many terms, each with a caller's id (several terms may share one). */
export class TermIndex {
  /** Terms by their first word (lower case); prefix terms of one word apart, by first letter. */
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly prefixes = new Map<string, Entry[]>();

  add(term: string, id: number): void {
    const raw = term.trim();
    const prefix = raw.endsWith('*');
    const body = prefix ? raw.slice(0, -1) : raw;
    const ws = words(body).map((w) => w.text);
    if (!ws.length) return;
    const exact = /[A-Z]/.test(body) && !/[a-z]/.test(body) && ws.join('').length >= 2;
    const entry: Entry = { id, words: exact ? ws : ws.map((w) => w.toLowerCase()), exact, prefix };
    if (prefix && ws.length === 1) {
      const key = entry.words[0]![0]!.toLowerCase();
      (this.prefixes.get(key) ?? this.prefixes.set(key, []).get(key)!).push(entry);
    } else {
      const key = entry.words[0]!.toLowerCase();
      (this.byFirst.get(key) ?? this.byFirst.set(key, []).get(key)!).push(entry);
    }
  }

  /** Every term occurrence in a text's words, in order of their first word. */
  scan(ws: readonly Word[]): TermMatch[] {
    const out: TermMatch[] = [];
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      // One-word terms may be an inflection of the word; longer ones start with it as is.
      for (const b of bases(w.lower)) {
        for (const e of this.byFirst.get(b) ?? []) {
          if (e.words.length === 1) {
            if (b === w.lower || !e.prefix) {
              if (!e.exact || bases(w.text).includes(e.words[0]!)) out.push({ id: e.id, first: i, last: i });
            }
          } else if (b === w.lower && this.phraseAt(ws, i, e)) out.push({ id: e.id, first: i, last: i + e.words.length - 1 });
        }
      }
      for (const e of this.prefixes.get(w.lower[0]!) ?? []) {
        if ((e.exact ? w.text : w.lower).startsWith(e.words[0]!)) out.push({ id: e.id, first: i, last: i });
      }
    }
    return out;
  }

  /** Whether the words from `i` on spell a phrase term (its last word inflected or a prefix). */
  private phraseAt(ws: readonly Word[], i: number, e: Entry): boolean {
    const n = e.words.length;
    if (i + n > ws.length) return false;
    const form = (w: Word) => (e.exact ? w.text : w.lower);
    if (e.exact && ws[i]!.text !== e.words[0]) return false;
    for (let k = 1; k < n - 1; k++) if (form(ws[i + k]!) !== e.words[k]) return false;
    const last = form(ws[i + n - 1]!);
    const want = e.words[n - 1]!;
    return e.prefix ? last.startsWith(want) : bases(last).includes(want);
  }
}
