// Bundles into dist/: the extension client, the language server and the CLI for Node, and
// the extension client and the language server for VS Code for the Web (Web Workers: a
// Node module in them fails the build, as esbuild cannot resolve it for the browser).
//   node esbuild.mjs            one production build (minified, with source maps)
//   node esbuild.mjs --watch    rebuild on change, unminified
import * as esbuild from 'esbuild';
import { BUNDLE_OPTIONS } from './scripts/bundle-options.mjs';

const watch = process.argv.includes('--watch');

const common = { ...BUNDLE_OPTIONS, sourcemap: true, minify: !watch, logLevel: 'info' };

// Both run in Web Workers: no DOM (a package's `worker` build before its `browser` one,
// which may use `document`).
const browser = { platform: 'browser', target: 'es2022', mainFields: ['browser', 'module', 'main'], conditions: ['worker'] };

const entries = [
  { entryPoints: { client: 'client/src/extension.ts' } },
  { entryPoints: { server: 'server/src/lsp/main.ts' } },
  { entryPoints: { cli: 'server/src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
  // The GitHub Action (action.yml): the CLI's code, run by the runner's Node.
  { entryPoints: { action: 'server/src/cli/action.ts' } },
  // The web extension host loads the client as a CommonJS module; the server is a worker script.
  { entryPoints: { 'browser-client': 'client/src/browser.ts' }, ...browser, format: 'cjs' },
  { entryPoints: { 'browser-server': 'server/src/lsp/browser-main.ts' }, ...browser, format: 'iife' },
];

const contexts = await Promise.all(entries.map((e) => esbuild.context({ ...common, ...e, outdir: 'dist' })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
