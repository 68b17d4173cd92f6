// What a document's text addresses: each catalogue section's topics (the preset's questions
// and the words that show a passage answers one) looked for in the prose, sentence by
// sentence. Inside a section, a topic's words are enough. Elsewhere a sentence must also
// hold one of the section's anchors ("the model", "retrain"), so an auto-updater's "update
// daily" is not a model update; in another recognised part of the design, a distinctive
// word (not one of the topic's `local` ones: "pipeline", "daily") is enough. Scans are
// remembered per top-level block and gathered per region between headings (see regions.ts): on
// a keystroke only the edited part is read again.
import type { SectionDef, TopicDef } from './config/types';
import type { DocModel } from './model';
import { isOutOfScope, type OutlineEntry } from './outline';
import { regionsOf } from './regions';
import { headingBefore, scanBlock, sectionExtent, sentences, type ProseBlock, type Span } from './prose';
import { TermIndex, words, type TermMatch } from './terms';

/** What a term found in a sentence stands for: one of a topic's words (distinctive, local,
 * or the `with` words it needs beside it), or one of a section's anchors. */
type Role = { kind: 'term' | 'local' | 'with'; topic: number } | { kind: 'anchor'; section: number };

interface CompiledTopic {
  sectionId: string;
  section: number;
  topic: TopicDef;
  needsWith: boolean;
}

/** A catalogue's topics and anchors in one term index, compiled once per catalogue. */
interface Compiled {
  topics: CompiledTopic[];
  index: TermIndex;
  roles: Role[];
  /** Scans are remembered under this key: another catalogue scans afresh. */
  key: string;
}

const compiled = new WeakMap<readonly SectionDef[], Compiled>();

function compile(sections: readonly SectionDef[]): Compiled {
  let c = compiled.get(sections);
  if (c) return c;
  const topics: CompiledTopic[] = [];
  const index = new TermIndex();
  const roles: Role[] = [];
  const add = (terms: readonly string[], role: Role) => {
    roles.push(role);
    for (const t of terms) index.add(t, roles.length - 1);
  };
  sections.forEach((s, section) => {
    add(s.anchors, { kind: 'anchor', section });
    for (const topic of s.topics) {
      const at = topics.length;
      topics.push({ sectionId: s.id, section, topic, needsWith: topic.with.length > 0 });
      add(topic.terms, { kind: 'term', topic: at });
      add(topic.local, { kind: 'local', topic: at });
      add(topic.with, { kind: 'with', topic: at });
    }
  });
  const key = `topics:${JSON.stringify(sections.map((s) => [s.id, s.anchors, s.topics]))}`;
  compiled.set(sections, (c = { topics, index, roles, key }));
  return c;
}

/** A block that is only a link to a place in the doc ("[Monitoring](#monitoring)"). */
const TOC_ENTRY = /^[\s*+\-\d.)]*\[[^\]\n]*\]\(#[^)\s]*\)[\s.]*$/;

/** A sentence (or heading, or table cell) that addresses a topic. */
export interface Evidence extends Span {
  sectionId: string;
  topicId: string;
  /** The sentence also holds one of the section's anchors. */
  anchored: boolean;
  /** Only a local term matched: evidence inside the section alone. */
  local: boolean;
  /** The topic's index in its catalogue's compiled topics (see compile). */
  topic: number;
  /** The words that matched (first and last word index in the sentence). */
  words: readonly (readonly [number, number])[];
}

/** The topic evidence in one top-level block's prose (offsets in the document). */
function scanTopics(c: Compiled, blocks: ProseBlock[]): Evidence[] {
  const found: Evidence[] = [];
  for (const block of blocks) {
    // A table of contents names sections, it does not discuss them.
    if (TOC_ENTRY.test(block.raw)) continue;
    // A cell is read with its column header and row label: "p99 | 120 ms" under "Latency".
    const units =
      block.kind === 'cell' ? [{ text: `${block.text} ${block.context ?? ''}`, start: 0, end: block.text.length }] : sentences(block.text);
    for (const u of units) {
      const ws = words(u.text);
      if (!ws.length) continue;
      const matches = c.index.scan(ws);
      if (!matches.length) continue;
      // Per topic: its own words (where), and whether its `with` words are there.
      const strong = new Map<number, TermMatch[]>();
      const local = new Map<number, TermMatch[]>();
      const withs = new Set<number>();
      const anchors = new Map<number, TermMatch[]>();
      for (const m of matches) {
        const role = c.roles[m.id]!;
        if (role.kind === 'anchor') (anchors.get(role.section) ?? anchors.set(role.section, []).get(role.section)!).push(m);
        else if (role.kind === 'term') (strong.get(role.topic) ?? strong.set(role.topic, []).get(role.topic)!).push(m);
        else if (role.kind === 'with') withs.add(role.topic);
        else (local.get(role.topic) ?? local.set(role.topic, []).get(role.topic)!).push(m);
      }
      for (const t of new Set([...strong.keys(), ...local.keys()])) {
        const topic = c.topics[t]!;
        if (topic.needsWith && !withs.has(t)) continue;
        const isStrong = strong.has(t);
        // A distinctive word may anchor itself ("drift"); a local one needs another word
        // next to it: "labels" alone does not tie a sentence to the data section.
        const own = isStrong ? [] : local.get(t)!;
        const anchored = (anchors.get(topic.section) ?? []).some((a) => !own.some((o) => a.first <= o.last && o.first <= a.last));
        found.push({
          from: block.start + u.start,
          to: block.start + u.end,
          sectionId: topic.sectionId,
          topicId: topic.topic.id,
          topic: t,
          anchored,
          local: !isStrong,
          words: (strong.get(t) ?? local.get(t)!).map((m) => [m.first, m.last] as const),
        });
      }
    }
  }
  return found;
}

/** A region's topic evidence (see regions.ts), read by topicCoverage topic by topic. */
interface TopicRegion {
  /** Per span, in document order: its start relative to the start of the region's first
   * node, its length, and its FLAGS (typed arrays: a keystroke's loop reads thousands). */
  rel: Int32Array;
  len: Int32Array;
  flags: Uint8Array;
  /** Each span's block (its top-level node's spans) and index there, for sharesWord. */
  blocks: (readonly Evidence[])[];
  at: Int32Array;
  /** Triples of (compiled topic index, its first span, its first span that counts for a
   * headless section's places (see ELSEWHERE)), -1 for none. */
  groups: number[];
  /** Per span, the next span of the same topic, and the next one that is ELSEWHERE; or -1. */
  next: Int32Array;
  nextElsewhere: Int32Array;
  /** Relative end of the heading node the region starts with, or -1. */
  headingEnd: number;
  /** Relative end of the region's last node. */
  length: number;
}

const ANCHORED = 1;
const LOCAL = 2;
/** Anchored, and not a local word unless the topic is one its section requires: a sentence
 * that counts towards a section without a heading being `mentioned` (see topicCoverage). */
const ELSEWHERE = 4;

/** The doc's regions (see regions.ts) with their topic evidence. */
function topicRegions(model: DocModel, c: Compiled): { start: number; region: TopicRegion }[] {
  return regionsOf(model).map((r) => {
    let region = r.memo.get(c.key) as TopicRegion | undefined;
    if (!region) r.memo.set(c.key, (region = gather(model, c, r.from, r.to)));
    return { start: r.start, region };
  });
}

function gather(model: DocModel, c: Compiled, a: number, b: number): TopicRegion {
  const kids = model.outline.root.children;
  const base = kids[a]!.position?.start.offset ?? 0;
  const rel: number[] = [];
  const len: number[] = [];
  const flags: number[] = [];
  const topics: number[] = [];
  const blocks: (readonly Evidence[])[] = [];
  const at: number[] = [];
  for (let i = a; i < b; i++) {
    const spans = c.topics.length ? scanBlock(model, i, c.key, (bs) => scanTopics(c, bs)) : [];
    const nodeStart = (kids[i]!.position?.start.offset ?? 0) - base;
    spans.forEach((ev, j) => {
      rel.push(nodeStart + ev.from);
      len.push(ev.to - ev.from);
      const counts = ev.anchored && (!ev.local || c.topics[ev.topic]!.topic.required);
      flags.push((ev.anchored ? ANCHORED : 0) | (ev.local ? LOCAL : 0) | (counts ? ELSEWHERE : 0));
      topics.push(ev.topic);
      blocks.push(spans);
      at.push(j);
    });
  }
  const groups: number[] = [];
  const next = new Int32Array(rel.length).fill(-1);
  const nextElsewhere = new Int32Array(rel.length).fill(-1);
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const lastElsewhere = new Map<number, number>();
  topics.forEach((t, j) => {
    const prev = last.get(t);
    if (prev === undefined) {
      first.set(t, groups.length);
      groups.push(t, j, -1);
    } else next[prev] = j;
    last.set(t, j);
    if (flags[j]! & ELSEWHERE) {
      const p = lastElsewhere.get(t);
      if (p === undefined) groups[first.get(t)! + 2] = j;
      else nextElsewhere[p] = j;
      lastElsewhere.set(t, j);
    }
  });
  const head = kids[a]!;
  return {
    rel: Int32Array.from(rel),
    len: Int32Array.from(len),
    flags: Uint8Array.from(flags),
    blocks,
    at: Int32Array.from(at),
    groups,
    next,
    nextElsewhere,
    headingEnd: head.type === 'heading' ? (head.position?.end.offset ?? base) - base : -1,
    length: (kids[b - 1]!.position?.end.offset ?? base) - base,
  };
}

/** How one topic fares in one document. */
export interface TopicCoverage {
  id: string;
  title: string;
  required: boolean;
  addressed: boolean;
  /** The first evidence: 0-based line, inside the section or elsewhere, under which heading. */
  line?: number;
  where?: 'section' | 'elsewhere';
  heading?: string;
}

/** A place a section is discussed without a heading of its own. */
export interface Mention {
  line: number;
  /** The heading it is under, if any. */
  heading?: string;
}

/** When a section without a heading of its own counts as discussed: under one heading (a
 * delimited part of the doc), at least this many of its topics, each in a sentence of its
 * own. One topic word, even next to "model", is a passing remark; two different questions
 * answered in one place are a discussion. Measured on the corpus (docs/rules/mentioned-
 * section.md): counting topics across the whole doc instead took scattered remarks in
 * platform RFCs for sections. */
export const MENTIONED_MIN_TOPICS = 2;

/** Sentences with a topic word and one of its section's anchors that show a doc is about an
 * ML system (see topicCoverage). */
const SUBJECT_MIN_SENTENCES = 5;

export interface SectionTopics {
  topics: TopicCoverage[];
  /** Where the section's topics are discussed outside any section of its own, under a
   * heading that holds enough of them (MENTIONED_MIN_TOPICS); empty when none does. */
  mentions: Mention[];
}

/** Per catalogue section: which topics the doc addresses, and where. `extents` are the
 * entries standing for each section (none for a missing one). */
export function topicCoverage(
  model: DocModel,
  sections: readonly SectionDef[],
  extents: Map<string, OutlineEntry[]>,
): Map<string, SectionTopics> {
  const c = compile(sections);
  const regions = topicRegions(model, c);
  const headingAt = (offset: number) => headingBefore(model, offset);
  // Per heading, remembered: a keystroke's analysis reads every piece of evidence again.
  const scope = new Map<OutlineEntry, boolean>();
  const outOfScope = (h: OutlineEntry | undefined): boolean => {
    if (!h) return false;
    let v = scope.get(h);
    if (v === undefined) {
      v = isOutOfScope(h.text) || outOfScope(h.parent === -1 ? undefined : model.outline.entries[h.parent]);
      scope.set(h, v);
    }
    return v;
  };
  const title = model.outline.title;
  // The title names the doc, and a heading over nothing names a part the doc does not have:
  // neither is evidence. A heading over content ("## Goals") says what that content is.
  const names = new Set(
    [...model.matched.filter((m) => !m.hasContent).map((m) => m.entry), ...(title ? [title] : [])]
      .filter((e) => e.kind === 'heading')
      .map((e) => e.range.start.line),
  );
  const within = (x: Span, from: number, to: number) => from >= x.from && to <= x.to;
  // The doc's recognised sections: a design doc's own parts, where a distinctive topic word
  // is evidence without an anchor ("A/B test" under Deployment is a model update's gate),
  // once the doc is seen to be about an ML system at all (the catalogue's anchors in a few
  // sentences with topic words: a vulnerability database's "alerts" are not a model's).
  const hosts = model.matched.map((m) => ({ extent: sectionExtent(m.entry), ids: m.sections.map((x) => x.sectionId) }));
  const hostExtents = hosts.map((x) => x.extent);
  const aboutIt = anchoredSentences(regions) >= SUBJECT_MIN_SENTENCES;
  // A common word in another recognised part that is there for one of that part's own
  // topics ("each training set is versioned" under Data: data versioning) is not evidence
  // for a second section's topic by the same word (model versioning). A sentence's
  // evidence is contiguous in its block's list.
  const overlap = (a: Evidence, b: Evidence) => a.words.some(([f, l]) => b.words.some(([g, m]) => f <= m && g <= l));
  const sharesWord = (spans: readonly Evidence[], j: number, ids: readonly string[]): boolean => {
    const ev = spans[j]!;
    const same = (o: Evidence) => o.from === ev.from && o.sectionId !== ev.sectionId && ids.includes(o.sectionId) && overlap(o, ev);
    for (let k = j - 1; k >= 0 && spans[k]!.from === ev.from; k--) if (same(spans[k]!)) return true;
    for (let k = j + 1; k < spans.length && spans[k]!.from === ev.from; k++) if (same(spans[k]!)) return true;
    return false;
  };
  interface State {
    own: Span[];
    headless: boolean;
    topics: Map<string, TopicCoverage>;
    required: Set<string>;
    open: number;
    /** Outside the section, per heading: the sentences found for each topic. */
    elsewhere: Map<OutlineEntry | undefined, Map<string, Set<number>>>;
  }
  const states = new Map<string, State>();
  for (const s of sections) {
    const own = (extents.get(s.id) ?? []).map(sectionExtent);
    const topics = new Map<string, TopicCoverage>(
      s.topics.map((t) => [t.id, { id: t.id, title: t.title, required: t.required, addressed: false }]),
    );
    states.set(s.id, {
      own,
      // Where a section is discussed only matters when it has no heading of its own.
      headless: own.length === 0,
      topics,
      required: new Set(s.topics.filter((t) => t.required).map((t) => t.id)),
      open: topics.size,
      elsewhere: new Map(),
    });
  }
  // By index, for the loop below: per compiled topic, its section's state and its own.
  const stateOf = c.topics.map((t) => states.get(t.sectionId)!);
  const coverageOf = c.topics.map((t, i) => stateOf[i]!.topics.get(t.topic.id)!);
  // Region by region, and in a region topic by topic (each section's state is its own, so
  // only the order within a topic matters): a settled topic skips its evidence in a region at
  // once, and what is the same for every span in a region (the heading above it, being ruled
  // out, lying inside a section) is worked out once.
  for (const { start, region: r } of regions) {
    const extent = { start, end: start + r.length };
    const h = r.groups.length ? headingAt(start) : undefined;
    let ruledOut: boolean | undefined;
    // Whether the region lies in a recognised part of the design: asked for only when needed.
    let recognised: boolean | 'some' | undefined;
    for (let g = 0; g < r.groups.length; g += 3) {
      const t = r.groups[g]!;
      const st = stateOf[t]!;
      if (st.open === 0 && !st.headless) continue;
      const tc = coverageOf[t]!;
      // Settled: the first evidence in the section wins.
      if (tc.where === 'section') continue;
      // No heading starts inside a region but its first node: the heading above a region is
      // the heading above each of its spans.
      ruledOut ??= outOfScope(h);
      if (ruledOut) continue;
      const here = containment(st.own, extent);
      // Elsewhere only the first evidence counts, and a section with a heading needs no places.
      if (here === false && tc.addressed && !st.headless) continue;
      const topicId = tc.id;
      // Once addressed, a section without a heading only gathers its places.
      const placesOnly = st.headless && tc.addressed;
      for (let j = r.groups[g + (placesOnly ? 2 : 1)]!; j !== -1; j = placesOnly ? r.nextElsewhere[j]! : r.next[j]!) {
        const from = start + r.rel[j]!;
        const to = from + r.len[j]!;
        const f = r.flags[j]!;
        const inSection = here === 'some' ? st.own.some((x) => within(x, from, to)) : here;
        if (tc.where === 'section' || (!inSection && tc.addressed && !st.headless)) continue;
        // A heading that names a section (or the doc) is not evidence.
        if (r.rel[j]! < r.headingEnd && names.has(model.lines.positionAt(from).line)) continue;
        // What makes a section `mentioned` is stricter than what addresses a topic: sentences
        // tied to the section's subject by an anchor, wherever they are, grouped by heading
        // (see discussions); a common word counts there only for a topic the section requires
        // ("the model is retrained weekly").
        if (st.headless && f & ELSEWHERE) {
          let byTopic = st.elsewhere.get(h);
          if (!byTopic) st.elsewhere.set(h, (byTopic = new Map<string, Set<number>>()));
          (byTopic.get(topicId) ?? byTopic.set(topicId, new Set()).get(topicId)!).add(from);
        }
        if (!inSection && tc.addressed) continue;
        if (!inSection) {
          // Elsewhere, a topic is addressed: in another recognised part of an ML design, by a
          // distinctive word, or a local one next to an anchor; in the rest of the doc
          // (motivation, background), only by a distinctive word next to an anchor.
          const local = (f & LOCAL) !== 0;
          const anchored = (f & ANCHORED) !== 0;
          recognised ??= aboutIt ? containment(hostExtents, extent) : false;
          const inHost = recognised === 'some' ? hosts.some((x) => within(x.extent, from, to)) : recognised;
          if (!(inHost ? !local || anchored : !local && anchored)) continue;
          if (local && inHost && hosts.some((x) => within(x.extent, from, to) && sharesWord(r.blocks[j]!, r.at[j]!, x.ids))) continue;
        }
        tc.addressed = true;
        tc.line = model.lines.positionAt(from).line;
        tc.where = inSection ? 'section' : 'elsewhere';
        if (h) tc.heading = h.text;
        else delete tc.heading;
        if (inSection) st.open--;
      }
    }
  }
  const out = new Map<string, SectionTopics>();
  for (const [id, st] of states) out.set(id, { topics: [...st.topics.values()], mentions: discussions(model, st.elsewhere, st.required) });
  return out;
}

/** Whether extents hold a block's spans: all of them (one holds the whole block), none (none
 * overlaps it), or 'some' (one ends inside it: a pseudo-heading's, so each span is looked at). */
function containment(extents: readonly Span[], part: { start: number; end: number }): boolean | 'some' {
  let some = false;
  for (const x of extents) {
    if (x.from <= part.start && part.end <= x.to) return true;
    if (x.from < part.end && part.start < x.to) some = true;
  }
  return some ? 'some' : false;
}

/** How many distinct sentences hold anchored evidence, counted up to SUBJECT_MIN_SENTENCES. */
function anchoredSentences(regions: readonly { start: number; region: TopicRegion }[]): number {
  const seen = new Set<number>();
  for (const { start, region: r } of regions)
    for (let j = 0; j < r.rel.length; j++)
      if (r.flags[j]! & ANCHORED && seen.add(start + r.rel[j]!).size >= SUBJECT_MIN_SENTENCES) return seen.size;
  return seen.size;
}

/** The places under headings that discuss enough topics, each topic in a sentence of its own:
 * one line per sentence, in document order. */
function discussions(
  model: DocModel,
  elsewhere: Map<OutlineEntry | undefined, Map<string, Set<number>>>,
  required: ReadonlySet<string>,
): Mention[] {
  const out: Mention[] = [];
  // Across the doc, the same counts when one of the topics is one the section requires (its
  // core: when a model is retrained): scattered, but about the section's point.
  const all = new Map<string, Set<number>>();
  for (const byTopic of elsewhere.values()) for (const [t, s] of byTopic) all.set(t, new Set([...(all.get(t) ?? []), ...s]));
  const acrossDoc = [...all.keys()].some((t) => required.has(t)) && hasDistinctTopics(all);
  for (const [heading, byTopic] of elsewhere) {
    if (!acrossDoc && !hasDistinctTopics(byTopic)) continue;
    const starts = [...new Set([...byTopic.values()].flatMap((s) => [...s]))];
    for (const from of starts) {
      const line = model.lines.positionAt(from).line;
      if (!out.some((m) => m.line === line)) out.push({ line, ...(heading ? { heading: heading.text } : {}) });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Whether MENTIONED_MIN_TOPICS topics can each be given a sentence no other of them uses. */
function hasDistinctTopics(byTopic: Map<string, Set<number>>): boolean {
  if (byTopic.size < MENTIONED_MIN_TOPICS) return false;
  // Greedy over topics with the fewest sentences first: enough for a threshold of two.
  const used = new Set<number>();
  let found = 0;
  for (const sentences of [...byTopic.values()].sort((a, b) => a.size - b.size)) {
    const free = [...sentences].find((x) => !used.has(x));
    if (free === undefined) continue;
    used.add(free);
    if (++found >= MENTIONED_MIN_TOPICS) return true;
  }
  return false;
}

/** The topics of one section that a piece of text addresses by its words (a template's
 * paragraph, to offer it for a topic the section lacks). */
export function topicsIn(text: string, sections: readonly SectionDef[], sectionId: string): Set<string> {
  const c = compile(sections);
  const out = new Set<string>();
  for (const u of sentences(text)) {
    for (const m of c.index.scan(words(u.text))) {
      const role = c.roles[m.id]!;
      if ((role.kind === 'term' || role.kind === 'local') && c.topics[role.topic]!.sectionId === sectionId)
        out.add(c.topics[role.topic]!.topic.id);
    }
  }
  return out;
}
