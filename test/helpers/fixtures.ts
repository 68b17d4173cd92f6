// Fixtures carry their expectations in place: an HTML comment
//   <!-- expect missing-section(monitoring) empty-section -->
// states the findings expected on the line just above it (rule id, and the section id in
// parentheses when the finding names one). A fixture without such comments expects none.
import fs from 'node:fs';
import path from 'node:path';
import type { Analysis } from '../../server/src/core';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export interface Expectation {
  /** 0-based line the finding must be on. */
  line: number;
  ruleId: string;
  sectionId?: string;
}

const EXPECT = /<!--\s*expect\s+([^>]*?)\s*-->/g;

export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(EXPECT)) {
      for (const item of m[1]!.split(/\s+/)) {
        const parsed = /^([a-z0-9-]+)(?:\(([a-z0-9-]+)\))?$/.exec(item);
        if (!parsed) throw new Error(`bad expectation '${item}' on line ${i + 1}`);
        out.push({ line: i - 1, ruleId: parsed[1]!, ...(parsed[2] ? { sectionId: parsed[2] } : {}) });
      }
    }
  });
  return out;
}

/** Findings in the same shape as expectations, for one readable toEqual. */
export function actualFindings(analysis: Analysis): Expectation[] {
  return analysis.findings.map((f) => ({ line: f.range.start.line, ruleId: f.ruleId, ...(f.sectionId ? { sectionId: f.sectionId } : {}) }));
}

export function sortExpectations(list: Expectation[]): string[] {
  return list.map((e) => `${e.line + 1}: ${e.ruleId}${e.sectionId ? `(${e.sectionId})` : ''}`).sort();
}

export function fixtureFiles(ruleId: string): string[] {
  const dir = path.join(FIXTURES, 'rules', ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every line of `before` appears in `after`, in order: what a fix must guarantee. */
export function keepsAllLines(before: string, after: string): boolean {
  const want = before.split(/\r?\n/);
  const have = after.split(/\r?\n/);
  let j = 0;
  for (const line of want) {
    while (j < have.length && have[j] !== line) j++;
    if (j === have.length) return false;
    j++;
  }
  return true;
}
