// What a catalogue section's state can be, in one import-free module: the core, the custom
// LSP protocol (lsp/protocol.ts) and the VS Code client, which bundles that protocol file
// alone, all take the union and its meaning from here.

/** covered: a section with content; mentioned: no section of its own, but the doc discusses
 * its topics elsewhere; empty: a heading with nothing (or only placeholders) under it;
 * missing: no section; not-applicable: marked so, with a reason. */
export const COVERAGE_STATES = ['covered', 'mentioned', 'empty', 'missing', 'not-applicable'] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number];

export const SECTION_LEVELS = ['required', 'recommended'] as const;
export type SectionLevel = (typeof SECTION_LEVELS)[number];

/** Whether a section's state satisfies the catalogue: covered, or marked not applicable
 * with a reason. */
export function isSatisfied(state: CoverageState): boolean {
  return state === 'covered' || state === 'not-applicable';
}
