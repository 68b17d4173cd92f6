import type { Root } from 'mdast';
import type { ResolvedConfig, SectionDef } from './config/types';
import type { CoverageState, SectionLevel } from './coverage-state';
import { hasContent } from './content';
import { readDirectives, type Directive } from './directives';
import { SectionMatcher, type SectionMatch } from './match';
import { normalizeHeading } from './normalize';
import { buildOutline, isOutOfScope, type Outline, type OutlineEntry } from './outline';
import { parseMarkdown } from './parse';
import { LineIndex } from './text';
import type { Range } from './types';
import { topicCoverage, type Mention, type TopicCoverage } from './topics';

/** How one catalogue section fares in one document. */
export interface CoverageEntry {
  id: string;
  title: string;
  level: SectionLevel;
  state: CoverageState;
  /** The entry that stands for the section (the best of its matches), when present. */
  entry?: OutlineEntry;
  /** Why the section does not apply, when a not-applicable marker says so. */
  reason?: string;
  /** Each of the section's topics: addressed or not, and where first. */
  topics: TopicCoverage[];
  /** For `mentioned`: where the doc discusses the section without a heading for it. */
  mentions?: Mention[];
}

/** A heading or pseudo-heading together with the sections it names. */
export interface MatchedEntry {
  entry: OutlineEntry;
  sections: SectionMatch[];
  hasContent: boolean;
  /** Nested under a heading that names another section ("Monitoring > Data quality"). */
  nestedInOther: boolean;
}

/** Everything rules need about a document, computed once. */
export interface DocModel {
  text: string;
  lines: LineIndex;
  outline: Outline;
  isTemplate: boolean;
  matched: MatchedEntry[];
  coverage: CoverageEntry[];
  directives: Directive[];
  sectionsById: Map<string, SectionDef>;
  /** The configuration the doc was analysed with: its review stage's (stages.ts). */
  config: ResolvedConfig;
}

const matcherCache = new WeakMap<readonly SectionDef[], SectionMatcher>();

export function matcherFor(sections: readonly SectionDef[]): SectionMatcher {
  let m = matcherCache.get(sections);
  if (!m) matcherCache.set(sections, (m = new SectionMatcher(sections)));
  return m;
}

export function buildModel(
  text: string,
  config: ResolvedConfig,
  parse: (text: string) => Root = parseMarkdown,
  lines = new LineIndex(text),
  configFor?: (outline: Outline) => ResolvedConfig,
): DocModel {
  const outline = buildOutline(parse(text), text, lines);
  // A doc's front matter may choose its configuration (its review stage's).
  if (configFor) config = configFor(outline);
  const matcher = matcherFor(config.sections);
  const isTemplate = looksLikeTemplate(outline);

  const byIndex = new Map<number, MatchedEntry>();
  const matched: MatchedEntry[] = [];
  for (const entry of outline.entries) {
    if (entry === outline.title) continue;
    const above = ancestors(outline, entry);
    if (underOutOfScope(outline, entry, above)) continue;
    let sections = matcher.match(entry.text);
    if (sections.length === 0) continue;
    const nestedInOther = above.some((a) => byIndex.get(a.index)?.sections.some((s) => !sections.some((x) => x.sectionId === s.sectionId)));
    const underAnyMatch = above.some((a) => byIndex.has(a.index));
    // A generic word ("Requirements", "Metrics") under another section is that section's detail.
    if (underAnyMatch) sections = sections.filter((s) => !s.generic);
    if (sections.length === 0) continue;
    const m: MatchedEntry = {
      entry,
      sections,
      nestedInOther,
      hasContent: hasContent(entry.blocks, { headingTokens: new Set(normalizeHeading(entry.text).tokens), isTemplate }),
    };
    matched.push(m);
    byIndex.set(entry.index, m);
  }

  const directives = readDirectives(outline.root, lines);
  const coverage = config.sections.map((def): CoverageEntry => {
    const candidates = matched.filter((m) => m.sections.some((s) => s.sectionId === def.id));
    const best = [...candidates].sort(rankCandidates)[0];
    const marker = directives.find((d) => d.kind === 'not-applicable' && d.ids[0] === def.id && d.reason);
    let state: CoverageState = !best ? 'missing' : best.hasContent ? 'covered' : 'empty';
    if (marker && state !== 'covered') state = 'not-applicable';
    return {
      id: def.id,
      title: def.title,
      level: def.level,
      state,
      ...(best ? { entry: best.entry } : {}),
      ...(marker ? { reason: marker.reason } : {}),
      topics: [],
    };
  });

  const model: DocModel = {
    text,
    lines,
    outline,
    isTemplate,
    matched,
    coverage,
    directives,
    sectionsById: new Map(config.sections.map((s) => [s.id, s])),
    config,
  };
  // Topics are read once the model exists (the prose scan works on it); a section with no
  // heading whose topics the doc discusses elsewhere is `mentioned`.
  const extents = new Map(
    config.sections.map((s) => [s.id, matched.filter((m) => m.sections.some((x) => x.sectionId === s.id)).map((m) => m.entry)]),
  );
  const byTopic = topicCoverage(model, config.sections, extents);
  for (const c of coverage) {
    const t = byTopic.get(c.id)!;
    c.topics = t.topics;
    if (c.state === 'missing' && t.mentions.length) {
      c.state = 'mentioned';
      c.mentions = t.mentions;
    }
  }
  return model;
}

/** The real or pseudo entries that stand for a covered section (all its matches with
 * content); empty unless the section is covered. */
export function coveredEntries(model: DocModel, sectionId: string): OutlineEntry[] {
  const state = model.coverage.find((c) => c.id === sectionId)?.state;
  if (state !== 'covered') return [];
  return model.matched.filter((m) => m.hasContent && m.sections.some((s) => s.sectionId === sectionId)).map((m) => m.entry);
}

/** Where findings about the whole document go: its title, else its first line of content
 * (after any front matter), else the start. */
export function documentRange(model: DocModel): Range {
  const { outline, lines } = model;
  if (outline.title) return outline.title.range;
  for (let l = outline.frontMatter ? outline.frontMatter.endLine + 1 : 0; l < lines.lineCount; l++) {
    if (lines.lineText(l).trim()) return lines.lineRange(l);
  }
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Content first, then real headings, then not nested in another section, then shallow. */
function rankCandidates(a: MatchedEntry, b: MatchedEntry): number {
  return (
    Number(b.hasContent) - Number(a.hasContent) ||
    Number(b.entry.kind === 'heading') - Number(a.entry.kind === 'heading') ||
    Number(a.nestedInOther) - Number(b.nestedInOther) ||
    a.entry.depth - b.entry.depth ||
    a.entry.lineStart - b.entry.lineStart
  );
}

export function ancestors(outline: Outline, entry: OutlineEntry): OutlineEntry[] {
  const out: OutlineEntry[] = [];
  for (let p = entry.parent; p !== -1; p = outline.entries[p]!.parent) out.push(outline.entries[p]!);
  return out;
}

/** Under a heading for what a doc rules out or merely considers ("Alternatives considered").
 * `above` are the entry's ancestors, when the caller has them already. */
export function underOutOfScope(outline: Outline, entry: OutlineEntry, above = ancestors(outline, entry)): boolean {
  return above.some((a) => a !== outline.title && isOutOfScope(a.text));
}

/** A template's prompts are its content. Its title says so, or is itself a placeholder. */
function looksLikeTemplate(outline: Outline): boolean {
  const fm = outline.frontMatter?.data;
  if (fm && (fm['template'] === true || fm['type'] === 'template')) return true;
  return isTemplateTitle(outline.title?.text ?? '');
}

/** A title that says it is a template, or is itself a placeholder ("<Project> design"). A
 * bracketed or angled field is looked for only up to the last ']' or '>': there every scan
 * from an opening ends at a close, instead of reading to the end of the title again for
 * each opening with no close (quadratic). */
export function isTemplateTitle(title: string): boolean {
  return (
    /\b(template|checklist)\b/i.test(title) ||
    /\b(your|NNNN|XXXX)\b/.test(title) ||
    /\[[^\]]+\]/.test(title.slice(0, title.lastIndexOf(']') + 1)) ||
    /<[^>]+>/.test(title.slice(0, title.lastIndexOf('>') + 1))
  );
}
