// Code actions: the fixes of the findings a request carries diagnostics of, and fix-all.
// They must read at a glance: on the title line of a short doc nine missing sections each
// offered the same "Disable missing-section for this file" (28 actions in all). So an action
// is offered once however many findings share it, and they come in this order: the fixes
// that resolve a finding (those under the cursor first), fix-all, the other fixes, and last
// the ones that silence a rule.
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type Range } from 'vscode-languageserver';
import { disableRuleTitle, inFixAll, type Analysis, type Finding, type Fix } from '../../core';
import { FIX_ALL_KIND, SOURCE, toCodeAction, type DiagnosticData } from '../convert';
import type { AnalysisSource } from '../documents';

/** Where an action goes in the list, first to last. */
const enum Rank {
  Resolves,
  FixAll,
  Other,
  Silences,
}

interface Candidate {
  fix: Fix;
  rank: Rank;
  /** The finding lies under the requested range (the cursor or the selection). */
  under: boolean;
  diagnostics: Diagnostic[];
}

export async function codeActions(service: AnalysisSource, params: CodeActionParams, opts: { snippets: boolean }): Promise<CodeAction[]> {
  const result = await service.analysis(params.textDocument.uri);
  if (!result) return [];
  const { uri, version, analysis } = result;
  const only = params.context.only;
  // A kind is asked for when `only` names it or a kind above it ("source" for source.fixAll.mldesign).
  const asked = (kind: string) => !!only?.some((o) => kind === o || kind.startsWith(o + '.'));
  const wants = (kind: string) => !only || asked(kind);
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d) => d.source === SOURCE);
    const candidates: Candidate[] = [];
    for (const diag of ours) {
      const finding = findingOf(analysis, version, diag);
      if (!finding) continue;
      const under = overlaps(finding.range, params.range);
      for (const fix of finding.fixes) candidates.push({ fix, rank: rankOf(fix, finding), under, diagnostics: [diag] });
    }
    // Fix-all is offered once, beside the single fixes, when it does more than one of them;
    // a client that asked for the fix-all kind gets that one instead.
    if (candidates.length && analysis.fixAll && !asked(FIX_ALL_KIND) && analysis.findings.filter(inFixAll).length > 1)
      candidates.push({ fix: analysis.fixAll, rank: Rank.FixAll, under: true, diagnostics: [] });
    for (const c of ordered(candidates))
      actions.push(toCodeAction(c.fix, CodeActionKind.QuickFix, uri, version, { snippets: opts.snippets, diagnostics: c.diagnostics }));
  }
  if (analysis.fixAll && asked(FIX_ALL_KIND)) {
    // Plain text: fix-all runs on save, where tab stops would only get in the way.
    actions.push(toCodeAction(analysis.fixAll, FIX_ALL_KIND, uri, version, { snippets: false }));
  }
  return actions;
}

/** The finding a diagnostic was published for. The analysis is of the current version: a
 * diagnostic of an older one (its index may name another finding now) is matched by rule,
 * line and section. */
export function findingOf(analysis: Analysis, version: number, diag: Diagnostic): Finding | undefined {
  const data = diag.data as DiagnosticData | undefined;
  const byIndex = data?.version === version ? analysis.findings[data.index] : undefined;
  if (byIndex && byIndex.ruleId === diag.code) return byIndex;
  return analysis.findings.find(
    (f) => f.ruleId === diag.code && f.range.start.line === diag.range.start.line && f.sectionId === data?.sectionId,
  );
}

function rankOf(fix: Fix, finding: Finding): Rank {
  if (fix.preferred) return Rank.Resolves;
  return fix.title === disableRuleTitle(finding.ruleId) ? Rank.Silences : Rank.Other;
}

/** Ranges overlap, ends included: a cursor at either end of a finding is on it. */
function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** By rank, those under the range first, otherwise in the findings' order; one action for
 * fixes that are the same edit under the same title (it carries all their diagnostics). */
function ordered(candidates: Candidate[]): Candidate[] {
  const sorted = candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.rank - b.c.rank || Number(b.c.under) - Number(a.c.under) || a.i - b.i)
    .map(({ c }) => c);
  const byKey = new Map<string, Candidate>();
  for (const c of sorted) {
    const key = JSON.stringify([c.fix.title, c.fix.insertions]);
    const same = byKey.get(key);
    if (same) same.diagnostics.push(...c.diagnostics);
    else byKey.set(key, { ...c, diagnostics: [...c.diagnostics] });
  }
  return [...byKey.values()];
}
