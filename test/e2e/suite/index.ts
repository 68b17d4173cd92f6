// The e2e suite's entry, loaded by the extension host as extensionTestsPath: the contract of
// @vscode/test-electron (a module exporting run()), served by both runners
// (test/e2e/run.mjs for code-server, test/e2e/run-electron.mjs for VS Code desktop).
// MLDESIGN_E2E_GREP in the environment runs only the tests whose full title matches it.
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export const FILES = ['extension.e2e.js', 'team-config.e2e.js', 'teach.e2e.js', 'workspace-check.e2e.js'];

export async function run(): Promise<void> {
  // The mldesign log channel records the LSP traffic only at log level Trace (languageclient
  // 11 with a LogOutputChannel); a failed run keeps that log. Test-only command.
  if (process.env.MLDESIGN_E2E_TRACE !== '0')
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace').then(undefined, () => undefined);
  const grep = process.env.MLDESIGN_E2E_GREP;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  for (const f of FILES) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
