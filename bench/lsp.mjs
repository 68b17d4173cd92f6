#!/usr/bin/env node
// `npm run bench:lsp`: the language server as an editor drives it, against markdownlint's
// lint of the same text in the same run (issue 6). See bench/README.md.
//
//   node bench/lsp.mjs [--runs 3] [--edits 200] [--docs 500] [--json FILE] [--profile DIR]
//
// Phases, each on a private copy of dist/server.js started as `node server.js --stdio`:
//   edits        open a generated 6,600-line (~650 KB) design doc, then type single-character
//                edits one at a time (incremental didChange, debounceMs 0) and time each from
//                sending the change to the publishDiagnostics for that exact version; the final
//                diagnostics must equal those of a fresh server opening the final text
//   markdownlint markdownlint's sync lint (default rules) of the final text, in this process
//   cold start   spawn to the first publishDiagnostics of a 200-line doc, a fresh server each run
//   memory       one server, 500 distinct ~200-line docs open; its RSS from /proc/<pid>/status
// Targets: p99 edit <= 30 ms, cold start <= 300 ms (median), RSS with 500 docs <= 150 MB.
// Exits 0 when a target is missed (benchmarks report, tests assert) and 1 when the server
// misbehaves: crash, timeout (10 s per edit), stale or wrong diagnostics, an error it logs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint as markdownlintSync } from 'markdownlint/sync';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import {
  benchTempDir,
  ensureBuild,
  failer,
  hardWrap,
  log,
  machine,
  machineLine,
  median,
  parseOptions,
  printTable,
  readVersion,
  REPO,
  Rng,
  sha256,
  writeJson,
} from './lib.mjs';

const SERVER = path.join(REPO, 'dist', 'server.js');
const TARGETS = { p99EditMs: 30, coldStartMs: 300, rssMB: 150 };
/** What the server is told through workspace/configuration: lint at once, every Markdown file. */
const SETTINGS = Object.freeze({ debounceMs: 0, designDocs: 'all' });
const SEED = 20260606;
const BIG_LINES = 6600;
const SMALL_LINES = 200;
const EDIT_TIMEOUT_MS = 10_000;
const OPEN_TIMEOUT_MS = 60_000;

const PHASES = ['edits', 'markdownlint', 'cold', 'memory'];

const HELP = `Usage: node bench/lsp.mjs [options]

Drives dist/server.js over stdio like an editor: edit-to-diagnostics latency while typing in a
6,600-line design doc, next to markdownlint's lint of the same text; cold start to the first
diagnostics of a 200-line doc; server RSS with 500 open docs.

Options:
  --runs N       cold starts and markdownlint lints to time (default 3); median and min reported
  --edits N      single-character edits to type (default 200)
  --docs N       docs open at once for the memory figure (default 500)
  --phases LIST  run only these phases, comma-separated: edits, markdownlint, cold, memory
                 (default all; markdownlint lints the unedited big doc when edits do not run)
  --json FILE    also write the figures as JSON
  --write-doc F  write the generated big doc to F and exit (for profiling the core on it)
  --profile DIR  run the edit-phase server under node --cpu-prof --cpu-prof-dir=DIR and print
                 its self time during the edits, mapped through dist/server.js.map
  -h, --help     show this help
`;

const OPTIONS = {
  '--runs': ['runs', 'int'],
  '--edits': ['edits', 'int'],
  '--docs': ['docs', 'int'],
  '--phases': ['phases', 'list', PHASES],
  '--json': ['json', 'path'],
  '--profile': ['profile', 'path'],
  '--write-doc': ['writeDoc', 'path'],
};
const fail = failer('bench:lsp');

// ---- build ------------------------------------------------------------------------------

/** Copies dist/server.js and its source map into dir, retrying if a build lands in between. */
function copyServer(dir) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = fs.statSync(SERVER).mtimeMs;
    fs.copyFileSync(SERVER, path.join(dir, 'server.js'));
    const hasMap = fs.existsSync(`${SERVER}.map`);
    if (hasMap) fs.copyFileSync(`${SERVER}.map`, path.join(dir, 'server.js.map'));
    const after = fs.statSync(SERVER).mtimeMs;
    const mapTime = hasMap ? fs.statSync(`${SERVER}.map`).mtimeMs : before;
    // esbuild writes the bundle, then its map: both must come from the same build.
    if (before === after && Math.abs(mapTime - before) < 2000)
      return { js: path.join(dir, 'server.js'), map: hasMap ? path.join(dir, 'server.js.map') : undefined, built: new Date(before) };
    sleepSync(500);
  }
  fail('dist/server.js kept changing while it was copied (a build running?)');
}

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

// ---- the documents ----------------------------------------------------------------------

const SYSTEMS = [
  'real-time fraud scoring',
  'marketplace search ranking',
  'delivery ETA prediction',
  'churn prediction',
  'ad click-through prediction',
  'support ticket routing',
  'home feed ranking',
  'demand forecasting',
  'invoice OCR',
  'credit risk scoring',
];
const NOUNS = [
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
  'on-call rotation',
  'data contract',
  'backfill',
  'retraining job',
  'model registry',
  'experiment',
  'ranking',
  'calibration curve',
  'confusion matrix',
  'drift monitor',
  'feature',
  'vector index',
  'GPU pool',
  'label queue',
  'review tool',
  'scoring service',
];
const VERBS = [
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
  'versions',
  'backfills',
];
const ADJS = [
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
  'delayed',
];
const TEAMS = [
  'data platform',
  'customer success',
  'finance',
  'privacy',
  'SRE',
  'product analytics',
  'trust and safety',
  'legal',
  'risk operations',
  'ML infrastructure',
];
const METRICS = [
  'precision@200',
  'recall',
  'AUC',
  'NDCG@10',
  'MAPE',
  'log loss',
  'false positive rate',
  'coverage',
  'CTR',
  'chargeback rate',
];
const TOOLS = [
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
  'Flink',
  'Ray',
];

/** Chapters of the big doc: [H2 title, H3 subsections (a '>' prefix makes it an H4)]. The H2s
 * carry the required sections under the names teams use; the rest is what real docs add. */
const CHAPTERS = [
  ['Overview', ['Background', 'Scope', 'Non-goals', 'Glossary']],
  ['Goals', ['Business objective', 'Success metrics', 'Stakeholders', 'Constraints', 'Guardrail metrics']],
  [
    'Training data',
    [
      'Data sources',
      '>Transaction events',
      '>Merchant profiles',
      '>Chargeback labels',
      'Labelling',
      'Feature engineering',
      '>Real-time features',
      '>Batch features',
      'Data quality',
      'Data versioning and lineage',
      'Privacy and retention',
    ],
  ],
  [
    'Model',
    [
      'Baselines',
      'Architecture',
      'Training pipeline',
      'Hyperparameters',
      'Offline evaluation',
      '>Evaluation protocol',
      '>Results',
      'Error analysis',
      'Fairness review',
    ],
  ],
  [
    'Serving',
    ['Inference service', 'Latency budget', 'Capacity planning', 'Caching', 'Rollout', '>Shadow mode', '>Canary', 'Rollback', 'Cost'],
  ],
  [
    'Monitoring',
    [
      'Service metrics',
      'Model metrics',
      'Drift detection',
      '>Feature drift',
      '>Prediction drift',
      'Alerting',
      'Dashboards',
      'Feedback loop',
      'Incident response',
    ],
  ],
  ['Retraining', ['Cadence and triggers', 'Model versioning', 'Promotion criteria', 'Continual learning', 'Rollback of a bad model']],
  ['Security', ['Threat model', 'Access control']],
  ['Risks', ['Data risks', 'Model risks', 'Operational risks']],
  ['Alternatives considered', ['Rules engine only', 'Vendor scoring API', 'Graph model']],
  ['Timeline and milestones', ['Phase 1', 'Phase 2', 'Phase 3']],
  ['Open questions', []],
];
/** Filler chapters after the main ones, each with numbered subsections, until the size is reached. */
const APPENDICES = ['Appendix A: experiment log', 'Appendix B: feature catalogue', 'Appendix C: review notes', 'Appendix D: runbooks'];

const article = (word) => `${/^[aeiou]/.test(word) ? 'An' : 'A'} ${word}`;

/** Sentences with real-doc habits: inline code, emphasis, links, numbers, some latencies. */
function sentence(rng) {
  const n = () => {
    const w = rng.pick(NOUNS);
    const r = rng.next();
    if (r < 0.06) return `**${w}**`;
    if (r < 0.1) return `_${w}_`;
    if (r < 0.15) return `\`${w.replace(/ /g, '_')}\``;
    return w;
  };
  switch (rng.int(0, 15)) {
    case 0:
      return `The ${rng.pick(ADJS)} ${n()} ${rng.pick(VERBS)} the ${n()} before the ${n()} reads it, so a late ${n()} never blocks the ${n()}.`;
    case 1:
      return `We keep ${rng.pick(METRICS)} above ${rng.int(50, 99)}.${rng.int(0, 9)} % on the ${rng.pick(ADJS)} ${n()}, measured weekly on a holdout of ${rng.int(2, 90)}k cases.`;
    case 2:
      return `The ${rng.pick(TEAMS)} team owns the ${n()} and reviews it every ${rng.pick(['week', 'sprint', 'quarter', 'month'])} with the ${rng.pick(TEAMS)} team.`;
    case 3:
      return `${article(rng.pick(ADJS))} ${n()} in ${rng.pick(TOOLS)} ${rng.pick(VERBS)} about ${rng.int(2, 900)}k rows an hour — roughly ${rng.int(1, 60)} GB a day after compression.`;
    case 4:
      return `If the ${n()} is ${rng.pick(ADJS)}, the ${n()} ${rng.pick(VERBS)} the last good ${n()} instead and pages nobody.`;
    case 5:
      return `See [the ${rng.pick(NOUNS)} runbook](https://wiki.example.com/runbooks/${rng.int(1, 400)}) for the ${rng.pick(ADJS)} case.`;
    case 6:
      return `The p99 latency of the ${n()} must stay under ${rng.int(20, 400)} ms at ${rng.int(1, 50)}k requests per second, with p50 under ${rng.int(5, 19)} ms.`;
    case 7:
      return `Open question: should the ${n()} be ${rng.pick(ADJS)} or ${rng.pick(ADJS)}, given that the ${n()} is shared with ${rng.pick(TEAMS)}?`;
    case 8:
      return `The ${n()} ${rng.pick(VERBS)} each ${n()}, and the ${n()} ${rng.pick(VERBS)} what is left after deduplication.`;
    case 9:
      return `This ${rng.pick(ADJS)} ${n()} costs about $${rng.int(1, 90)},${rng.int(100, 999)} a month on ${rng.pick(TOOLS)}, most of it storage.`;
    case 10:
      return rng.chance(0.15)
        ? `Average latency of the ${n()} is about ${rng.int(8, 120)} ms today.`
        : `The ${n()} answers in ${rng.int(8, 120)} ms at p95 and ${rng.int(121, 400)} ms at p99.9 today.`;
    case 11:
      return `In the ${rng.int(2019, 2025)} review the ${n()} was ${rng.pick(ADJS)} for ${rng.int(2, 30)} days before anyone noticed, which is why the ${n()} now ${rng.pick(VERBS)} it.`;
    case 12:
      return `Each ${n()} carries a version, the ${rng.pick(TOOLS)} run id and the commit of the code that produced it.`;
    case 13:
      return `We compare the ${rng.pick(ADJS)} ${n()} against the ${n()} with a two-sided test at α = 0.05 and a minimum detectable effect of ${rng.int(1, 9)}.${rng.int(0, 9)} %.`;
    case 14:
      return `The résumé of this section: the ${n()} is ${rng.pick(ADJS)}, the ${n()} is ${rng.pick(ADJS)}, and the ${n()} needs an owner.`;
    default:
      return `Requests from the ${rng.pick(['EU', 'US', 'APAC'])} region go to the ${rng.pick(ADJS)} ${n()} in ${rng.pick(TOOLS)}, ≤ ${rng.int(2, 9)} hops from the edge.`;
  }
}

function paragraph(rng, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(rng));
  // Most paragraphs are one long line (soft wrap), the rest hard-wrapped at ~100 columns.
  if (rng.chance(0.6)) return out.join(' ');
  return hardWrap(out.join(' '), 100);
}

function item(rng) {
  const s = sentence(rng);
  return rng.chance(0.5) ? s.replace(/\.$/, '').split(/, /)[0] : s;
}

function list(rng, size) {
  const ordered = rng.chance(0.3);
  const marker = rng.pick(['-', '*']);
  const lines = [];
  for (let i = 1, n = rng.int(3, 4 + 4 * size); i <= n; i++) {
    const task = !ordered && rng.chance(0.1) ? `[${rng.chance(0.5) ? 'x' : ' '}] ` : '';
    lines.push(`${ordered ? `${i}.` : marker} ${task}${item(rng)}`);
    if (rng.chance(0.25)) {
      const indent = ordered ? '   ' : '  ';
      for (let j = rng.int(1, 3); j > 0; j--) {
        lines.push(`${indent}- ${item(rng)}`);
        if (rng.chance(0.2)) lines.push(`${indent}  - ${item(rng)}`);
      }
    }
  }
  return lines.join('\n');
}

function table(rng, size) {
  const cols = rng.int(3, 6);
  const head = ['Name', 'Owner', 'Source', 'Freshness', 'Metric', 'Threshold', 'Notes'].slice(0, cols);
  const rows = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  for (let r = rng.int(3, 3 + 5 * size); r > 0; r--) {
    const cells = head.map((h, i) => {
      if (i === 0) return `\`${rng.pick(NOUNS).replace(/ /g, '_')}_${rng.int(1, 99)}\``;
      if (h === 'Owner') return rng.pick(TEAMS);
      if (h === 'Source') return rng.pick(TOOLS);
      if (h === 'Freshness') return rng.pick(['5 min', '1 h', 'daily', 'weekly', 'real time']);
      if (h === 'Threshold') return `${rng.int(1, 99)} %`;
      return item(rng).slice(0, 90);
    });
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

function code(rng, size) {
  const lang = rng.pick(['yaml', 'python', 'sql', 'json', '']);
  const lines = [];
  for (let i = rng.int(4, 4 + 10 * size); i > 0; i--) {
    if (lang === 'python')
      lines.push(
        `${rng.chance(0.4) ? '    ' : ''}${rng.pick(['score', 'feats', 'df', 'model'])} = ${rng.pick(['load', 'fit', 'transform', 'join'])}(${rng.pick(NOUNS).replace(/ /g, '_')}, window="${rng.int(1, 30)}d")  # ${rng.pick(ADJS)}`,
      );
    else if (lang === 'sql')
      lines.push(
        `${rng.pick(['SELECT', '  AND', 'FROM', 'WHERE', 'GROUP BY', '  ,'])} ${rng.pick(NOUNS).replace(/ /g, '_')}_id${rng.chance(0.3) ? ` > ${rng.int(1, 999)}` : ''}`,
      );
    else if (lang === 'json') lines.push(`  "${rng.pick(NOUNS).replace(/ /g, '_')}": ${rng.int(0, 5000)},`);
    else lines.push(`${rng.chance(0.5) ? '  ' : ''}${rng.pick(NOUNS).replace(/ /g, '_')}: ${rng.pick(ADJS)}  # ${rng.int(1, 99)}`);
  }
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}

function comment(rng) {
  if (rng.chance(0.7)) return `<!-- reviewer (${rng.pick(TEAMS)}): ${item(rng).replace(/--/g, '-')} -->`;
  return `<!--\nReview notes, ${rng.int(1, 28)} ${rng.pick(['March', 'April', 'May'])}:\n${item(rng).replace(/--/g, '-')}\n${item(rng).replace(/--/g, '-')}\n-->`;
}

/** One section's blocks. `big` sections (the 6,600-line doc) run to ~80 lines; small ones to ~20. */
function sectionBody(rng, big) {
  const blocks = [];
  if (rng.chance(0.04)) return [rng.pick(['TODO', 'TBD', 'TODO: fill in after the design review.'])];
  const size = big ? 1 : 0.3;
  for (let i = big ? rng.int(5, 10) : rng.int(1, 2); i > 0; i--) {
    blocks.push(paragraph(rng, rng.int(3, big ? 9 : 5)));
    const r = rng.next();
    if (r < 0.3) blocks.push(list(rng, size));
    else if (r < 0.45) blocks.push(table(rng, size));
    else if (r < 0.55) blocks.push(code(rng, size));
    else if (r < 0.6) blocks.push(comment(rng));
    else if (r < 0.64) blocks.push(`> **Note.** ${sentence(rng)} ${sentence(rng)}`);
    if (rng.chance(0.03)) blocks.push(`TODO: ${item(rng).replace(/\.$/, '')} (owner: ${rng.pick(TEAMS)}).`);
  }
  return blocks;
}

const lineCount = (s) => s.split('\n').length;

/** A design doc of about `lines` lines: front matter (big doc), an H1, chapters at depth 2 with
 * subsections at 3 and 4, then appendices with numbered subsections until the length is reached. */
function generateDoc(seed, lines, size) {
  const rng = new Rng(seed);
  const system = rng.pick(SYSTEMS);
  const parts = [];
  let count = 0;
  const add = (block) => {
    parts.push(block);
    count += lineCount(block) + 1;
  };
  if (size >= 1) add(`---\ntitle: ${system} design\nstatus: draft\nowners: [${rng.pick(TEAMS)}, ${rng.pick(TEAMS)}]\n---`);
  add(`# ${system[0].toUpperCase()}${system.slice(1)}: ML system design`);
  add(paragraph(rng, 4));
  const heading = (depth, title) => add(`${'#'.repeat(depth)} ${title}`);
  const body = () => sectionBody(rng, size >= 1).forEach(add);
  // Small docs take one subsection per chapter at most, so ~200 lines still cover the chapters.
  for (const [chapter, subs] of CHAPTERS) {
    if (count >= lines) break;
    heading(2, chapter);
    body();
    const keep = size >= 1 ? subs : subs.filter(() => rng.chance(0.15));
    for (const sub of keep) {
      if (count >= lines) break;
      heading(sub.startsWith('>') ? 4 : 3, sub.replace(/^>/, ''));
      body();
    }
  }
  for (let a = 0, n = 1; count < lines; a++) {
    heading(2, APPENDICES[a % APPENDICES.length] + (a >= APPENDICES.length ? ` (part ${Math.floor(a / APPENDICES.length) + 1})` : ''));
    for (let i = 0; i < 6 && count < lines; i++, n++) {
      heading(3, `${n}. ${rng.pick(['Experiment', 'Feature', 'Review', 'Runbook'])}: ${rng.pick(ADJS)} ${rng.pick(NOUNS)}`);
      body();
    }
  }
  return parts.join('\n\n') + '\n';
}

// ---- the editor's side: typing --------------------------------------------------------------

const LETTERS = 'etaoinshrdlucmfwypvbgk  ';
const PHRASES = [
  ' The feature store keeps 90 days of history.',
  ' Average latency is 45 ms under load.',
  ' TODO: confirm the retention period with legal.',
  ' We retrain weekly, or earlier when PSI on the top features exceeds 0.2.',
  ' The p99 latency target is 80 ms.',
  ' Owners: risk operations and ML infrastructure.',
  ' This also covers the backfill after an outage.',
  ' Precision must stay above 92 % at a recall of 60 %.',
  ' Alerts go to the on-call rotation through PagerDuty.',
  ' See the runbook for the rollback steps.',
];
const HEADING_PHRASES = [' and alerting', ' (draft)', ' plan', ' v2', ' details'];

/** Lines that end a prose paragraph (outside code), where a person adds a sentence. */
function paragraphEnds(text) {
  const lines = text.split('\n');
  const ends = [];
  let fence = false;
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^ {0,3}(```|~~~)/.test(l)) fence = !fence;
    else if (!fence && /^[A-Z][^|]*[.?)]$/.test(l) && !/^(TODO|TBD)/.test(l) && (lines[i + 1] ?? '') === '') ends.push(offset + l.length);
    offset += l.length + 1;
  }
  return ends;
}

function headingEnds(text) {
  const ends = [];
  const re = /^#{2,4} [^\n]+$/gm;
  for (let m; (m = re.exec(text));) ends.push(m.index + m[0].length);
  return ends;
}

/** A random place inside the words of a line (never in a fence, list or table marker, never
 * between the dashes of a comment): a typo fixed in passing. */
function randomSpot(rng, text) {
  for (;;) {
    const off = rng.int(0, text.length - 1);
    const start = text.lastIndexOf('\n', off - 1) + 1;
    const end = (text.indexOf('\n', off) + 1 || text.length + 1) - 1;
    const line = text.slice(start, end);
    if (/^ {0,3}(```|~~~)/.test(line)) continue;
    const first = line.search(/[A-Za-z]/);
    if (first < 0) continue;
    let last = first;
    for (let i = line.length - 1; i >= first; i--) {
      if (/[A-Za-z]/.test(line[i])) {
        last = i;
        break;
      }
    }
    return start + rng.int(first, last + 1);
  }
}

/** The keystrokes, planned on the evolving text: [offset, character, text after, kind]. Runs of
 * typos at random places (about a third of the edits), sentences typed at the end of a
 * paragraph (some after Enter Enter, as a new paragraph), and words added to a heading. */
function* keystrokes(seed, initialText, count) {
  const rng = new Rng(seed);
  let text = initialText;
  let done = 0;
  const type = function* (kind, offset, s) {
    for (const ch of s) {
      if (done >= count) return;
      text = text.slice(0, offset) + ch + text.slice(offset);
      done++;
      yield [offset, ch, text, kind];
      offset += ch.length;
    }
  };
  while (done < count) {
    const r = rng.next();
    if (r < 0.5) {
      // A run of typos fixed here and there while reading the doc.
      for (let i = rng.int(8, 20); i > 0; i--) yield* type('typo', randomSpot(rng, text), rng.pick([...LETTERS]));
    } else if (r < 0.88) {
      const at = rng.pick(paragraphEnds(text));
      if (rng.chance(0.4)) yield* type('new paragraph', at, '\n\n' + rng.pick(PHRASES).trimStart());
      else yield* type('paragraph end', at, rng.pick(PHRASES));
    } else yield* type('heading', rng.pick(headingEnds(text)), rng.pick(HEADING_PHRASES));
  }
}

function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

// ---- a server over stdio ----------------------------------------------------------------

const now = () => Number(process.hrtime.bigint()) / 1e6;

class Server {
  constructor(label, child, connection, spawnedAt) {
    this.label = label;
    this.child = child;
    this.connection = connection;
    this.spawnedAt = spawnedAt;
    /** Latest publishDiagnostics per uri, with its arrival time. */
    this.published = new Map();
    this.waiters = new Map();
    this.errors = [];
    this.stderr = '';
    this.exited = undefined;
    this.unexpected = 0;
  }

  /** Spawns `node [nodeArgs] server.js --stdio` and sends initialize and initialized at once. */
  static async start({ label, serverJs, workspace, nodeArgs = [] }) {
    const spawnedAt = now();
    const child = spawn(process.execPath, [...nodeArgs, serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const server = new Server(label, child, connection, spawnedAt);
    child.stderr.on('data', (d) => (server.stderr += d).length > 20000 && (server.stderr = server.stderr.slice(-10000)));
    child.on('exit', (code, signal) => {
      server.exited = { code, signal };
      for (const w of server.waiters.values())
        w.reject(
          new Error(
            `${label}: the server exited (${signal ?? `code ${code}`}) while we waited for diagnostics${server.stderr ? `; stderr:\n${server.stderr.slice(-4000)}` : ''}`,
          ),
        );
      server.waiters.clear();
    });
    connection.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = now();
      const prev = server.published.get(p.uri);
      if (prev && p.version !== undefined && prev.params.version !== undefined && p.version < prev.params.version) server.unexpected++;
      server.published.set(p.uri, { params: p, at });
      const key = `${p.uri}\n${p.version}`;
      const w = server.waiters.get(key);
      if (w) {
        server.waiters.delete(key);
        w.resolve({ params: p, at });
      }
    });
    connection.onNotification('mldesign/coverage', () => {});
    connection.onNotification('window/logMessage', (p) => {
      if (p.type === 1) server.errors.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p) => p.items.map((i) => (i.section === 'mldesign' ? SETTINGS : {})));
    connection.onRequest('client/registerCapability', () => null);
    connection.onError(([e]) => server.errors.push(`connection error: ${e?.message ?? e}`));
    connection.listen();
    const root = pathToFileURL(workspace).toString();
    const answered = connection
      .sendRequest('initialize', {
        processId: process.pid,
        rootUri: root,
        workspaceFolders: [{ uri: root, name: 'bench' }],
        capabilities: {
          workspace: {
            configuration: true,
            workspaceFolders: true,
            didChangeConfiguration: { dynamicRegistration: true },
            workspaceEdit: { documentChanges: true },
          },
          textDocument: {
            synchronization: { didSave: true, dynamicRegistration: false },
            publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } }, dataSupport: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true } },
          },
        },
      })
      .then((r) => {
        server.initializedAt = now();
        void connection.sendNotification('initialized', {});
        return r;
      });
    // A server that dies or stalls before answering initialize must not hang the benchmark.
    let timer;
    server.initialized = Promise.race([
      answered,
      new Promise((_, reject) => {
        child.once('exit', (code, signal) =>
          reject(
            new Error(
              `${label}: the server exited (${signal ?? `code ${code}`}) before answering initialize${server.stderr ? `; stderr:\n${server.stderr.slice(-4000)}` : ''}`,
            ),
          ),
        );
        timer = setTimeout(() => reject(new Error(`${label}: no answer to initialize after ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
      }),
    ]).finally(() => clearTimeout(timer));
    server.initialized.catch(() => {}); // awaited by each phase; never an unhandled rejection
    answered.catch(() => {});
    return server;
  }

  open(uri, text) {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  }

  /** Resolves with the publishDiagnostics of exactly this version of the document. */
  diagnostics(uri, version, timeoutMs) {
    const have = this.published.get(uri);
    if (have && have.params.version === version) return Promise.resolve(have);
    if (this.exited)
      return Promise.reject(new Error(`${this.label}: the server has exited (${this.exited.signal ?? `code ${this.exited.code}`})`));
    return new Promise((resolve, reject) => {
      const key = `${uri}\n${version}`;
      const timer = setTimeout(() => {
        this.waiters.delete(key);
        reject(
          new Error(
            `${this.label}: no diagnostics for ${uri} version ${version} after ${timeoutMs / 1000} s${this.stderr ? `; stderr:\n${this.stderr.slice(-4000)}` : ''}`,
          ),
        );
      }, timeoutMs);
      this.waiters.set(key, {
        resolve: (v) => (clearTimeout(timer), resolve(v)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  /** VmRSS and VmHWM of the server process, in MB (Linux). */
  memory() {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
      return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
    } catch {
      return { rssMB: NaN, hwmMB: NaN };
    }
  }

  /** LSP shutdown and exit (so a --cpu-prof profile gets written); a kill if that hangs. */
  async stop() {
    if (!this.exited) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), delay(5000)]);
        await this.connection.sendNotification('exit');
      } catch {
        // the kill below
      }
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
  }

  /** Throws if the server logged an error or published out of order. */
  check() {
    if (this.errors.length) throw new Error(`${this.label}: the server logged errors:\n${this.errors.slice(0, 5).join('\n')}`);
    if (this.unexpected) throw new Error(`${this.label}: ${this.unexpected} diagnostics published for an older version after a newer one`);
  }
}

const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** A diagnostic reduced to what a user sees: code, severity, message and range. */
const diagKey = (d) =>
  JSON.stringify([d.code, d.severity, d.message, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);

function sameDiagnostics(a, b) {
  const ka = a.map(diagKey).sort();
  const kb = b.map(diagKey).sort();
  const onlyA = ka.filter((k) => !kb.includes(k));
  const onlyB = kb.filter((k) => !ka.includes(k));
  return { same: onlyA.length === 0 && onlyB.length === 0 && ka.length === kb.length, onlyA, onlyB };
}

// ---- statistics ---------------------------------------------------------------------------

/** Nearest-rank percentile: the smallest sample with at least p % of the samples at or below it. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
};

// ---- phases -------------------------------------------------------------------------------

async function editPhase({ serverJs, workspace, bigDoc, edits, profileDir, tmp }) {
  const uri = pathToFileURL(path.join(workspace, 'docs', 'big-design.md')).toString();
  const nodeArgs = [...gcProbeArgs(tmp), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const server = await Server.start({ label: 'edit server', serverJs, workspace, nodeArgs });
  const result = {};
  try {
    await server.initialized;
    const t0 = now();
    server.open(uri, bigDoc);
    const first = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
    result.openMs = first.at - t0;
    result.openDiagnostics = first.params.diagnostics.length;
    log(
      `  didOpen of the big doc to its first diagnostics: ${result.openMs.toFixed(0)} ms (${result.openDiagnostics} diagnostics; a full analysis, cold JIT)`,
    );
    // What the server holds for the doc, before and after the edits: a leak shows as growth.
    result.heapAfterOpenMB = ((await heapAfterGc(server))?.heapUsed ?? NaN) / 2 ** 20;

    const samples = [];
    let version = 1;
    let text = bigDoc;
    let last = first;
    const windowStart = now();
    const byKind = {};
    for (const [offset, ch, after, kind] of keystrokes(SEED + 1, bigDoc, edits)) {
      const pos = positionAt(text, offset);
      version++;
      const change = { range: { start: pos, end: pos }, text: ch };
      const sent = now();
      server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
      last = await server.diagnostics(uri, version, EDIT_TIMEOUT_MS);
      samples.push(last.at - sent);
      (byKind[kind] ??= []).push(last.at - sent);
      text = after;
      if (samples.length % 50 === 0 || samples.length === edits) {
        log(
          `  ${String(samples.length).padStart(4)}/${edits} edits  p50 ${percentile(samples, 50).toFixed(1)} ms  max so far ${Math.max(...samples).toFixed(1)} ms  (${last.params.diagnostics.length} diagnostics)`,
        );
      }
    }
    const windowEnd = now();
    result.heapAfterEditsMB = ((await heapAfterGc(server))?.heapUsed ?? NaN) / 2 ** 20;
    log(
      `  JS heap used after a full GC: ${result.heapAfterOpenMB.toFixed(1)} MB after opening, ${result.heapAfterEditsMB.toFixed(1)} MB after the edits`,
    );
    server.check();
    result.byKind = Object.fromEntries(
      Object.entries(byKind).map(([k, xs]) => [k, { edits: xs.length, p50: percentile(xs, 50), max: Math.max(...xs) }]),
    );
    log(
      `  by kind: ${Object.entries(result.byKind)
        .map(([k, v]) => `${k} ${v.edits} (p50 ${v.p50.toFixed(1)} ms, max ${v.max.toFixed(1)} ms)`)
        .join('; ')}`,
    );
    Object.assign(result, {
      edits: samples.length,
      samplesMs: samples.map((x) => Math.round(x * 1000) / 1000),
      p50: percentile(samples, 50),
      p90: percentile(samples, 90),
      p99: percentile(samples, 99),
      max: Math.max(...samples),
      mean: samples.reduce((a, b) => a + b, 0) / samples.length,
      lastDiagnostics: last.params.diagnostics.length,
      lastPublishKB: Buffer.byteLength(JSON.stringify(last.params)) / 1024,
      finalText: text,
      finalDiagnostics: last.params.diagnostics,
      window: { startUs: windowStart * 1000, endUs: windowEnd * 1000 },
    });
  } finally {
    await server.stop();
  }
  return result;
}

/** A fresh server opening the final text: what the edited server should have published. */
async function freshCheck({ serverJs, workspace, finalText, finalDiagnostics }) {
  const uri = pathToFileURL(path.join(workspace, 'docs', 'big-design.md')).toString();
  const server = await Server.start({ label: 'fresh server', serverJs, workspace });
  try {
    await server.initialized;
    server.open(uri, finalText);
    const fresh = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
    server.check();
    return { fresh: fresh.params.diagnostics.length, ...sameDiagnostics(finalDiagnostics, fresh.params.diagnostics) };
  } finally {
    await server.stop();
  }
}

function markdownlintPhase(text, runs) {
  const lintOnce = () => {
    const t0 = now();
    const result = markdownlintSync({ strings: { 'big-design.md': text } });
    return { ms: now() - t0, errors: result['big-design.md'].length };
  };
  lintOnce(); // untimed: the extension host that runs vscode-markdownlint is warm too
  const samples = [];
  let errors;
  for (let i = 1; i <= runs; i++) {
    const s = lintOnce();
    samples.push(s.ms);
    errors = s.errors;
    log(`  run ${i}/${runs}  markdownlint lint ${s.ms.toFixed(0)} ms  (${s.errors} errors)`);
  }
  return { runsMs: samples, median: median(samples), min: Math.min(...samples), errors };
}

async function coldPhase({ serverJs, workspace, doc, runs }) {
  const uri = pathToFileURL(path.join(workspace, 'docs', 'cold-design.md')).toString();
  const samples = [];
  const inits = [];
  let diagnostics;
  // For scale: what starting node itself costs here.
  const nodeOnly = [];
  for (let i = 1; i <= runs; i++) {
    const t0 = now();
    spawnSync(process.execPath, ['-e', '0']);
    nodeOnly.push(now() - t0);
    const server = await Server.start({ label: `cold server ${i}`, serverJs, workspace });
    try {
      // As an editor does: didOpen right after initialized, once initialize has been answered.
      await server.initialized;
      server.open(uri, doc);
      const first = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
      server.check();
      samples.push(first.at - server.spawnedAt);
      inits.push(server.initializedAt - server.spawnedAt);
      diagnostics = first.params.diagnostics.length;
      log(
        `  run ${i}/${runs}  spawn to first diagnostics ${samples.at(-1).toFixed(0)} ms  (initialize answered at ${inits.at(-1).toFixed(0)} ms; ${diagnostics} diagnostics)`,
      );
    } finally {
      await server.stop();
    }
  }
  return {
    runsMs: samples,
    median: median(samples),
    min: Math.min(...samples),
    initializeMedian: median(inits),
    nodeStartMedian: median(nodeOnly),
    diagnostics,
  };
}

/** Preloaded into the memory server: on SIGUSR2, a full GC and the heap figures on stderr. It
 * only adds a signal handler, so the RSS read before it is the server's own. */
const GC_PROBE = `process.on('SIGUSR2', () => { globalThis.gc(); process.stderr.write('\\nBENCH-GC ' + JSON.stringify(process.memoryUsage()) + '\\n'); });\n`;

/** Node arguments that load the GC probe (written to `tmp`). */
function gcProbeArgs(tmp) {
  const probe = path.join(tmp, 'gc-probe.cjs');
  fs.writeFileSync(probe, GC_PROBE);
  return ['--expose-gc', '--require', probe];
}

/** Runs a full GC in the server and returns its `process.memoryUsage()` after it. */
async function heapAfterGc(server) {
  const before = server.stderr.length;
  process.kill(server.child.pid, 'SIGUSR2');
  let heap;
  for (let i = 0; i < 100 && !heap; i++) {
    await delay(50);
    heap = /BENCH-GC (\{.*\})/.exec(server.stderr.slice(before))?.[1];
  }
  server.stderr = server.stderr.slice(0, before);
  return heap ? JSON.parse(heap) : undefined;
}

async function memoryPhase({ serverJs, workspace, docs, tmp }) {
  const server = await Server.start({ label: 'memory server', serverJs, workspace, nodeArgs: gcProbeArgs(tmp) });
  try {
    await server.initialized;
    const base = server.memory();
    const uris = docs.map((_, i) =>
      pathToFileURL(
        path.join(workspace, 'docs', `team-${String(i % 25).padStart(2, '0')}`, `design-${String(i).padStart(3, '0')}.md`),
      ).toString(),
    );
    const t0 = now();
    docs.forEach((d, i) => server.open(uris[i], d));
    let diagnostics = 0;
    for (const uri of uris) diagnostics += (await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS * 2)).params.diagnostics.length;
    const allMs = now() - t0;
    const loaded = server.memory();
    await delay(1000);
    const settled = server.memory();
    // Then a full GC: what is garbage, what the open documents really hold.
    const usage = await heapAfterGc(server);
    const afterGc = server.memory();
    server.check();
    const mb = (x) => `${x.toFixed(0)} MB`;
    log(`  ${docs.length} docs open and linted in ${(allMs / 1000).toFixed(1)} s (${diagnostics} diagnostics)`);
    log(
      `  RSS ${mb(base.rssMB)} before the docs, ${mb(loaded.rssMB)} when all had diagnostics, ${mb(settled.rssMB)} 1 s later (peak ${mb(settled.hwmMB)})`,
    );
    if (usage)
      log(
        `  after a full GC: RSS ${mb(afterGc.rssMB)}, JS heap used ${mb(usage.heapUsed / 2 ** 20)} of ${mb(usage.heapTotal / 2 ** 20)}, external ${mb(usage.external / 2 ** 20)}`,
      );
    return {
      docs: docs.length,
      allMs,
      diagnostics,
      baseRssMB: base.rssMB,
      rssMB: loaded.rssMB,
      settledRssMB: settled.rssMB,
      peakRssMB: settled.hwmMB,
      ...(usage
        ? {
            afterGc: {
              rssMB: afterGc.rssMB,
              heapUsedMB: usage.heapUsed / 2 ** 20,
              heapTotalMB: usage.heapTotal / 2 ** 20,
              externalMB: usage.external / 2 ** 20,
            },
          }
        : {}),
    };
  } finally {
    await server.stop();
  }
}

// ---- CPU profile, mapped through the source map -------------------------------------------

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes a v3 source map into per-generated-line arrays of [col, source, line, col, name]. */
function decodeMap(map) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  let name = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const v = [];
        let value = 0;
        let shift = 0;
        for (const c of seg) {
          const d = B64[c];
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            v.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        col += v[0];
        if (v.length >= 4) {
          src += v[1];
          srcLine += v[2];
          srcCol += v[3];
          if (v.length >= 5) name += v[4];
          segs.push([col, src, srcLine, srcCol, v.length >= 5 ? name : -1]);
        }
      }
    }
    lines.push(segs);
  }
  return lines;
}

function lookup(decoded, line, col) {
  for (let l = line; l >= 0; l--) {
    const segs = decoded[l] ?? [];
    let best;
    for (const s of segs) {
      if (l === line && s[0] > col) break;
      best = s;
    }
    if (best) return best;
  }
  return undefined;
}

/** Where a source file belongs: one of our files under server/src, or an npm package. */
function owner(source) {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const ours = source.indexOf('server/src/');
  return ours >= 0 ? source.slice(ours) : source.replace(/^(\.\.\/)+/, '');
}

/** Self time per file/package and per function, over the samples taken while the edits ran. */
function analyseProfile(profileFile, mapFile, window, edits) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const decoded = decodeMap(map);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample times are V8 TimeTicks (CLOCK_MONOTONIC, µs), the clock of process.hrtime here.
  let t = profile.startTime;
  const selfUs = new Map();
  let inWindow = 0;
  const useWindow = window && profile.startTime < window.endUs && profile.endTime > window.startUs;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (useWindow && (t < window.startUs || t > window.endUs)) continue;
    inWindow += dt;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map();
  /** Where a profile node's self time goes: { group, fn, mapped }. Regular expressions and
   * other builtins without a script go to the nearest caller in server.js, marked as such. */
  const frame = (id) => {
    let r = frames.get(id);
    if (r) return r;
    const f = nodes.get(id).callFrame;
    if (f.url.endsWith('/server.js')) {
      const seg = lookup(decoded, f.lineNumber, f.columnNumber);
      if (seg) {
        const source = map.sources[seg[1]];
        const group = owner(source);
        const original = map.sourcesContent?.[seg[1]]?.split('\n')[seg[2]] ?? '';
        const named =
          seg[4] >= 0
            ? map.names[seg[4]]
            : /(?:function\s*\*?\s*([\w$]+)|(?:const|let|var)\s+([\w$]+)\s*=|([\w$]+)\s*\()/.exec(original)?.slice(1).find(Boolean);
        const where = group.startsWith('npm: ') ? `${group.slice(5)}/${source.split('/').pop()}` : group.replace(/^server\/src\//, '');
        r = { group, fn: `${named ?? (f.functionName || '(anonymous)')}  ${where}:${seg[2] + 1}`, mapped: true };
      } else r = { group: 'server.js (unmapped)', fn: f.functionName || '(anonymous)', mapped: true };
    } else if (f.url) {
      r = {
        group: f.url.startsWith('node:') ? 'node: internals' : f.url,
        fn: `${f.functionName || '(anonymous)'}  ${f.url}:${f.lineNumber + 1}`,
      };
    } else if (/^\(.*\)$/.test(f.functionName)) {
      r = { group: f.functionName, fn: f.functionName }; // (garbage collector), (idle), (program), (root)
    } else {
      let caller;
      for (let p = parent.get(id); p !== undefined && !caller; p = parent.get(p)) if (frame(p).mapped) caller = frame(p);
      const name = (f.functionName || '(native)').replace(/\s+/g, ' ');
      r = caller
        ? { group: caller.group, fn: `${name.length > 40 ? `${name.slice(0, 37)}...` : name}  <- ${caller.fn}`, native: true }
        : { group: '(native)', fn: name };
    }
    frames.set(id, r);
    return r;
  };
  const byOwner = new Map();
  const byFunction = new Map();
  const add = (m, k, us) => m.set(k, (m.get(k) ?? 0) + us);
  let nativeUs = 0;
  // Inclusive time of our own functions (server/src): each counted once per sample's stack.
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const r = frame(id);
    add(byOwner, r.group, us);
    add(byFunction, r.fn, us);
    if (r.native) nativeUs += us;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = frame(n);
      if (f.mapped && f.group.startsWith('server/src/') && !f.native && !seen.has(f.fn)) {
        seen.add(f.fn);
        add(inclusive, f.fn, us);
      }
    }
  }
  const rows = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: us / 1000, perEditMs: us / 1000 / edits, share: inWindow ? us / inWindow : 0 }));
  return {
    file: profileFile,
    windowed: useWindow,
    totalMs: inWindow / 1000,
    nativeMs: nativeUs / 1000,
    edits,
    byOwner: rows(byOwner),
    byFunction: rows(byFunction).slice(0, 40),
    inclusive: rows(inclusive).slice(0, 40),
  };
}

function printProfile(p) {
  const busy = p.byOwner.filter((r) => r.name !== '(idle)').reduce((a, r) => a + r.ms, 0);
  const sum = (pred) => p.byOwner.filter((r) => pred(r.name)).reduce((a, r) => a + r.ms, 0);
  const kinds = [
    ['mldesign (server/src)', sum((n) => n.startsWith('server/src/'))],
    ['npm packages', sum((n) => n.startsWith('npm: '))],
    ['garbage collector', sum((n) => n === '(garbage collector)')],
    [
      'other (program, node internals, ...)',
      sum((n) => !n.startsWith('server/src/') && !n.startsWith('npm: ') && n !== '(garbage collector)' && n !== '(idle)'),
    ],
  ];
  const line = (name, ms, width) =>
    `${name.length > width ? `${name.slice(0, width - 3)}...` : name.padEnd(width)}  ${ms.toFixed(0).padStart(6)}  ${(ms / p.edits).toFixed(2).padStart(7)}  ${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
  log('');
  log(
    `CPU profile of the edit server ${p.windowed ? 'while the edits ran' : '(whole run: the edit window did not match the profile clock)'}: ${p.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy = ${(busy / p.edits).toFixed(2)} ms per edit (profiling slows it a little)`,
  );
  log(
    `self time; regular expressions and other builtins (${p.nativeMs.toFixed(0)} ms) are counted in the server.js function that called them`,
  );
  log('');
  log(`${'where'.padEnd(44)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`);
  for (const [name, ms] of kinds) log(line(name, ms, 44));
  log('');
  for (const r of p.byOwner.filter((r) => r.name !== '(idle)').slice(0, 20)) log(line(r.name, r.ms, 44));
  log('');
  log(`${'function (top 30)'.padEnd(96)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`);
  for (const r of p.byFunction.filter((r) => r.name !== '(idle)').slice(0, 30)) log(line(r.name, r.ms, 96));
  log('');
  log(
    `${'inclusive (total) time of mldesign functions, top 25'.padEnd(96)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`,
  );
  for (const r of p.inclusive.slice(0, 25)) log(line(r.name, r.ms, 96));
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), OPTIONS, { runs: 3, edits: 200, docs: 500, phases: PHASES }, HELP);
  } catch (e) {
    process.stderr.write(`bench:lsp: ${e.message}\n${HELP}`);
    process.exit(2);
  }
  const bigDoc = generateDoc(SEED, BIG_LINES, 1);
  if (opts.writeDoc) {
    fs.writeFileSync(opts.writeDoc, bigDoc);
    log(`wrote the big doc to ${opts.writeDoc}`);
    return;
  }
  const m = machine();
  log(machineLine(m));

  const rebuilt = ensureBuild(SERVER, fail);
  const tmp = benchTempDir('mldesign-bench-lsp-');
  // Time a private copy: others rebuild dist/ while this runs. dist/server.js is self-contained.
  const copy = copyServer(tmp);
  const serverHash = sha256(fs.readFileSync(copy.js)).slice(0, 16);
  const versions = {
    mldesign: JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version,
    markdownlint: readVersion('markdownlint'),
    vscodeLanguageserverProtocol: readVersion('vscode-languageserver-protocol'),
  };
  log(
    `versions: mldesign ${versions.mldesign}${rebuilt ? ' (just built)' : ''}, markdownlint ${versions.markdownlint}, vscode-languageserver-protocol ${versions.vscodeLanguageserverProtocol}`,
  );
  log(`testing a copy of dist/server.js (sha256 ${serverHash}, built ${copy.built.toISOString()})`);
  // An empty workspace folder: no .mldesign.yaml anywhere, the built-in preset applies.
  const workspace = path.join(tmp, 'ws');
  fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });

  const coldDoc = generateDoc(SEED + 2, SMALL_LINES, 0.3);
  const memDocs = Array.from({ length: opts.docs }, (_, i) => generateDoc(SEED + 1000 + i, SMALL_LINES, 0.3));
  const memLines = memDocs.map(lineCount);
  const docsInfo = {
    seed: SEED,
    big: {
      lines: lineCount(bigDoc),
      bytes: Buffer.byteLength(bigDoc),
      headings: (bigDoc.match(/^#{1,6} /gm) ?? []).length,
      sha256: sha256(bigDoc),
    },
    cold: { lines: lineCount(coldDoc), bytes: Buffer.byteLength(coldDoc), sha256: sha256(coldDoc) },
    memory: {
      docs: memDocs.length,
      minLines: Math.min(...memLines),
      maxLines: Math.max(...memLines),
      bytes: memDocs.reduce((a, d) => a + Buffer.byteLength(d), 0),
      distinct: new Set(memDocs).size,
      sha256: sha256(memDocs.join('\0')),
    },
  };
  const kb = (b) => `${b.toLocaleString('en-US')} bytes (${(b / 1024).toFixed(0)} KiB)`;
  log(
    `big doc: ${docsInfo.big.lines} lines, ${kb(docsInfo.big.bytes)}, ${docsInfo.big.headings} headings (seed ${SEED}, sha256 ${docsInfo.big.sha256.slice(0, 16)})`,
  );
  log(`cold-start doc: ${docsInfo.cold.lines} lines, ${kb(docsInfo.cold.bytes)} (sha256 ${docsInfo.cold.sha256.slice(0, 16)})`);
  log(
    `memory docs: ${docsInfo.memory.docs} distinct docs, ${docsInfo.memory.minLines}-${docsInfo.memory.maxLines} lines, ${(docsInfo.memory.bytes / 2 ** 20).toFixed(1)} MB in all (sha256 ${docsInfo.memory.sha256.slice(0, 16)})`,
  );
  if (docsInfo.memory.distinct !== memDocs.length) fail('the memory docs are not all distinct');

  const problems = [];
  let edit;
  let check;
  let mdl;
  let cold;
  let mem;
  let profile;
  const runs = new Set(opts.phases);
  try {
    if (runs.has('edits')) {
      log('');
      log(
        `edits: ${opts.edits} single-character edits in the big doc, one at a time, settings ${JSON.stringify(SETTINGS)}${opts.profile ? ` (profiled: ${opts.profile})` : ''}`,
      );
      if (opts.profile) fs.mkdirSync(opts.profile, { recursive: true });
      const before = opts.profile ? new Set(fs.readdirSync(opts.profile)) : undefined;
      edit = await editPhase({ serverJs: copy.js, workspace, bigDoc, edits: opts.edits, profileDir: opts.profile, tmp });
      check = await freshCheck({ serverJs: copy.js, workspace, finalText: edit.finalText, finalDiagnostics: edit.finalDiagnostics });
      log(
        `  final text ${lineCount(edit.finalText)} lines (sha256 ${sha256(edit.finalText).slice(0, 16)}); a fresh server gives ${check.fresh} diagnostics: ${check.same ? 'the same as the edited server' : 'NOT the same (!)'}`,
      );
      if (!check.same) {
        for (const k of check.onlyA.slice(0, 5)) log(`    only after the edits: ${k}`);
        for (const k of check.onlyB.slice(0, 5)) log(`    only from the fresh server: ${k}`);
        problems.push('stale or wrong diagnostics after the edits: they differ from a fresh server on the same text');
      }
      if (opts.profile) {
        const made = fs.readdirSync(opts.profile).filter((f) => f.endsWith('.cpuprofile') && !before.has(f));
        if (made.length !== 1 || !copy.map)
          problems.push(`--profile: expected one new .cpuprofile in ${opts.profile} and a source map, found ${made.length}`);
        else {
          // The bundle and map the profile belongs to, kept beside it for a later look (dist/ moves on).
          const keep = path.join(opts.profile, made[0].replace(/\.cpuprofile$/, ''));
          fs.mkdirSync(keep, { recursive: true });
          fs.copyFileSync(copy.js, path.join(keep, 'server.js'));
          fs.copyFileSync(copy.map, path.join(keep, 'server.js.map'));
          profile = analyseProfile(path.join(opts.profile, made[0]), copy.map, edit.window, edit.edits);
          log(`  profile: ${path.join(opts.profile, made[0])} (the server.js and map it was taken on: ${keep}/)`);
        }
      }
    }

    if (runs.has('markdownlint')) {
      log('');
      log(
        `markdownlint ${versions.markdownlint}: sync lint of the ${edit ? 'final' : 'unedited'} big doc, default rules, ${opts.runs} run${opts.runs === 1 ? '' : 's'} after one untimed`,
      );
      mdl = markdownlintPhase(edit?.finalText ?? bigDoc, opts.runs);
    }

    if (runs.has('cold')) {
      log('');
      log(`cold start: ${opts.runs} fresh servers, each from spawn to the first diagnostics of the ${docsInfo.cold.lines}-line doc`);
      cold = await coldPhase({ serverJs: copy.js, workspace, doc: coldDoc, runs: opts.runs });
    }

    if (runs.has('memory')) {
      log('');
      log(`memory: one server, ${opts.docs} docs opened at once`);
      mem = await memoryPhase({ serverJs: copy.js, workspace, docs: memDocs, tmp });
    }
  } catch (e) {
    fail(e.message);
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // ---- report ----
  const verdict = (value, target) => (value <= target ? 'met' : 'NOT met');
  const ms = (x) => `${x.toFixed(1)} ms`;
  const table = [
    ['figure', 'value', 'min', 'target', 'verdict'],
    ...(edit
      ? [
          ['edit to diagnostics p50', ms(edit.p50), '', '', ''],
          ['edit to diagnostics p90', ms(edit.p90), '', '', ''],
          ['edit to diagnostics p99', ms(edit.p99), '', `<= ${TARGETS.p99EditMs} ms`, verdict(edit.p99, TARGETS.p99EditMs)],
          ['edit to diagnostics max', ms(edit.max), '', '', ''],
          ['JS heap used after the edits (full GC)', `${edit.heapAfterEditsMB.toFixed(1)} MB`, '', '', ''],
          ['didOpen of the big doc (full analysis)', ms(edit.openMs), '', '', ''],
        ]
      : []),
    ...(mdl ? [['markdownlint lint of the same text', ms(mdl.median), ms(mdl.min), '', '']] : []),
    ...(cold
      ? [
          [
            'cold start to first diagnostics',
            ms(cold.median),
            ms(cold.min),
            `<= ${TARGETS.coldStartMs} ms`,
            verdict(cold.median, TARGETS.coldStartMs),
          ],
        ]
      : []),
    ...(mem
      ? [
          [`server RSS, ${mem.docs} open docs`, `${mem.rssMB.toFixed(1)} MB`, '', '', ''],
          [`server RSS, peak while opening them`, `${mem.peakRssMB.toFixed(1)} MB`, '', '', ''],
          [
            `server RSS, ${mem.docs} open docs, 1 s later`,
            `${mem.settledRssMB.toFixed(1)} MB`,
            '',
            `<= ${TARGETS.rssMB} MB`,
            verdict(mem.settledRssMB, TARGETS.rssMB),
          ],
          ...(mem.afterGc
            ? [
                [
                  `  after a full GC (JS heap used ${mem.afterGc.heapUsedMB.toFixed(0)} MB)`,
                  `${mem.afterGc.rssMB.toFixed(1)} MB`,
                  '',
                  '',
                  '',
                ],
              ]
            : []),
        ]
      : []),
  ];
  log('');
  log(
    `phases ${opts.phases.join(', ')} (medians of ${opts.runs} runs for markdownlint and cold start); big doc ${docsInfo.big.lines} lines, ${kb(docsInfo.big.bytes)}${edit ? `; ${edit.edits} edits, last publish ${edit.lastDiagnostics} diagnostics, ${edit.lastPublishKB.toFixed(1)} KB` : ''}`,
  );
  printTable(table);
  const ratios =
    edit && mdl
      ? {
          p99EditVsMarkdownlint: { median: edit.p99 / mdl.median, min: edit.p99 / mdl.min },
          p50EditVsMarkdownlint: { median: edit.p50 / mdl.median, min: edit.p50 / mdl.min },
          openVsMarkdownlint: { median: edit.openMs / mdl.median, min: edit.openMs / mdl.min },
        }
      : undefined;
  if (ratios) {
    log('');
    log(
      `p99 edit / markdownlint lint   ${ratios.p99EditVsMarkdownlint.median.toFixed(3)}x (against markdownlint's fastest run ${ratios.p99EditVsMarkdownlint.min.toFixed(3)}x)`,
    );
    log(
      `p50 edit / markdownlint lint   ${ratios.p50EditVsMarkdownlint.median.toFixed(3)}x (against markdownlint's fastest run ${ratios.p50EditVsMarkdownlint.min.toFixed(3)}x)`,
    );
    log(`full open / markdownlint lint  ${ratios.openVsMarkdownlint.median.toFixed(3)}x (first analysis of the doc, cold JIT)`);
  }
  if (cold)
    log(
      `cold start: initialize answered at ${cold.initializeMedian.toFixed(0)} ms (median); node -e 0 takes ${cold.nodeStartMedian.toFixed(0)} ms here`,
    );
  if (profile) printProfile(profile);

  if (opts.json) {
    // eslint-disable-next-line no-unused-vars -- left out of the JSON: per-run data, not figures
    const { finalText, finalDiagnostics, window, ...editFigures } = edit ?? {};
    writeJson(opts.json, {
      machine: m,
      versions,
      server: { sha256: serverHash, built: copy.built.toISOString() },
      settings: SETTINGS,
      docs: docsInfo,
      runs: opts.runs,
      targets: TARGETS,
      phases: opts.phases,
      ...(edit ? { edit: { ...editFigures, finalSha256: sha256(finalText), freshCheck: { same: check.same, fresh: check.fresh } } } : {}),
      ...(mdl ? { markdownlint: mdl } : {}),
      ...(cold ? { coldStart: cold } : {}),
      ...(mem ? { memory: mem } : {}),
      ...(ratios ? { ratios } : {}),
      ...(profile ? { profile } : {}),
    });
  }
  if (problems.length) {
    process.stderr.write(problems.map((p) => `bench:lsp: ${p}\n`).join(''));
    process.exit(1);
  }
}

main().catch((e) => fail(e.stack ?? String(e)));
