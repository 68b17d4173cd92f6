import type { Analysis } from './analyze';
import { isSatisfied, type CoverageState, type SectionLevel } from './coverage-state';
import type { Mention, TopicCoverage } from './topics';
import type { Finding, Fix } from './types';

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
  };
}
