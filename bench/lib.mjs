// What the benchmarks share: options, the machine line, building dist/ when it is stale, a
// seeded PRNG for the generated documents, statistics and output. Plain Node.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { BUNDLE_OPTIONS } from '../scripts/bundle-options.mjs';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.dirname(BENCH);

export function log(s) {
  process.stdout.write(`${s}\n`);
}

const temps = [];

/** A temporary folder, removed by `fail` (a finished run removes its own). */
export function benchTempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** `fail(message)` for a benchmark: removes its temporary folders, says why, exits 1. */
export function failer(name) {
  return (message) => {
    for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(1);
  };
}

/** Command-line options: `spec` maps each flag to [key, 'int' | 'path']; -h prints `help`.
 * Throws on a bad or unknown option (the caller prints it with the help, exit 2). */
export function parseOptions(argv, spec, defaults, help) {
  const opts = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(help);
      process.exit(0);
    }
    const known = spec[a];
    if (!known) throw new Error(`unknown option '${a}'`);
    if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
    const v = argv[++i];
    const [key, kind] = known;
    if (kind === 'int') {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} must be a positive integer, not '${v}'`);
      opts[key] = n;
    } else if (kind === 'list') {
      const items = v
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      const allowed = known[2];
      const bad = items.filter((x) => !allowed.includes(x));
      if (!items.length || bad.length) throw new Error(`${a} takes a comma-separated list of ${allowed.join(', ')}; not '${v}'`);
      opts[key] = items;
    } else opts[key] = path.resolve(v);
  }
  return opts;
}

// ---- machine, build -----------------------------------------------------------------------

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    parallelism: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

export function machineLine(m) {
  return `machine: ${m.cpu}, ${m.cores} cores (parallelism ${m.parallelism}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}, ${m.date}, load ${m.loadavg.join(' ')}`;
}

function newestMtime(p) {
  let st;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of fs.readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, e)));
  return newest;
}

/** Builds dist/ when `bundle` is missing or older than what goes into it; true when it built. */
export function ensureBuild(bundle, fail) {
  const inputs = [
    'server/src',
    'server/presets',
    'snippets/templates',
    'esbuild.mjs',
    'scripts/builtin-files.mjs',
    'scripts/bundle-options.mjs',
  ];
  const built = fs.existsSync(bundle) ? fs.statSync(bundle).mtimeMs : 0;
  const newest = Math.max(...inputs.map((p) => newestMtime(path.join(REPO, p))));
  if (built && built >= newest) return false;
  const name = path.relative(REPO, bundle);
  log(built ? `${name} is older than its sources: npm run build` : `${name} is missing: npm run build`);
  const r = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: REPO,
    stdio: ['ignore', 'inherit', 'inherit'],
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) fail(`npm run build failed (exit ${r.status ?? r.signal})`);
  return true;
}

/** Copies a bundle and its source map into `dir` (the same names), retrying if a build lands
 * in between: others rebuild dist/ while a benchmark runs. */
/** `server/src/core` bundled as the product bundles it (the same esbuild options), built from
 * the sources now, into `dir`: what a benchmark of the core alone requires. */
export async function bundleCore(dir) {
  const bundle = path.join(dir, 'core.cjs');
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.join(REPO, 'server/src/core/index.ts')],
    outfile: bundle,
    logLevel: 'warning',
  });
  return bundle;
}

export function copyBundle(bundle, dir, fail) {
  const name = path.basename(bundle);
  const map = `${bundle}.map`;
  for (let attempt = 0; attempt < 5; attempt++) {
    const before = fs.statSync(bundle).mtimeMs;
    fs.copyFileSync(bundle, path.join(dir, name));
    const hasMap = fs.existsSync(map);
    if (hasMap) fs.copyFileSync(map, path.join(dir, `${name}.map`));
    const after = fs.statSync(bundle).mtimeMs;
    const mapTime = hasMap ? fs.statSync(map).mtimeMs : before;
    // esbuild writes the bundle, then its map: both must come from the same build.
    if (before === after && Math.abs(mapTime - before) < 2000)
      return { js: path.join(dir, name), map: hasMap ? path.join(dir, `${name}.map`) : undefined, built: new Date(before) };
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
  }
  fail(`${path.relative(REPO, bundle)} kept changing while it was copied (a build running?)`);
}

/** An installed package's version, from the first of `dirs` (node_modules folders) that has it. */
export function readVersion(pkg, dirs = [path.join(REPO, 'node_modules')]) {
  for (const dir of dirs) {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, pkg, 'package.json'), 'utf8')).version;
    } catch {
      // try the next place
    }
  }
  return 'unknown';
}

// ---- the generated documents --------------------------------------------------------------

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded PRNG (mulberry32): the same draws on every machine, nothing from the clock. */
export class Rng {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** Integer in [lo, hi]. */
  int(lo, hi) {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick(list) {
    return list[Math.floor(this.next() * list.length)];
  }
  chance(p) {
    return this.next() < p;
  }
  /** Triangular distribution on [lo, hi] with the given mode; mean (lo + hi + mode) / 3. */
  triangular(lo, hi, mode) {
    const u = this.next();
    const c = (mode - lo) / (hi - lo);
    return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  }
  shuffle(list) {
    const a = [...list];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  }
}

/** Text hard-wrapped at `width` columns, as people do in editors (draws nothing). */
export function hardWrap(text, width) {
  const lines = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line && line.length + w.length + 1 > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

// ---- figures ------------------------------------------------------------------------------

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** Rows of cells as an aligned table (first column left, the others right), header ruled. */
export function printTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const [i, row] of rows.entries()) {
    log(
      row
        .map((cell, j) => (j === 0 ? cell.padEnd(widths[j]) : cell.padStart(widths[j])))
        .join('  ')
        .trimEnd(),
    );
    if (i === 0) log(widths.map((w) => '-'.repeat(w)).join('  '));
  }
}

export function writeJson(file, data) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
  log(`figures written to ${file}`);
}
