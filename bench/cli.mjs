#!/usr/bin/env node
// `npm run bench:cli`: mldesign's CLI against markdownlint-cli2 on the same corpus, in the
// same run, so the ratios hold on a shared, noisy machine. See bench/README.md.
//
//   node bench/cli.mjs [--runs 3] [--count 2000] [--jobs N] [--json FILE]
//
// Contenders, each a child process timed by wall clock, interleaved round by round:
//   mldesign cold      lint --format json --cache, the cache file deleted before each run
//   mldesign warm      the same, with the cache a previous run left (primed once, untimed)
//   markdownlint-cli2  only MD043 (required headings) enabled
//   remark-parse       read every file and parse it with bare unified + remark-parse
// Targets: cold <= 0.5x markdownlint-cli2, warm <= 0.05x. Exits 0 when a target is missed
// (benchmarks report, tests assert) and 1 when a contender fails or lints the wrong number
// of files.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULTS, ensureCorpus } from './generate-corpus.mjs';
import {
  BENCH,
  benchTempDir,
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

const CLI = path.join(REPO, 'dist', 'cli.js');
const MDL_PKG = path.join(REPO, 'node_modules', 'markdownlint-cli2');
/** Where the contenders' packages may be installed (markdownlint-cli2 may nest its own). */
const MODULE_DIRS = [path.join(REPO, 'node_modules'), path.join(MDL_PKG, 'node_modules')];
const TARGETS = { cold: 0.5, warm: 0.05 };
const MDL_CONFIG = '.markdownlint-cli2.jsonc';
/** What MD043 can say about a design doc: any title, then these sections in this order,
 * anything around them. Exact titles only: MD043 has no synonyms, numbering or depth
 * tolerance, which is the gap mldesign exists for. */
const MD043_HEADINGS = ['?', '*', '## Goals', '*', '## Data', '*', '## Deployment', '*', '## Monitoring', '*', '## Model updates', '*'];

const HELP = `Usage: node bench/cli.mjs [options]

Times mldesign lint (cold and warm cache), markdownlint-cli2 (MD043 only) and a bare remark
parse on a generated corpus of design docs, and prints the ratios.

Options:
  --runs N      timed runs per contender (default 3); median and min are reported
  --count N     docs in the corpus (default ${DEFAULTS.count}, about 10 KB each)
  --jobs N      pass --jobs N to mldesign (default: mldesign's own default, the core count)
  --json FILE   also write the figures as JSON
  -h, --help    show this help
`;

const OPTIONS = { '--runs': ['runs', 'int'], '--count': ['count', 'int'], '--jobs': ['jobs', 'int'], '--json': ['json', 'path'] };
const fail = failer('bench:cli');

// ---- timing -------------------------------------------------------------------------------

/** CPU seconds used by waited-for children so far (Linux /proc; undefined elsewhere). */
let clkTck;
function childrenCpu() {
  try {
    clkTck ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    const stat = fs.readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 16 and 17 of stat(5) (cutime, cstime), counted from the state field (3).
    return (Number(fields[16 - 3]) + Number(fields[17 - 3])) / clkTck;
  } catch {
    return undefined;
  }
}

/** Runs one contender once; returns wall seconds, CPU seconds and where its output went. */
function runOnce(c, tmp, round) {
  c.before?.();
  const out = path.join(tmp, `${c.key}.${round}.out`);
  const err = path.join(tmp, `${c.key}.${round}.err`);
  const outFd = fs.openSync(out, 'w');
  const errFd = fs.openSync(err, 'w');
  const cpu0 = childrenCpu();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.args, { cwd: c.cwd, stdio: ['ignore', outFd, errFd], maxBuffer: 0 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu1 = childrenCpu();
  fs.closeSync(outFd);
  fs.closeSync(errFd);
  // Linters exit 1 when they report findings; anything else is a failure.
  const failed = r.error
    ? r.error.message
    : r.signal
      ? `killed by ${r.signal}`
      : (c.failed ?? ((code) => code !== 0 && code !== 1))(r.status)
        ? `exit code ${r.status}`
        : undefined;
  if (failed) {
    process.stderr.write(fs.readFileSync(err, 'utf8').slice(-4000));
    fail(`${c.name} failed (${failed}): node ${c.args.join(' ')} (in ${c.cwd})`);
  }
  const seen = c.count(fs.readFileSync(out, 'utf8'), fs.readFileSync(err, 'utf8'));
  fs.rmSync(out, { force: true });
  fs.rmSync(err, { force: true });
  return { wall, cpu: cpu0 !== undefined && cpu1 !== undefined ? cpu1 - cpu0 : undefined, status: r.status, ...seen, ...c.after?.() };
}

// ---- main ---------------------------------------------------------------------------------

function main() {
  let opts;
  try {
    opts = parseOptions(process.argv.slice(2), OPTIONS, { runs: 3, count: DEFAULTS.count }, HELP);
  } catch (e) {
    process.stderr.write(`bench:cli: ${e.message}\n${HELP}`);
    process.exit(2);
  }
  const m = machine();
  log(machineLine(m));

  const rebuilt = ensureBuild(CLI, fail);
  const versions = {
    mldesign: spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' }).stdout.trim(),
    markdownlintCli2: JSON.parse(fs.readFileSync(path.join(MDL_PKG, 'package.json'), 'utf8')).version,
    markdownlint: readVersion('markdownlint', MODULE_DIRS),
    remarkParse: readVersion('remark-parse', MODULE_DIRS),
    unified: readVersion('unified', MODULE_DIRS),
  };

  const out = opts.count === DEFAULTS.count ? DEFAULTS.out : `${DEFAULTS.out}-${opts.count}`;
  const corpus = ensureCorpus({ count: opts.count, out });
  const mb = corpus.bytes / 1e6;
  log(
    `corpus: ${corpus.files} docs, ${mb.toFixed(2)} MB in ${path.relative(process.cwd(), out)} (${corpus.written ? 'generated' : 'kept'}; seed ${corpus.seed}, sha256 ${corpus.sha256.slice(0, 16)})`,
  );
  log(
    `versions: mldesign ${versions.mldesign}${rebuilt ? ' (just built)' : ''}, markdownlint-cli2 ${versions.markdownlintCli2} (markdownlint ${versions.markdownlint}), remark-parse ${versions.remarkParse}, unified ${versions.unified}`,
  );
  fs.writeFileSync(
    path.join(out, MDL_CONFIG),
    JSON.stringify({ config: { default: false, MD043: { headings: MD043_HEADINGS } } }, null, 2) + '\n',
  );

  const tmp = benchTempDir('mldesign-bench-');
  // Time a private copy of the bundle: others rebuild dist/ while this runs, and a build in
  // the middle would change the code under test and turn the warm runs into cache misses.
  // dist/cli.js is self-contained (presets and templates are bundled; workers load __filename).
  const cli = path.join(tmp, 'cli.js');
  fs.copyFileSync(CLI, cli);
  const cliHash = sha256(fs.readFileSync(cli)).slice(0, 16);
  log(`testing a copy of dist/cli.js (sha256 ${cliHash}, built ${fs.statSync(CLI).mtime.toISOString()})`);
  const coldCache = path.join(tmp, 'cold.mldesigncache');
  const warmCache = path.join(tmp, 'warm.mldesigncache');
  let warmStamp;
  const cacheStamp = (file) => {
    try {
      const st = fs.statSync(file);
      return `${st.size}:${st.mtimeMs}`;
    } catch {
      return 'none';
    }
  };
  const jobs = opts.jobs ? ['--jobs', String(opts.jobs)] : [];
  const mldesignArgs = (cache) => [cli, 'lint', '--format', 'json', '--cache', '--cache-location', cache, ...jobs, '.'];
  const mldesignCount = (stdout) => {
    const report = JSON.parse(stdout);
    return { files: report.files.length, findings: report.files.reduce((n, f) => n + f.findings.length, 0) };
  };
  const contenders = [
    {
      key: 'cold',
      name: 'mldesign cold',
      cwd: out,
      args: mldesignArgs(coldCache),
      before: () => fs.rmSync(coldCache, { force: true }),
      count: mldesignCount,
    },
    {
      key: 'warm',
      name: 'mldesign warm (--cache)',
      cwd: out,
      args: mldesignArgs(warmCache),
      count: mldesignCount,
      // A warm run that hits the cache for every file has nothing to save: the file stays as it was.
      before: () => (warmStamp = cacheStamp(warmCache)),
      after: () => ({ cacheHit: cacheStamp(warmCache) === warmStamp }),
    },
    {
      key: 'mdl',
      name: 'markdownlint-cli2 (MD043)',
      cwd: out,
      args: [path.join(MDL_PKG, 'markdownlint-cli2-bin.mjs'), '**/*.md'],
      count: (stdout) => ({
        files: Number(/Linting: (\d+) file/.exec(stdout)?.[1] ?? NaN),
        findings: Number(/Summary: (\d+) error/.exec(stdout)?.[1] ?? NaN),
      }),
    },
    {
      key: 'remark',
      name: 'remark-parse (bare)',
      cwd: out,
      args: [path.join(BENCH, 'remark-parse.mjs'), '.'],
      failed: (code) => code !== 0,
      count: (stdout) => ({ files: JSON.parse(stdout).files, findings: undefined }),
    },
  ];

  log(`priming the warm cache (untimed) ...`);
  const prime = runOnce(contenders[1], tmp, 'prime');
  log(`  ${prime.wall.toFixed(2)} s, ${prime.files} files`);

  for (const c of contenders) c.samples = [];
  for (let round = 1; round <= opts.runs; round++) {
    for (const c of contenders) {
      const s = runOnce(c, tmp, round);
      c.samples.push(s);
      log(
        `  run ${round}/${opts.runs}  ${c.name.padEnd(26)} ${s.wall.toFixed(2).padStart(7)} s${s.cpu !== undefined ? `  cpu ${s.cpu.toFixed(2)} s` : ''}  files ${s.files}${s.cacheHit === false ? '  (!) cache miss: the cache file was rewritten' : ''}`,
      );
    }
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  // ---- report ----
  const rows = contenders.map((c) => {
    const walls = c.samples.map((s) => s.wall);
    const cpus = c.samples.map((s) => s.cpu).filter((x) => x !== undefined);
    const last = c.samples[c.samples.length - 1];
    return {
      key: c.key,
      name: c.name,
      command: `(cd ${path.relative(REPO, c.cwd)} && node ${c.args.map((a) => (a.startsWith(tmp) ? `$TMP${a.slice(tmp.length)}` : path.isAbsolute(a) ? path.relative(c.cwd, a) : a)).join(' ')})`,
      runs: walls,
      median: median(walls),
      min: Math.min(...walls),
      cpuMedian: cpus.length ? median(cpus) : undefined,
      mbPerS: mb / median(walls),
      files: last.files,
      findings: last.findings,
      filesOk: c.samples.every((s) => s.files === corpus.files),
      ...(c.key === 'warm' ? { cacheHits: c.samples.every((s) => s.cacheHit) } : {}),
    };
  });
  const by = Object.fromEntries(rows.map((r) => [r.key, r]));
  const ratio = (a, b) => ({ median: by[a].median / by[b].median, min: by[a].min / by[b].min });
  const ratios = {
    coldVsMarkdownlint: { ...ratio('cold', 'mdl'), target: TARGETS.cold },
    warmVsMarkdownlint: { ...ratio('warm', 'mdl'), target: TARGETS.warm },
    coldVsRemarkParse: ratio('cold', 'remark'),
    // CPU seconds (user+sys of the child, Linux only): what each costs whatever the load.
    ...(by.cold.cpuMedian !== undefined && by.mdl.cpuMedian ? { cpuColdVsMarkdownlint: by.cold.cpuMedian / by.mdl.cpuMedian } : {}),
  };

  const table = [
    ['contender', 'median s', 'min s', 'cpu s', 'MB/s', 'files', 'findings'],
    ...rows.map((r) => [
      r.name,
      r.median.toFixed(2),
      r.min.toFixed(2),
      r.cpuMedian !== undefined ? r.cpuMedian.toFixed(2) : '-',
      r.mbPerS.toFixed(2),
      `${r.files}${r.filesOk ? '' : ' (!)'}`,
      r.findings === undefined ? '-' : String(r.findings),
    ]),
  ];
  log('');
  log(`${opts.runs} runs each, wall clock; ${corpus.files} docs, ${mb.toFixed(2)} MB; cpu = user+sys of the child (median)`);
  printTable(table);
  log('');
  const verdict = (r) => (r.median <= r.target ? 'target met' : 'target NOT met');
  const fmt = (r) => `${r.median.toFixed(3)}x (min/min ${r.min.toFixed(3)}x)`;
  log(`cold / markdownlint-cli2   ${fmt(ratios.coldVsMarkdownlint)}   target <= ${TARGETS.cold}: ${verdict(ratios.coldVsMarkdownlint)}`);
  log(`warm / markdownlint-cli2   ${fmt(ratios.warmVsMarkdownlint)}   target <= ${TARGETS.warm}: ${verdict(ratios.warmVsMarkdownlint)}`);
  log(`cold / remark-parse        ${fmt(ratios.coldVsRemarkParse)}`);
  if (ratios.cpuColdVsMarkdownlint !== undefined) {
    log(
      `cpu: cold / markdownlint-cli2 ${ratios.cpuColdVsMarkdownlint.toFixed(3)}x (user+sys seconds, less sensitive to load; no target: mldesign spreads them over worker processes)`,
    );
  }

  if (opts.json) {
    writeJson(opts.json, {
      machine: m,
      versions,
      corpus: { files: corpus.files, bytes: corpus.bytes, seed: corpus.seed, sha256: corpus.sha256 },
      runs: opts.runs,
      jobs: opts.jobs ?? null,
      contenders: rows,
      ratios,
    });
  }

  const broken = rows.filter((r) => !r.filesOk);
  if (broken.length) fail(`${broken.map((r) => r.name).join(', ')} did not lint all ${corpus.files} files: the run is not comparable`);
  if (by.warm.cacheHits === false)
    fail('a warm run did not hit the cache for every file (the cache file was rewritten): the warm figure is not a warm run');
}

main();
