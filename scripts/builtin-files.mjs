// The built-in presets and templates, embedded into the bundles (esbuild) and the tests
// (vitest) as one virtual module, so the pure core reads them without touching the disk.
// Keys are paths in the "builtin" root: presets at the top, templates under templates/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

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

/** The module: the templates' texts by path, and each preset's YAML parsed here, at build
 * time, as JSON text (the presets' YAML itself is not needed at run time). Parsing
 * recommended.yaml with the yaml library at run time took a cold process about 100 ms:
 * most of a server's time from initialize to its first diagnostics, and again in every CLI
 * worker process. JSON.parse of the same data takes a fraction of a millisecond. */
export function builtinModuleSource() {
  const files = {};
  const presets = {};
  for (const [name, text] of Object.entries(collectBuiltinFiles())) {
    if (!name.includes('/') && name.endsWith('.yaml')) presets[name.slice(0, -'.yaml'.length)] = JSON.stringify(parseYaml(text));
    else files[name] = text;
  }
  return `export default ${JSON.stringify(files)};\nexport const presets = ${JSON.stringify(presets)};\n`;
}
