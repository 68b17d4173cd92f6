// Prints what each bundle costs, raw and gzipped (about what it adds to the .vsix, a zip),
// and the .vsix itself against its 1 MB budget (npm run package; .ci/run enforces it).
//   node scripts/bundle-sizes.mjs [FILE.vsix]
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 1024 * 1024;
const BUNDLES = ['client.js', 'server.js', 'cli.js', 'browser-client.js', 'browser-server.js'];
const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

for (const name of BUNDLES) {
  const file = path.join('dist', name);
  const bytes = fs.readFileSync(file);
  console.log(`${file.padEnd(24)} ${kb(bytes.length).padStart(8)} (${kb(gzipSync(bytes, { level: 9 }).length)} gzipped)`);
}
const vsix = process.argv[2];
if (vsix) {
  const size = fs.statSync(vsix).size;
  console.log(`${vsix.padEnd(24)} ${kb(size).padStart(8)} of the ${kb(BUDGET)} budget`);
  if (size >= BUDGET) {
    console.error(`${vsix} is over the 1 MB budget`);
    process.exitCode = 1;
  }
}
