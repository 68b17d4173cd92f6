import type { Analysis } from './analyze';
import { isSatisfied, type CoverageState, type SectionLevel } from './coverage-state';
import type { Mention, TopicCoverage } from './topics';
import { inFixAll } from './analyze';
import type { DocStatus } from './stages';
import type { TemplateState } from './template-version';
import type { Finding, Fix, Severity } from './types';

/** How one section fares in one document, as plain data. Lines are 0-based. */
export interface CoverageSummary {
  id: string;
  title: string;
  level: SectionLevel;
  state: CoverageState;
  /** The heading (or list item) that stands for the section. */
  line?: number;
  heading?: string;
  /** Why the section does not apply, for `not-applicable`. */
  reason?: string;
  /** Each of the section's topics: addressed or not, and where first (0-based line). */
  topics: TopicCoverage[];
  /** For `mentioned`: where the doc discusses the section without a heading for it. */
  mentions?: Mention[];
}

/** What an analysis yields, as plain data: cloneable to worker processes, storable in a
 * cache, and all that output formats need. */
export interface FileReport {
  designDoc: boolean;
  reason: string;
  findings: Finding[];
  coverage: CoverageSummary[];
  fixAll?: Fix;
  /** The template version the doc records against its config's, when the config has one. */
  template?: TemplateSummary;
  /** A design doc's front matter `status`, and the review stage it names. */
  status?: DocStatus;
}

/** A doc's template version as plain data: `lacking` are the sections added since its
 * version that it has no heading for. */
export interface TemplateSummary {
  current: string;
  version?: string;
  state: TemplateState;
  lacking: { id: string; title: string }[];
}

/** Depth: how many topics the given sections address, of how many they have. */
export function topicDepth(coverage: readonly { topics: readonly { addressed: boolean }[] }[]): { addressed: number; total: number } {
  let addressed = 0;
  let total = 0;
  for (const c of coverage) {
    total += c.topics.length;
    addressed += c.topics.filter((t) => t.addressed).length;
  }
  return { addressed, total };
}

/** How many of a document's required sections are satisfied, out of how many. */
export function requiredCoverage(coverage: readonly { level: SectionLevel; state: CoverageState }[]): {
  covered: number;
  required: number;
} {
  const required = coverage.filter((c) => c.level === 'required');
  return { covered: required.filter((c) => isSatisfied(c.state)).length, required: required.length };
}

export function reportOf(analysis: Analysis): FileReport {
  return {
    designDoc: analysis.designDoc.isDesignDoc,
    reason: analysis.designDoc.reason,
    findings: analysis.findings,
    coverage: analysis.coverage.map((c) => ({
      id: c.id,
      title: c.title,
      level: c.level,
      state: c.state,
      ...(c.entry ? { line: c.entry.range.start.line, heading: c.entry.text } : {}),
      ...(c.reason ? { reason: c.reason } : {}),
      topics: c.topics,
      ...(c.mentions ? { mentions: c.mentions } : {}),
    })),
    ...(analysis.fixAll ? { fixAll: analysis.fixAll } : {}),
    ...(analysis.template
      ? {
          template: {
            current: analysis.template.current,
            ...(analysis.template.version !== undefined ? { version: analysis.template.version } : {}),
            state: analysis.template.state,
            lacking: analysis.template.lacking.map((s) => ({ id: s.id, title: s.title })),
          },
        }
      : {}),
    ...(analysis.status ? { status: analysis.status } : {}),
  };
}

/** Findings by severity, and how many fix-all would fix: every summary line and exit code
 * counts with this. */
export function countFindings(findings: readonly Finding[]): Record<Severity, number> & { fixable: number } {
  const n = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const f of findings) {
    n[f.severity]++;
    if (inFixAll(f)) n.fixable++;
  }
  return n;
}
