// Bundles the extension client, the language server and the CLI into dist/.
//   node esbuild.mjs            one production build (minified, with source maps)
//   node esbuild.mjs --watch    rebuild on change, unminified
import * as esbuild from 'esbuild';
import { BUILTIN_MODULE_ID, BUILTIN_DIRS, builtinModuleSource } from './scripts/builtin-files.mjs';

const watch = process.argv.includes('--watch');

/** Serves the built-in presets and templates as one virtual module (see scripts/builtin-files.mjs). */
const builtinPlugin = {
  name: 'mldesign-builtin',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^${BUILTIN_MODULE_ID}$`) }, () => ({ path: BUILTIN_MODULE_ID, namespace: 'mldesign-builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'mldesign-builtin' }, () => ({
      contents: builtinModuleSource(),
      loader: 'js',
      watchDirs: Object.values(BUILTIN_DIRS),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  minify: !watch,
  logLevel: 'info',
  plugins: [builtinPlugin],
  // ESM builds first: jsonc-parser's UMD build requires files at run time that a bundle lacks.
  mainFields: ['module', 'main'],
  // Keep the bundles self-contained; only VS Code's own API is provided at run time.
  external: ['vscode'],
};

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
