// Detection quality on the real corpus (test/corpus), measured on mldesign's own output:
// per area, whether the section is covered or mentioned, against the hand labels
// (labels.tsv); per topic, whether the analysis says the doc addresses it, against the topic
// labels (topics.tsv, rules in TOPICS.md); and the findings a doc gets, to see noise. Used
// by `npm run corpus` (prints the tables) and test/unit/corpus.test.ts (fails below floors).
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

export interface Score {
  name: string;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  misses: string[];
}

/** Rows of one of the corpus's tab-separated files, the header first. */
const readTsv = (name: string) =>
  fs
    .readFileSync(path.join(CORPUS, name), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split('\t'));

const stateOf = (a: Analysis, sectionId: string) => a.coverage.find((c) => c.id === sectionId)?.state;
/** What the area figures count: a section with content, or discussed without a heading. */
const present = (a: Analysis, sectionId: string) => ['covered', 'mentioned'].includes(stateOf(a, sectionId) ?? '');
const addressed = (a: Analysis, sectionId: string, topicId: string) =>
  a.coverage.find((c) => c.id === sectionId)?.topics.find((t) => t.id === topicId)?.addressed ?? false;

/** Labels beyond the five areas, and what mldesign reports that answers each. */
export const OTHER_CHECKS: Record<string, { label: string; describe: string; check: (a: Analysis) => boolean }> = {
  latency_percentiles: {
    label: 'latency_percentiles',
    describe: "the deployment topic 'latency as percentiles' addressed",
    check: (a) => addressed(a, 'deployment', 'latency'),
  },
  fairness: { label: 'fairness', describe: 'a Fairness section covered or mentioned', check: (a) => present(a, 'fairness') },
  interpretability: {
    label: 'interpretability',
    describe: 'an Interpretability section covered or mentioned',
    check: (a) => present(a, 'interpretability'),
  },
};

export interface CorpusRun {
  areas: Score[];
  /** The same, counting only sections with a heading and content (before `mentioned`). */
  coveredOnly: Score[];
  others: Score[];
  /** Per topic (area/topic), when topics.tsv exists. */
  topics: Score[];
  /** Micro-averaged over every topic label. */
  topicsMicro: Score | undefined;
  /** Every mentioned state, with the doc's label for the area. */
  mentioned: { file: string; area: string; label: string; nonMl: boolean }[];
  /** Info findings per document (what joins the warnings in VS Code's Problems panel,
   * which leaves hints out), by kind of document (ML vs non-ML), to see noise. */
  noise: Record<string, { docs: number; findings: number; byRule: Record<string, number> }>;
}

function blank(name: string): Score {
  return { name, tp: 0, fp: 0, fn: 0, tn: 0, precision: 0, recall: 0, f1: 0, misses: [] };
}

function tally(score: Score, got: boolean, want: boolean, file: string): void {
  if (got && want) score.tp++;
  else if (got) {
    score.fp++;
    score.misses.push(`FP ${file}`);
  } else if (want) {
    score.fn++;
    score.misses.push(`FN ${file}`);
  } else score.tn++;
}

function finish(s: Score): Score {
  s.precision = s.tp / (s.tp + s.fp || 1);
  s.recall = s.tp / (s.tp + s.fn || 1);
  s.f1 = s.precision + s.recall ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0;
  return s;
}

export function runCorpus(): CorpusRun {
  const [header, ...rows] = readTsv('labels.tsv');
  const config = builtinConfig();
  const kinds = Object.fromEntries(
    readTsv('manifest.tsv')
      .slice(1)
      .map((r) => [r[0]!, r[5]!]),
  );
  const topicRows = fs.existsSync(path.join(CORPUS, 'topics.tsv')) ? readTsv('topics.tsv') : undefined;
  const topicHeader = topicRows?.[0]?.filter((h) => h.includes('/')) ?? [];
  const topicLabels = new Map((topicRows ?? []).slice(1).map((r) => [r[0]!, r]));
  const areas = Object.keys(AREAS).map(blank);
  const coveredOnly = Object.keys(AREAS).map(blank);
  const others = Object.keys(OTHER_CHECKS).map(blank);
  const topics = topicHeader.map(blank);
  const micro = blank('all topics (micro)');
  const mentioned: CorpusRun['mentioned'] = [];
  const noise: CorpusRun['noise'] = {};
  for (const row of rows) {
    const file = row[0]!;
    const label = (col: string) => row[header!.indexOf(col)]!;
    const text = fs.readFileSync(path.join(CORPUS, 'docs', file), 'utf8');
    const analysis = analyze(text, { config, path: file, detection: 'all' });
    const nonMl = (kinds[file] ?? '').startsWith('non-ml');
    for (const [i, area] of Object.keys(AREAS).entries()) {
      const sectionId = AREAS[area]!;
      tally(areas[i]!, present(analysis, sectionId), label(area) === '1', file);
      tally(coveredOnly[i]!, stateOf(analysis, sectionId) === 'covered', label(area) === '1', file);
      if (stateOf(analysis, sectionId) === 'mentioned') mentioned.push({ file, area, label: label(area), nonMl });
    }
    for (const [i, check] of Object.values(OTHER_CHECKS).entries())
      tally(others[i]!, check.check(analysis), label(check.label) === '1', file);
    const trow = topicLabels.get(file);
    if (trow) {
      topicHeader.forEach((col, i) => {
        const [area, topic] = col.split('/') as [string, string];
        const want = trow[topicRows![0]!.indexOf(col)] === '1';
        const got = addressed(analysis, AREAS[area]!, topic);
        tally(topics[i]!, got, want, file);
        tally(micro, got, want, `${file} ${col}`);
      });
    }
    const kind = (noise[nonMl ? 'non-ML docs' : 'ML docs'] ??= { docs: 0, findings: 0, byRule: {} });
    kind.docs++;
    for (const f of analysis.findings.filter((f) => f.severity === 'info')) {
      kind.findings++;
      kind.byRule[f.ruleId] = (kind.byRule[f.ruleId] ?? 0) + 1;
    }
  }
  [...areas, ...coveredOnly, ...others, ...topics, micro].forEach(finish);
  return { areas, coveredOnly, others, topics, topicsMicro: topicRows ? micro : undefined, mentioned, noise };
}

export function formatScores(scores: Score[], label = 'area'): string {
  const w = Math.max(11, ...scores.map((s) => s.name.length));
  const lines = [`${label.padEnd(w)} precision  recall  F1    (tp fp fn tn)`];
  for (const s of scores) {
    lines.push(
      `${s.name.padEnd(w)} ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${s.f1.toFixed(2)}  (${s.tp} ${s.fp} ${s.fn} ${s.tn})`,
    );
  }
  return lines.join('\n');
}

export function formatRun(run: CorpusRun): string {
  const noise = Object.entries(run.noise).map(
    ([kind, h]) =>
      `${kind}: ${h.docs} docs, ${h.findings} info findings (${(h.findings / h.docs).toFixed(1)} per doc) ${JSON.stringify(h.byRule)}`,
  );
  const mentioned = run.mentioned.map((m) => `  ${m.file} ${m.area} (label ${m.label}${m.nonMl ? ', non-ML doc' : ''})`);
  return [
    'Areas: covered or mentioned, against labels.tsv',
    formatScores(run.areas),
    '',
    'Areas: covered only (a heading with content)',
    formatScores(run.coveredOnly),
    '',
    formatScores(run.others, 'check'),
    '',
    ...(run.topicsMicro ? ['Topics: addressed, against topics.tsv', formatScores([...run.topics, run.topicsMicro], 'topic'), ''] : []),
    `Mentioned states (${run.mentioned.length}):`,
    ...mentioned,
    '',
    'Noise:',
    ...noise,
  ].join('\n');
}

if (require.main === module) {
  const run = runCorpus();
  console.log(formatRun(run));
  if (process.argv.includes('--misses')) {
    for (const s of [...run.areas, ...run.others, ...run.topics]) for (const m of s.misses) console.log(`${s.name}: ${m}`);
  }
}
