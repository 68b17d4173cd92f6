// The e2e suite's entry in the web worker extension host (the web build's run, test/e2e
// run.mjs): host.e2e.ts, then the same tests as suite/index.ts, with mocha's browser build.
// That host loads one CommonJS file and gives it `vscode` only, so test/e2e/lib.mjs
// (compileWebSuite) bundles this with everything it imports.
import * as vscode from 'vscode';

/** Set by the bundler: run only the tests whose full title matches (run.mjs --grep). */
declare const MLDESIGN_E2E_GREP: string;

interface BrowserMocha {
  setup(options: Record<string, unknown>): void;
  run(done: (failures: number) => void): void;
}

export async function run(): Promise<void> {
  await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace').then(undefined, () => undefined);
  // mocha's browser build defines the global `mocha`; the tdd interface's globals come with setup().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('mocha/mocha.js');
  const mocha = (globalThis as unknown as { mocha: BrowserMocha }).mocha;
  // reporter undefined: mocha's spec reporter, written to the console (not the HTML one).
  mocha.setup({ ui: 'tdd', reporter: undefined, color: false, timeout: 60_000, ...(MLDESIGN_E2E_GREP ? { grep: MLDESIGN_E2E_GREP } : {}) });
  /* eslint-disable @typescript-eslint/no-require-imports */
  require('./host.e2e');
  require('../extension.e2e');
  require('../team-config.e2e');
  require('../teach.e2e');
  require('../workspace-check.e2e');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} e2e test(s) failed`)) : resolve()));
  });
}
