// npm run test:neovim: Neovim's built-in LSP client against dist/server.js --stdio.
// Builds dist/, takes the Neovim configuration from docs/editors.md (the block between the
// neovim-0.7 markers), copies test/e2e/workspace to a temp folder and runs
// test/neovim/lsp_test.lua in a headless Neovim with HOME/XDG_* pointed into that folder.
// Needs Debian's neovim (0.7.2 on bookworm): apt-get install -y neovim.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectedFindings } from '../e2e/lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const TIMEOUT_MS = 90_000;
const started = Date.now();

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mld-nvim-'));
const dirs = { HOME: 'home', XDG_CONFIG_HOME: 'config', XDG_DATA_HOME: 'data', XDG_STATE_HOME: 'state', XDG_CACHE_HOME: 'cache' };
const env = { ...process.env };
for (const [k, d] of Object.entries(dirs)) fs.mkdirSync((env[k] = path.join(tmp, d)), { recursive: true }); // nothing lands in the real HOME

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8', env });
if (nvim.error || nvim.status !== 0) {
  console.error('test:neovim needs Neovim 0.7 or later on PATH: apt-get install -y neovim');
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}
console.log(`[neovim] ${nvim.stdout.split('\n')[0]}`);

if (!process.argv.includes('--no-build')) {
  const b = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  if (b.status !== 0) {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(b.status ?? 1);
  }
}
const server = path.join(REPO, 'dist/server.js');
if (!fs.existsSync(server)) {
  console.error(`${server} is missing: npm run build`);
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

// The configuration users copy from docs/editors.md is the one under test.
const docs = fs.readFileSync(path.join(REPO, 'docs/editors.md'), 'utf8');
const block = /<!-- neovim-0\.7:start[^>]*-->\s*```lua\n([\s\S]*?)```\s*<!-- neovim-0\.7:end -->/.exec(docs);
if (!block) {
  console.error('docs/editors.md has no ```lua block between <!-- neovim-0.7:start --> and <!-- neovim-0.7:end -->');
  fs.rmSync(tmp, { recursive: true, force: true });
  process.exit(1);
}

const ws = path.join(tmp, 'ws');
fs.cpSync(path.join(REPO, 'test/e2e/workspace'), ws, { recursive: true });
const configFile = path.join(tmp, 'mldesign.lua');
fs.writeFileSync(configFile, block[1]);
const expectedFile = path.join(tmp, 'expected.json');
fs.writeFileSync(expectedFile, JSON.stringify(expectedFindings()));
Object.assign(env, { MLDESIGN_SERVER: server, MLDESIGN_ROOT: ws, MLDESIGN_NVIM_CONFIG: configFile, MLDESIGN_EXPECTED: expectedFile });

const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(HERE, 'lsp_test.lua')}`], {
  cwd: ws,
  env,
  detached: true, // its own process group: the server goes with it
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (d) => {
  output += d;
  process.stdout.write(d);
});
child.stderr.on('data', (d) => {
  output += d;
  process.stderr.write(d);
});
const killGroup = (sig) => {
  try {
    process.kill(-child.pid, sig);
  } catch {}
};
const timer = setTimeout(() => {
  console.error(`[neovim] timed out after ${TIMEOUT_MS / 1000} s`);
  killGroup('SIGKILL');
}, TIMEOUT_MS);
process.on('SIGINT', () => killGroup('SIGKILL'));

const code = await new Promise((resolve) => child.on('close', (c, sig) => resolve(c ?? sig)));
clearTimeout(timer);
killGroup('SIGKILL'); // anything left over (there should be nothing)
const summary = /neovim [\d.]+: \d+ passed, \d+ failed/.test(output);
const ok = code === 0 && summary;
const secs = ((Date.now() - started) / 1000).toFixed(1);
if (ok) {
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`[neovim] passed in ${secs} s`);
} else {
  fs.writeFileSync(path.join(tmp, 'output.log'), output);
  console.error(`[neovim] FAILED (exit ${code}) in ${secs} s; kept ${tmp}: output.log, cache/nvim/lsp.log (LSP traffic and server stderr)`);
}
process.exit(ok ? 0 : 1);
