// npm run test:e2e: the e2e suite in a real VS Code (code-server 4.100.3 = VS Code 1.100.3),
// driven by playwright-core with Debian's Chromium, on 127.0.0.1 only, for both builds of
// the extension: the Node one and the web one (VS Code for the Web's).
//
//   npm run test:e2e [-- --update-screenshot] [-- --grep REGEXP] [-- --keep]
//
//   --update-screenshot  also write the screenshots to docs/images/vscode-mldesign.png and
//                        docs/images/web-mldesign.png
//   --grep REGEXP        run only the in-host tests whose full title matches
//   --keep               keep the run folder even when everything passes
//
// 1. installs code-server into test/e2e/.work/cs if it is not cached there (install-code-server.mjs);
// 2. builds dist/, packages the .vsix into the work dir, compiles test/e2e/suite;
// 3. worker phase: test/protocol/browser-server.test.ts, the browser server in a Web Worker
//    of a test page, spoken to over postMessage (vitest, Chromium required);
// 4. installs the .vsix into a throwaway profile and starts code-server;
// 5. UI phase (Playwright): the design doc's squiggles, the Problems panel, the language
//    status item; a screenshot;
// 6. in-host phase: the mocha suite in the extension host (extensionTestsPath in the page's
//    payload, the @vscode/test-electron contract), on a fresh copy of the workspace;
// 7. the web build: the user setting remote.extensionKind makes code-server run mldesign's
//    browser entry in its web worker extension host (as vscode.dev and github.dev do); the
//    UI phase again, plus its server's Web Worker and the browser's note in the status item,
//    and a screenshot of a diagnostic; then the in-host suite in that host (suite/web/).
// HOME, XDG_* and TMPDIR point into the run folder; a failed run keeps that folder (logs,
// screenshots) and prints what is in it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../helpers/chromium.mjs';
import { CHROMIUM, CODE_SERVER, ensureCodeServer } from './install-code-server.mjs';
import {
  CARRIER,
  DESIGN_DOC,
  REPO,
  WORK,
  buildAndPackage,
  compileSuite,
  compileWebSuite,
  copyWorkspace,
  expectedFindings,
  isolatedEnv,
  listFiles,
  log,
  newRun,
  sh,
  step,
  USER_SETTINGS,
} from './lib.mjs';

const { values: opts } = parseArgs({
  options: {
    'update-screenshot': { type: 'boolean', default: false },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const TIMEOUT_MS = Number(process.env.MLDESIGN_E2E_TIMEOUT_MS || 10 * 60_000);
const SHOT_NAME = 'vscode-mldesign.png';
const WEB_SHOT_NAME = 'web-mldesign.png';
const EXTENSION_ID = 'mldesign.mldesign';
/** What the status item adds in the browser (client/src/coverage-status.ts BROWSER_NOTE). */
const BROWSER_NOTE = 'in the browser, packages from node_modules are not loaded';

let failed = 0;
let passed = 0;
const checkAs = (name, ok, detail = '') => {
  if (ok) passed++;
  else failed++;
  log(ok ? 'PASS' : 'FAIL', name, ok ? '' : detail);
};
const check = checkAs;
const NOISE =
  /^(Ignoring fetching additional builtin|Creating a socket|Resolv(ing|ed) connection token|Updating additional builtin|\[Service Worker\]|ChatSessionStore)/;
const nbsp = (s) => s.replace(/\u00a0/g, ' ');

// ---- processes we start, and their end ----
let server;
let browser;
let dirs;
const groupAlive = () => {
  try {
    process.kill(-server.pid, 0);
    return true;
  } catch {
    return false;
  }
};
async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  browser = undefined;
  if (!server) return;
  try {
    process.kill(-server.pid, 'SIGTERM'); // code-server's own process group (detached)
  } catch {}
  for (let i = 0; i < 50 && groupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive()) {
    log('code-server still running after 5 s: SIGKILL');
    try {
      process.kill(-server.pid, 'SIGKILL');
    } catch {}
  }
  server = undefined;
}
process.on('exit', () => {
  if (server && groupAlive()) process.kill(-server.pid, 'SIGKILL');
});
let stopping = false;
async function stop(reason, code) {
  if (stopping) return;
  stopping = true;
  log(reason);
  await cleanup();
  dirs?.dispose();
  if (dirs) log(`run folder kept: ${path.relative(REPO, dirs.run)}`);
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stop(`${sig}: stopping`, 130));
const watchdog = setTimeout(() => stop(`TIMEOUT after ${TIMEOUT_MS / 1000} s`, 1), TIMEOUT_MS);
watchdog.unref();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function startCodeServer(env) {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const logFile = fs.createWriteStream(path.join(dirs.run, 'code-server.log'));
  server = spawn(
    CODE_SERVER,
    [
      '--auth',
      'none',
      '--bind-addr',
      host,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      dirs.ud,
      '--extensions-dir',
      dirs.exts,
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  server.stdout.pipe(logFile);
  server.stderr.pipe(logFile);
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://${host}/healthz`)).ok) break;
    } catch {}
    if (server.exitCode !== null) throw new Error(`code-server exited with ${server.exitCode}; see code-server.log`);
    if (Date.now() - start > 30_000) throw new Error('code-server did not answer /healthz within 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  log(`code-server up on http://${host} in ${Date.now() - start} ms`);
  return host;
}

async function newPage(name) {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  const page = await ctx.newPage();
  const consoleLog = fs.createWriteStream(path.join(dirs.run, `browser-console-${name}.log`));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack || e.message}\n`));
  return { ctx, page };
}

const workbenchUrl = (host, ws, payload) =>
  `http://${host}/?folder=${encodeURIComponent(ws)}${payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''}`;

async function shoot(page, name) {
  const file = path.join(dirs.run, name);
  try {
    await page.screenshot({ path: file });
    return file;
  } catch (e) {
    log(`screenshot ${name} failed: ${e.message}`);
    return undefined;
  }
}

/** Hovers the status bar's language status ({}) until its hover shows `want` (the server
 * answers a moment after the editor opens); returns the hover's last text. */
async function languageStatus(page, want, timeout = 20_000) {
  const item = page.locator('#status\\.languageStatus');
  await item.waitFor({ timeout: 15_000 });
  const end = Date.now() + timeout;
  for (;;) {
    await page.mouse.move(10, 10);
    await item.hover();
    const hover = page.locator('.monaco-hover .hover-language-status, .context-view .hover-language-status').first();
    await hover.waitFor({ timeout: 10_000 });
    const text = nbsp(await page.locator('.monaco-hover, .context-view').filter({ has: hover }).first().innerText());
    if (text.includes(want) || Date.now() > end) return text;
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
}

async function waitText(page, selector, parts, timeout) {
  await page
    .waitForFunction(
      ({ selector, parts }) => {
        const t = (document.querySelector(selector)?.innerText || '').replace(/\u00a0/g, ' ');
        return parts.every((p) => t.includes(p));
      },
      { selector, parts },
      { timeout },
    )
    .catch(() => {});
  return nbsp(
    (await page
      .locator(selector)
      .first()
      .innerText()
      .catch(() => '')) || '',
  );
}

/** Phase 1: what a user sees. `web`: mldesign runs its browser entry (see webBuild). */
async function uiPhase(host, ws, expected, { web = false } = {}) {
  const { ctx, page } = await newPage(web ? 'web-ui' : 'ui');
  const check = (name, ok, detail) => checkAs(web ? `web build: ${name}` : name, ok, detail);
  try {
    await page.goto(workbenchUrl(host, ws));
    const row = (name) => page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first();
    await row(DESIGN_DOC).waitFor({ timeout: 60_000 });
    log('workbench loaded');

    // The README first: checked, and found not to be a design doc.
    await row('README.md').click();
    await waitText(page, '.monaco-editor .view-lines', ['Fraud team workspace'], 30_000);
    let status = await languageStatus(page, 'ML design: not a design doc').catch((e) => `(no language status: ${e.message})`);
    check('language status on README.md: not a design doc', status.includes('ML design: not a design doc'), JSON.stringify(status));
    await page.keyboard.press('Escape');

    await row(DESIGN_DOC).click();
    const text = await waitText(page, '.monaco-editor .view-lines', ['Fraud scoring for card payments'], 30_000);
    check('the design doc opens in an editor', text.includes('Fraud scoring for card payments'), JSON.stringify(text.slice(0, 200)));
    const squiggles = page.locator('.monaco-editor .squiggly-warning');
    await squiggles
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => {});
    check('warning squiggles in the editor', (await squiggles.count()) >= 2, `count=${await squiggles.count()}`);

    await page.keyboard.press('Control+Shift+M'); // View: Problems
    const want = [...expected.map((f) => f.message.slice(0, 60)), DESIGN_DOC]; // what the CLI reports
    const problems = await waitText(page, '.markers-panel', want, 30_000);
    for (const w of want) check(`Problems panel lists "${w}"`, problems.includes(w), JSON.stringify(problems));
    check('Problems panel: nothing for README.md', !problems.includes('README.md'), JSON.stringify(problems));
    check(
      'Problems panel: the rule codes',
      problems.includes('missing-section') && problems.includes('empty-section'),
      JSON.stringify(problems),
    );
    const n = String(expected.length);
    const badge = page
      .locator('.part.panel .composite.title .action-item .badge-content, .part.panel .composite-bar .badge-content')
      .first();
    await page
      .waitForFunction((n) => [...document.querySelectorAll('.part.panel .badge-content')].some((b) => b.textContent?.trim() === n), n, {
        timeout: 10_000,
      })
      .catch(() => {});
    const count = (await badge.innerText().catch(() => '?')).trim();
    check(`Problems badge says ${n} (the CLI's count)`, count === n, `badge=${count}`);

    // The picture for the README: the doc, its squiggles, the Problems panel.
    await page
      .locator('.monaco-editor .view-lines')
      .first()
      .click({ position: { x: 5, y: 5 } })
      .catch(() => {});
    await page.keyboard.press('Control+Home'); // the cursor on the title: its lightbulb shows
    await page.mouse.move(700, 300);
    await page.waitForTimeout(500);
    let shot = web ? undefined : await shoot(page, SHOT_NAME);
    if (web) {
      // Its language server is a Web Worker the web extension host started (a nested
      // worker: VS Code names it after its parent).
      const names = await Promise.all(page.workers().map((w) => w.evaluate(() => globalThis.name).catch(() => '')));
      check(
        'the language server runs in a Web Worker of the web extension host',
        names.some((n) => /mldesign-server$/.test(n)),
        JSON.stringify(names),
      );
      shot = await diagnosticHover(page, '## Monitoring', 'empty-section');
      check('hovering a squiggle shows the diagnostic', !!shot);
    }

    status = await languageStatus(page, 'ML design 2/5').catch((e) => `(no language status: ${e.message})`);
    check('language status shows the coverage "ML design 2/5"', status.includes('ML design 2/5'), JSON.stringify(status));
    check(
      'language status lists what is missing',
      status.includes('Deployment') && status.includes('Model updates') && status.includes('Monitoring (empty)'),
      JSON.stringify(status),
    );
    if (web) check('language status says packages are not loaded in the browser', status.includes(BROWSER_NOTE), JSON.stringify(status));
    else check('language status has no browser note', !status.includes(BROWSER_NOTE), JSON.stringify(status));
    await shoot(page, web ? 'web-language-status.png' : 'language-status.png');
    return shot;
  } catch (e) {
    failed++;
    log(`FAIL ${web ? 'web build ' : ''}UI phase:`, e.stack || e);
    await shoot(page, web ? 'failure-web-ui.png' : 'failure-ui.png');
    return undefined;
  } finally {
    await ctx.close();
  }
}

/** The mouse on a line of the active editor until its hover shows the diagnostic there (by
 * its rule code): the picture of the web build. Returns the screenshot's path, or undefined
 * (then a failure screenshot is kept). */
async function diagnosticHover(page, line, code) {
  const target = page.locator('.monaco-editor .view-line', { hasText: line }).first();
  const hover = page.locator('.monaco-hover', { hasText: code }).first();
  // A hover can be missed (the mouse arrived while the editor was busy): leave, come back.
  for (let attempt = 0; attempt < 4; attempt++) {
    await page.mouse.move(5, 5);
    await target.hover({ position: { x: 40, y: 8 } });
    if (
      await hover.waitFor({ state: 'visible', timeout: 8_000 }).then(
        () => true,
        () => false,
      )
    ) {
      await page.waitForTimeout(300); // its fade-in
      return shoot(page, WEB_SHOT_NAME);
    }
  }
  await shoot(page, 'failure-web-hover.png');
  return undefined;
}

/** Phase 2: the mocha suite inside the extension host: the Node one (the carrier, a Node
 * extension's tests run there), or with `web` the web worker one (carrier-web). */
async function inHostPhase(host, ws, { carrier, suite, web = false }) {
  const name = web ? 'web build in-host mocha suite' : 'in-host mocha suite';
  const { ctx, page } = await newPage(web ? 'web-tests' : 'tests');
  const out = fs.createWriteStream(path.join(dirs.run, web ? 'web-extension-host-tests.log' : 'extension-host-tests.log'));
  let done = false;
  let resolveExit;
  const exited = new Promise((r) => (resolveExit = r));
  const counts = { passing: undefined, failing: 0 };
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    if (done) return;
    const line = format(...args);
    out.write(`[${type}] ${line}\n`);
    // The window logs at trace level (see suite/index.ts); the terminal gets the suite's output.
    if (!['trace', 'debug'].includes(type) && !NOISE.test(line)) console.log(`  ${line.replace(/\n/g, '\n  ')}`);
    const m = /^\s*(\d+) (passing|failing)/m.exec(line);
    if (m) counts[m[2]] = Number(m[1]);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    done = true;
    resolveExit(code);
  });
  try {
    await page.goto(
      workbenchUrl(host, ws, [
        ['extensionDevelopmentPath', `vscode-remote://${host}${carrier}`],
        ['extensionTestsPath', `vscode-remote://${host}${suite}`],
      ]),
    );
    let timer;
    const code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), 5 * 60_000)))]);
    clearTimeout(timer);
    check(`${name} (${counts.passing ?? '?'} passing, ${counts.failing} failing)`, code === 0, `exit=${code}`);
    if (code !== 0) await shoot(page, web ? 'failure-web-tests.png' : 'failure-tests.png');
    return counts;
  } finally {
    out.end();
    await ctx.close();
  }
}

/** Phase 0: test/protocol/browser-server.test.ts, which starts dist/browser-server.js in a
 * Web Worker of a page it serves and speaks LSP to it over postMessage; here Chromium is
 * required (npm test skips it without). */
function workerPhase() {
  try {
    sh(path.join(REPO, 'node_modules/.bin/vitest'), ['run', 'test/protocol/browser-server.test.ts'], {
      cwd: REPO,
      env: { ...process.env, MLDESIGN_REQUIRE_CHROMIUM: '1' },
    });
    check('the browser server in a Web Worker of a test page (test/protocol/browser-server.test.ts)', true);
  } catch (e) {
    check('the browser server in a Web Worker of a test page (test/protocol/browser-server.test.ts)', false, e.message);
  }
}

/** From now on a window runs mldesign's browser entry in its web worker extension host, as
 * vscode.dev and github.dev do: code-server also has a Node extension host, and runs an
 * extension that has both entries there (its kind is workspace first); the user setting
 * remote.extensionKind makes its kind web. A window reads it when it starts. */
function webBuild() {
  const settings = { ...USER_SETTINGS, 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } };
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

const started = Date.now();
let shot;
let webShot;
let counts;
let webCounts;
try {
  await ensureCodeServer();
  const vsix = await step('build and package', () => buildAndPackage());
  const suiteIndex = await step('compile the suite', () => compileSuite());
  await step('worker phase: the browser server in a Web Worker of a test page', () => workerPhase());

  dirs = newRun('cs');
  log(`run folder ${path.relative(REPO, dirs.run)}`);
  const env = {
    ...process.env,
    ...isolatedEnv(dirs),
    EXTENSIONS_GALLERY: '{}', // no marketplace look-ups
    ...(opts.grep ? { MLDESIGN_E2E_GREP: opts.grep } : {}),
  };
  for (const k of Object.keys(env)) if (k.startsWith('npm_') || k === 'VSCODE_IPC_HOOK_CLI') delete env[k];
  const installed = execFileSync(CODE_SERVER, ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts, '--install-extension', vsix], {
    env,
    encoding: 'utf8',
  });
  check('the .vsix installs', /successfully installed/i.test(installed), installed);

  const host = await startCodeServer(env);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    handleSIGINT: false, // stop() closes it, then code-server, in that order
    handleSIGTERM: false,
    handleSIGHUP: false,
    env: { ...process.env, ...isolatedEnv(dirs) },
    args: CHROMIUM_ARGS,
  });

  shot = await step('UI phase', () => uiPhase(host, copyWorkspace(dirs.run, 'fraud-team'), expectedFindings()));
  counts = await step('in-host phase', () =>
    inHostPhase(host, copyWorkspace(dirs.run, 'ws-tests'), { carrier: CARRIER, suite: suiteIndex }),
  );

  // The web build: from here on the window runs mldesign's browser entry (webBuild).
  webBuild();
  webShot = await step('web build: UI phase', () =>
    uiPhase(host, copyWorkspace(dirs.run, 'web/fraud-team'), expectedFindings(), { web: true }),
  );
  const web = await step('web build: compile the suite', () => compileWebSuite(dirs.run, opts.grep));
  const webWs = copyWorkspace(dirs.run, 'web/ws-tests');
  // A template linked to a file outside the workspace: the web build must refuse it (host.e2e.ts).
  fs.writeFileSync(path.join(dirs.run, 'outside.md'), 'Not a template: a file outside the workspace.\n');
  fs.symlinkSync(path.join(dirs.run, 'outside.md'), path.join(webWs, '.mldesign/templates/linked-review.md'));
  webCounts = await step('web build: in-host phase', () => inHostPhase(host, webWs, { carrier: web.carrier, suite: web.suite, web: true }));
} catch (e) {
  failed++;
  log('ERROR', e.stack || e);
} finally {
  await cleanup();
  dirs?.dispose();
}

for (const [file, name] of [
  [shot, SHOT_NAME],
  [webShot, WEB_SHOT_NAME],
]) {
  if (!file) continue;
  const dir = path.join(WORK, 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, name));
  if (opts['update-screenshot']) {
    fs.mkdirSync(path.join(REPO, 'docs/images'), { recursive: true });
    fs.copyFileSync(file, path.join(REPO, 'docs/images', name));
    log(`screenshot written to docs/images/${name}`);
  }
}
const secs = ((Date.now() - started) / 1000).toFixed(0);
if (failed || opts.keep) {
  if (dirs) {
    log(`run folder kept: ${path.relative(REPO, dirs.run)}`);
    const logs = listFiles(dirs.run, (p) => /\.(log|png)$/.test(p) && !/[\\/](ws-tests|fraud-team)[\\/]/.test(p));
    for (const l of logs) console.log(`    ${l}`);
  }
} else if (dirs) {
  fs.rmSync(dirs.run, { recursive: true, force: true });
}
console.log(
  `\ne2e (code-server): UI checks and phases ${passed} passed, ${failed} failed; in-host mocha ${counts?.passing ?? '?'} passing, ${counts?.failing ?? '?'} failing; web build in-host mocha ${webCounts?.passing ?? '?'} passing, ${webCounts?.failing ?? '?'} failing; ${secs} s`,
);
process.exitCode = failed ? 1 : 0;
