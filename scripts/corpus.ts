// Detection quality on the real corpus (test/corpus): per area, does mldesign's coverage
// (section present with content) agree with the hand labels? Used by `npm run corpus`
// (prints the table) and test/unit/corpus.test.ts (fails below the floors).
import fs from 'node:fs';
import path from 'node:path';
import { analyze, builtinConfig } from '../server/src/core';

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

export function evaluateCorpus(): AreaScore[] {
  const [header, ...rows] = fs.readFileSync(path.join(CORPUS, 'labels.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  const config = builtinConfig();
  const scores = Object.keys(AREAS).map((area) => ({ area, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, f1: 0, misses: [] as string[] }));
  for (const row of rows) {
    const file = row[0]!;
    const text = fs.readFileSync(path.join(CORPUS, 'docs', file), 'utf8');
    const { coverage } = analyze(text, { config, path: file, detection: 'all' });
    for (const score of scores) {
      const want = row[header!.indexOf(score.area)] === '1';
      const got = coverage.find((c) => c.id === AREAS[score.area])?.state === 'covered';
      if (got && want) score.tp++;
      else if (got) (score.fp++, score.misses.push(`FP ${file}`));
      else if (want) (score.fn++, score.misses.push(`FN ${file}`));
      else score.tn++;
    }
  }
  for (const s of scores) {
    s.precision = s.tp / (s.tp + s.fp || 1);
    s.recall = s.tp / (s.tp + s.fn || 1);
    s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  }
  return scores;
}

export function formatScores(scores: AreaScore[]): string {
  const lines = ['area        precision  recall  F1    (tp fp fn tn)'];
  for (const s of scores) {
    lines.push(`${s.area.padEnd(11)} ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${s.f1.toFixed(2)}  (${s.tp} ${s.fp} ${s.fn} ${s.tn})`);
  }
  return lines.join('\n');
}

if (require.main === module) {
  const scores = evaluateCorpus();
  console.log(formatScores(scores));
  if (process.argv.includes('--misses')) for (const s of scores) for (const m of s.misses) console.log(`${s.area}: ${m}`);
}
