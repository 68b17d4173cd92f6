// The built-in presets and templates, embedded into the bundles (esbuild) and the tests
// (vitest) as one virtual module, so the pure core reads them without touching the disk.
// Keys are paths in the "builtin" root: presets at the top, templates under templates/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BUILTIN_MODULE_ID = 'virtual:mldesign-builtin';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILTIN_DIRS = { '': path.join(root, 'server', 'presets'), 'templates/': path.join(root, 'snippets', 'templates') };

export function collectBuiltinFiles() {
  const files = {};
  for (const [prefix, dir] of Object.entries(BUILTIN_DIRS)) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (/\.(ya?ml|json|md)$/.test(name)) files[prefix + name] = fs.readFileSync(path.join(dir, name), 'utf8');
    }
  }
  return files;
}

export function builtinModuleSource() {
  return `export default ${JSON.stringify(collectBuiltinFiles())};\n`;
}
