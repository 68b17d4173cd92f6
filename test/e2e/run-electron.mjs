// npm run test:e2e:electron: the same in-host suite (test/e2e/suite) in VS Code desktop,
// through @vscode/test-electron. For machines that can download VS Code from
// update.code.visualstudio.com; on a Linux machine without a display run it under Xvfb:
//
//   xvfb-run -a npm run test:e2e:electron [-- --grep REGEXP]
//
// MLDESIGN_E2E_VSCODE picks the version (default 1.100.3, the one code-server 4.100.3
// bundles; "stable" for the newest). VS Code is cached in test/e2e/.work/vscode-test.
// No UI phase here: the Problems panel and screenshot checks are in run.mjs.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { CARRIER, REPO, WORK, buildAndPackage, compileSuite, copyWorkspace, isolatedEnv, listFiles, log, newRun, step } from './lib.mjs';

const { values: opts } = parseArgs({ options: { grep: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const version = process.env.MLDESIGN_E2E_VSCODE || '1.100.3';

let dirs;
let code;
try {
  const vsix = await step('build and package', () => buildAndPackage());
  const suiteIndex = await step('compile the suite', () => compileSuite());
  const exe = await step(`VS Code ${version}`, () => downloadAndUnzipVSCode({ version, cachePath: path.join(WORK, 'vscode-test') }));

  dirs = newRun('electron');
  const ws = copyWorkspace(dirs.run, 'ws-tests');
  const profile = ['--user-data-dir', dirs.ud, '--extensions-dir', dirs.exts];
  // VS Code writes ~/.vscode/argv.json and caches under HOME/XDG_*: keep them in the run folder.
  Object.assign(process.env, isolatedEnv(dirs));

  const [cli] = resolveCliArgsFromVSCodeExecutablePath(exe, { reuseMachineInstall: true });
  const install = spawnSync(cli, [...profile, '--install-extension', vsix], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (install.status !== 0) throw new Error(`--install-extension failed:\n${install.stdout}${install.stderr}`);
  log(install.stdout.trim().split('\n').pop());

  code = await runTests({
    vscodeExecutablePath: exe,
    extensionDevelopmentPath: CARRIER, // empty: mldesign is the installed .vsix
    extensionTestsPath: suiteIndex,
    launchArgs: [ws, ...profile, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', '--disable-telemetry'],
    extensionTestsEnv: { ...(opts.grep ? { MLDESIGN_E2E_GREP: opts.grep } : {}) },
  });
} catch (e) {
  log('FAILED:', e instanceof Error ? e.message : e);
  code = 1;
} finally {
  dirs?.dispose();
}
if (dirs && (code !== 0 || opts.keep)) {
  log(`run folder kept: ${path.relative(REPO, dirs.run)}`);
  for (const l of listFiles(path.join(dirs.ud, 'logs'))) console.log(`    ${l}`);
}
process.exit(code === 0 ? 0 : 1);
