/// <reference types="mocha" />
// The team config (.mldesign.yaml at the workspace root, issue 4) in a real VS Code: a
// section it adds is required in every design doc, its quick fix inserts the team's
// template, and editing the config re-checks open docs without a restart. The workspace
// starts with a config that adds nothing (test/e2e/workspace/.mldesign.yaml); each test
// writes the config it needs, as a user would: open the file, edit, save.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  EXPECTED,
  RULE_DOCS,
  applyAction,
  closeAll,
  codeActions,
  hoverText,
  lineOf,
  missing,
  openDesignDocCopy,
  openNewDoc,
  ours,
  readText,
  show,
  summary,
  waitFor,
  waitForCount,
  wsUri,
} from './helpers';

const CONFIG = '.mldesign.yaml';

const WITH_PRIVACY_REVIEW = `extends: recommended
sections:
  - id: privacy-review
    title: Privacy review
    level: required
    aliases: [Privacy, Data protection]
    guidance: How personal data is collected, stored, retained and protected.
    template: .mldesign/templates/privacy-review.md
`;

async function writeConfig(text: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(wsUri(CONFIG));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), text);
  assert.ok(await vscode.workspace.applyEdit(edit), 'edit of .mldesign.yaml applied');
  assert.ok(await doc.save(), '.mldesign.yaml saved');
}

const privacyMissing = missing('Privacy review');

suite('team config (.mldesign.yaml, issue 4)', () => {
  let original = '';

  suiteSetup(async () => {
    original = await readText(wsUri(CONFIG));
  });

  teardown(closeAll);

  suiteTeardown(async () => {
    await writeConfig(original);
    await closeAll();
  });

  test('a section the team config adds is required in every design doc', async () => {
    const editor = await openDesignDocCopy('team-design.md');
    const uri = editor.document.uri;
    await writeConfig(WITH_PRIVACY_REVIEW);
    const diags = await waitFor(
      "'No 'Privacy review' section.' after the config edit",
      () => ours(uri),
      (ds) => ds.some(privacyMissing),
    );
    await waitForCount(uri, EXPECTED.length + 1);
    const d = summary(diags.find(privacyMissing)!);
    assert.deepEqual([d.code, d.target, d.line, d.severity], ['missing-section', `${RULE_DOCS}missing-section.md`, 0, 'Warning'], show(d));
  });

  test("an alias of the team's section covers it, and its heading has a hover", async () => {
    await writeConfig(WITH_PRIVACY_REVIEW);
    const text = await readText(wsUri('fraud-scoring-design.md'));
    const editor = await openNewDoc(
      'alias-design.md',
      `${text}\n## Data protection\n\nCard numbers never leave the payments vault; features use tokens only.\n`,
    );
    const uri = editor.document.uri;
    const ds = await waitForCount(uri, EXPECTED.length);
    assert.ok(!ds.some(privacyMissing), show(ds));
    const line = lineOf(editor.document, '## Data protection');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 5));
    assert.ok(
      hovers.map(hoverText).some((t) => t.startsWith('**Privacy review** · required section')),
      show(hovers.map(hoverText)),
    );
  });

  test("quick fix \"Add section 'Privacy review'\" inserts the team's template", async () => {
    await writeConfig(WITH_PRIVACY_REVIEW);
    const doc = (await openDesignDocCopy('team-fix-design.md', EXPECTED.length + 1)).document;
    const diag = ours(doc.uri).find(privacyMissing);
    assert.ok(diag, show(ours(doc.uri)));
    const actions = await codeActions(doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find((a) => a.title === "Add section 'Privacy review'");
    assert.ok(add, show(actions.map((a) => a.title)));
    await applyAction(add);
    const text = doc.getText();
    assert.ok(lineOf(doc, '## Privacy review') > 0, text);
    assert.ok(
      text.includes('**Personal data.** Which personal data the system uses'),
      `the team's template from .mldesign/templates/privacy-review.md:\n${text}`,
    );
    assert.ok(text.includes('**Retention and deletion.**'), text);
    await waitFor(
      'the Privacy review diagnostic to go',
      () => ours(doc.uri),
      (ds) => !ds.some(privacyMissing),
    );
  });

  test('taking the section out of the config re-checks open docs without a restart', async () => {
    await writeConfig(WITH_PRIVACY_REVIEW);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(wsUri('fraud-scoring-design.md')), {
      preview: false,
    });
    const uri = editor.document.uri;
    await waitFor(
      'the Privacy review diagnostic',
      () => ours(uri),
      (ds) => ds.some(privacyMissing) && ds.length === EXPECTED.length + 1,
    );
    await writeConfig(original);
    const ds = await waitForCount(uri, EXPECTED.length);
    assert.ok(!ds.some(privacyMissing), show(ds));
  });
});
