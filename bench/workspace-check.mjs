#!/usr/bin/env node
// The workspace check (mldesign/checkWorkspace) on a large workspace: a generated corpus of
// design docs (bench/generate-corpus.mjs) as the one workspace folder of dist/server.js over
// stdio, one small doc open. Measures the time to the check's answer, the hover latency on
// the open doc meanwhile (one hover after another, for the whole check: the LSP must never
// block), the diagnostics published, and the server's peak RSS (/proc/<pid>/status VmHWM).
//
//   node bench/workspace-check.mjs [--count 10000] [--out bench/.work/corpus-10k]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { LspSession, now } from '../test/helpers/lsp-session.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : args[i + 1];
};
const count = Number(opt('count', '10000'));
const out = path.resolve(opt('out', `bench/.work/corpus-${count}`));
const root = path.resolve(import.meta.dirname, '..');
const gen = spawnSync(process.execPath, [path.join(root, 'bench/generate-corpus.mjs'), '--count', String(count), '--out', out], {
  encoding: 'utf8',
});
if (gen.status !== 0) throw new Error(gen.stderr);
console.log(gen.stdout.trim());

const s = await LspSession.start({
  serverJs: path.join(root, 'dist/server.js'),
  workspaceFolders: [out],
  configuration: () => ({}),
  workDoneProgress: true,
});
const open = pathToFileURL(path.join(out, 'open-design.md')).toString();
await s.open(open, '# Churn model design\n\n## Goals\n\nCut churn.\n\n## Monitoring\n\nTODO\n');
await s.until(() => s.published.get(open), 'the open doc');
const peak = () => Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${s.child.pid}/status`, 'utf8'))[1]) / 1024;
const rssBefore = peak();
const t0 = now();
let done;
const answer = s.connection.sendRequest('mldesign/checkWorkspace').then((r) => (done = { r, at: now() }));
const hovers = [];
// Progress as the server reports it, every 10 %: a rate even if the run is stopped early.
let shown = -10;
s.connection.onNotification('$/progress', ({ value }) => {
  if (value.kind === 'report' && value.percentage >= shown + 10) {
    shown = value.percentage;
    const sorted = [...hovers].sort((a, b) => a - b);
    console.log(
      `  ${((now() - t0) / 1000).toFixed(1)} s: ${value.message}; hovers so far ${sorted.length}, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms; peak RSS ${peak().toFixed(0)} MB`,
    );
  }
});
while (!done) {
  const h0 = now();
  await s.connection.sendRequest('textDocument/hover', { textDocument: { uri: open }, position: { line: 6, character: 4 } });
  hovers.push(now() - h0);
}
await answer;
hovers.sort((a, b) => a - b);
const q = (p) => hovers[Math.min(hovers.length - 1, Math.floor(p * hovers.length))].toFixed(1);
const withDiagnostics = [...s.published.entries()].filter(([u, p]) => u !== open && p.diagnostics.length > 0).length;
console.log(`check: ${JSON.stringify({ ...done.r, unreadableFolders: done.r.unreadableFolders.length })}`);
console.log(`time to the answer: ${((done.at - t0) / 1000).toFixed(1)} s (${((done.at - t0) / done.r.files).toFixed(2)} ms a file)`);
console.log(`files published with diagnostics: ${withDiagnostics}`);
console.log(`hover during the check: ${hovers.length} hovers, median ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${hovers.at(-1).toFixed(1)} ms`);
console.log(`server peak RSS: ${rssBefore.toFixed(0)} MB before the check, ${peak().toFixed(0)} MB after`);
if (s.errors.length) console.log(`server errors: ${s.errors.slice(0, 3).join('; ')}`);
await s.stop();
