import type { Analysis } from './analyze';
import type { SectionDef } from './config/types';
import type { MatchedEntry } from './model';
import { templatePiecesOf } from './pieces';
import { escapeSnippet, snippetToText } from './snippet';

// What an editor shows beside the text: which section a heading stands for and what it
// should cover (hover), and the sections still missing when a heading is being typed
// (completion). Pure text; lsp/ wraps it in protocol shapes.

/** The real heading on `line` that names catalogue sections, if any. */
export function headingAtLine(analysis: Analysis, line: number): MatchedEntry | undefined {
  return analysis.model.matched.find((m) => m.entry.kind === 'heading' && m.entry.range.start.line === line);
}

/** Markdown describing the sections a heading stands for: what each should cover, and
 * each of its topics, addressed (with the line of the first evidence) or not (with the
 * question it answers). Team text is shown as text only. */
export function sectionHelp(analysis: Analysis, matched: MatchedEntry): string {
  return matched.sections
    .map(({ sectionId }) => {
      const def = analysis.model.sectionsById.get(sectionId)!;
      const cov = analysis.coverage.find((c) => c.id === sectionId);
      const topics = cov?.topics ?? [];
      const depth = topics.length ? ` · ${topics.filter((t) => t.addressed).length} of ${topics.length} topics` : '';
      const lines = [
        `**${escapeMarkdown(def.title)}** · ${def.level} section${cov?.state === 'empty' ? ' · _no content yet_' : depth}`,
        '',
        escapeMarkdown(def.guidance),
      ];
      if (topics.length) {
        lines.push('', 'Topics:', '');
        for (const t of topics) {
          const question = def.topics.find((x) => x.id === t.id)?.question;
          const required = t.required ? ' _(required)_' : '';
          if (t.addressed) {
            const where = t.where === 'elsewhere' && t.heading ? `, under '${escapeMarkdown(t.heading)}'` : '';
            lines.push(`- ✓ ${escapeMarkdown(t.title)}${required}: line ${(t.line ?? 0) + 1}${where}`);
          } else lines.push(`- ✗ ${escapeMarkdown(t.title)}${required}${question ? `: ${escapeMarkdown(question)}` : ''}`);
        }
      }
      if (def.checklist.length) lines.push('', 'Questions it should answer:', '', ...def.checklist.map((q) => `- ${escapeMarkdown(q)}`));
      return lines.join('\n');
    })
    .join('\n\n---\n\n');
}

/** Markdown for the findings on a line that carry more than their message (what a missing
 * section should cover, where a mentioned one is discussed), for a hover on that line:
 * diagnostics show one line each, this says the rest. undefined when there is none. */
export function findingsHelp(analysis: Analysis, line: number): string | undefined {
  const here = analysis.findings.filter((f) => f.range.start.line === line && f.detail);
  if (!here.length) return undefined;
  return here.map((f) => `**${escapeMarkdown(f.message)}** (${f.ruleId})\n\n${escapeMarkdown(f.detail!)}`).join('\n\n');
}

/** A completion in plain terms: what replaces the line from `replaceFrom` to the cursor, as
 * plain text and as a snippet with tab stops. */
export interface GuidanceCompletion {
  label: string;
  detail: string;
  documentation: string;
  /** Column where the replaced text starts: after "## " for a heading, at the typed prefix
   * ("mld-pri") for a team snippet, at the cursor for a template piece. */
  replaceFrom: number;
  text: string;
  snippet: string;
  sortText?: string;
}

/** A heading line's text and the template below it, as text and as snippet. */
function headingWithTemplate(heading: string, template: string, eol: string): { text: string; snippet: string } {
  const body = template.trim().replace(/\r?\n/g, eol);
  return { text: `${heading}${eol}${eol}${snippetToText(body)}`, snippet: `${escapeSnippet(heading)}${eol}${eol}${body}` };
}

// The spaces after the hashes all go to the first group: `[ \t]+(.*)$` could otherwise hand
// them back one by one when `.` meets a line separator (U+2028) and `$` fails, quadratic.
const HEADING_PREFIX = /^( {0,3}#{1,6}[ \t]+)(?![ \t])(.*)$/;

/** Missing sections offered where a heading's text is being typed ("## Mon|"). */
export function headingCompletions(analysis: Analysis, linePrefix: string, eol = '\n'): GuidanceCompletion[] {
  const m = HEADING_PREFIX.exec(linePrefix);
  if (!m) return [];
  const present = new Set(analysis.coverage.filter((c) => c.state !== 'missing').map((c) => c.id));
  return [...analysis.model.sectionsById.values()]
    .filter((def) => !present.has(def.id))
    .map((def: SectionDef, i) => ({
      label: def.title,
      detail: `mldesign: missing ${def.level} section`,
      documentation: def.guidance,
      replaceFrom: m[1]!.length,
      ...headingWithTemplate(def.title, def.template, eol),
      sortText: String(i).padStart(3, '0'),
    }));
}

export function escapeMarkdown(text: string): string {
  // Team text is untrusted: no links, no HTML, no command URIs; shown literally.
  return text.replace(/[\\`*_{}[\]()<>#+!|]/g, (c) => '\\' + c);
}

/** The team's own templates as snippets ("mld-privacy-review"), where a word starting with
 * "mld" is being typed. Built-in templates come from the static snippets file instead. */
export function teamSnippets(analysis: Analysis, linePrefix: string, eol = '\n'): GuidanceCompletion[] {
  const m = /(?:^|\s)(mld[\w-]*)$/.exec(linePrefix);
  if (!m) return [];
  return [...analysis.model.sectionsById.values()]
    .filter((def) => !def.templateSource.startsWith('builtin:') && def.template.trim())
    .map((def) => ({
      label: `mld-${def.id}`,
      detail: `mldesign: ${def.title} (team template)`,
      documentation: def.guidance,
      replaceFrom: linePrefix.length - m[1]!.length,
      ...headingWithTemplate(`## ${def.title}`, def.template, eol),
    }));
}

/** Pieces of the section's template (one per bold lead-in), offered on an empty line inside
 * that section for the topics it lacks: a piece whose topics the doc addresses already, or
 * whose lead-in the section already has, is left out; the required topics' pieces first. */
export function templatePieces(analysis: Analysis, line: number, linePrefix: string, eol = '\n'): GuidanceCompletion[] {
  if (linePrefix.trim() !== '') return [];
  const { model } = analysis;
  const offset = model.lines.starts[line] ?? model.text.length;
  const here = model.matched
    .filter((m) => m.entry.kind === 'heading' && m.entry.lineStart < offset && offset <= m.entry.sectionEnd)
    .sort((a, b) => b.entry.depth - a.entry.depth)[0];
  if (!here) return [];
  const sectionText = model.text.slice(here.entry.lineStart, here.entry.sectionEnd);
  const sections = [...model.sectionsById.values()];
  return here.sections.flatMap(({ sectionId }) => {
    const def = model.sectionsById.get(sectionId)!;
    const topics = analysis.coverage.find((c) => c.id === sectionId)?.topics ?? [];
    const lacking = new Map(topics.filter((t) => !t.addressed).map((t) => [t.id, t]));
    return templatePiecesOf(def, sections)
      .filter((p) => !sectionText.includes(`**${p.lead}`) && (!p.topics.size || [...p.topics].some((t) => lacking.has(t))))
      .map((p) => ({ p, covers: [...p.topics].flatMap((t) => lacking.get(t) ?? []) }))
      .sort((a, b) => Number(b.covers.some((t) => t.required)) - Number(a.covers.some((t) => t.required)))
      .map(({ p, covers }, i) => ({
        label: p.lead,
        detail: covers.length
          ? `mldesign: ${def.title} lacks ${covers.map((t) => t.title).join(', ')}`
          : `mldesign: part of the ${def.title} template`,
        documentation: def.topics.find((t) => covers.some((c) => c.id === t.id))?.question ?? def.guidance,
        replaceFrom: linePrefix.length,
        text: snippetToText(p.snippet).replace(/\r?\n/g, eol),
        snippet: p.snippet.replace(/\r?\n/g, eol),
        sortText: `0${String(i).padStart(3, '0')}`,
      }));
  });
}
