/// <reference types="mocha" />
// Where this run happens: the suite and mldesign in VS Code's web worker extension host, as
// in vscode.dev and github.dev, not in the Node one that code-server also has. Run first by
// suite/web/index.ts, before the shared tests.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, DESIGN_DOC, EXPECTED, EXTENSION_ID, readText, show, SOURCE, waitFor, waitForCount, wsUri } from '../helpers';

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
    await closeAll();
  });

  test('a template that is a symbolic link is refused, not followed (the runner links one out of the workspace)', async () => {
    const config = wsUri('.mldesign.yaml');
    const original = await readText(config);
    const doc = await vscode.workspace.openTextDocument(config);
    const write = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(await doc.save());
    };
    try {
      await write(
        'extends: recommended\nsections:\n  - id: linked-review\n    title: Linked review\n    template: .mldesign/templates/linked-review.md\n',
      );
      const problems = await waitFor(
        'a config problem about the link',
        () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === SOURCE),
        (ds) => ds.some((d) => d.message.includes('symbolic link')),
      );
      assert.ok(
        problems.some((d) => d.message.includes('.mldesign/templates/linked-review.md') && d.message.includes('symbolic link')),
        show(problems.map((d) => d.message)),
      );
    } finally {
      await write(original);
      await closeAll();
    }
  });
});
