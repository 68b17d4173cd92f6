// The browser server's workspace in process: paths from any scheme, config and template
// files fetched through the client (mldesign/readFile) before a configuration is loaded,
// containment by path, no packages, and config changes fetched again.
import { describe, expect, it } from 'vitest';
import { BrowserWorkspace, NO_PACKAGES_IN_BROWSER, parseUri } from '../../../server/src/lsp/browser-host';
import type { ReadFileParams, ReadFileResult } from '../../../server/src/lsp/protocol';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const ORIGIN = 'vscode-vfs://github';
const ROOT = '/acme/ml';
const FOLDER = `${ORIGIN}${ROOT}`;

const CONFIG = `extends: ./standards/base.yaml
sections:
  - id: privacy-review
    title: Privacy review
    level: required
    guidance: How personal data is collected, stored and deleted.
    template: .mldesign/templates/privacy-review.md
`;
const FILES: Record<string, string> = {
  [`${ROOT}/.mldesign.yaml`]: CONFIG,
  [`${ROOT}/standards/base.yaml`]: 'extends: recommended\nrules:\n  missing-section: error\n',
  [`${ROOT}/.mldesign/templates/privacy-review.md`]: '**Personal data.** ${1:Which fields, and why each is needed.}\n',
};
const DOC = `# Churn model

## Goals

Cut churn by 10 % in two quarters.
`;

/** The client side of mldesign/readFile: files by URI, every request recorded; `hold`
 * keeps answers back until `release`. */
class FakeClient {
  readonly asked: string[] = [];
  private held: (() => void)[] | undefined;

  constructor(readonly files: Map<string, string>) {}

  readFile = (p: ReadFileParams): Promise<ReadFileResult> => {
    this.asked.push(p.uri);
    const answer = (): ReadFileResult => {
      const text = this.files.get(p.uri);
      return text === undefined ? { missing: true } : { text };
    };
    if (!this.held) return Promise.resolve(answer());
    const held = this.held;
    return new Promise((resolve) => held.push(() => resolve(answer())));
  };

  hold(): void {
    this.held = [];
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const r of held) r();
  }
}

function github(files: Record<string, string> = FILES) {
  const client = new FakeClient(new Map(Object.entries(files).map(([p, text]) => [`${ORIGIN}${p}`, text])));
  const ws = new MemoryWorkspace({}, { host: new BrowserWorkspace(client.readFile), folders: [FOLDER] });
  return { client, ws };
}

const message = (d: { message: unknown }) => String(d.message);
/** The finding the team config makes: its section is missing (by rule and section, not wording). */
const isTeamFinding = (d: { code?: unknown; data?: unknown }) =>
  d.code === 'missing-section' && (d.data as { sectionId?: string } | undefined)?.sectionId === 'privacy-review';
const teamFinding = (ws: MemoryWorkspace, uri: string) => ws.latest(uri)?.diagnostics.find(isTeamFinding);

describe('browser workspace URIs', () => {
  it("takes any scheme's path, and refuses what names no file or would move the path", () => {
    expect(parseUri('vscode-vfs://github/acme/ml/docs/a%20b-design.md')).toEqual({
      origin: 'vscode-vfs://github',
      path: '/acme/ml/docs/a b-design.md',
    });
    expect(parseUri('file:///ws/x.md')).toEqual({ origin: 'file://', path: '/ws/x.md' });
    expect(parseUri('pr://github/acme/ml/docs/a.md?%7B%22isBase%22%3Afalse%7D')?.path).toBe('/acme/ml/docs/a.md');
    for (const uri of [
      'untitled:Untitled-1',
      'vscode-vfs://github/acme/a%2Fb.md',
      'vscode-vfs://github/acme/%2E%2E/x.md',
      'x://h/%E0%A4%A.md',
      'no uri',
    ])
      expect(parseUri(uri), uri).toBeUndefined();
  });

  it('reads a path in the scheme and authority of the deepest folder holding it', () => {
    const host = new BrowserWorkspace(() => Promise.resolve({ missing: true }));
    expect(host.toUri('/acme/ml/.mldesign.yaml')).toBeUndefined();
    host.foldersChanged([
      { uri: FOLDER, path: ROOT },
      { uri: 'vscode-test-web://mount/acme/ml/sub', path: '/acme/ml/sub' },
    ]);
    expect(host.toUri('/acme/ml/a b.md')).toBe('vscode-vfs://github/acme/ml/a%20b.md');
    expect(host.toUri('/acme/ml/sub/.mldesign.yaml')).toBe('vscode-test-web://mount/acme/ml/sub/.mldesign.yaml');
    // Outside every folder: the first folder's file system (an explicit mldesign.configFile).
    expect(host.toUri('/shared/.mldesign.yaml')).toBe('vscode-vfs://github/shared/.mldesign.yaml');
    expect(host.toUri('builtin:strict')).toBeUndefined();
    expect(host.toPath('untitled:Untitled-1')).toBeUndefined();
  });
});

describe('browser server: config files through the client', () => {
  it("lints a github.dev design doc with the team's config, what it extends and its template, from its first publish", async () => {
    const { client, ws } = github();
    const uri = `${FOLDER}/docs/churn-design.md`;
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    const publishes = ws.publishedFor(uri);
    expect(publishes.length).toBeGreaterThan(0);
    // Never linted with a half-fetched configuration: the team's section is there every time.
    for (const p of publishes) expect(p.diagnostics.some(isTeamFinding), JSON.stringify(p)).toBe(true);
    // base.yaml made missing sections errors.
    expect(teamFinding(ws, uri)?.severity).toBe(1);
    const result = await ws.service.analysis(uri);
    const fix = result!.analysis.findings.find((f) => f.sectionId === 'privacy-review')!.fixes[0]!;
    expect(fix.insertions.map((i) => i.text).join('')).toContain('**Personal data.** Which fields, and why each is needed.');
    // Every read went to the client, in the folder's scheme, inside the folder.
    expect(client.asked.length).toBeGreaterThan(3);
    for (const a of client.asked) expect(a.startsWith(`${FOLDER}/`), a).toBe(true);
    expect(client.asked).toContain(`${FOLDER}/standards/base.yaml`);
    expect(ws.coverage.at(-1)?.config).toMatchObject({ file: `${ROOT}/.mldesign.yaml`, uri: `${FOLDER}/.mldesign.yaml`, problems: 0 });
  });

  it('gives a pr: document (GitHub Pull Requests) the config of the folder its path is in', async () => {
    const { ws } = github();
    const uri = 'pr://github/acme/ml/docs/churn-design.md?%7B%22isBase%22%3Afalse%7D';
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    expect(teamFinding(ws, uri)).toBeDefined();
  });

  it('waits for a slow client: nothing is published before the files are in', async () => {
    const { client, ws } = github();
    client.hold();
    const uri = `${FOLDER}/docs/churn-design.md`;
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    expect(ws.publishedFor(uri)).toEqual([]);
    for (let i = 0; i < 5 && !ws.publishedFor(uri).length; i++) {
      client.release();
      client.hold();
      await ws.scheduler.settle();
    }
    client.release();
    await ws.scheduler.settle();
    expect(teamFinding(ws, uri)).toBeDefined();
  });

  it('keeps reads inside the folder by path and loads no package, saying why on the config', async () => {
    const { client, ws } = github({
      [`${ROOT}/.mldesign.yaml`]: "extends: ['../outside.yaml', '@acme/mldesign-standard']\n",
    });
    const uri = `${FOLDER}/churn-design.md`;
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    const config = ws.latest(`${FOLDER}/.mldesign.yaml`)?.diagnostics.map(message) ?? [];
    expect(
      config.some((m) => m.includes("extends '../outside.yaml' points outside the workspace")),
      JSON.stringify(config),
    ).toBe(true);
    expect(
      config.some((m) => m.includes(NO_PACKAGES_IN_BROWSER)),
      JSON.stringify(config),
    ).toBe(true);
    for (const a of client.asked) expect(a.startsWith(`${FOLDER}/`) && !a.includes('node_modules'), a).toBe(true);
  });

  it("fetches again when a config or template changes, and publishes an open config's problems once its files are in", async () => {
    const { client, ws } = github();
    const uri = `${FOLDER}/docs/churn-design.md`;
    const configUri = `${FOLDER}/.mldesign.yaml`;
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    expect(teamFinding(ws, uri)).toBeDefined();
    // The section goes from the config on disk (a pull, another editor): the watcher tells the server.
    client.files.set(configUri, 'extends: ./standards/base.yaml\n');
    ws.diagnostics.configChanged();
    await ws.scheduler.settle();
    expect(teamFinding(ws, uri)).toBeUndefined();
    // A broken config open in the editor: its problem lands on it, and a reload (a template
    // changed on disk) publishes it again only once the files are fetched: no blink.
    ws.open(configUri, 'extends: ./standards/base.yaml\nrules: [\n', 'yaml');
    await ws.scheduler.settle();
    const first = ws.publishedFor(configUri);
    expect(first.at(-1)?.diagnostics.length).toBeGreaterThan(0);
    client.files.set(`${ORIGIN}${ROOT}/.mldesign/templates/privacy-review.md`, 'changed\n');
    const asked = client.asked.length;
    ws.diagnostics.configChanged();
    await ws.scheduler.settle();
    expect(client.asked.length).toBeGreaterThan(asked);
    expect(ws.publishedFor(configUri)).toEqual(first);
    // The document keeps the last good configuration meanwhile.
    expect(ws.coverage.at(-1)?.config).toMatchObject({ problems: 1, fallback: 'last-good' });
  });

  it('reads an open config buffer before the fetched file', async () => {
    const { ws } = github();
    const uri = `${FOLDER}/docs/churn-design.md`;
    ws.open(uri, DOC);
    await ws.scheduler.settle();
    ws.open(`${FOLDER}/.mldesign.yaml`, 'extends: recommended\n', 'yaml');
    await ws.scheduler.settle();
    expect(teamFinding(ws, uri)).toBeUndefined();
  });
});
