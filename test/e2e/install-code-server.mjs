// Installs (once, cached in test/e2e/.work/cs) a real VS Code for the e2e suite: code-server
// from the npm registry, which bundles VS Code 1.100.3 and runs on Node 20. Needs Debian's
// chromium, ripgrep and libkrb5-dev (installed with apt-get when missing and running as root).
//
//   node test/e2e/install-code-server.mjs [--force]     (run.mjs calls it when the cache is missing)
//
// Facts behind the recipe (see also test/e2e/README.md):
// - code-server 4.100.3 is the newest whose engines.node accepts Node 20 (4.103+ need 22).
// - Its postinstall refuses root unless npm_config_unsafe_perm=true, then runs `npm install`
//   in lib/vscode where node-pty calls `npx node-gyp` (npm_config_yes=true).
// - npm 11.1x blocks dependency install scripts unless package.json's allowScripts lists
//   them: code-server's own postinstall and argon2's build.
// - Its @vscode/ripgrep downloads rg from GitHub unless the tarball is already in
//   $TMPDIR/vscode-ripgrep-cache-<version>/: we put Debian's rg there.
// - kerberos' prebuilt download fails offline and builds from source: libkrb5-dev.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORK, log, sh, step } from './lib.mjs';
import { CHROMIUM } from '../helpers/chromium.mjs';

export { CHROMIUM };

export const CS_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
export const CS_DIR = path.join(WORK, 'cs');
export const CODE_SERVER = path.join(CS_DIR, 'node_modules', '.bin', 'code-server');
export const APT_PACKAGES = ['chromium', 'ripgrep', 'libkrb5-dev'];
// What code-server 4.100.3 pins: @vscode/ripgrep 1.15.11 -> ripgrep v13.0.0-10.
const RG_PKG = '1.15.11';
const RG_TAG = 'v13.0.0-10';
const MARKER = path.join(CS_DIR, '.installed');

function missingPackages(pkgs) {
  return pkgs.filter((p) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' });
    return !(r.status === 0 && r.stdout.includes('install ok installed'));
  });
}

/** apt-get install only what is missing; only root may. */
export function ensureAptPackages(pkgs = APT_PACKAGES) {
  const missing = missingPackages(pkgs);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}. Install them first: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get', ['update', '-q'], { env });
  sh('apt-get', ['install', '-y', '-q', ...missing], { env });
}

export function codeServerCached() {
  return fs.existsSync(CODE_SERVER) && fs.existsSync(MARKER) && fs.readFileSync(MARKER, 'utf8').trim() === CS_VERSION;
}

export async function ensureCodeServer({ force = false } = {}) {
  ensureAptPackages();
  if (!force && codeServerCached()) {
    log(`code-server ${CS_VERSION}: cached in ${path.relative(process.cwd(), CS_DIR)}`);
    return;
  }
  await step(`install code-server ${CS_VERSION} into ${CS_DIR}`, () => install());
}

function install() {
  fs.rmSync(CS_DIR, { recursive: true, force: true });
  const scratch = path.join(WORK, 'cs-install');
  fs.rmSync(scratch, { recursive: true, force: true });
  const tmp = path.join(scratch, 'tmp');
  const home = path.join(scratch, 'home');
  fs.mkdirSync(tmp, { recursive: true });
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(CS_DIR, { recursive: true });

  // Debian's rg where @vscode/ripgrep's postinstall looks before asking GitHub.
  const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim();
  if (!rg) throw new Error('rg not found: apt-get install ripgrep');
  const pack = path.join(tmp, 'rgpack');
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RG_PKG}`);
  fs.mkdirSync(pack, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  fs.copyFileSync(rg, path.join(pack, 'rg'));
  fs.chmodSync(path.join(pack, 'rg'), 0o755);
  sh('tar', ['czf', path.join(cache, `ripgrep-${RG_TAG}-x86_64-unknown-linux-musl.tar.gz`), '-C', pack, 'rg']);

  fs.writeFileSync(
    path.join(CS_DIR, 'package.json'),
    JSON.stringify(
      {
        name: 'mldesign-e2e-code-server',
        private: true,
        description: 'code-server for the mldesign e2e suite (test/e2e/install-code-server.mjs)',
        allowScripts: { 'code-server': true, argon2: true },
      },
      null,
      2,
    ),
  );
  const userNpmrc = path.join(os.homedir(), '.npmrc');
  const env = {
    ...process.env,
    HOME: home, // node-gyp's header cache and anything else npm writes to ~
    TMPDIR: tmp,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    npm_config_cache: path.join(WORK, 'npm-cache'),
    npm_config_yes: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
    // Read the user's npm settings (registry, nodedir, proxy) without writing to their HOME.
    ...(fs.existsSync(userNpmrc) && !process.env.npm_config_userconfig ? { npm_config_userconfig: userNpmrc } : {}),
    // Node's headers from the distribution, so node-gyp needs no download.
    ...(!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h') && process.execPath.startsWith('/usr/')
      ? { npm_config_nodedir: '/usr' }
      : {}),
  };
  for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(argv|global|prefix|local_prefix))/.test(k)) delete env[k]; // not the outer `npm run`'s
  sh('npm', ['install', '--no-save', `code-server@${CS_VERSION}`], { cwd: CS_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] });

  const rgBin = path.join(CS_DIR, 'node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg');
  if (!fs.existsSync(rgBin)) throw new Error(`code-server installed without ripgrep (${rgBin}): did its postinstall run?`);
  const version = spawnSync(CODE_SERVER, ['--version'], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), XDG_DATA_HOME: path.join(home, '.local/share') },
  });
  const line = (version.stdout || '').trim().split('\n').pop() ?? '';
  if (!line.startsWith(`${CS_VERSION} `) || !line.includes(`Code ${VSCODE_VERSION}`))
    throw new Error(`code-server --version said: ${version.stdout}${version.stderr}`);
  log(line);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.writeFileSync(MARKER, CS_VERSION + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureCodeServer({ force: process.argv.includes('--force') });
}
