// Runs a TypeScript script that imports the core (with its virtual built-in module):
//   node scripts/run-ts.mjs scripts/corpus.ts [args...]
//   RUN_TS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node scripts/run-ts.mjs ...   (profile it)
// Bundles to a temporary file with the same esbuild plugin as the product bundles.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs FILE.ts [args...]');
  process.exit(2);
}
// Beside the entry, so __dirname in the script means what it says.
const out = path.join(path.dirname(path.resolve(entry)), `.run-${process.pid}.cjs`);
await esbuild.build({
  ...BUNDLE_OPTIONS,
  entryPoints: [entry],
  outfile: out,
  sourcemap: 'inline',
  logLevel: 'warning',
  external: [...BUNDLE_OPTIONS.external, 'esbuild'],
});
const nodeArgs = (process.env.RUN_TS_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
const r = spawnSync(process.execPath, [...nodeArgs, '--enable-source-maps', out, ...args], { stdio: 'inherit' });
fs.rmSync(out, { force: true });
process.exit(r.status ?? 1);
