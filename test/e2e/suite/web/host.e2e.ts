/// <reference types="mocha" />
// Where this run happens: the suite and mldesign in VS Code's web worker extension host, as
// in vscode.dev and github.dev, not in the Node one that code-server also has. Run first by
// suite/web/index.ts, before the shared tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DESIGN_DOC, EXTENSION_ID, waitFor, waitForCount, EXPECTED, wsUri } from '../helpers';

const global = globalThis as { importScripts?: unknown; process?: { versions?: { node?: string } } };

suite('the web build, in the web worker extension host', () => {
  test('this suite runs in a Web Worker without Node, and mldesign is active in this same host', async () => {
    // A worker's global scope, and no Node process.
    assert.equal(typeof global.importScripts, 'function');
    assert.equal(global.process?.versions?.node, undefined);
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    // vscode.extensions lists the extensions of this extension host only.
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not in this extension host; it has: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri(DESIGN_DOC)), { preview: false });
    await waitFor('mldesign to activate here', () => ext.isActive, Boolean);
    assert.equal(ext.packageJSON.browser, './dist/browser-client.js');
    // Its diagnostics come from the browser server, started in a worker of its own.
    await waitForCount(editor.document.uri, EXPECTED.length);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
