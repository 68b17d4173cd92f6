import { defineConfig } from 'vitest/config';
// @ts-expect-error plain .mjs helper shared with esbuild.mjs
import { BUILTIN_MODULE_ID, builtinModuleSource } from './scripts/builtin-files.mjs';

const RESOLVED = '\0' + BUILTIN_MODULE_ID;

export default defineConfig({
  plugins: [
    {
      name: 'mldesign-builtin',
      resolveId: (id) => (id === BUILTIN_MODULE_ID ? RESOLVED : undefined),
      load: (id) => (id === RESOLVED ? builtinModuleSource() : undefined),
    },
  ],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/protocol/**/*.test.ts', 'test/cli/**/*.test.ts'],
    testTimeout: 20000,
    setupFiles: ['test/setup.ts'],
  },
});
