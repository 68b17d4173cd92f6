// The workspace check in process: a real temporary folder walked and read by the Node disk
// host (the CLI's walk), the real service and features, a recording outbox and progress, and
// a scheduler turned by hand.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { WorkspaceCheck } from '../../../server/src/lsp/features/workspace';
import { NODE_DISK, NODE_WORKSPACE } from '../../../server/src/lsp/node-host';
import type { Progress } from '../../../server/src/lsp/ports';
import type { WorkspaceCheckResult } from '../../../server/src/lsp/protocol';
import { MemoryWorkspace } from '../../helpers/memory-workspace';
import { tempWorkspace } from '../../helpers/tmp';

const DESIGN = '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Monitoring\n\nTODO\n';
const NOTES = '# Meeting notes\n\nWe talked.\n';

class RecordedProgress implements Progress {
  readonly reports: [number, string][] = [];
  ended = false;
  cancelled = false;
  report(percentage: number, message: string): void {
    this.reports.push([percentage, message]);
  }
  done(): void {
    this.ended = true;
  }
}

function setup(files: Record<string, string>, subfolders: string[] = []) {
  const dir = tempWorkspace(files);
  const ws = new MemoryWorkspace({}, { folders: [dir, ...subfolders.map((f) => path.join(dir, f))], host: NODE_WORKSPACE });
  const progress: RecordedProgress[] = [];
  const check = new WorkspaceCheck(ws.service, NODE_WORKSPACE, NODE_DISK, ws, ws.scheduler, ws.diagnostics, () => {
    const p = new RecordedProgress();
    progress.push(p);
    return Promise.resolve(p);
  });
  ws.diagnostics.onRelintAll = () => check.configChanged();
  const uri = (rel: string) => pathToFileURL(path.join(dir, rel)).toString();
  /** Runs the check to its end, turning the scheduler. */
  const run = async (): Promise<WorkspaceCheckResult> => {
    let result: WorkspaceCheckResult | undefined;
    void check.check().then((r) => (result = r));
    await ws.scheduler.settle();
    if (!result) throw new Error('the check did not end');
    return result;
  };
  const codes = (rel: string) => ws.latest(uri(rel))?.diagnostics.map((d) => d.code);
  return { dir, ws, check, progress, uri, run, codes };
}

describe('workspace check', () => {
  it('publishes the findings of every design doc the walk takes, unversioned, with progress', async () => {
    const t = setup({
      'docs/churn-design.md': DESIGN,
      'docs/notes.md': NOTES,
      'drafts/fraud-design.md': DESIGN,
      'node_modules/pkg/design.md': DESIGN,
      '.gitignore': 'drafts/\n',
    });
    const r = await t.run();
    // The walk: notes.md is Markdown (not a design doc: nothing to publish), the ignored
    // folder and node_modules are not walked.
    expect(r).toEqual({ files: 2, checked: 2, withProblems: 1, cancelled: false, unreadableFolders: [] });
    expect(t.ws.published.map((p) => p.uri)).toEqual([t.uri('docs/churn-design.md')]);
    const p = t.ws.latest(t.uri('docs/churn-design.md'))!;
    expect(p.version).toBeUndefined();
    expect(t.codes('docs/churn-design.md')).toContain('empty-section');
    expect(t.codes('docs/churn-design.md')).toContain('missing-section');
    expect(t.progress).toHaveLength(1);
    expect(t.progress[0]!.reports).toEqual([
      [50, '1/2 files'],
      [100, '2/2 files'],
    ]);
    expect(t.progress[0]!.ended).toBe(true);
    expect(t.ws.errors).toEqual([]);
  });

  it('stops when cancelled: what was checked stays, the rest is not read', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 10; i++) files[`docs/d${i}-design.md`] = DESIGN;
    const t = setup(files);
    let result: WorkspaceCheckResult | undefined;
    void t.check.check().then((r) => (result = r));
    // Turn until three files are published, then cancel.
    while (t.ws.published.length < 3) await t.ws.scheduler.turn();
    t.progress[0]!.cancelled = true;
    await t.ws.scheduler.settle();
    expect(result).toMatchObject({ files: 10, checked: 3, cancelled: true });
    expect(t.ws.published).toHaveLength(3);
    expect(t.progress[0]!.ended).toBe(true);
  });

  it('keeps the list current: changed, created, ignored and deleted files', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN, 'docs/b-design.md': DESIGN });
    await t.run();
    expect(t.codes('docs/a-design.md')).toContain('empty-section');
    // Changed on disk: read again.
    fs.writeFileSync(path.join(t.dir, 'docs/a-design.md'), DESIGN.replace('TODO', 'Weekly precision on the top 200 accounts.'));
    t.check.filesChanged([{ uri: t.uri('docs/a-design.md'), type: FileChangeType.Changed }]);
    await t.ws.scheduler.settle();
    expect(t.codes('docs/a-design.md')).not.toContain('empty-section');
    // Created: checked.
    fs.writeFileSync(path.join(t.dir, 'docs/c-design.md'), DESIGN);
    t.check.filesChanged([{ uri: t.uri('docs/c-design.md'), type: FileChangeType.Created }]);
    await t.ws.scheduler.settle();
    expect(t.codes('docs/c-design.md')).toContain('empty-section');
    // Deleted: its diagnostics go.
    fs.rmSync(path.join(t.dir, 'docs/b-design.md'));
    t.check.filesChanged([{ uri: t.uri('docs/b-design.md'), type: FileChangeType.Deleted }]);
    await t.ws.scheduler.settle();
    expect(t.codes('docs/b-design.md')).toEqual([]);
    // A .gitignore that leaves a file out: the walk again, and its diagnostics go.
    fs.writeFileSync(path.join(t.dir, '.gitignore'), 'docs/c-design.md\n');
    t.check.filesChanged([{ uri: t.uri('.gitignore'), type: FileChangeType.Created }]);
    await t.ws.scheduler.settle();
    expect(t.codes('docs/c-design.md')).toEqual([]);
    // A change to a file outside the selection is not read.
    const before = t.ws.published.length;
    fs.mkdirSync(path.join(t.dir, 'node_modules'));
    fs.writeFileSync(path.join(t.dir, 'node_modules/x-design.md'), DESIGN);
    t.check.filesChanged([{ uri: t.uri('node_modules/x-design.md'), type: FileChangeType.Created }]);
    await t.ws.scheduler.settle();
    expect(t.ws.published.length).toBe(before);
  });

  it('counts a file once when one workspace folder holds another', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN, 'b-design.md': DESIGN }, ['docs']);
    const r = await t.run();
    expect(r).toMatchObject({ files: 2, checked: 2, withProblems: 2 });
    expect(t.ws.published.map((p) => p.uri).sort()).toEqual([t.uri('b-design.md'), t.uri('docs/a-design.md')]);
  });

  it('reads nothing on disk changes before a check was run', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN });
    t.check.filesChanged([{ uri: t.uri('docs/a-design.md'), type: FileChangeType.Changed }]);
    await t.ws.scheduler.settle();
    expect(t.ws.published).toEqual([]);
  });

  it('an open document keeps its buffer; closed, it goes back to its disk text instead of clearing', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN });
    const u = t.uri('docs/a-design.md');
    const fixed = DESIGN.replace('TODO', 'Weekly precision on the top 200 accounts.');
    t.ws.open(u, fixed);
    await t.run();
    // Only the buffer's lint was published (versioned); the disk was not read for it.
    expect(t.ws.publishedFor(u).map((p) => p.version)).toEqual([1]);
    expect(t.codes('docs/a-design.md')).not.toContain('empty-section');
    // Closed: the disk text (still with TODO) is linted and published, never an empty list.
    if (t.ws.service.close(u)) t.ws.diagnostics.closed(u, t.check.closed(u));
    await t.ws.scheduler.settle();
    expect(t.ws.publishedFor(u).map((p) => p.version)).toEqual([1, undefined]);
    expect(t.codes('docs/a-design.md')).toContain('empty-section');
  });

  it('checks the set again when the configuration changes', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN });
    await t.run();
    expect(t.codes('docs/a-design.md')).toContain('empty-section');
    t.ws.settings = { rules: { 'empty-section': 'off' } };
    t.ws.settingsChanged();
    await t.ws.scheduler.settle();
    expect(t.codes('docs/a-design.md')).not.toContain('empty-section');
    t.ws.settings = { enable: false };
    t.ws.settingsChanged();
    await t.ws.scheduler.settle();
    expect(t.codes('docs/a-design.md')).toEqual([]);
  });

  it('waits while a config buffer is being typed in, then checks the set once with what it says', async () => {
    const t = setup({ '.mldesign.yaml': 'extends: recommended\n', 'docs/a-design.md': DESIGN, 'docs/b-design.md': DESIGN });
    await t.run();
    expect(t.codes('docs/a-design.md')).toContain('empty-section');
    const cfg = t.uri('.mldesign.yaml');
    t.ws.open(cfg, 'extends: recommended\n', 'yaml');
    const disk = () => t.ws.published.filter((p) => p.uri.endsWith('-design.md')).length;
    const before = disk();
    // Typed one character at a time, the event loop turning between keystrokes.
    const final = 'extends: recommended\nrules:\n  empty-section: off\n';
    for (let i = 'extends: recommended\n'.length + 1, v = 2; i <= final.length; i++, v++) {
      await t.ws.change(cfg, v, final.slice(0, i));
      for (let k = 0; k < 5; k++) await t.ws.scheduler.turn();
    }
    expect(disk()).toBe(before);
    await t.ws.scheduler.settle();
    expect(disk()).toBe(before + 2);
    expect(t.codes('docs/a-design.md')).not.toContain('empty-section');
    expect(t.codes('docs/b-design.md')).not.toContain('empty-section');
  });

  it('gives way to open documents: a disk lint waits while their lints are queued', async () => {
    const t = setup({ 'docs/a-design.md': DESIGN });
    await t.run();
    t.ws.published.length = 0;
    // A document opened and a file changed on disk at once: the opened one is linted first.
    const opened = t.ws.open('file:///elsewhere/b-design.md', DESIGN);
    t.check.filesChanged([{ uri: t.uri('docs/a-design.md'), type: FileChangeType.Changed }]);
    await t.ws.scheduler.settle();
    expect(t.ws.published.map((p) => p.uri)).toEqual([opened, t.uri('docs/a-design.md')]);
  });
});
