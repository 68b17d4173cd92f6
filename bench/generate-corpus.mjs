#!/usr/bin/env node
// Writes a deterministic corpus of Markdown ML system design docs for the benchmarks.
//
//   node bench/generate-corpus.mjs [--count 2000] [--out bench/.work/corpus] [--seed 20260101]
//
// Same options, same bytes, on any machine: everything comes from a seeded PRNG (mulberry32),
// nothing from the clock, the locale or Math.random. It prints the file count, the total size
// and a SHA-256 of the corpus (paths and contents, in sorted order) and writes that summary
// to <out>/.corpus.json, so the harness can tell a complete corpus from a stale one.
//
// The docs vary the way real ones do, so a linter does real work: an H1 title, front matter
// on some, headings at depths 2-4 numbered "3.", "3.2", "Step 2:" or "IV.", the five
// required sections under different names (present, missing, or only "TODO"), prose with
// emphasis, code spans and links, lists and nested lists, tables, fenced code, quotes,
// HTML comments, and CRLF line endings on a few. Sizes run from 3 to 20 KB around a 10 KB mean.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hardWrap, Rng } from './lib.mjs';

export const DEFAULTS = Object.freeze({
  count: 2000,
  seed: 20260101,
  out: path.join(path.dirname(fileURLToPath(import.meta.url)), '.work', 'corpus'),
});

/** Bumped whenever the generator's output changes on purpose. */
export const GENERATOR_VERSION = 1;
export const MANIFEST = '.corpus.json';

// ---- vocabulary (bench/lsp-docs.mjs takes it too, with a few words of its own) ------------

const PROJECTS = [
  ['churn', 'Churn prediction'],
  ['fraud', 'Fraud detection'],
  ['search-ranking', 'Search ranking'],
  ['recsys', 'Recommendations'],
  ['eta', 'Delivery ETA'],
  ['pricing', 'Dynamic pricing'],
  ['ads-ctr', 'Ad click-through prediction'],
  ['spam', 'Spam filtering'],
  ['forecast', 'Demand forecasting'],
  ['moderation', 'Content moderation'],
  ['ocr', 'Invoice OCR'],
  ['asr', 'Speech recognition'],
  ['credit-risk', 'Credit risk scoring'],
  ['ltv', 'Customer lifetime value'],
  ['anomaly', 'Anomaly detection'],
  ['translation', 'Support ticket translation'],
  ['routing', 'Ticket routing'],
  ['feed', 'Home feed ranking'],
  ['query-autocomplete', 'Query autocomplete'],
  ['image-tagging', 'Image tagging'],
];
export const NOUNS = [
  'model',
  'feature store',
  'pipeline',
  'label',
  'embedding',
  'baseline',
  'training job',
  'batch job',
  'endpoint',
  'dashboard',
  'alert',
  'threshold',
  'cohort',
  'segment',
  'snapshot',
  'schema',
  'table',
  'warehouse',
  'stream',
  'queue',
  'cache',
  'replica',
  'rollout',
  'canary',
  'shadow deployment',
  'holdout set',
  'validation set',
  'metric',
  'latency budget',
  'error budget',
  'SLO',
  'on-call rotation',
  'data contract',
  'backfill',
  'retraining job',
  'model registry',
  'experiment',
  'A/B test',
  'ranking',
  'calibration curve',
  'confusion matrix',
  'drift monitor',
  'feature',
  'vector index',
  'GPU pool',
];
export const VERBS = [
  'computes',
  'refreshes',
  'publishes',
  'validates',
  'scores',
  'ranks',
  'filters',
  'joins',
  'aggregates',
  'exports',
  'monitors',
  'retrains',
  'promotes',
  'rolls back',
  'samples',
  'deduplicates',
  'labels',
  'serves',
  'caches',
  'reports',
  'alerts on',
  'versions',
  'partitions',
  'backfills',
  'evaluates',
];
export const ADJS = [
  'nightly',
  'hourly',
  'online',
  'offline',
  'stale',
  'fresh',
  'noisy',
  'sparse',
  'dense',
  'imbalanced',
  'versioned',
  'idempotent',
  'regional',
  'global',
  'cold-start',
  'long-tail',
  'high-cardinality',
  'privacy-sensitive',
  'calibrated',
  'weighted',
  'incremental',
  'delayed',
  'synthetic',
  'manual',
];
export const TEAMS = [
  'data platform',
  'customer success',
  'finance',
  'privacy',
  'SRE',
  'product analytics',
  'trust and safety',
  'legal',
  'growth',
  'ML infrastructure',
];
export const METRICS = [
  'precision@200',
  'recall',
  'AUC',
  'NDCG@10',
  'MAPE',
  'log loss',
  'p99 latency',
  'p50 latency',
  'false positive rate',
  'coverage',
  'CTR',
  'revenue per session',
];
export const TOOLS = [
  'Spark',
  'Airflow',
  'Kafka',
  'BigQuery',
  'Snowflake',
  'Feast',
  'MLflow',
  'Kubeflow',
  'Triton',
  'Redis',
  'Postgres',
  'dbt',
  'Prometheus',
  'Grafana',
  'PagerDuty',
  'S3',
  'Flink',
  'Ray',
];
const EMOJI = ['📈', '🚀', '🧪', '🔔', '📦', '🛠️', '✅', '⚠️'];

/** The five required areas, each with headings a team might use for it. */
const REQUIRED = [
  {
    id: 'business-requirements',
    canonical: 'Goals',
    names: ['Goals', 'Business requirements', 'Objectives', 'Goals and non-goals', 'Success metrics', 'Problem statement', 'Requirements'],
  },
  {
    id: 'data-stack',
    canonical: 'Data',
    names: ['Data', 'Training data', 'Feature engineering', 'Data pipeline', 'Features', 'Data sources and labelling'],
  },
  {
    id: 'deployment',
    canonical: 'Deployment',
    names: ['Deployment', 'Serving', 'Inference', 'Prediction service', 'Rollout plan', 'Online serving'],
  },
  {
    id: 'monitoring',
    canonical: 'Monitoring',
    names: ['Monitoring', 'Observability', 'Alerting', 'Drift detection', 'Monitoring and alerting', 'SLOs'],
  },
  {
    id: 'model-updates',
    canonical: 'Model updates',
    names: [
      'Model updates',
      'Retraining',
      'Continual learning',
      'Retraining cadence',
      'Model maintenance',
      'Model versioning and rollback',
    ],
  },
];
const OTHER_SECTIONS = [
  'Background',
  'Context',
  'Model',
  'Modeling approach',
  'Evaluation',
  'Offline evaluation',
  'Alternatives considered',
  'Risks',
  'Open questions',
  'Timeline',
  'Team',
  'Cost',
  'Security and privacy',
  'Appendix',
  'References',
  'Glossary',
  'Non-goals',
  'Architecture',
  'Experiment plan',
  'Launch checklist',
];
const SUBSECTIONS = [
  'Overview',
  'Inputs',
  'Outputs',
  'Assumptions',
  'Constraints',
  'Baselines',
  'Metrics',
  'Failure modes',
  'Capacity',
  'Latency',
  'Storage',
  'Labelling',
  'Backfill',
  'Rollback',
  'Dashboards',
  'Thresholds',
  'Cadence',
  'Triggers',
  'Ownership',
  'Trade-offs',
  'Example',
  'Details',
  'Caveats',
  'Next steps',
];
const PLACEHOLDERS = ['TODO', 'TBD', 'TODO: fill in', '_TBD_', '<!-- TODO -->\n\nTBD', 'Coming soon.', '...'];
const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX',
  'XX',
];

// ---- text -------------------------------------------------------------------------------

function capitalise(s) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function inline(rng, text) {
  const r = rng.next();
  if (r < 0.08) return `**${text}**`;
  if (r < 0.14) return `_${text}_`;
  if (r < 0.2) return `\`${text.replace(/ /g, '_')}\``;
  if (r < 0.25) return `[${text}](https://wiki.example.com/${text.replace(/[^a-z0-9]+/gi, '-').toLowerCase()})`;
  return text;
}

function sentence(rng) {
  const n = () => inline(rng, rng.pick(NOUNS));
  switch (rng.int(0, 9)) {
    case 0:
      return `The ${rng.pick(ADJS)} ${n()} ${rng.pick(VERBS)} the ${n()} before the ${n()} reads it.`;
    case 1:
      return `We keep ${rng.pick(METRICS)} above ${rng.int(50, 99)}.${rng.int(0, 9)} % on the ${rng.pick(ADJS)} ${n()}.`;
    case 2:
      return `${capitalise(rng.pick(TEAMS))} owns the ${n()} and reviews it every ${rng.pick(['week', 'sprint', 'quarter', 'month'])}.`;
    case 3:
      return `A ${rng.pick(ADJS)} ${n()} in ${inline(rng, rng.pick(TOOLS))} ${rng.pick(VERBS)} about ${rng.int(2, 900)}k rows an hour.`;
    case 4:
      return `If the ${n()} is ${rng.pick(ADJS)}, the ${n()} ${rng.pick(VERBS)} the last good ${n()} instead.`;
    case 5:
      return `See [the ${rng.pick(NOUNS)} runbook](../runbooks/${rng.int(1, 400)}.md) for the ${rng.pick(ADJS)} case.`;
    case 6:
      return `p99 latency must stay under ${rng.int(20, 400)} ms at ${rng.int(1, 50)}k requests per second.`;
    case 7:
      return `Open question: should the ${n()} be ${rng.pick(ADJS)} or ${rng.pick(ADJS)}?`;
    case 8:
      return `The ${n()} ${rng.pick(VERBS)} each ${n()}, and the ${n()} ${rng.pick(VERBS)} what is left.`;
    default:
      return `This ${rng.pick(ADJS)} ${n()} costs about $${rng.int(1, 90)},${rng.int(100, 999)} a month on ${rng.pick(TOOLS)}.`;
  }
}

function paragraph(rng) {
  const out = [];
  for (let i = rng.int(2, 7); i > 0; i--) out.push(sentence(rng));
  // Hard-wrap some paragraphs as people do in editors.
  if (rng.chance(0.5)) return out.join(' ');
  return hardWrap(out.join(' '), 88);
}

function shortItem(rng) {
  const s = sentence(rng);
  return rng.chance(0.4) ? s.replace(/\.$/, '').split(/, | and /)[0] : s;
}

function list(rng) {
  const ordered = rng.chance(0.35);
  const marker = ordered ? null : rng.pick(['-', '*', '+']);
  const lines = [];
  const n = rng.int(3, 9);
  for (let i = 1; i <= n; i++) {
    const task = !ordered && rng.chance(0.1) ? `[${rng.chance(0.5) ? 'x' : ' '}] ` : '';
    lines.push(`${ordered ? `${i}.` : marker} ${task}${shortItem(rng)}`);
    if (rng.chance(0.25)) {
      const indent = ordered ? '   ' : '  ';
      for (let j = rng.int(1, 4); j > 0; j--) {
        lines.push(`${indent}- ${shortItem(rng)}`);
        if (rng.chance(0.15)) lines.push(`${indent}  - ${shortItem(rng)}`);
      }
    }
  }
  return lines.join('\n');
}

function table(rng) {
  const headers = rng.pick([
    ['Metric', 'Target', 'Today', 'Owner'],
    ['Source', 'Freshness', 'Rows', 'PII'],
    ['Component', 'Technology', 'Replicas'],
    ['Alert', 'Condition', 'Severity', 'Runbook'],
    ['Option', 'Pros', 'Cons'],
  ]);
  const align = headers.map(() => rng.pick(['---', ':---', '---:', ':---:']));
  const lines = [`| ${headers.join(' | ')} |`, `| ${align.join(' | ')} |`];
  for (let r = rng.int(2, 8); r > 0; r--) {
    lines.push(
      `| ${headers.map((_, c) => (c === 0 ? inline(rng, rng.pick(NOUNS)) : rng.chance(0.5) ? `${rng.int(1, 999)}${rng.pick([' ms', ' %', 'k', '', ' h'])}` : rng.pick([...ADJS, ...TOOLS, ...TEAMS]))).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

function code(rng) {
  const fence = rng.chance(0.85) ? '```' : '~~~';
  switch (rng.int(0, 3)) {
    case 0:
      return `${fence}sql\nSELECT account_id, COUNT(*) AS events_${rng.int(1, 90)}d\nFROM analytics.events\nWHERE event_date >= CURRENT_DATE - ${rng.int(7, 90)}\n  AND plan = '${rng.pick(['pro', 'team', 'free'])}'\nGROUP BY account_id;\n${fence}`;
    case 1:
      return `${fence}python\ndef score(batch):\n    # ${sentence(rng)}\n    features = store.get_online_features(batch, view="${rng.pick(NOUNS).replace(/\W+/g, '_')}_v${rng.int(1, 9)}")\n    return model.predict_proba(features)[:, 1]\n${fence}`;
    case 2:
      return `${fence}yaml\nschedule: "${rng.int(0, 59)} ${rng.int(0, 23)} * * *"\nretries: ${rng.int(1, 5)}\nalert: ${rng.pick(['pagerduty', 'slack', 'email'])}\nthreshold: 0.${rng.int(1, 99)}\n# ## Not a heading: inside a code block\n${fence}`;
    default:
      return `${fence}\n${rng.pick(TOOLS).toLowerCase()} --job ${rng.pick(NOUNS).replace(/\W+/g, '-')} --date {{ ds }} --shards ${rng.int(1, 64)}\n${fence}`;
  }
}

function block(rng) {
  const r = rng.next();
  if (r < 0.5) return paragraph(rng);
  if (r < 0.68) return list(rng);
  if (r < 0.76) return table(rng);
  if (r < 0.84) return code(rng);
  if (r < 0.9) return `> ${sentence(rng)}\n> ${sentence(rng)}`;
  if (r < 0.95) return `<!-- ${rng.pick(['Reviewer note', 'NB', 'Draft'])}: ${sentence(rng)} -->`;
  return `${paragraph(rng)}\n\n![${rng.pick(NOUNS)} diagram](images/fig-${rng.int(1, 40)}.png)`;
}

// ---- documents --------------------------------------------------------------------------

const STYLES = ['plain', 'dotted', 'decimal', 'step', 'roman', 'emoji'];

function headingText(style, index, subIndex, title, rng) {
  if (subIndex !== undefined) {
    if (style === 'decimal' || style === 'dotted') return `${index}.${subIndex} ${title}`;
    return title;
  }
  switch (style) {
    case 'dotted':
      return `${index}. ${title}`;
    case 'decimal':
      return `${index}. ${title}`;
    case 'step':
      return `Step ${index}: ${title}`;
    case 'roman':
      return `${ROMAN[(index - 1) % ROMAN.length]}. ${title}`;
    case 'emoji':
      return rng.chance(0.6) ? `${title} ${rng.pick(EMOJI)}` : title;
    default:
      return title;
  }
}

function generateDoc(rng, index) {
  const [slug, project] = rng.pick(PROJECTS);
  const team = `team-${String(rng.int(1, 24)).padStart(2, '0')}`;
  const sub = rng.chance(0.35) ? `/${rng.pick(['ranking', 'platform', 'risk', 'growth', 'archive', '2025', '2026'])}` : '';
  const file = `${team}${sub}/${slug}-design-${String(index).padStart(4, '0')}.md`;
  const target = Math.round(rng.triangular(3000, 20000, 7000));
  const style = rng.pick(STYLES);
  const canonicalNames = rng.chance(0.15);

  // Sections: the required ones (some missing, some empty) mixed with others, in a plausible order.
  const sections = [];
  const notApplicable = [];
  for (const req of REQUIRED) {
    if (rng.chance(0.18)) {
      // Missing; now and then marked not applicable, with a reason (or, rarely, without one).
      if (rng.chance(0.2)) notApplicable.push(`<!-- mldesign-not-applicable ${req.id}${rng.chance(0.9) ? `: ${sentence(rng)}` : ''} -->`);
      continue;
    }
    sections.push({
      title: canonicalNames ? req.canonical : rng.pick(req.names),
      empty: rng.chance(0.12),
      order: REQUIRED.indexOf(req) * 2 + 1 + rng.next() * 0.5,
    });
  }
  for (const title of rng.shuffle(OTHER_SECTIONS).slice(0, rng.int(1, 6))) {
    sections.push({ title, empty: rng.chance(0.05), order: rng.next() * 11 });
  }
  sections.sort((a, b) => a.order - b.order);

  const parts = [];
  if (rng.chance(0.3)) {
    const fm = [
      `title: ${project} design`,
      `status: ${rng.pick(['draft', 'review', 'approved'])}`,
      `authors: [${rng.pick(['ana', 'li', 'sam', 'noor'])}, ${rng.pick(['kai', 'jo', 'eli', 'mo'])}]`,
    ];
    if (rng.chance(0.3)) fm.push('mldesign: true');
    if (rng.chance(0.5)) fm.push(`tags:\n  - ml\n  - ${slug}`);
    parts.push(`---\n${fm.join('\n')}\n---`);
  }
  parts.push(`# ${project}${rng.chance(0.5) ? ' design doc' : `: ${rng.pick(['v2', 'proposal', 'RFC', 'system design'])}`}`);
  parts.push(paragraph(rng));
  parts.push(...notApplicable);
  if (rng.chance(0.1)) parts.push(`<!-- Generated by bench/generate-corpus.mjs: ${sentence(rng)} -->`);

  const header = parts.join('\n\n').length;
  const full = sections.filter((s) => !s.empty).length || 1;
  // A section ends with the block that crosses its budget: aim half a block (~300 B) short.
  const budget = Math.max(150, (target - header) / full - 300);
  sections.forEach((s, i) => {
    const n = i + 1;
    const depth = rng.chance(0.1) ? 3 : 2;
    parts.push(`${'#'.repeat(depth)} ${headingText(style, n, undefined, s.title, rng)}`);
    if (s.empty) {
      parts.push(rng.pick(PLACEHOLDERS));
      return;
    }
    let size = 0;
    let subs = 0;
    while (size < budget) {
      if (size > 0 && rng.chance(0.22)) {
        subs++;
        const subDepth = Math.min(4, depth + (rng.chance(0.8) ? 1 : 2));
        const h = `${'#'.repeat(subDepth)} ${headingText(style, n, subs, rng.pick(SUBSECTIONS), rng)}`;
        parts.push(rng.chance(0.04) ? `${h} #` : h);
        size += h.length;
      }
      const b = block(rng);
      parts.push(b);
      size += b.length + 2;
    }
  });
  if (rng.chance(0.2)) parts.push(`---\n\n_Last reviewed by ${rng.pick(TEAMS)}._`);

  let text = parts.join('\n\n') + '\n';
  if (rng.chance(0.05)) text = text.replace(/\n/g, '\r\n');
  return { file, text };
}

/** The corpus in memory: sorted files, with its total size and hash. Cheap (about 0.2 s). */
export function buildCorpus({ count = DEFAULTS.count, seed = DEFAULTS.seed } = {}) {
  const rng = new Rng(seed);
  const docs = [];
  for (let i = 1; i <= count; i++) {
    const { file, text } = generateDoc(rng, i);
    docs.push({ file, data: Buffer.from(text, 'utf8') });
  }
  docs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const h = crypto.createHash('sha256');
  let bytes = 0;
  for (const d of docs) {
    h.update(d.file).update('\0').update(d.data).update('\0');
    bytes += d.data.length;
  }
  return { docs, summary: { generator: GENERATOR_VERSION, seed, files: count, bytes, sha256: h.digest('hex') } };
}

/** The hash of what is on disk under `out`, computed the same way (null if a file is missing). */
export function hashOnDisk(out, files) {
  const h = crypto.createHash('sha256');
  for (const file of files) {
    let data;
    try {
      data = fs.readFileSync(path.join(out, file));
    } catch {
      return null;
    }
    h.update(file).update('\0').update(data).update('\0');
  }
  return h.digest('hex');
}

/** Writes the corpus unless `out` already holds exactly it. Returns the summary and whether it wrote. */
export function ensureCorpus({ count = DEFAULTS.count, seed = DEFAULTS.seed, out = DEFAULTS.out } = {}) {
  const { docs, summary } = buildCorpus({ count, seed });
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(out, MANIFEST), 'utf8'));
    const onDisk = listMarkdown(out);
    if (
      manifest.sha256 === summary.sha256 &&
      onDisk.length === docs.length &&
      hashOnDisk(
        out,
        docs.map((d) => d.file),
      ) === summary.sha256
    ) {
      return { ...summary, out, written: false };
    }
  } catch {
    // No corpus yet, or a broken one: write it afresh.
  }
  fs.rmSync(out, { recursive: true, force: true });
  for (const d of docs) {
    const target = path.join(out, d.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, d.data);
  }
  fs.writeFileSync(path.join(out, MANIFEST), JSON.stringify(summary, null, 2) + '\n');
  return { ...summary, out, written: true };
}

/** Markdown files under `dir`, relative, POSIX separators, sorted. */
export function listMarkdown(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listMarkdown(dir, r));
    else if (e.isFile() && e.name.endsWith('.md')) out.push(r);
  }
  return rel ? out : out.sort();
}

function parseCli(argv) {
  const opts = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--count') opts.count = Number(v());
    else if (a === '--seed') opts.seed = Number(v());
    else if (a === '--out') opts.out = path.resolve(v());
    else if (a === '-h' || a === '--help') {
      process.stdout.write('Usage: node bench/generate-corpus.mjs [--count 2000] [--seed 20260101] [--out bench/.work/corpus]\n');
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error('--count must be a positive integer');
  if (!Number.isInteger(opts.seed)) throw new Error('--seed must be an integer');
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let opts;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`generate-corpus: ${e.message}\n`);
    process.exit(2);
  }
  const r = ensureCorpus(opts);
  process.stdout.write(
    `${r.written ? 'wrote' : 'kept'} ${r.files} docs, ${(r.bytes / 1e6).toFixed(2)} MB (mean ${(r.bytes / r.files / 1000).toFixed(1)} KB) in ${path.relative(process.cwd(), r.out) || '.'}; seed ${r.seed}; sha256 ${r.sha256}\n`,
  );
}
