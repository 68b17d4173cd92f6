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
    expect(imports(path.join(client, 'extension.ts'))).toContain('../../server/src/lsp/protocol');
  });

  it('the language service and its features know no connection and no Node (server.ts wires them)', () => {
    const lsp = path.join(SERVER, 'lsp');
    const service = [...['documents.ts', 'convert.ts', 'ports.ts'].map((f) => path.join(lsp, f)), ...sources(path.join(lsp, 'features'))];
    expect(service.length).toBeGreaterThan(5);
    const offenders = service.flatMap((f) => [
      ...imports(f)
        .filter((i) => /^(node:.*|vscode-languageserver\/node|\.{1,2}\/(server|main|node-host|idle-gc))$/.test(i))
        .map((i) => `${path.relative(SERVER, f)} imports ${i}`),
      ...(/\bConnection\b/.test(fs.readFileSync(f, 'utf8')) ? [`${path.relative(SERVER, f)} names Connection`] : []),
    ]);
    expect(offenders).toEqual([]);
  });

  it('the guard sees imports at all (it can fail)', () => {
    expect(imports(path.join(SERVER, 'lsp', 'main.ts'))).toContain('vscode-languageserver/node');
  });
});
