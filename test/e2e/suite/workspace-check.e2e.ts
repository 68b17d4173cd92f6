/// <reference types="mocha" />
// "mldesign: Check All Design Docs" in a real VS Code (issue 18): a design doc that was never
// opened shows the CLI's findings in the Problems panel (vscode.languages.getDiagnostics),
// and follows its file as it changes and goes on disk. In the web build there is no disk to
// walk: the command says so and checks nothing. Runs last: after a check, files written to
// the workspace are checked too, which the other suites do not expect.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DESIGN_DOC, EXPECTED, closeAll, isCode, ours, readText, show, summary, waitFor, waitForCount, wsUri } from './helpers';

const COMMAND = 'mldesign.checkWorkspace';
/** The web worker extension host has no Node `process`. */
const webBuild = typeof process === 'undefined';

interface Result {
  files: number;
  checked: number;
  withProblems: number;
  cancelled: boolean;
}

suite('Check All Design Docs (issue 18)', () => {
  teardown(closeAll);

  test('a design doc never opened is in Problems with the CLI findings, and follows its file on disk', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(COMMAND), 'the command is registered');
    if (webBuild) {
      // No disk to walk with the CLI's rules: nothing is checked, the user is told why.
      assert.equal(await vscode.commands.executeCommand(COMMAND), undefined);
      return;
    }
    const uri = wsUri('unopened', 'payments-design.md');
    const text = await readText(wsUri(DESIGN_DOC));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
    assert.equal(isOpen(), false);
    assert.deepEqual(ours(uri), []);

    const result = await vscode.commands.executeCommand<Result>(COMMAND);
    assert.ok(result && !result.cancelled && result.files >= 2 && result.checked === result.files, show(result));
    const order = (a: { line: number; message: string }, b: { line: number; message: string }) =>
      a.line - b.line || a.message.localeCompare(b.message);
    const got = (await waitForCount(uri, EXPECTED.length)).map(summary).sort(order);
    assert.deepEqual(
      got.map(({ code, line, severity, message }) => ({ code, line, severity, message })),
      [...EXPECTED].sort(order),
    );
    // The workspace's own design doc, closed, is there too.
    await waitForCount(wsUri(DESIGN_DOC), EXPECTED.length);
    assert.equal(isOpen(), false, 'the check did not open the document');

    // Changed on disk (not in an editor): checked again.
    const filled = text.replace(
      /## Monitoring\s*\n/,
      '## Monitoring\n\nPrecision of the top 1 % of scores, daily, with an alert below 0.8.\n\n',
    );
    assert.notEqual(filled, text);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(filled));
    await waitFor(
      'the empty-section finding to go',
      () => ours(uri),
      (ds) => ds.length > 0 && !ds.some(isCode('empty-section')),
    );

    // Deleted: its diagnostics go.
    await vscode.workspace.fs.delete(uri);
    await waitFor(
      'the deleted file to leave Problems',
      () => ours(uri),
      (ds) => ds.length === 0,
    );
    await vscode.workspace.fs.delete(wsUri('unopened'), { recursive: true });
  });
});
