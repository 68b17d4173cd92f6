// Bundles the extension client, the language server and the CLI into dist/.
//   node esbuild.mjs            one production build (minified, with source maps)
//   node esbuild.mjs --watch    rebuild on change, unminified
import * as esbuild from 'esbuild';
import { BUNDLE_OPTIONS } from './scripts/bundle-options.mjs';

const watch = process.argv.includes('--watch');

const common = { ...BUNDLE_OPTIONS, sourcemap: true, minify: !watch, logLevel: 'info' };

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' } },
  { entryPoints: { server: 'server/src/lsp/main.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, outdir: 'dist' })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
