// `mldesign report --base REF`: for each design doc a pull request changes, its coverage
// before and after, the findings it brings and the ones it fixes, and a one-line verdict:
// what a reviewer wants first, and what no linter's list of findings says.
import { countFindings, isSatisfied, requiredCoverage, ruleDocsUrl, topicDepth, TOOL_VERSION, type CoverageState } from '../../core';
import type { Severity } from '../../core';
import { jsonForTerminal } from '../escape';
import type { LintResult } from '../formats/types';
import { mdCell, STATE_LABEL, STATE_SYMBOL } from './matrix';

/** Ends every Markdown delta: a bot finds its own comment by it and edits that one. */
export const REPORT_MARKER = '<!-- mldesign-report -->';

interface Depth {
  addressed: number;
  total: number;
}

export interface SectionState {
  state: CoverageState;
  depth: Depth;
}

export interface SectionDelta {
  id: string;
  title: string;
  level: string;
  /** Absent for a new doc. */
  before?: SectionState;
  after: SectionState;
}

export interface FindingLine {
  line: number;
  severity: Severity;
  ruleId: string;
  message: string;
}

export type Trend = 'new' | 'better' | 'worse' | 'mixed' | 'same';

export interface DocDelta {
  path: string;
  status: 'added' | 'modified' | 'renamed';
  /** Its path in the base, for a rename. */
  from?: string;
  /** Why the base version could not be compared (it is then shown as new). */
  baseProblem?: string;
  before?: { covered: number; required: number };
  after: { covered: number; required: number };
  /** Every section of a new doc; the sections whose state or depth changed otherwise. */
  sections: SectionDelta[];
  /** Errors, warnings and infos; hints are counted only. */
  newFindings: FindingLine[];
  fixedFindings: FindingLine[];
  hints: { new: number; fixed: number };
  trend: Trend;
  verdict: string;
}

export interface DeltaInput {
  head: LintResult;
  /** The base version's report, or why there is none (undefined: the doc is new). */
  base?: LintResult | { problem: string };
  status: 'added' | 'modified' | 'renamed';
  from?: string;
}

export function docDelta(input: DeltaInput): DocDelta {
  const { head } = input;
  const base = input.base && 'findings' in input.base && !input.base.unreadable ? input.base : undefined;
  const baseProblem = input.base && 'problem' in input.base ? input.base.problem : input.base?.unreadable ? input.base.reason : undefined;
  // Depth counts for a section with text; a missing one's topics discussed elsewhere are
  // another rule's news (mentioned-section), and would only add noise here.
  const state = (c: LintResult['coverage'][number]): SectionState => {
    const depth = topicDepth([c]);
    return { state: c.state, depth: hasText(c.state) ? depth : { addressed: 0, total: depth.total } };
  };
  const baseById = new Map(base?.coverage.map((c) => [c.id, c]));
  const sections: SectionDelta[] = [];
  for (const c of head.coverage) {
    const b = baseById.get(c.id);
    const after = state(c);
    if (!base) {
      sections.push({ id: c.id, title: c.title, level: c.level, after });
      continue;
    }
    // A section the base's catalogue lacked counts as missing there.
    const before = b ? state(b) : { state: 'missing' as const, depth: { addressed: 0, total: after.depth.total } };
    if (before.state !== after.state || before.depth.addressed !== after.depth.addressed)
      sections.push({ id: c.id, title: c.title, level: c.level, before, after });
  }

  const { added, removed } = diffFindings(base?.findings ?? [], head.findings);
  const shown = (f: LintResult['findings'][number]) => f.severity !== 'hint';
  const line = (f: LintResult['findings'][number]): FindingLine => ({
    line: f.range.start.line + 1,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
  });
  const after = requiredCoverage(head.coverage);
  const delta: DocDelta = {
    path: head.path,
    status: input.status,
    ...(input.from !== undefined ? { from: input.from } : {}),
    ...(baseProblem ? { baseProblem } : {}),
    ...(base ? { before: requiredCoverage(base.coverage) } : {}),
    after,
    sections,
    newFindings: added.filter(shown).map(line),
    fixedFindings: removed.filter(shown).map(line),
    hints: { new: added.filter((f) => !shown(f)).length, fixed: removed.filter((f) => !shown(f)).length },
    trend: 'same',
    verdict: '',
  };
  return { ...delta, ...verdict(delta, countFindings(head.findings)) };
}

/** Findings of the head not in the base, and of the base not in the head. Lines move when
 * text is added above, so a finding is matched by rule, section and message, its numbers
 * aside ("lines 15, 16" shifts too), as a multiset: two alike are two. */
function diffFindings<F extends LintResult['findings'][number]>(before: readonly F[], after: readonly F[]): { added: F[]; removed: F[] } {
  const key = (f: F) => `${f.ruleId}\u0000${f.sectionId ?? ''}\u0000${f.message.replace(/\d+/g, '#')}`;
  const count = (list: readonly F[]) => {
    const m = new Map<string, number>();
    for (const f of list) m.set(key(f), (m.get(key(f)) ?? 0) + 1);
    return m;
  };
  const take = (list: readonly F[], other: Map<string, number>) =>
    list.filter((f) => {
      const n = other.get(key(f)) ?? 0;
      if (n > 0) other.set(key(f), n - 1);
      return n === 0;
    });
  return { added: take(after, count(before)), removed: take(before, count(after)) };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function verdict(d: DocDelta, now: Record<Severity, number>): { trend: Trend; verdict: string } {
  const problems = (list: FindingLine[]) => {
    const e = list.filter((f) => f.severity === 'error').length;
    const w = list.filter((f) => f.severity === 'warning').length;
    return { n: e + w, text: [e && plural(e, 'error'), w && plural(w, 'warning')].filter(Boolean).join(' and ') };
  };
  const required = `${d.after.covered} of ${d.after.required} required sections covered`;
  if (!d.before) {
    const open = now.error + now.warning;
    return {
      trend: 'new',
      verdict: `New design doc: ${required}, ${open ? `${plural(now.error, 'error')} and ${plural(now.warning, 'warning')}` : 'no errors or warnings'}.`,
    };
  }
  const gained = d.sections.filter((s) => isSatisfied(s.after.state) && !isSatisfied(s.before!.state));
  const lost = d.sections.filter((s) => !isSatisfied(s.after.state) && isSatisfied(s.before!.state));
  const deeper = d.sections.filter((s) => s.after.depth.addressed > s.before!.depth.addressed);
  const shallower = d.sections.filter((s) => s.after.depth.addressed < s.before!.depth.addressed);
  const fixed = problems(d.fixedFindings);
  const brought = problems(d.newFindings);
  const up = gained.length + deeper.length + fixed.n > 0;
  const down = lost.length + shallower.length + brought.n > 0;
  const parts: string[] = [];
  if (gained.length)
    parts.push(`${gained.map((s) => s.title).join(', ')} now ${gained.length === 1 ? STATE_LABEL[gained[0]!.after.state] : 'covered'}`);
  if (lost.length) parts.push(`${lost.map((s) => s.title).join(', ')} no longer covered`);
  if (d.before.covered !== d.after.covered) parts.push(`${d.before.covered} → ${d.after.covered} of ${d.after.required} required sections`);
  const moreTopics = deeper.reduce((n, s) => n + s.after.depth.addressed - s.before!.depth.addressed, 0);
  const fewerTopics = shallower.reduce((n, s) => n + s.before!.depth.addressed - s.after.depth.addressed, 0);
  if (moreTopics) parts.push(`${plural(moreTopics, 'more topic')} addressed`);
  if (fewerTopics) parts.push(`${plural(fewerTopics, 'topic')} fewer addressed`);
  if (fixed.n) parts.push(`${fixed.text} fixed`);
  if (brought.n) parts.push(`${brought.text} new`);
  const trend: Trend = up && down ? 'mixed' : up ? 'better' : down ? 'worse' : 'same';
  const label = { better: 'Better', worse: 'Worse', mixed: 'Mixed', same: 'Unchanged', new: 'New' }[trend];
  return {
    trend,
    verdict: parts.length ? `${label}: ${parts.join('; ')}.` : `${label}: no change in coverage or in errors and warnings (${required}).`,
  };
}

// ---- rendering -------------------------------------------------------------------------

const hasText = (state: CoverageState) => state === 'covered' || state === 'mentioned';

const stateText = (s: SectionState) =>
  `${STATE_SYMBOL[s.state]} ${STATE_LABEL[s.state]}${hasText(s.state) && s.depth.total ? ` (${s.depth.addressed}/${s.depth.total} topics)` : ''}`;

/** A path in a Markdown heading: a table cell's escapes, and `#` (a closing sequence). */
const mdInline = (text: string) => mdCell(text).replace(/#/g, '\\#');

export interface DeltaHeader {
  ref: string;
  base: string;
}

export function markdownDelta(docs: readonly DocDelta[], head: DeltaHeader): string {
  const out = [`### mldesign: design docs changed since \`${mdCell(head.ref).replace(/`/g, '')}\``, ''];
  if (!docs.length) out.push('_No design doc changed._');
  else {
    const trends = (['new', 'better', 'worse', 'mixed', 'same'] as const)
      .map((t) => [t, docs.filter((d) => d.trend === t).length] as const)
      .filter(([, n]) => n)
      .map(([t, n]) => `${n} ${t === 'same' ? 'unchanged' : t}`);
    out.push(`${plural(docs.length, 'changed design doc')} (${trends.join(', ')}), compared with ${head.base.slice(0, 12)}.`);
  }
  // A pull-request comment holds at most 65,536 characters: docs that would pass the budget
  // are left out (the last one cut at a line), and the comment says so.
  const tail = ['', `<sub>mldesign ${TOOL_VERSION}</sub>`, '', REPORT_MARKER];
  let size = [...out, ...tail].join('\n').length + 1;
  let shown = 0;
  let cut = false;
  for (const d of docs) {
    const block = docBlock(d);
    for (const line of block) {
      if (size + line.length + 1 > COMMENT_BUDGET) {
        cut = true;
        break;
      }
      out.push(line);
      size += line.length + 1;
    }
    if (cut) break;
    shown++;
  }
  if (cut)
    out.push(
      '',
      `_Cut short: ${plural(docs.length - shown, 'more changed design doc')} ${docs.length - shown === 1 ? 'is' : 'are'} not shown in full, to keep within GitHub's 65,536-character comment limit. The job summary, or \`mldesign report --base REF\`, has them all._`,
    );
  out.push(...tail);
  return out.join('\n') + '\n';
}

/** A little under GitHub's limit on a comment's body, with room for the cut-short note. */
export const COMMENT_BUDGET = 65_536 - 1_000;

/** One changed doc in the markdown delta, as lines. */
function docBlock(d: DocDelta): string[] {
  const out: string[] = [];
  const how = d.status === 'renamed' && d.from !== undefined ? `renamed from ${mdInline(d.from)}` : d.status;
  out.push('', `#### ${mdInline(d.path)} (${how})`, '', `**${mdCell(d.verdict)}**`);
  if (d.baseProblem) out.push('', `The base version was not compared: ${mdCell(d.baseProblem)}`);
  if (d.sections.length) {
    if (d.before) {
      out.push('', '| Section | Before | After |', '| --- | --- | --- |');
      for (const s of d.sections) out.push(`| ${mdCell(s.title)}${levelNote(s)} | ${stateText(s.before!)} | ${stateText(s.after)} |`);
    } else {
      out.push('', '| Section | Coverage |', '| --- | --- |');
      for (const s of d.sections) out.push(`| ${mdCell(s.title)}${levelNote(s)} | ${stateText(s.after)} |`);
    }
  }
  findingsTable(out, d.before ? 'New findings' : 'Findings', d.newFindings, 'Line');
  findingsTable(out, 'Fixed findings', d.fixedFindings, 'Was at line');
  const hints = [d.hints.new && `${plural(d.hints.new, 'hint')} new`, d.hints.fixed && `${d.hints.fixed} fixed`].filter(Boolean);
  if (hints.length) out.push('', `_${hints.join(', ')} (suggestions; \`mldesign lint --verbose\` lists them)._`);
  return out;
}

const levelNote = (s: SectionDelta) => (s.level === 'recommended' ? ' _(recommended)_' : '');

function findingsTable(out: string[], title: string, list: readonly FindingLine[], lineHead: string): void {
  if (!list.length) return;
  out.push('', `${title}:`, '', `| ${lineHead} | Severity | Rule | Message |`, '| ---: | --- | --- | --- |');
  for (const f of list) out.push(`| ${f.line} | ${f.severity} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${mdCell(f.message)} |`);
}

export function jsonDelta(docs: readonly DocDelta[], head: DeltaHeader): string {
  const body = { version: 1, tool: { name: 'mldesign', version: TOOL_VERSION }, ref: head.ref, base: head.base, docs };
  return jsonForTerminal(JSON.stringify(body, null, 2)) + '\n';
}
