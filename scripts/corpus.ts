// Detection quality on the real corpus (test/corpus): per area, does mldesign's coverage
// (section present with content) agree with the hand labels? Used by `npm run corpus`
// (prints the table) and test/unit/corpus.test.ts (fails below the floors).
import fs from 'node:fs';
import path from 'node:path';
import { analyze, builtinConfig, type Analysis } from '../server/src/core';

export const CORPUS = path.resolve(__dirname, '../test/corpus');
/** labels.tsv column -> catalogue section id. */
export const AREAS: Record<string, string> = {
  business: 'business-requirements',
  data: 'data-stack',
  deployment: 'deployment',
  monitoring: 'monitoring',
  updating: 'model-updates',
};

export interface AreaScore {
  area: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  misses: string[];
}

/** Whether the analysis found the section, with content. */
const covered = (a: Analysis, sectionId: string) => a.coverage.find((c) => c.id === sectionId)?.state === 'covered';

/** Rows of one of the corpus's tab-separated files, the header first. */
const readTsv = (name: string) =>
  fs
    .readFileSync(path.join(CORPUS, name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));

/** Hand-labelled topics beyond the five areas, and what mldesign reports that matches each. */
export const MENTION_CHECKS: Record<string, { describe: string; check: (a: Analysis) => boolean }> = {
  'fairness (section)': { describe: 'a Fairness section with content (what missing-section checks)', check: (a) => covered(a, 'fairness') },
  'interpretability (section)': { describe: 'an Interpretability section with content', check: (a) => covered(a, 'interpretability') },
};

export interface CorpusRun {
  areas: AreaScore[];
  mentions: AreaScore[];
  /** Hint findings per document, by kind of document (ML vs non-ML), to see noise. */
  hintsPerDoc: Record<string, { docs: number; hints: number; byRule: Record<string, number> }>;
}

export function runCorpus(): CorpusRun {
  const [header, ...rows] = readTsv('labels.tsv');
  const config = builtinConfig();
  const kinds = Object.fromEntries(
    readTsv('manifest.tsv')
      .slice(1)
      .map((r) => [r[0]!, r[5]!.startsWith('non-ml') ? 'non-ML docs' : 'ML docs']),
  );
  const blank = (area: string): AreaScore => ({ area, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, f1: 0, misses: [] });
  const scores = Object.keys(AREAS).map(blank);
  const mentions = Object.keys(MENTION_CHECKS).map(blank);
  const hintsPerDoc: CorpusRun['hintsPerDoc'] = {};
  const tally = (score: AreaScore, got: boolean, want: boolean, file: string) => {
    if (got && want) score.tp++;
    else if (got) {
      score.fp++;
      score.misses.push(`FP ${file}`);
    } else if (want) {
      score.fn++;
      score.misses.push(`FN ${file}`);
    } else score.tn++;
  };
  for (const row of rows) {
    const file = row[0]!;
    const text = fs.readFileSync(path.join(CORPUS, 'docs', file), 'utf8');
    const analysis = analyze(text, { config, path: file, detection: 'all' });
    for (const score of scores) tally(score, covered(analysis, AREAS[score.area]!), row[header!.indexOf(score.area)] === '1', file);
    for (const score of mentions)
      tally(score, MENTION_CHECKS[score.area]!.check(analysis), row[header!.indexOf(score.area.split(' ')[0]!)] === '1', file);
    const kind = (hintsPerDoc[kinds[file] ?? 'ML docs'] ??= { docs: 0, hints: 0, byRule: {} });
    kind.docs++;
    for (const f of analysis.findings.filter((f) => f.severity === 'hint')) {
      kind.hints++;
      kind.byRule[f.ruleId] = (kind.byRule[f.ruleId] ?? 0) + 1;
    }
  }
  for (const s of [...scores, ...mentions]) {
    s.precision = s.tp / (s.tp + s.fp || 1);
    s.recall = s.tp / (s.tp + s.fn || 1);
    s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  }
  return { areas: scores, mentions, hintsPerDoc };
}

export function formatScores(scores: AreaScore[], label = 'area'): string {
  const w = Math.max(11, ...scores.map((s) => s.area.length));
  const lines = [`${label.padEnd(w)} precision  recall  F1    (tp fp fn tn)`];
  for (const s of scores) {
    lines.push(
      `${s.area.padEnd(w)} ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${s.f1.toFixed(2)}  (${s.tp} ${s.fp} ${s.fn} ${s.tn})`,
    );
  }
  return lines.join('\n');
}

export function formatRun(run: CorpusRun): string {
  const hints = Object.entries(run.hintsPerDoc).map(
    ([kind, h]) => `${kind}: ${h.docs} docs, ${h.hints} hints (${(h.hints / h.docs).toFixed(1)} per doc) ${JSON.stringify(h.byRule)}`,
  );
  return [formatScores(run.areas), '', formatScores(run.mentions, 'check'), '', 'Hints:', ...hints].join('\n');
}

if (require.main === module) {
  const run = runCorpus();
  console.log(formatRun(run));
  if (process.argv.includes('--misses'))
    for (const s of [...run.areas, ...run.mentions]) for (const m of s.misses) console.log(`${s.area}: ${m}`);
}
