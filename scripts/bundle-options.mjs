// The esbuild options every bundle of this project shares: the product bundles (esbuild.mjs)
// and the one-off script bundles (scripts/run-ts.mjs) resolve and embed modules alike.
import { BUILTIN_DIRS, BUILTIN_MODULE_ID, builtinModuleSource } from './builtin-files.mjs';

/** Serves the built-in presets and templates as one virtual module (see builtin-files.mjs). */
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

export const BUNDLE_OPTIONS = Object.freeze({
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  plugins: [builtinPlugin],
  // ESM builds first: jsonc-parser's UMD build requires files at run time that a bundle lacks.
  mainFields: ['module', 'main'],
  // Keep the bundles self-contained; only VS Code's own API is provided at run time.
  external: ['vscode'],
});
