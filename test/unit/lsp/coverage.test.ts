// The mldesign/coverage notification and config-file diagnostics, in process.
import { describe, expect, it } from 'vitest';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const DOC =
  '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Data\n\nNightly snapshots.\n\n## Monitoring\n\nTODO\n';
const URI = 'file:///ws/docs/churn-design.md';
const CONFIG = 'file:///ws/.mldesign.yaml';

describe('coverage notification', () => {
  it('follows each publish with the coverage of the same version: counts, states, heading lines', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC);
    expect(ws.coverage).toHaveLength(1);
    const p = ws.coverage[0]!;
    expect(p).toMatchObject({ uri: URI, version: 1, designDoc: true, covered: 2, required: 5, config: { problems: 0 } });
    expect(p.sections.filter((s) => s.level === 'required').map((s) => [s.id, s.state, s.line])).toEqual([
      ['business-requirements', 'covered', 2],
      ['data-stack', 'covered', 6],
      ['deployment', 'missing', undefined],
      ['monitoring', 'empty', 10],
      ['model-updates', 'missing', undefined],
    ]);
    await ws.change(URI, 2, DOC.replace('TODO', 'Weekly precision.'));
    await ws.scheduler.settle();
    expect(ws.coverage.map((c) => [c.version, c.covered])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('names the config in force (its path and URI), and how many problems it has and what stands in for it', async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.yaml': 'extends: strict\n' });
    await ws.analysed(URI, DOC);
    expect(ws.coverage.at(-1)!.config).toEqual({ file: '/ws/.mldesign.yaml', uri: 'file:///ws/.mldesign.yaml', problems: 0 });
    ws.open(CONFIG, 'extends: strict\nrulez: {}\n', 'yaml');
    await ws.scheduler.settle();
    expect(ws.coverage.at(-1)!.config).toEqual({ file: '/ws/.mldesign.yaml', uri: CONFIG, problems: 1, fallback: 'last-good' });
  });
});

describe('config diagnostics', () => {
  it('puts a config problem on the config file at its position, once, and clears it when fixed', async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.yaml': 'extends: strict\n' });
    await ws.analysed(URI, DOC);
    ws.open(CONFIG, 'extends: strict\n', 'yaml');
    await ws.change(CONFIG, 2, 'extends: strict\nrules:\n  missing-sectoin: error\n');
    await ws.scheduler.settle();
    const published = ws.publishedFor(CONFIG);
    expect(published).toHaveLength(1);
    expect(published[0]!.diagnostics.map((d) => [d.range.start.line, d.severity, d.code, d.source])).toEqual([
      [2, 1, 'config', 'mldesign'],
    ]);
    expect(published[0]!.diagnostics[0]!.message).toMatch(
      /missing-sectoin.*\. Linting uses the last good configuration until this is fixed\.$/,
    );
    // The document is linted again (with the last good config), without repeating the config's diagnostics.
    await ws.change(URI, 2, DOC + '\nMore.\n');
    await ws.scheduler.settle();
    expect(ws.publishedFor(CONFIG)).toHaveLength(1);
    await ws.change(CONFIG, 3, 'extends: strict\n');
    await ws.scheduler.settle();
    expect(ws.latest(CONFIG)).toEqual({ uri: CONFIG, diagnostics: [] });
  });

  it('keeps serving a config nested 6,000 deep: a problem on the file, the doc checked with the defaults', async () => {
    const ws = new MemoryWorkspace({ '/ws/.mldesign.json': '{}' });
    const json = 'file:///ws/.mldesign.json';
    ws.open(json, '['.repeat(6000), 'json');
    await ws.analysed(URI, DOC);
    expect(ws.latest(json)!.diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/^nested too deep: more than 64 levels/)]);
    expect(ws.latest(URI)!.diagnostics.length).toBeGreaterThan(0);
    expect(ws.coverage.at(-1)!.config).toMatchObject({ problems: 1, fallback: 'default' });
    expect(ws.errors).toEqual([]);
  });
});
