// Team configuration over the protocol: a team section required and fixed with the team's
// template, config problems on the config file at their position with the last good
// configuration kept, live reload from buffers and from disk, multi-root, configFile, trust.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/lsp-client';
import { tempWorkspace } from '../helpers/tmp';

let client: TestClient | undefined;
afterEach(async () => {
  await client?.stop();
  client = undefined;
});

const TEAM_CONFIG = `extends: recommended
sections:
  - id: privacy-review
    title: Privacy review
    level: required
    aliases: [Privacy, Data protection]
    guidance: How personal data is collected, stored, retained and protected.
    template: .mldesign/templates/privacy-review.md
    after: data-stack
`;
const TEMPLATE = '**Personal data.** ${1:Which fields, why, and for how long.}\n\n**Access.** ${2:Who can read it.}\n';
const DOC = `# Churn model design

## Goals

Cut churn from 4.1 % to 3.5 %.

## Data

Nightly account snapshots.

## Serving

Nightly batch scores in the CRM.

## Monitoring

Weekly precision in the top 200.

## Retraining

Quarterly on 12 months of data.
`;

const workspace = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-ws-');
/** A fresh workspace with the team config, its template and the doc. */
const teamWorkspace = () =>
  workspace({ '.mldesign.yaml': TEAM_CONFIG, '.mldesign/templates/privacy-review.md': TEMPLATE, 'docs/churn-design.md': DOC });
const uri = (dir: string, name: string) => pathToFileURL(path.join(dir, name)).toString();
/** Problems (errors and warnings) by rule and section. */
const codes = (d: Diagnostic[]) =>
  d
    .filter((x) => x.severity! <= 2)
    .map((x) => `${x.code}:${(x.data as { sectionId?: string } | undefined)?.sectionId ?? ''}`)
    .sort();

describe('team configuration over LSP', () => {
  it('requires the team section and fixes it with the team template', async () => {
    const ws = teamWorkspace();
    client = await TestClient.start({ workspaceFolder: ws, snippetEdits: true });
    const doc = uri(ws, 'docs/churn-design.md');
    await client.open(doc, DOC);
    const diags = await client.diagnosticsFor(doc);
    expect(codes(diags)).toEqual(['missing-section:privacy-review']);
    const privacy = diags.find((d) => (d.data as { sectionId?: string }).sectionId === 'privacy-review')!;
    expect(privacy.message).toBe("No 'Privacy review' section");
    const actions = (await client.connection.sendRequest<unknown>('textDocument/codeAction', {
      textDocument: { uri: doc },
      range: privacy.range,
      context: { diagnostics: [privacy] },
    })) as CodeAction[];
    const add = actions.find((a) => a.title === "Add section 'Privacy review'")!;
    const edit = add.edit!.documentChanges![0] as { edits: { snippet: { value: string } }[] };
    expect(edit.edits[0]!.snippet.value).toContain('${1:Which fields, why, and for how long.}');
    await client.apply(add.edit!);
    expect(client.text(doc)).toContain(
      'Nightly account snapshots.\n\n## Privacy review\n\n**Personal data.** Which fields, why, and for how long.\n',
    );
    expect(codes(await client.diagnosticsFor(doc))).toEqual([]);
  });

  it("offers the team's templates as snippets", async () => {
    const ws = teamWorkspace();
    client = await TestClient.start({ workspaceFolder: ws });
    const doc = uri(ws, 'docs/churn-design.md');
    await client.open(doc, DOC + '\nmld-pri');
    await client.diagnosticsFor(doc);
    const line = client.text(doc).split('\n').length - 1;
    const items = (await client.connection.sendRequest<unknown>('textDocument/completion', {
      textDocument: { uri: doc },
      position: { line, character: 7 },
    })) as { label: string; textEdit: { newText: string; range: unknown } }[];
    expect(items.map((i) => i.label)).toEqual(['mld-privacy-review']);
    expect(items[0]!.textEdit).toEqual({
      range: { start: { line, character: 0 }, end: { line, character: 7 } },
      newText: '## Privacy review\n\n**Personal data.** ${1:Which fields, why, and for how long.}\n\n**Access.** ${2:Who can read it.}',
    });
  });

  it('reports a typo in the config at its line, keeps the last good config, and recovers', async () => {
    const ws = teamWorkspace();
    client = await TestClient.start({ workspaceFolder: ws });
    const doc = uri(ws, 'docs/churn-design.md');
    const cfg = uri(ws, '.mldesign.yaml');
    await client.open(doc, DOC);
    expect(codes(await client.diagnosticsFor(doc))).toEqual(['missing-section:privacy-review']);
    // The team edits the config in the editor and mistypes a key (not saved yet).
    await client.open(cfg, TEAM_CONFIG, 'yaml');
    await client.replace(cfg, TEAM_CONFIG.replace('    guidance:', '    guidence:'));
    const problems = await client.until(() => {
      const d = client!.latest(cfg);
      return d && d.length ? d : undefined;
    }, 'config diagnostics');
    expect(problems.map((p) => [p.range.start.line + 1, p.range.start.character + 1, (p.message as string).split('.')[0]])).toEqual([
      [7, 5, "unknown key 'guidence': did you mean 'guidance'?"],
    ]);
    expect(problems[0]).toMatchObject({ source: 'mldesign', code: 'config', severity: 1 });
    // The doc is still checked with the last good configuration: the team section is still required.
    const still = await client.until(() => client!.latest(doc), 'doc diagnostics');
    expect(codes(still)).toEqual(['missing-section:privacy-review']);
    // Fixed: the config's diagnostics clear.
    await client.replace(cfg, TEAM_CONFIG);
    await client.until(() => client!.latest(cfg)?.length === 0, 'config diagnostics cleared');
  });

  it('re-checks open docs when the config changes, without a restart', async () => {
    const ws = teamWorkspace();
    client = await TestClient.start({ workspaceFolder: ws });
    const doc = uri(ws, 'docs/churn-design.md');
    await client.open(doc, DOC);
    expect(codes(await client.diagnosticsFor(doc))).toEqual(['missing-section:privacy-review']);
    // On disk, as a git checkout would: the team drops the section and makes gaps errors.
    fs.writeFileSync(path.join(ws, '.mldesign.yaml'), 'extends: strict\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(ws, '.mldesign.yaml'), type: 2 }] });
    await client.until(
      () => client!.latest(doc) && !codes(client!.latest(doc)!).includes('missing-section:privacy-review'),
      'privacy-review no longer required',
    );
    fs.writeFileSync(path.join(ws, 'docs/churn-design.md'), DOC);
    await client.replace(doc, DOC.replace(/## Monitoring[\s\S]*?## Retraining/, '## Retraining'));
    const diags = await client.diagnosticsFor(doc);
    // strict: the recommended sections are required too, every gap an error.
    expect(
      diags
        .filter((d) => d.severity === 1)
        .map((d) => (d.data as { sectionId?: string }).sectionId)
        .sort(),
    ).toEqual(['fairness', 'interface', 'interpretability', 'ml-justification', 'model-development', 'monitoring']);
  });

  it('gives each folder of a multi-root workspace its own config', async () => {
    const a = workspace({ '.mldesign.yaml': 'extends: strict\n', 'plan-design.md': '# Plan\n' });
    const b = workspace({ '.mldesign.yaml': 'extends: recommended\nrules: { missing-section: info }\n', 'plan-design.md': '# Plan\n' });
    client = await TestClient.start({ workspaceFolders: [a, b] });
    await client.open(uri(a, 'plan-design.md'), '# Plan\n');
    await client.open(uri(b, 'plan-design.md'), '# Plan\n');
    const sev = async (dir: string) => [...new Set((await client!.diagnosticsFor(uri(dir, 'plan-design.md'))).map((d) => d.severity))];
    // strict: every gap an error; the front matter fields it requires, warnings.
    expect(await sev(a)).toEqual([1, 2]);
    // Required sections at info, the recommended ones hints as always.
    expect(await sev(b)).toEqual([3, 4]);
  });

  it('uses mldesign.configFile instead of discovery', async () => {
    const ws = workspace({
      '.mldesign.yaml': 'extends: strict\n',
      'config/lenient.yaml': 'extends: minimal\nrules: { missing-section: hint }\n',
      'plan-design.md': '# Plan\n',
    });
    client = await TestClient.start({ workspaceFolder: ws, settings: { configFile: 'config/lenient.yaml' } });
    await client.open(uri(ws, 'plan-design.md'), '# Plan\n');
    expect([...new Set((await client.diagnosticsFor(uri(ws, 'plan-design.md'))).map((d) => d.severity))]).toEqual([4]);
  });

  it('never reads a template linked out of the workspace into a quick fix (Restricted Mode too)', async () => {
    const ws = teamWorkspace();
    fs.rmSync(path.join(ws, '.mldesign/templates/privacy-review.md'));
    fs.symlinkSync('/proc/self/environ', path.join(ws, '.mldesign/templates/privacy-review.md'));
    client = await TestClient.start({ workspaceFolder: ws, initializationOptions: { workspaceTrusted: false } });
    const doc = uri(ws, 'docs/churn-design.md');
    await client.open(doc, DOC);
    const cfg = await client.until(() => client!.latest(uri(ws, '.mldesign.yaml')), 'config diagnostics');
    expect(cfg[0]!.message).toMatch(
      /template '\.mldesign\/templates\/privacy-review\.md' was not read: it resolves to \/proc\/\S+\/environ, outside/,
    );
    // The built-in defaults are used meanwhile; no fix carries the file's text.
    const diags = await client.diagnosticsFor(doc);
    expect(diags.length).toBeGreaterThan(0);
    const actions = (await client.connection.sendRequest<unknown>('textDocument/codeAction', {
      textDocument: { uri: doc },
      range: diags[0]!.range,
      context: { diagnostics: diags },
    })) as CodeAction[];
    const texts = JSON.stringify(actions.map((a) => a.edit));
    expect(texts).not.toMatch(/PATH=|HOME=/);
  });

  it('loads nothing from node_modules in an untrusted workspace, and says so on the config', async () => {
    const ws = workspace({
      '.mldesign.yaml': 'extends: acme-standard\n',
      'node_modules/acme-standard/package.json': '{ "name": "acme-standard" }',
      'node_modules/acme-standard/mldesign.yaml': 'extends: recommended\nrules: { missing-section: error }\n',
      'plan-design.md': '# Plan\n',
    });
    client = await TestClient.start({ workspaceFolder: ws, initializationOptions: { workspaceTrusted: false } });
    const doc = uri(ws, 'plan-design.md');
    await client.open(doc, '# Plan\n');
    // Falls back to the built-in defaults (warnings), and tells why on the config file.
    expect([...new Set((await client.diagnosticsFor(doc)).map((d) => d.severity))]).toEqual([2, 4]);
    const cfg = await client.until(() => client!.latest(uri(ws, '.mldesign.yaml')), 'config diagnostics');
    expect(cfg[0]!.message).toMatch(/not loaded in an untrusted workspace/);
    // Trust granted: the package's config applies.
    await client.connection.sendNotification('mldesign/workspaceTrust', { trusted: true });
    await client.until(() => client!.latest(doc)?.filter((d) => d.severity === 1).length === 5, 'package config applied');
  });
});
