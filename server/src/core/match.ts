import type { SectionDef } from './config/types';
import { normalizeHeading, stem } from './normalize';

// Matching a heading to catalogue sections. A heading is split at separators and
// conjunctions ("Scaling, Monitoring and Updates" is three parts), and each part names at
// most one section: the one its head word names ("Data quality monitoring" is monitoring,
// "Training data" is data). A one-word alias must be the part's head: "Inference mode" is
// not about inference. Generic heads such as "requirements" or "plan" give way to the word
// before them ("Monitoring requirements" is monitoring). Weak words, too common to name a
// section unless they stand alone ("Updates", "Features", "Data"), must be the whole part
// ("Configuration updates" is not about model updates).

const stems = (words: string): Set<string> => new Set(words.split(/\s+/).map((w) => stem(w)));

/** Words that say what kind of text follows, not what it is about. */
const GENERIC = stems(
  'requirements metrics goals objectives kpis infrastructure plan strategy approach design architecture considerations details overview stack system setup process pipeline pipelines framework policy components workflow management support cadence frequency schedule triggers criteria',
);
/** Words that name a section only when they stand alone in a heading part. */
const WEAK = stems(
  'data features updates storage database operations maintenance iteration integration model training evaluation api experiments',
);

/** Heading texts whose matches a matcher remembers. */
const MATCH_MEMO = 4096;

interface CompiledAlias {
  sectionId: string;
  tokens: string[];
  generic: boolean;
}

export interface SectionMatch {
  sectionId: string;
  /** True when the part matched only through a generic word ("Requirements"). */
  generic: boolean;
}

export class SectionMatcher {
  private readonly aliases: CompiledAlias[] = [];
  /** Whole headings (normalized, separators kept) a team wrote as an alias or ruled out
   * (notAliases): the heading as a whole decides, before its parts are looked at. */
  private readonly whole = new Map<string, string>();
  private readonly ruledOut = new Map<string, Set<string>>();

  constructor(sections: readonly SectionDef[]) {
    for (const s of sections) {
      for (const name of new Set([s.title, ...s.aliases])) {
        const all = normalizeHeading(name).tokens;
        const tokens = all.filter((t) => t !== '|');
        if (tokens.length === 0) continue;
        this.aliases.push({ sectionId: s.id, tokens, generic: tokens.every((t) => GENERIC.has(t)) });
        // "Ops & readiness" taught as one heading: its parts alone would name nothing.
        if (all.length !== tokens.length && !this.whole.has(all.join(' '))) this.whole.set(all.join(' '), s.id);
      }
      for (const name of s.notAliases) {
        const key = normalizeHeading(name).tokens.join(' ');
        if (!key) continue;
        let ids = this.ruledOut.get(key);
        if (!ids) this.ruledOut.set(key, (ids = new Set()));
        ids.add(s.id);
      }
    }
    // Longer aliases first, so "model updates" is preferred over "updates" at one position.
    this.aliases.sort((a, b) => b.tokens.length - a.tokens.length);
  }

  /** Answers by heading text: a keystroke's analysis matches every heading of the doc again.
   * Cleared when full, so a stream of distinct headings cannot grow it without bound. */
  private readonly answers = new Map<string, SectionMatch[]>();

  match(headingText: string): SectionMatch[] {
    let found = this.answers.get(headingText);
    if (!found) {
      if (this.answers.size >= MATCH_MEMO) this.answers.clear();
      this.answers.set(headingText, (found = this.matchNow(headingText)));
    }
    // A copy: callers filter and keep what they are given.
    return found.map((m) => ({ ...m }));
  }

  private matchNow(headingText: string): SectionMatch[] {
    const { tokens } = normalizeHeading(headingText);
    const key = tokens.join(' ');
    const out = this.ruledOut.get(key);
    const whole = this.whole.get(key);
    if (whole !== undefined && !out?.has(whole)) return [{ sectionId: whole, generic: false }];
    const found = this.matchParts(tokens);
    return out ? found.filter((m) => !out.has(m.sectionId)) : found;
  }

  private matchParts(tokens: readonly string[]): SectionMatch[] {
    const result: SectionMatch[] = [];
    const seen = new Set<string>();
    for (const part of splitParts(tokens)) {
      const best = this.bestInPart(part);
      if (best && !seen.has(best.sectionId)) {
        seen.add(best.sectionId);
        result.push(best);
      }
    }
    return result;
  }

  private bestInPart(part: string[]): SectionMatch | undefined {
    let best: { alias: CompiledAlias; end: number } | undefined;
    const heads = headIndexes(part);
    for (const alias of this.aliases) {
      const at = alias.tokens.length === 1 ? singleWordAt(part, alias.tokens[0]!, heads) : indexOfRun(part, alias.tokens);
      if (at === -1) continue;
      const end = at + alias.tokens.length;
      if (!best) best = { alias, end };
      else if (best.alias.generic && !alias.generic) best = { alias, end };
      else if (best.alias.generic === alias.generic && end > best.end) best = { alias, end };
    }
    return best && { sectionId: best.alias.sectionId, generic: best.alias.generic };
  }
}

/** The last word, and before it any words that are only generic tails ("... requirements"). */
function headIndexes(part: string[]): Set<number> {
  const heads = new Set<number>();
  for (let i = part.length - 1; i >= 0; i--) {
    heads.add(i);
    if (!GENERIC.has(part[i]!)) break;
  }
  return heads;
}

function singleWordAt(part: string[], word: string, heads: Set<number>): number {
  for (const i of heads) {
    if (part[i] !== word) continue;
    if (WEAK.has(word) && i !== 0) continue;
    return i;
  }
  return -1;
}

function splitParts(tokens: readonly string[]): string[][] {
  const parts: string[][] = [[]];
  for (const t of tokens) {
    if (t === '|') parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  return parts.filter((p) => p.length > 0);
}

function indexOfRun(hay: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
