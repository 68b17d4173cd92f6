// Turns heading text into comparable tokens: case, numbering ("3.", "3.2", "IV.", "Step 2:"),
// punctuation, emoji and word form (plural, -ing, -ment...) are ignored, so "3.2 Monitoring 📈"
// and "Monitor" compare equal. Catalogue aliases go through the same function.
import { replaceBeforeLastClose } from './strings';

const STOPWORDS = new Set(['a', 'an', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'our', 'its', 'your', 'this', 'how', 'we']);

/** Words that split a heading into separately-matched parts: "Scaling, Monitoring and Updates". */
export const CONJUNCTIONS = new Set(['and', 'or', 'vs', 'versus', 'plus']);

const LEADING_NUMBERING = [
  // "Step 2:", "Part IV -", "Section 3.1", "Phase 1:", "Chapter 9."
  /^(?:step|part|section|phase|chapter|stage|appendix)\s+(?:\d+(?:\.\d+)*|[ivxlc]+|[a-z])\b\s*[.):\-–—]*\s*/i,
  // "3.", "3.2", "3.2.1)", "3 " (a bare number followed by a word), "(3)"
  /^\(?\d+(?:\.\d+)*[.):]?\s+/,
  /^\d+(?:\.\d+)*[.):]\s*/,
  // "IV.", "iv)", "A." — only with a following dot or parenthesis so the word "I" survives.
  /^\(?(?:[ivxlc]{1,6}|[a-z])[.)]\s+/i,
];

/** Strips numbering prefixes, repeatedly ("II.i Metrics" has two). */
export function stripNumbering(text: string): string {
  let s = text.trim();
  for (let guard = 0; guard < 4; guard++) {
    const before = s;
    // "II.i Metrics": a roman numeral run joined by dots.
    s = s.replace(/^(?:[ivxlc]{1,6}\.)+(?:[ivxlc]{1,6})?\s+/i, '');
    for (const re of LEADING_NUMBERING) s = s.replace(re, '');
    if (s === before) break;
  }
  return s;
}

/** A small suffix stemmer: enough that word forms of one word meet, not linguistics. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      if (/([^aeiouls])\1$/.test(w)) w = w.slice(0, -1); // "running" -> "run"
      break;
    }
  }
  for (const suffix of ['ment', 'ation', 'ition', 'ability', 'ity']) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 4) {
      w = w.slice(0, -suffix.length);
      break;
    }
  }
  if (w.endsWith('ll') && w.length > 4) w = w.slice(0, -1); // "labelling" and "labeling" meet
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1) + 'i';
  return w;
}

export interface NormalizedHeading {
  /** Stemmed tokens, stopwords removed; conjunctions kept as '|' separators. */
  tokens: string[];
}

const normalized = new Map<string, NormalizedHeading>();

/** Memoised: the same headings come back on every keystroke. Callers must not mutate. */
export function normalizeHeading(text: string): NormalizedHeading {
  let hit = normalized.get(text);
  if (!hit) {
    if (normalized.size > 20_000) normalized.clear();
    normalized.set(text, (hit = computeNormalized(text)));
  }
  return hit;
}

function computeNormalized(text: string): NormalizedHeading {
  // "[Feature or Story Title]", "Monitoring [WIP]": bracketed text is a template's placeholder.
  let s = replaceBeforeLastClose(text.normalize('NFKC'), /\[[^\]]*\]/g, ']', ' ');
  s = s.replace(/\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0f/gu, ' ');
  s = stripNumbering(s.replace(/^[\s\p{P}\p{S}]+(?=\d)/u, ''));
  s = s.toLowerCase();
  // "non-goals", "non functional": one token, so "goals" inside it is not a match.
  s = s.replace(/\bnon[\s\-–]+(?=\p{L})/gu, 'non');
  // Separators become a separator token; other punctuation and symbols become spaces.
  s = s.replace(/[,;:/&+|()[\]{}–—]+/g, ' | ');
  s = s.replace(/[^\p{L}\p{N}|\s]+/gu, ' ');
  const tokens: string[] = [];
  for (const raw of s.split(/\s+/)) {
    if (!raw) continue;
    if (raw === '|' || CONJUNCTIONS.has(raw)) {
      if (tokens.length && tokens[tokens.length - 1] !== '|') tokens.push('|');
      continue;
    }
    if (STOPWORDS.has(raw)) continue;
    tokens.push(stem(raw));
  }
  while (tokens[tokens.length - 1] === '|') tokens.pop();
  return { tokens };
}
