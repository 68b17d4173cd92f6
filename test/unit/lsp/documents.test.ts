// The document service in process: URIs, workspace roots, config through open buffers,
// and analyses kept per version, settings and configuration.
import { describe, expect, it } from 'vitest';
import { pathToUri, uriToPath } from '../../../server/src/lsp/node-host';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const DOC = '# Plan\n\n## Goals\n\nCut churn by 10 %.\n';

describe('URIs', () => {
  it('turns file: URIs into paths, and never throws on one that names no local file', () => {
    expect(uriToPath('file:///ws/docs/a%20b-design.md')).toBe('/ws/docs/a b-design.md');
    expect(uriToPath('file://localhost/ws/a.md')).toBe('/ws/a.md');
    // fileURLToPath throws on each of these: a host (UNC), an encoded '/', a broken escape.
    for (const uri of ['file://host/share/x-design.md', 'file:///ws/a%2Fb-design.md', 'file:///ws/%E0%A4%A-design.md'])
      expect(uriToPath(uri), uri).toBeUndefined();
    expect(uriToPath('untitled:Untitled-1')).toBeUndefined();
    expect(pathToUri('/ws/.mldesign.yaml')).toBe('file:///ws/.mldesign.yaml');
    expect(pathToUri('builtin:strict')).toBeUndefined();
  });
});

describe('document service', () => {
  it("takes a document's config from the deepest workspace folder holding it", async () => {
    const ws = new MemoryWorkspace(
      {
        '/ws/.mldesign.yaml': 'extends: strict\n',
        '/ws/team/.mldesign.yaml': 'extends: minimal\n',
        '/other/plan-design.md': DOC,
      },
      { folders: ['/ws', '/ws/team/sub'] },
    );
    const inner = await ws.analysed('file:///ws/team/sub/plan-design.md', DOC);
    // /ws/team/sub is its root: the config above it is not read.
    expect(inner.config?.file).toBeUndefined();
    const outer = await ws.analysed('file:///ws/team/plan-design.md', DOC);
    expect(outer.config?.file).toBe('/ws/team/.mldesign.yaml');
    // Outside every folder: its own folder is the root.
    const stray = await ws.analysed('file:///other/plan-design.md', DOC);
    expect(stray.config?.file).toBeUndefined();
    ws.service.changeWorkspaceFolders([], ['file:///ws/team/sub']);
    void ws.service.reloadConfigs(); // the Node host reloads at once
    expect((await ws.service.analysis('file:///ws/team/sub/plan-design.md'))?.config?.file).toBe('/ws/team/.mldesign.yaml');
  });

  it('reads an open config buffer instead of the file, and forgets it on close', async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.yaml': 'extends: strict\n' });
    const doc = 'file:///ws/plan-design.md';
    const severities = async () => [
      ...new Set((await ws.service.analysis(doc))!.analysis.findings.filter((f) => f.ruleId === 'missing-section').map((f) => f.severity)),
    ];
    await ws.analysed(doc, DOC);
    expect(await severities()).toEqual(['error']);
    ws.open('file:///ws/.mldesign.yaml', 'extends: strict\nrules: { missing-section: off }\n', 'yaml');
    expect(await severities()).toEqual([]);
    ws.close('file:///ws/.mldesign.yaml');
    expect(await severities()).toEqual(['error']);
    expect(ws.service.isConfigSource('file:///ws/.mldesign.yaml')).toBe(true);
    expect(ws.service.isConfigSource(doc)).toBe(false);
  });

  it('keeps the analysis of a version, and analyses again when the text, settings or config change', async () => {
    const ws = new MemoryWorkspace({}, { settings: {} });
    const doc = 'file:///ws/plan-design.md';
    const first = (await ws.analysed(doc, DOC)).analysis;
    expect((await ws.service.analysis(doc))!.analysis).toBe(first);
    await ws.change(doc, 2, DOC + '\nMore.\n');
    const second = (await ws.service.analysis(doc))!.analysis;
    expect(second).not.toBe(first);
    ws.service.settingsChanged();
    expect((await ws.service.analysis(doc))!.analysis).not.toBe(second);
    // Only Markdown is analysed.
    ws.open('file:///ws/notes.txt', DOC, 'plaintext');
    expect(await ws.service.analysis('file:///ws/notes.txt')).toBeUndefined();
  });

  it('trusts the workspace unless told otherwise, and loads no package config while untrusted', async () => {
    const ws = new MemoryWorkspace({
      '/ws/.mldesign.yaml': 'extends: acme-standard\n',
      '/ws/node_modules/acme-standard/package.json': '{ "name": "acme-standard" }',
      '/ws/node_modules/acme-standard/mldesign.yaml': 'extends: recommended\nrules: { missing-section: error }\n',
    });
    ws.service.trusted = false;
    const doc = 'file:///ws/plan-design.md';
    const untrusted = await ws.analysed(doc, DOC);
    expect(untrusted.config?.loaded.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/not loaded in an untrusted workspace/),
    ]);
    ws.service.trusted = true;
    void ws.service.reloadConfigs(); // the Node host reloads at once
    expect((await ws.service.analysis(doc))!.config?.loaded.problems).toEqual([]);
  });
});
