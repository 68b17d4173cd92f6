// The term index against a plain reading of its rules, on random terms and texts: every
// term tried at every word, as the index's comment states them (whole words at word starts;
// the last word also plural or -ed/-ing; a trailing * any ending; an all-caps term keeps its
// case). The index looks each word's forms up instead.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TermIndex, words, type TermMatch, type Word } from '../../server/src/core/terms';

const ENDINGS = ['', 's', 'es', 'ed', 'd', 'ing', 'ings'];

/** Whether `word` is `base` or `base` plus one of the endings (leaving two letters or more). */
const inflects = (word: string, base: string) => ENDINGS.some((e) => word === base + e && (e === '' || word.length > e.length + 1));

function reference(terms: readonly [string, number][], ws: readonly Word[]): TermMatch[] {
  const out: TermMatch[] = [];
  for (let i = 0; i < ws.length; i++) {
    const found: TermMatch[] = [];
    for (const [term, id] of terms) {
      const raw = term.trim();
      const prefix = raw.endsWith('*');
      const body = prefix ? raw.slice(0, -1) : raw;
      const tw = words(body).map((w) => w.text);
      if (!tw.length) continue;
      const exact = /[A-Z]/.test(body) && !/[a-z]/.test(body) && tw.join('').length >= 2;
      const n = tw.length;
      if (i + n > ws.length) continue;
      const form = (w: Word) => (exact ? w.text : w.lower);
      const want = exact ? tw : tw.map((w) => w.toLowerCase());
      let ok = true;
      for (let k = 0; k < n - 1 && ok; k++) ok = form(ws[i + k]!) === want[k];
      const last = form(ws[i + n - 1]!);
      if (ok) ok = prefix ? last.startsWith(want[n - 1]!) : inflects(last, want[n - 1]!);
      if (ok) found.push({ id, first: i, last: i + n - 1 });
    }
    out.push(...found);
  }
  return out;
}

const sortMatches = (xs: TermMatch[]) => [...xs].sort((a, b) => a.first - b.first || a.id - b.id || a.last - b.last);

const word = fc.constantFrom(
  'model',
  'models',
  'retrain',
  'retrained',
  'retraining',
  'SLO',
  'slo',
  'Slow',
  'data',
  'drift',
  'reproducib',
  'reproducible',
  'p99',
  'A',
  'as',
  'the',
  'rolled',
  'roll',
  'back',
  'backs',
  'ed',
  'ing',
);
const term = fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([ws, star]) => ws.join(' ') + (star ? '*' : ''));
const text = fc.array(fc.oneof(word, fc.constantFrom(' ', ', ', '. ', '-', '\n')), { maxLength: 30 }).map((xs) => xs.join(' '));

describe('TermIndex', () => {
  it('finds what trying every term at every word finds', () => {
    fc.assert(
      fc.property(fc.array(term, { minLength: 1, maxLength: 8 }), fc.array(text, { minLength: 1, maxLength: 3 }), (ts, texts) => {
        const terms = ts.map((t, i): [string, number] => [t, i % 5]);
        const index = new TermIndex();
        for (const [t, id] of terms) index.add(t, id);
        // Several texts through one index: what it remembers of a word must hold for the next.
        for (const t of texts) {
          const ws = words(t);
          expect(sortMatches(index.scan(ws))).toEqual(sortMatches(reference(terms, ws)));
        }
      }),
      { numRuns: 500 },
    );
  });
});
