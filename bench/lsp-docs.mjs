// The documents and keystrokes of bench:lsp (see bench/README.md): a big design doc, small
// ones, and the edits a person types into the big one, all from a seeded PRNG so every
// machine gets the same bytes (the bench prints their SHA-256). Not the bench:cli corpus
// (generate-corpus.mjs): these docs are longer and built otherwise, and neither generator
// may change the other's bytes.
import * as corpus from './generate-corpus.mjs';
import { hardWrap, Rng } from './lib.mjs';

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
// The bench:cli corpus's words, with the differences these docs were first generated with:
// figures compare across runs only on the same bytes (the bench prints their SHA-256s), and
// the shared words keep their order, so each pick draws the word it always did.
const without = (list, ...words) => list.filter((w) => !words.includes(w));
const NOUNS = [...without(corpus.NOUNS, 'SLO', 'A/B test'), 'label queue', 'review tool', 'scoring service'];
const VERBS = without(corpus.VERBS, 'alerts on', 'partitions', 'evaluates');
const ADJS = without(corpus.ADJS, 'incremental', 'synthetic', 'manual');
const TEAMS = corpus.TEAMS.map((t) => (t === 'growth' ? 'risk operations' : t));
const METRICS = [...without(corpus.METRICS, 'p99 latency', 'p50 latency', 'revenue per session'), 'chargeback rate'];
const TOOLS = without(corpus.TOOLS, 'PagerDuty', 'S3');

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

export const lineCount = (s) => s.split('\n').length;

/** A design doc of about `lines` lines: front matter (big doc), an H1, chapters at depth 2 with
 * subsections at 3 and 4, then appendices with numbered subsections until the length is reached. */
export function generateDoc(seed, lines, size) {
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
export function* keystrokes(seed, initialText, count) {
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

/** The LSP position of an offset in LF text. */
export function positionAt(text, offset) {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}
