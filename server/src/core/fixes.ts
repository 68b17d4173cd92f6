import type { SectionDef } from './config/types';
import type { DocModel } from './model';
import { openBlockAtEnd } from './open-block';
import type { OutlineEntry } from './outline';
import { escapeSnippet, snippetToText } from './snippet';
import type { Insertion } from './types';

// Fixes insert only. A missing section goes to its canonical place: after the nearest
// preceding catalogue section that is present (at that heading's level), else before the
// nearest following one, else at the end of the document.

interface Anchor {
  offset: number;
  level: number;
}

/** Where a missing section would go, and at which heading level. */
export function anchorForSection(model: DocModel, sectionId: string, order: readonly string[]): Anchor {
  const i = order.indexOf(sectionId);
  const headingOf = (id: string): OutlineEntry | undefined => {
    const e = model.coverage.find((c) => c.id === id)?.entry;
    if (e?.kind === 'heading') return e;
    // A section covered only by a pseudo-heading still has a real heading around it, maybe.
    return undefined;
  };
  for (let j = i - 1; j >= 0; j--) {
    const h = headingOf(order[j]!);
    if (h) return { offset: h.sectionEnd, level: h.depth };
  }
  for (let j = i + 1; j < order.length; j++) {
    const h = headingOf(order[j]!);
    if (h) return { offset: h.lineStart, level: h.depth };
  }
  // None present: at the end, as a sibling of the top sections (never nested in the last one).
  const title = model.outline.title;
  const others = model.outline.entries.filter((e) => e.kind === 'heading' && e !== title);
  // A loop, not Math.min(...depths): spread arguments overflow the stack past ~100,000.
  const level = others.length ? others.reduce((min, e) => Math.min(min, e.depth), 6) : title ? title.depth + 1 : 2;
  return { offset: model.text.length, level: Math.min(6, level) };
}

/** A piece of text to insert; pieces at one offset are joined in `rank` order. */
export interface PlannedBlock {
  offset: number;
  rank: number;
  text: string;
  snippet: string;
  /** A whole line inserted as is (directives), without blank lines around it. */
  line?: boolean;
}

/** Turns planned blocks into insertions, adding the blank lines Markdown needs around them
 * once per place, so one fix or many applied together give the same tidy result. */
export function combineBlocks(model: DocModel, blocks: readonly PlannedBlock[]): Insertion[] {
  const lines: Insertion[] = blocks
    .filter((b) => b.line)
    .map((b) => keepLineBreaks(model, b.offset, { at: model.lines.positionAt(b.offset), text: b.text, snippet: b.snippet }));
  const byOffset = new Map<number, PlannedBlock[]>();
  for (const b of blocks) if (!b.line) byOffset.set(b.offset, [...(byOffset.get(b.offset) ?? []), b]);
  const placed = [...byOffset.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([offset, list]) =>
      keepLineBreaks(
        model,
        offset,
        placeBlocks(
          model,
          offset,
          list.sort((a, b) => a.rank - b.rank),
        ),
      ),
    );
  return [...lines, ...placed];
}

/** Blocks without repeats: two rules may plan the same block (missing-section and
 * template-version both add a section the doc lacks), and fix-all must insert it once. */
export function uniqueBlocks(blocks: readonly PlannedBlock[]): PlannedBlock[] {
  const seen = new Set<string>();
  return blocks.filter((b) => {
    const key = `${b.offset}\u0000${b.rank}\u0000${b.line ? 1 : 0}\u0000${b.text}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** In a document with mixed line endings, an inserted CR must not pair with the author's LF
 * after it (nor an inserted LF with the author's CR before it) into one CRLF: that would
 * swallow one of the author's line breaks. */
function keepLineBreaks(model: DocModel, offset: number, ins: Insertion): Insertion {
  let { text, snippet } = ins;
  if (text.endsWith('\r') && model.text[offset] === '\n') {
    text += '\n';
    snippet += '\n';
  }
  if (text.startsWith('\n') && model.text[offset - 1] === '\r') {
    text = '\r' + text;
    snippet = '\r' + snippet;
  }
  return { at: ins.at, text, snippet };
}

function placeBlocks(model: DocModel, offset: number, blocks: readonly PlannedBlock[]): Insertion {
  const { text, lines } = model;
  const eol = lines.eol;
  const atEnd = offset >= text.length;
  let prefix = '';
  if (atEnd) {
    // The text ends with a line break (its last line is empty); is the line before it blank?
    if (text.length > 0 && !/[\r\n]$/.test(text)) prefix = eol + eol;
    else if (text.trim() !== '' && lines.lineText(lines.lineCount - 2).trim() !== '') prefix = eol;
  } else {
    const pos = lines.positionAt(offset);
    if (pos.line > 0 && lines.lineText(pos.line - 1).trim() !== '') prefix = eol;
  }
  const suffix = atEnd ? '' : eol;
  // Text added after a code fence or HTML comment left open at the end would land inside it.
  if (atEnd) prefix = closeOpenBlock(model, eol) + prefix;
  return {
    at: lines.positionAt(offset),
    text: prefix + blocks.map((b) => b.text).join(eol) + suffix,
    snippet: escapeSnippet(prefix) + blocks.map((b) => b.snippet).join(escapeSnippet(eol)) + escapeSnippet(suffix),
  };
}

/** What closes a fenced code block or HTML block that runs to the end of the document
 * (with a line break before it when needed); '' when nothing is open. Only a top-level block
 * needs it: a new section at column 0 ends any list item or quote, and what is open in it. */
function closeOpenBlock(model: DocModel, eol: string): string {
  const open = openBlockAtEnd(model.outline.root, model.text);
  if (!open?.closer || open.nested) return '';
  return (/[\r\n]$/.test(model.text) ? '' : eol) + open.closer + eol;
}

/** Ranks: fills belong to the section before a place, new sections follow in catalogue order. */
const FILL_RANK = -1;

export function sectionBlock(model: DocModel, def: SectionDef, order: readonly string[]): PlannedBlock {
  const anchor = anchorForSection(model, def.id, order);
  const eol = model.lines.eol;
  const heading = `${'#'.repeat(anchor.level)} ${def.title}${eol}${eol}`;
  const body = normalizeEol(def.template.trim(), eol);
  return {
    offset: anchor.offset,
    rank: order.indexOf(def.id),
    text: heading + snippetToText(body) + eol,
    snippet: escapeSnippet(heading) + body + escapeSnippet(eol),
  };
}

/** The template body for an empty section, after whatever the author already wrote there. */
export function fillBlock(model: DocModel, entry: OutlineEntry, def: SectionDef): PlannedBlock {
  const eol = model.lines.eol;
  const body = normalizeEol(def.template.trim(), eol);
  return { offset: entry.ownEnd, rank: FILL_RANK, text: snippetToText(body) + eol, snippet: body + escapeSnippet(eol) };
}

/** A paragraph of the section's template (a topic it lacks), after what the section says. */
export function pieceFix(model: DocModel, entry: OutlineEntry, piece: { lead: string; snippet: string }): PlannedFix {
  return {
    title: `Add a '${piece.lead}' paragraph to '${entry.text}'`,
    blocks: () => {
      const eol = model.lines.eol;
      const body = normalizeEol(piece.snippet, eol);
      return [{ offset: entry.ownEnd, rank: FILL_RANK, text: snippetToText(body) + eol, snippet: body + escapeSnippet(eol) }];
    },
  };
}

/** Lines of a snippet (a table to fill in) as one block, ending with a line break. */
export function snippetLinesBlock(model: DocModel, offset: number, rank: number, lines: readonly string[]): PlannedBlock {
  const eol = model.lines.eol;
  const snippet = lines.join(eol) + escapeSnippet(eol);
  return { offset, rank, snippet, text: snippetToText(snippet) };
}

/** A fix as rules state it: blocks of text to insert. The engine turns the blocks into
 * insertions, alone for the finding's own fix and all together for fix-all. The blocks are
 * made only when the fix is wanted (an editor asks for code actions, --fix runs): most
 * findings are only read, and their templates would be built on every keystroke. */
export interface PlannedFix {
  title: string;
  preferred?: boolean;
  scaffold?: boolean;
  blocks: () => PlannedBlock[];
}

export function addSectionFix(model: DocModel, def: SectionDef, order: readonly string[]): PlannedFix {
  return { title: `Add section '${def.title}'`, preferred: true, blocks: () => [sectionBlock(model, def, order)] };
}

export function fillSectionFix(model: DocModel, entry: OutlineEntry, def: SectionDef): PlannedFix {
  return { title: `Fill '${entry.text}' with the ${def.title} template`, preferred: true, blocks: () => [fillBlock(model, entry, def)] };
}

function normalizeEol(text: string, eol: string): string {
  return text.replace(/\r\n|\n|\r/g, eol);
}

/** A line inserted above everything but front matter (file-wide directives). */
function topOfFile(model: DocModel): number {
  const fm = model.outline.frontMatter;
  return fm ? (model.lines.starts[fm.endLine + 1] ?? model.text.length) : 0;
}

function lineBlock(model: DocModel, offset: number, text: string, snippet: string): PlannedBlock[] {
  const eol = model.lines.eol;
  // At the very end of a text without a final newline, start a new line first.
  const lead = offset >= model.text.length && model.text.length > 0 && !/[\r\n]$/.test(model.text) ? eol : '';
  return [{ offset, rank: 0, line: true, text: lead + text + eol, snippet: escapeSnippet(lead) + snippet + escapeSnippet(eol) }];
}

/** The title of the fix that silences a rule; editors list it after the fixes that resolve. */
export function disableRuleTitle(ruleId: string): string {
  return `Disable ${ruleId} for this file`;
}

/** <!-- mldesign-disable rule-id --> at the top, for a finding the team has decided to live with. */
export function disableRuleFix(model: DocModel, ruleId: string): PlannedFix {
  const text = `<!-- mldesign-disable ${ruleId} -->`;
  return { title: disableRuleTitle(ruleId), blocks: () => lineBlock(model, topOfFile(model), text, escapeSnippet(text)) };
}

/** <!-- mldesign-not-applicable id: reason --> under the title; the reason is for the author. */
export function notApplicableFix(model: DocModel, def: SectionDef): PlannedFix {
  const title = model.outline.title;
  const offset = title ? (model.lines.starts[title.range.start.line + 1] ?? model.text.length) : topOfFile(model);
  const reason = 'TODO: say why this section does not apply';
  return {
    title: `Mark '${def.title}' not applicable`,
    // The marker counts once the author gives the reason.
    scaffold: true,
    blocks: () =>
      lineBlock(
        model,
        offset,
        `<!-- mldesign-not-applicable ${def.id}: ${reason} -->`,
        `<!-- mldesign-not-applicable ${escapeSnippet(def.id)}: \${1:${reason}} -->`,
      ),
  };
}
