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
//   small-edits  the same kind of edits in the 200-line doc, analysed in the worker too: the
//                cost of a keystroke whatever the doc's size, against which the big doc's is read
//   markdownlint markdownlint's sync lint (default rules) of the final text, in this process
//   parse        the floor under the first analysis: the core's own parser (IncrementalParser,
//                micromark inside, bundled from server/src/core) on the same text in a fresh
//                process, its first parse (cold, as in a new worker) and warm ones, and the
//                whole analysis warm
//   cold start   spawn to the first publishDiagnostics of a 200-line doc, a fresh server each run
//   memory       one server, 500 distinct ~200-line docs open; its RSS from /proc/<pid>/status
//   slowdoc      a 3.9 MB doc micromark takes hours on, opened beside a small doc: hover on the
//                small doc, one after another, until the slow doc's skipped-content arrives
//   burst        10,000 didOpen of distinct ~100-line docs written at once; time to the last
//                publishDiagnostics, and a hover sent right after the burst
// Targets: p99 edit <= 30 ms, cold start <= 300 ms (median), RSS with 500 docs <= 150 MB.
// Exits 0 when a target is missed (benchmarks report, tests assert) and 1 when the server
// misbehaves: crash, timeout (10 s per edit), stale or wrong diagnostics, an error it logs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { lint as markdownlintSync } from 'markdownlint/sync';
import { delay, LspSession, now } from '../test/helpers/lsp-session.mjs';
import { analyseProfile, printProfile } from './cpu-profile.mjs';
import {
  benchTempDir,
  bundleCore,
  copyBundle,
  ensureBuild,
  failer,
  log,
  machine,
  machineLine,
  median,
  parseOptions,
  printTable,
  readVersion,
  REPO,
  sha256,
  writeJson,
} from './lib.mjs';
import { generateDoc, keystrokes, lineCount, positionAt } from './lsp-docs.mjs';

const SERVER = path.join(REPO, 'dist', 'server.js');
const TARGETS = { p99EditMs: 30, coldStartMs: 300, rssMB: 150 };
/** What the server is told through workspace/configuration: lint at once, every Markdown file. */
const SETTINGS = Object.freeze({ debounceMs: 0, designDocs: 'all' });
const SEED = 20260606;
const BIG_LINES = 6600;
const SMALL_LINES = 200;
const EDIT_TIMEOUT_MS = 10_000;
const OPEN_TIMEOUT_MS = 60_000;

const PHASES = ['edits', 'small-edits', 'markdownlint', 'parse', 'cold', 'memory', 'slowdoc', 'burst'];

const HELP = `Usage: node bench/lsp.mjs [options]

Drives dist/server.js over stdio like an editor: edit-to-diagnostics latency while typing in a
6,600-line design doc, next to markdownlint's lint of the same text; cold start to the first
diagnostics of a 200-line doc; server RSS with 500 open docs.

Options:
  --runs N       cold starts and markdownlint lints to time (default 3); median and min reported
  --edits N      single-character edits to type (default 200)
  --docs N       docs open at once for the memory figure (default 500)
  --burst N      didOpen in the burst (default 10000)
  --worker-threshold N  initializationOptions.workerThresholdChars for every server: documents
                 of N characters or more are analysed in the worker (default: the server's)
  --phases LIST  run only these phases, comma-separated: edits, small-edits, markdownlint, parse,
                 cold, memory, slowdoc, burst
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
  '--burst': ['burst', 'int'],
  '--worker-threshold': ['workerThreshold', 'int'],
  '--phases': ['phases', 'list', PHASES],
  '--json': ['json', 'path'],
  '--profile': ['profile', 'path'],
  '--write-doc': ['writeDoc', 'path'],
};
const fail = failer('bench:lsp');
/** --worker-threshold, for every server started. */
let workerThreshold;

// ---- a server over stdio ----------------------------------------------------------------

/** A server for one phase, through the LSP session the protocol tests use too, told SETTINGS
 * and announcing workspace folders as VS Code does. Resolves once initialize is answered. */
function startServer({ label, serverJs, workspace, nodeArgs = [], initializationOptions }) {
  return LspSession.start({
    serverJs,
    label,
    nodeArgs,
    ...(initializationOptions || workerThreshold !== undefined
      ? {
          initializationOptions: {
            ...(workerThreshold !== undefined ? { workerThresholdChars: workerThreshold } : {}),
            ...initializationOptions,
          },
        }
      : {}),
    workspaceFolders: [workspace],
    announceWorkspaceFolders: true,
    configuration: (section) => (section === 'mldesign' ? SETTINGS : {}),
    initializeTimeoutMs: OPEN_TIMEOUT_MS,
  });
}

/** VmRSS and VmHWM of a server process, in MB (Linux). */
function memoryOf(server) {
  try {
    const status = fs.readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    return { rssMB: kb('VmRSS') / 1024, hwmMB: kb('VmHWM') / 1024 };
  } catch {
    return { rssMB: NaN, hwmMB: NaN };
  }
}

/** Throws if the server logged an error or published out of order. */
function checkServer(server) {
  if (server.errors.length) throw new Error(`${server.label}: the server logged errors:\n${server.errors.slice(0, 5).join('\n')}`);
  if (server.outOfOrder)
    throw new Error(`${server.label}: ${server.outOfOrder} diagnostics published for an older version after a newer one`);
}

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

async function editPhase({
  serverJs,
  workspace,
  bigDoc,
  edits,
  profileDir,
  tmp,
  file = 'big-design.md',
  what = 'the big doc',
  initializationOptions,
}) {
  const uri = pathToFileURL(path.join(workspace, 'docs', file)).toString();
  const nodeArgs = [...gcProbeArgs(tmp), ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
  const server = await startServer({ label: 'edit server', serverJs, workspace, nodeArgs, initializationOptions });
  const result = {};
  try {
    const t0 = now();
    server.open(uri, bigDoc);
    const first = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
    result.openMs = first.at - t0;
    result.openDiagnostics = first.params.diagnostics.length;
    log(
      `  didOpen of ${what} to its first diagnostics: ${result.openMs.toFixed(0)} ms (${result.openDiagnostics} diagnostics; a full analysis, cold JIT)`,
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
      void server.change(uri, version, [change]);
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
    checkServer(server);
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
  const server = await startServer({ label: 'fresh server', serverJs, workspace });
  try {
    server.open(uri, finalText);
    const fresh = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
    checkServer(server);
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

/** Times, in a fresh process, what no first analysis can go below: the core's parse of the
 * text (its first call cold, as a new worker's is; then warm, a new parser each time, the
 * fastest of `runs`), and the whole analysis warm (after one untimed, as markdownlint's). */
async function parsePhase({ text, runs, tmp }) {
  const bundle = await bundleCore(tmp);
  const docFile = path.join(tmp, 'parse-doc.md');
  fs.writeFileSync(docFile, text);
  const script = `
    const { analyze, builtinConfig, IncrementalParser } = require(${JSON.stringify(bundle)});
    const text = require('node:fs').readFileSync(${JSON.stringify(docFile)}, 'utf8');
    const time = (f) => { const t0 = performance.now(); f(); return performance.now() - t0; };
    const parse = () => new IncrementalParser().parse(text);
    const cold = time(parse);
    const config = builtinConfig('recommended');
    const analysis = () => { const p = new IncrementalParser(); analyze(text, { config, detection: 'all', parse: (t) => p.parse(t), prepare: (t) => p.prepare(t) }); };
    analysis();
    // Alternated, so neither gets a warmer JIT than the other.
    const warm = [];
    const analyses = [];
    for (let i = 0; i < ${runs}; i++) { warm.push(time(parse)); analyses.push(time(analysis)); }
    process.stdout.write(JSON.stringify({ cold, warm: Math.min(...warm), analysis: Math.min(...analyses) }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`parse phase: ${r.stderr.slice(-2000)}`);
  const result = JSON.parse(r.stdout);
  log(
    `  the core's parse: first ${result.cold.toFixed(0)} ms (cold), then ${result.warm.toFixed(0)} ms (warm, fastest of ${runs}); whole analysis warm ${result.analysis.toFixed(0)} ms`,
  );
  return result;
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
    const server = await startServer({ label: `cold server ${i}`, serverJs, workspace });
    try {
      // As an editor does: didOpen right after initialized, once initialize has been answered.
      server.open(uri, doc);
      const first = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS);
      checkServer(server);
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
  const server = await startServer({ label: 'memory server', serverJs, workspace, nodeArgs: gcProbeArgs(tmp) });
  try {
    const base = memoryOf(server);
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
    const loaded = memoryOf(server);
    await delay(1000);
    const settled = memoryOf(server);
    // Then a full GC: what is garbage, what the open documents really hold.
    const usage = await heapAfterGc(server);
    const afterGc = memoryOf(server);
    checkServer(server);
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

/** Paragraphs of 50,000 unclosed links each, to 3.9 MB: micromark's text resolver merges
 * each one into the paragraph's events, quadratic in the paragraph (41 s for one of them). */
function slowDoc() {
  const para = '[a]('.repeat(50_000);
  let doc = '# Churn model design\n\n';
  while (doc.length + para.length + 2 < 3_900_000) doc += para + '\n\n';
  return doc;
}

async function slowDocPhase({ serverJs, workspace, small }) {
  const smallUri = pathToFileURL(path.join(workspace, 'docs', 'small-design.md')).toString();
  const slowUri = pathToFileURL(path.join(workspace, 'docs', 'slow-design.md')).toString();
  const server = await startServer({ label: 'slow-doc server', serverJs, workspace });
  const ask = (line) =>
    server.connection.sendRequest('textDocument/hover', { textDocument: { uri: smallUri }, position: { line, character: 3 } });
  try {
    server.open(smallUri, small);
    await server.diagnostics(smallUri, 1, OPEN_TIMEOUT_MS);
    // On a recognised heading, where the hover says what its section should cover.
    let line = -1;
    for (const [i, l] of small.split('\n').entries()) {
      if (l.startsWith('## ') && (await ask(i))) {
        line = i;
        break;
      }
    }
    if (line < 0) throw new Error('no heading of the small doc has a hover');
    const hover = () => ask(line);
    for (let i = 0; i < 20; i++) await hover(); // warm, as an editor's first hovers are not what is measured
    const text = slowDoc();
    const t0 = now();
    server.open(slowUri, text);
    const samples = [];
    while (!server.published.has(slowUri)) {
      const sent = now();
      const answer = await hover();
      if (!answer) throw new Error('hover on the small doc answered nothing');
      if (!server.published.has(slowUri)) samples.push(now() - sent);
      if (now() - t0 > 120_000) throw new Error('the slow doc got no diagnostics in 120 s');
    }
    const skippedMs = server.arrived.get(slowUri) - t0;
    const codes = server.published.get(slowUri).diagnostics.map((d) => d.code);
    checkServer(server);
    const result = {
      bytes: Buffer.byteLength(text),
      hovers: samples.length,
      p50: percentile(samples, 50),
      p99: percentile(samples, 99),
      max: Math.max(...samples),
      skippedMs,
      codes,
    };
    log(`  slow doc ${(result.bytes / 1e6).toFixed(1)} MB: diagnostics after ${(skippedMs / 1000).toFixed(1)} s: ${codes.join(', ')}`);
    log(
      `  ${samples.length} hovers on the small doc meanwhile: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, max ${result.max.toFixed(2)} ms`,
    );
    if (codes.join() !== 'skipped-content') throw new Error(`the slow doc should get skipped-content alone, got ${codes.join(', ')}`);
    return result;
  } finally {
    await server.stop();
  }
}

async function burstPhase({ serverJs, workspace, docs }) {
  const server = await startServer({ label: 'burst server', serverJs, workspace });
  try {
    const uris = docs.map((_, i) =>
      pathToFileURL(path.join(workspace, 'docs', `burst-${String(i % 100).padStart(2, '0')}`, `design-${i}.md`)).toString(),
    );
    // One write, as an editor restoring a session or a script opening a folder would send them.
    const frames = docs.map((text, i) => {
      const body = Buffer.from(
        JSON.stringify({
          jsonrpc: '2.0',
          method: 'textDocument/didOpen',
          params: { textDocument: { uri: uris[i], languageId: 'markdown', version: 1, text } },
        }),
      );
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    const t0 = now();
    server.child.stdin.write(Buffer.concat(frames));
    // On the first doc of the burst: its settings are the first asked for (a later doc's
    // answer comes in behind the lints of the docs before it).
    const hover = server.connection.sendRequest('textDocument/hover', {
      textDocument: { uri: uris[0] },
      position: { line: 0, character: 3 },
    });
    const hoverMs = await hover.then(() => now() - t0);
    let diagnostics = 0;
    let firstMs;
    for (const uri of uris) {
      const d = await server.diagnostics(uri, 1, OPEN_TIMEOUT_MS * 10);
      diagnostics += d.params.diagnostics.length;
      firstMs = Math.min(firstMs ?? Infinity, d.at - t0);
    }
    const allMs = Math.max(...uris.map((u) => server.arrived.get(u))) - t0;
    checkServer(server);
    const result = { docs: docs.length, bytes: docs.reduce((a, d) => a + Buffer.byteLength(d), 0), allMs, firstMs, hoverMs, diagnostics };
    log(
      `  ${docs.length} didOpen (${(result.bytes / 2 ** 20).toFixed(1)} MB) in one write: all published after ${(allMs / 1000).toFixed(1)} s (${(docs.length / (allMs / 1000)).toFixed(0)} docs/s; first at ${firstMs.toFixed(0)} ms); a hover sent after the burst answered at ${hoverMs.toFixed(0)} ms`,
    );
    return result;
  } finally {
    await server.stop();
  }
}

// ---- main ---------------------------------------------------------------------------------

async function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), OPTIONS, { runs: 3, edits: 200, docs: 500, burst: 10_000, phases: PHASES }, HELP);
  } catch (e) {
    process.stderr.write(`bench:lsp: ${e.message}\n${HELP}`);
    process.exit(2);
  }
  workerThreshold = opts.workerThreshold;
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
  const copy = copyBundle(SERVER, tmp, fail);
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
  let small;
  let check;
  let mdl;
  let parse;
  let cold;
  let mem;
  let slow;
  let burst;
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

    if (runs.has('small-edits')) {
      log('');
      log(
        `small-edits: the same kind of ${opts.edits} edits in the ${docsInfo.cold.lines}-line doc, analysed in the worker as the big doc is: what a keystroke costs whatever the doc's size`,
      );
      small = await editPhase({
        serverJs: copy.js,
        workspace,
        bigDoc: coldDoc,
        edits: opts.edits,
        tmp,
        file: 'small-design.md',
        what: `the ${docsInfo.cold.lines}-line doc`,
        initializationOptions: { workerThresholdChars: 0 },
      });
    }

    if (runs.has('markdownlint')) {
      log('');
      log(
        `markdownlint ${versions.markdownlint}: sync lint of the ${edit ? 'final' : 'unedited'} big doc, default rules, ${opts.runs} run${opts.runs === 1 ? '' : 's'} after one untimed`,
      );
      mdl = markdownlintPhase(edit?.finalText ?? bigDoc, opts.runs);
    }

    if (runs.has('parse')) {
      log('');
      log(`parse: the core's parser on the ${edit ? 'final' : 'unedited'} big doc, in a fresh process (the floor under a first analysis)`);
      parse = await parsePhase({ text: edit?.finalText ?? bigDoc, runs: opts.runs, tmp });
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

    if (runs.has('slowdoc')) {
      log('');
      log('slow doc: hovers on the 201-line doc, one after another, while a 3.9 MB doc of unclosed links is analysed (default deadline)');
      slow = await slowDocPhase({ serverJs: copy.js, workspace, small: coldDoc });
    }

    if (runs.has('burst')) {
      log('');
      const burstDocs = Array.from({ length: opts.burst }, (_, i) => generateDoc(SEED + 100_000 + i, 100, 0.3));
      log(
        `burst: one server, ${opts.burst} didOpen of distinct ${Math.min(...burstDocs.map(lineCount))}-${Math.max(...burstDocs.map(lineCount))}-line docs in one write`,
      );
      burst = await burstPhase({ serverJs: copy.js, workspace, docs: burstDocs });
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
    ...(small
      ? [
          [`edit p50, ${docsInfo.cold.lines}-line doc, in the worker`, ms(small.p50), '', '', ''],
          [`edit p99, ${docsInfo.cold.lines}-line doc, in the worker`, ms(small.p99), '', '', ''],
        ]
      : []),
    ...(mdl ? [['markdownlint lint of the same text', ms(mdl.median), ms(mdl.min), '', '']] : []),
    ...(parse
      ? [
          ["the core's parse of it, cold (fresh process)", ms(parse.cold), '', '', ''],
          ["the core's parse of it, warm", ms(parse.warm), '', '', ''],
          ["the core's whole analysis of it, warm", ms(parse.analysis), '', '', ''],
        ]
      : []),
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
    ...(slow
      ? [
          [`hover p50, small doc, 3.9 MB slow doc analysed`, ms(slow.p50), '', '', ''],
          [`hover p99, small doc, 3.9 MB slow doc analysed`, ms(slow.p99), '', '', ''],
          [`  slow doc's skipped-content published after`, ms(slow.skippedMs), '', '', ''],
        ]
      : []),
    ...(burst
      ? [
          [`${burst.docs} didOpen in a burst, to the last publish`, ms(burst.allMs), '', '', ''],
          [`  a hover sent right after the burst`, ms(burst.hoverMs), '', '', ''],
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
  if (mdl && small) {
    // The same path in a small doc: what a keystroke costs in this server whatever the doc.
    log(
      `p50 edit, ${docsInfo.cold.lines}-line doc / markdownlint lint of the big doc  ${(small.p50 / mdl.median).toFixed(4)}x; p99 ${(small.p99 / mdl.median).toFixed(4)}x`,
    );
  }
  if (mdl && parse) {
    // What no first analysis can go below, with micromark as the parser.
    log(
      `the core's parse / markdownlint lint  ${(parse.cold / mdl.median).toFixed(2)}x cold, ${(parse.warm / mdl.median).toFixed(2)}x warm; whole analysis warm ${(parse.analysis / mdl.median).toFixed(2)}x`,
    );
  }
  if (edit && small) {
    // The same path and kind of keystrokes in a doc 43 times smaller: what is left over is
    // the part of a keystroke's cost that grows with the document.
    log('');
    log(
      `p50 edit, big doc / ${docsInfo.cold.lines}-line doc  ${(edit.p50 / small.p50).toFixed(2)}x (${ms(edit.p50)} against ${ms(small.p50)}: ${ms(edit.p50 - small.p50)} grows with the doc)`,
    );
    log(
      `p99 edit, big doc / ${docsInfo.cold.lines}-line doc  ${(edit.p99 / small.p99).toFixed(2)}x (${ms(edit.p99)} against ${ms(small.p99)})`,
    );
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
      ...(small ? { smallEdits: { p50: small.p50, p90: small.p90, p99: small.p99, max: small.max, samplesMs: small.samplesMs } } : {}),
      ...(mdl ? { markdownlint: mdl } : {}),
      ...(parse ? { parse } : {}),
      ...(cold ? { coldStart: cold } : {}),
      ...(mem ? { memory: mem } : {}),
      ...(slow ? { slowDoc: slow } : {}),
      ...(burst ? { burst } : {}),
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
