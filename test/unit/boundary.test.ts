// The core is pure: it takes text and configuration and returns findings. It must not
// import the editor, the protocol or the file system (DESIGN.md §4.1, ARCHITECTURE.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(__dirname, '../../server/src');
const PROTOCOL = path.join(SERVER, 'lsp', 'protocol.ts');
const COVERAGE_STATE = '../core/coverage-state';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function imports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1] ?? m[2]!);
}

/** Every project file an entry reaches through relative imports, the entry first. */
function closure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of imports(file)) {
      if (!i.startsWith('.')) continue;
      const base = path.resolve(path.dirname(file), i);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => fs.existsSync(c));
      if (found) visit(found);
    }
  };
  visit(entry);
  return [...seen];
}

const rules: { folder: string; forbidden: RegExp; why: string }[] = [
  {
    folder: 'core',
    forbidden: /^(vscode|vscode-.*|node:.*|fs|path|os|child_process|worker_threads|url|\.\.\/(lsp|cli)\/.*)$/,
    why: 'the core is pure',
  },
  { folder: 'lsp', forbidden: /^(\.\.\/cli\/.*|vscode)$/, why: 'the server does not know the CLI or VS Code' },
  { folder: 'cli', forbidden: /^(\.\.\/lsp\/.*|vscode.*)$/, why: 'the CLI does not know LSP' },
  { folder: 'node', forbidden: /^(\.\.\/(lsp|cli)\/.*|vscode.*)$/, why: 'shared Node helpers know neither LSP nor the CLI' },
];

describe('import boundaries', () => {
  for (const { folder, forbidden, why } of rules) {
    it(`${folder}/: ${why}`, () => {
      const offenders = sources(path.join(SERVER, folder)).flatMap((f) =>
        imports(f)
          .filter((i) => forbidden.test(i))
          .map((i) => `${path.relative(SERVER, f)} imports ${i}`),
      );
      expect(offenders).toEqual([]);
    });
  }

  it('lsp/, cli/ and node/ reach the core only through its index (protocol.ts: its state module alone)', () => {
    const offenders = ['lsp', 'cli', 'node'].flatMap((folder) =>
      sources(path.join(SERVER, folder)).flatMap((f) =>
        imports(f)
          .filter((i) => /(^|\/)core\/./.test(i) && !(f === PROTOCOL && i === COVERAGE_STATE))
          .map((i) => `${path.relative(SERVER, f)} imports ${i}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('lsp/protocol.ts imports nothing but core/coverage-state.ts, which imports nothing; the client reaches the server only through protocol.ts', () => {
    // The client bundles protocol.ts: anything it imports would ship in the extension.
    expect(imports(PROTOCOL)).toEqual([COVERAGE_STATE]);
    expect(imports(path.join(SERVER, 'core', 'coverage-state.ts'))).toEqual([]);
    const client = path.resolve(SERVER, '../../client/src');
    const offenders = sources(client).flatMap((f) =>
      imports(f)
        .filter((i) => i.includes('server/') && !i.endsWith('server/src/lsp/protocol'))
        .map((i) => `${path.relative(client, f)} imports ${i}`),
    );
    expect(offenders).toEqual([]);
    expect(imports(path.join(client, 'client.ts'))).toContain('../../server/src/lsp/protocol');
  });

  it('the language service and its features know no connection and no Node (server.ts wires them)', () => {
    const lsp = path.join(SERVER, 'lsp');
    const service = [
      ...['documents.ts', 'convert.ts', 'ports.ts', 'browser-host.ts'].map((f) => path.join(lsp, f)),
      ...sources(path.join(lsp, 'features')),
    ];
    expect(service.length).toBeGreaterThan(5);
    const offenders = service.flatMap((f) => [
      ...imports(f)
        .filter((i) => /^(node:.*|vscode-languageserver\/node|\.{1,2}\/(server|main|node-host|idle-gc))$/.test(i))
        .map((i) => `${path.relative(SERVER, f)} imports ${i}`),
      ...(/\bConnection\b/.test(fs.readFileSync(f, 'utf8')) ? [`${path.relative(SERVER, f)} names Connection`] : []),
    ]);
    expect(offenders).toEqual([]);
  });

  it('the browser builds (a Web Worker each) reach no Node module and nothing in server/src/node', () => {
    const CLIENT = path.resolve(SERVER, '../../client/src');
    const nodeOnly =
      /^(node:.*|fs|path|os|url|v8|vm|child_process|worker_threads|vscode-languageserver\/node|vscode-languageclient\/node)$/;
    for (const entry of [path.join(SERVER, 'lsp', 'browser-main.ts'), path.join(CLIENT, 'browser.ts')]) {
      const files = closure(entry);
      expect(files.length, entry).toBeGreaterThan(entry.includes('browser-main') ? 30 : 4);
      const offenders = files.flatMap((f) => [
        ...imports(f)
          .filter((i) => nodeOnly.test(i))
          .map((i) => `${path.relative(SERVER, f)} imports ${i}`),
        ...(f.startsWith(path.join(SERVER, 'node') + path.sep)
          ? [`${path.relative(SERVER, entry)} reaches ${path.relative(SERVER, f)}`]
          : []),
      ]);
      expect(offenders, entry).toEqual([]);
    }
    // The Node entries do reach what the browser ones may not (the guard can fail).
    expect(closure(path.join(SERVER, 'lsp', 'main.ts')).some((f) => f.includes(`${path.sep}node${path.sep}`))).toBe(true);
  });

  it('the guard sees imports at all (it can fail)', () => {
    expect(imports(path.join(SERVER, 'lsp', 'main.ts'))).toContain('vscode-languageserver/node');
  });
});
