// Shared by the e2e runners (run.mjs: code-server + Chromium; run-electron.mjs: VS Code
// desktop through @vscode/test-electron). All state lives under test/e2e/.work/ (gitignored).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const E2E_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(E2E_DIR, '../..');
export const WORK = path.join(E2E_DIR, '.work'); // in .gitignore; mocha resolves from the repo's node_modules
export const CARRIER = path.join(E2E_DIR, 'carrier');
export const FIXTURE_WS = path.join(E2E_DIR, 'workspace');
export const SUITE_OUT = path.join(WORK, 'suite');
export const VSIX = path.join(WORK, 'mldesign.vsix');

const t0 = Date.now();
export const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
export const log = (...a) => console.log(`[e2e ${elapsed()}]`, ...a);

/** Runs a step, logging its duration. */
export async function step(name, fn) {
  const s = Date.now();
  log(`${name} ...`);
  const r = await fn();
  log(`${name}: done in ${((Date.now() - s) / 1000).toFixed(1)} s`);
  return r;
}

export function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
  return r;
}

/** dist/ from the current sources, and the .vsix packaged from it into the work dir. */
export function buildAndPackage() {
  fs.mkdirSync(WORK, { recursive: true });
  sh('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  fs.rmSync(VSIX, { force: true });
  // The same command as `npm run package`, writing into the work dir (no race on ./mldesign.vsix).
  sh(path.join(REPO, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', VSIX], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  log(`packaged ${path.relative(REPO, VSIX)} (${fs.statSync(VSIX).size} bytes)`);
  return VSIX;
}

/** test/e2e/suite/*.ts -> .work/suite/*.js (CommonJS, one file each; mocha and vscode stay
 * external), with expected.json beside them (see expectedFindings). */
export async function compileSuite() {
  fs.rmSync(SUITE_OUT, { recursive: true, force: true });
  const entries = fs
    .readdirSync(path.join(E2E_DIR, 'suite'))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(E2E_DIR, 'suite', f));
  await esbuild.build({
    entryPoints: entries,
    outdir: SUITE_OUT,
    bundle: false,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(SUITE_OUT, 'expected.json'), JSON.stringify(expectedFindings(), null, 2));
  return path.join(SUITE_OUT, 'index.js');
}

/** The web build's suite (suite/web/index.ts and all it imports, mocha's browser build
 * included) as one CommonJS file inside a copy of carrier-web/ in the run folder: a tests
 * file inside a development extension runs in that extension's host, and carrier-web is a
 * web extension, so the web worker extension host. node:assert/strict becomes a small
 * browser one (suite/web/assert.ts); expected.json is bundled. */
export async function compileWebSuite(run, grep = '') {
  const carrier = path.join(run, 'carrier-web');
  fs.cpSync(path.join(E2E_DIR, 'carrier-web'), carrier, { recursive: true });
  const expected = path.join(SUITE_OUT, 'expected.json');
  if (!fs.existsSync(expected)) throw new Error(`${expected} is missing: compileSuite() first`);
  const suite = path.join(carrier, 'suite.js');
  await esbuild.build({
    entryPoints: [path.join(E2E_DIR, 'suite/web/index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'cjs',
    conditions: ['worker'],
    external: ['vscode'],
    alias: { 'node:assert/strict': path.join(E2E_DIR, 'suite/web/assert.ts') },
    define: { MLDESIGN_E2E_GREP: JSON.stringify(grep) },
    plugins: [
      {
        name: 'expected-json',
        setup(build) {
          build.onResolve({ filter: /^\.\/expected\.json$/ }, () => ({ path: expected }));
        },
      },
    ],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return { carrier, suite };
}

export const DESIGN_DOC = 'fraud-scoring-design.md';
const SEVERITY = { error: 'Error', warning: 'Warning', info: 'Information', hint: 'Hint' };

/** What the CLI (the same core, the same .mldesign.yaml) reports for the workspace's design
 * doc: an editor must show exactly these. 0-based lines, VS Code severity names. The suite
 * also pins the three findings the doc is written to have, so a CLI that reports nothing
 * cannot make the editor tests pass. */
export function expectedFindings(file = DESIGN_DOC) {
  const r = spawnSync(process.execPath, [path.join(REPO, 'dist/cli.js'), 'lint', '--format', 'json', file], {
    cwd: FIXTURE_WS,
    encoding: 'utf8',
  });
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`mldesign lint --format json ${file} (exit ${r.status}) printed no JSON:\n${r.stdout}${r.stderr}`);
  }
  const found = report.files.find((f) => f.path === file);
  if (!found) throw new Error(`the CLI did not lint ${file}: ${r.stdout}`);
  return found.findings.map((f) => ({
    code: f.ruleId,
    line: f.line - 1,
    severity: SEVERITY[f.severity] ?? f.severity,
    message: f.message,
  }));
}

/** A fresh run folder: profile, extensions, HOME/XDG, temp, and a copy of the fixture workspace. */
export function newRun(prefix) {
  const runs = path.join(WORK, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  // Keep the last few runs' folders only (failed runs are kept for diagnosis).
  const old = fs.readdirSync(runs).sort().slice(0, -5);
  for (const d of old) fs.rmSync(path.join(runs, d), { recursive: true, force: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const run = fs.mkdtempSync(path.join(runs, `${prefix}-${stamp}-`));
  const dirs = Object.fromEntries(['ud', 'exts', 'home', 'xdg-config', 'xdg-data', 'xdg-cache'].map((d) => [d, path.join(run, d)]));
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  // TMPDIR must be short: Chromium and VS Code put Unix sockets there (at most 107 bytes a path).
  dirs.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mld-e2e-'));
  fs.mkdirSync(path.join(dirs.ud, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  const dispose = () => {
    try {
      fs.rmSync(dirs.tmp, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (e) {
      log(`could not remove ${dirs.tmp}: ${e.message}`);
    }
  };
  return { run, ...dirs, dispose };
}

/** A throwaway copy of test/e2e/workspace (tests edit and create files in it). */
export function copyWorkspace(run, name) {
  const ws = path.join(run, name);
  fs.cpSync(FIXTURE_WS, ws, { recursive: true });
  return ws;
}

/** Environment that keeps VS Code, code-server and Chromium out of the real HOME. */
export function isolatedEnv(dirs) {
  return {
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    XDG_CACHE_HOME: dirs['xdg-cache'],
    TMPDIR: dirs.tmp,
  };
}

export const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'security.workspace.trust.enabled': false,
  // The LSP traffic lands in the mldesign log: a failed run keeps it.
  'mldesign.trace.server': 'messages',
};

/** Every file under `dir`, relative, with sizes: what a failed run leaves for diagnosis. */
export function listFiles(dir, filter = () => true) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (filter(p)) out.push(`${path.relative(REPO, p)} (${fs.statSync(p).size} bytes)`);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}
