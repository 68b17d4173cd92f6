#!/usr/bin/env node
// `npm run bench:linearity`: does the analysis of adversarial input grow linearly with its
// size? See bench/README.md.
//
//   node bench/linearity.mjs [--only a,b] [--scale 1] [--timeout 120] [--json FILE]
//
// Each input class (long runs of one character, unclosed constructs, repeats, deep nesting,
// big tables, setext headings, ...) is generated at size n and 4n and analysed by the core's
// analyze() (bundled from server/src/core with the project's esbuild options), in a child
// process per class: warmed up at n/4, then the fastest of 3 runs at n and at 4n. A
// linear analysis takes about 4 times as long at 4n; more than 5 times is flagged. Not a
// test: the machine is shared and the figures are noisy; read the ratios of one run.
// Exits 0 when a class is flagged (benchmarks report), 1 when an analysis fails or a child
// dies, 2 for a bad option.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { benchTempDir, bundleCore, failer, log, machine, machineLine, parseOptions, printTable, writeJson } from './lib.mjs';

const FLAG_RATIO = 5;

/** Input classes: name, owner (ours: the core's own code; rule: a rule's own scan;
 * micromark: the Markdown parser), n, what it is, its generator. The sizes put t(n) near
 * 100 ms on a quiet 2-core machine. */
const CASES = [];
const add = (name, owner, n, what, make) => CASES.push({ name, owner, n, what, make });
// The body comes first in the section, so the content check reads it (it stops at the first
// block with content); the list item after it gives the document a '-', without which no
// line is looked at as a table delimiter row.
const head = (body) => `# Design\n\n## Monitoring\n\n${body}\n\n- Alerts page the on-call.\n`;
const goals = (body) => `# Design\n\n## Goals\n\n${body}\n`;
// Long runs of one character.
add('spaces', 'ours', 400_000, 'a run of spaces inside a paragraph', (n) => head(`a${' '.repeat(n)}b`));
add('tabs', 'ours', 400_000, 'a line of tabs (the table delimiter-row test)', (n) => head('\t'.repeat(n)));
add('quote-markers', 'ours', 400_000, "a line of '>' (cut to 64, then the delimiter-row test)", (n) => head('>'.repeat(n)));
add('braces', 'ours', 400_000, "a run of '{' (template variables)", (n) => head('{'.repeat(n)));
add('brackets', 'micromark', 20_000, "a run of '[' in a paragraph", (n) => head('['.repeat(n)));
add('heading-brackets', 'micromark', 20_000, "a heading with a run of '['", (n) => head(`## Alerts ${'['.repeat(n)}`));
add('parens', 'ours', 400_000, "a list item of '(' in a matched section", (n) => head(`- ${'('.repeat(n)}`));
add('pipes', 'ours', 400_000, "a line of '|'", (n) => head('|'.repeat(n)));
add('hyphens', 'ours', 400_000, "a line of '-'", (n) => head('-'.repeat(n)));
add('asterisks', 'micromark', 200_000, "a run of '*'", (n) => head(`a ${'*'.repeat(n)} b`));
add('backticks', 'micromark', 300_000, 'a run of backticks', (n) => head('`'.repeat(n)));
// Unclosed constructs.
add('unclosed-comments', 'ours', 100_000, "'<!--', then n times ' <!--'", (n) => head(`<!--${' <!--'.repeat(n)}`));
add('directive-spaces', 'ours', 400_000, 'a not-applicable directive with a run of spaces', (n) =>
  head(`<!-- mldesign-not-applicable${' '.repeat(n)}a b -->`),
);
add('bold-label', 'ours', 400_000, 'a bold label, then a run of spaces', (n) => head(`**Label**${' '.repeat(n)}x`));
add('fill-spaces', 'ours', 400_000, "'[fill' and a run of spaces, no ']'", (n) => head(`[fill${' '.repeat(n)}x`));
add('fill-tags', 'ours', 20_000, "n times '<fill', no '>'", (n) => head('<fill'.repeat(n)));
add('unclosed-fence', 'micromark', 50_000, 'an unclosed fence, then n lines', (n) => head(`\`\`\`\n${'x\n'.repeat(n)}`));
// Repeats, nesting, big blocks.
add('directives', 'ours', 5_000, 'n disable directives', (n) => head('<!-- mldesign-disable empty-section -->\n'.repeat(n)));
add('repeated-heading', 'rule', 2_000, "n times '## Monitoring' and a paragraph", (n) =>
  head('## Monitoring\n\nAlerts page the on-call.\n\n'.repeat(n)),
);
add('nested-headings', 'ours', 5_000, 'n headings at depths 2 to 6 and back', (n) =>
  head(Array.from({ length: n }, (_, i) => `${'#'.repeat(2 + (i % 5))} H${i}\n`).join('\n')),
);
add(
  'front-matter-keys',
  'ours',
  5_000,
  'a front matter of n keys (a config file is read the same way)',
  (n) => `---\n${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\n---\n${head('')}`,
);
add('deep-quotes', 'ours', 200_000, "n times '> '", (n) => head(`${'> '.repeat(n)}x`));
add('deep-lists', 'ours', 50_000, "n times '- '", (n) => head(`${'- '.repeat(n)}x`));
add('list-items', 'ours', 5_000, 'n list items', (n) => head('- a row of the feature table\n'.repeat(n)));
add('table', 'micromark', 1_000, 'a table of n rows', (n) => head(`| a | b |\n| - | - |\n${'| x | y |\n'.repeat(n)}`));
add('setext', 'micromark', 1_000, 'n setext headings, each with a paragraph', (n) => head('Heading\n===\n\nText.\n\n'.repeat(n)));
add('setext-run', 'micromark', 2_000, 'n setext headings without blank lines', (n) => head('Heading\n===\n'.repeat(n)));
// Inline runs micromark merges one by one.
add('link-labels', 'micromark', 4_000, "n times '[a] ' in a paragraph", (n) => head('[a] '.repeat(n)));
add('link-opens', 'micromark', 2_000, "n times '[a](' in a paragraph", (n) => head('[a]('.repeat(n)));
add('underscores', 'micromark', 2_000, "n times 'a_ ' in a paragraph", (n) => head('a_ '.repeat(n)));
// Rules' own scans (each was quadratic before issue 15; sized for the linear code).
add('percentile-spaces', 'rule', 400_000, "'Latency 5', a run of spaces, a target (latency-percentiles)", (n) =>
  head(`Latency 5${' '.repeat(n)}x is 20 ms.`),
);
add('sentence-dots', 'rule', 400_000, "a latency target, a word of n letters, '.5' (latency-percentiles)", (n) =>
  head(`Latency is 20 ms, ${'x'.repeat(n)}.5`),
);
add('window-targets', 'rule', 20_000, "one sentence of n 'for 5 ms,' (latency-percentiles window test)", (n) =>
  head(`Latency ${'for 5 ms, '.repeat(n)}end`),
);
add('digits', 'rule', 250_000, 'a number of n digits and no unit (quantified-objectives)', (n) => goals(`We want ${'1'.repeat(n)} zq`));
add('tab-stops', 'rule', 25_000, "n times '${1:', no '}' (placeholder-text)", (n) => head('${1:'.repeat(n)));
add('insert-labels', 'rule', 5_000, "n times '[insert', no ']' (placeholder-text)", (n) => head('[insert'.repeat(n)));

const HELP = `Usage: node bench/linearity.mjs [options]

Analyses adversarial documents at size n and 4n and prints t(4n)/t(n) per input class;
above ${FLAG_RATIO}x is flagged (linear is about 4x).

Options:
  --only LIST    run only these classes, comma-separated (default all): ${CASES.map((c) => c.name).join(', ')}
  --scale N      multiply every n by N (default 1)
  --timeout S    seconds a class may take before it is stopped and flagged (default 120)
  --json FILE    also write the figures as JSON
  -h, --help     show this help
`;

const fail = failer('bench:linearity');

/** The child: analyses one class at n/4 (warm-up), n and 4n; prints the times as JSON. */
async function child(bundle, name, n) {
  const { analyze, builtinConfig } = createRequire(import.meta.url)(bundle);
  const config = builtinConfig();
  const gen = CASES.find((c) => c.name === name).make;
  const run = (size) => {
    const text = gen(size);
    const t0 = performance.now();
    const a = analyze(text, { config, detection: 'all' });
    const ms = performance.now() - t0;
    const failed = a.findings.find((f) => f.ruleId === 'skipped-content' && f.message.includes('could not analyse'));
    return { ms, bytes: text.length, failed: failed?.message };
  };
  const fastest = (size, runs) => {
    let best;
    for (let i = 0; i < runs; i++) {
      const r = run(size);
      if (!best || r.ms < best.ms) best = r;
      if (r.ms > 5000) break; // slow enough to read from one run
    }
    return best;
  };
  run(Math.max(1, Math.floor(n / 4)));
  const small = fastest(n, 3);
  const big = fastest(4 * n, 3);
  process.send({ small, big });
}

/** Runs one class in a child process; undefined times when it was stopped at the timeout. */
function measure(bundle, name, n, timeoutMs) {
  return new Promise((resolve) => {
    const p = fork(fileURLToPath(import.meta.url), ['--child', bundle, name, String(n)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result;
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('message', (m) => (result = m));
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(result ?? { stopped: signal === 'SIGKILL', error: signal === 'SIGKILL' ? undefined : `exit ${code ?? signal}` });
    });
  });
}

async function main() {
  if (process.argv[2] === '--child') return child(process.argv[3], process.argv[4], Number(process.argv[5]));
  let opts;
  try {
    opts = parseOptions(
      process.argv.slice(2),
      {
        '--only': ['only', 'list', CASES.map((c) => c.name)],
        '--scale': ['scale', 'int'],
        '--timeout': ['timeout', 'int'],
        '--json': ['json', 'path'],
      },
      { only: CASES.map((c) => c.name), scale: 1, timeout: 120 },
      HELP,
    );
  } catch (e) {
    process.stderr.write(`bench:linearity: ${e.message}\n${HELP}`);
    process.exit(2);
  }
  const m = machine();
  log(machineLine(m));
  // The core as the product bundles it, built from the sources now.
  const tmp = benchTempDir('mldesign-bench-linearity-');
  const bundle = await bundleCore(tmp);
  log(`analyze() from server/src/core, bundled at the start; each class in its own process, warm; fastest of 3 runs at n and at 4n`);
  log('');
  const rows = [['class', 'owner', 'n', 'bytes at n', 't(n) ms', 't(4n) ms', 't(4n)/t(n)', '']];
  const results = [];
  let broken = false;
  for (const { name, what, owner, n: base } of CASES.filter((c) => opts.only.includes(c.name))) {
    const n = base * opts.scale;
    const r = await measure(bundle, name, n, opts.timeout * 1000);
    const ratio = r.small && r.big ? r.big.ms / r.small.ms : undefined;
    const failed = r.small?.failed ?? r.big?.failed ?? r.error;
    if (failed) broken = true;
    const verdict = failed
      ? `FAILED: ${failed}`
      : r.stopped
        ? `stopped after ${opts.timeout} s (!)`
        : ratio > FLAG_RATIO
          ? 'super-linear (!)'
          : '';
    results.push({ name, what, owner, n, bytes: r.small?.bytes, smallMs: r.small?.ms, bigMs: r.big?.ms, ratio, verdict });
    rows.push([
      name,
      owner,
      n.toLocaleString('en-US'),
      r.small ? r.small.bytes.toLocaleString('en-US') : '',
      r.small ? r.small.ms.toFixed(0) : '',
      r.big ? r.big.ms.toFixed(0) : '',
      ratio ? `${ratio.toFixed(1)}x` : '',
      verdict,
    ]);
    log(
      `  ${name}: ${what}: ${r.small ? `${r.small.ms.toFixed(0)} ms` : '-'} -> ${r.big ? `${r.big.ms.toFixed(0)} ms` : '-'}${verdict ? `  ${verdict}` : ''}`,
    );
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  log('');
  printTable(rows);
  const flagged = results.filter((r) => r.verdict);
  log('');
  log(
    `${flagged.length} of ${results.length} classes flagged (t(4n)/t(n) > ${FLAG_RATIO}, stopped or failed): ${flagged.map((r) => r.name).join(', ') || 'none'}`,
  );
  if (opts.json) writeJson(opts.json, { machine: m, flagRatio: FLAG_RATIO, scale: opts.scale, results });
  if (broken) fail('an analysis failed (see the table)');
}

main().catch((e) => fail(e.stack ?? String(e)));
