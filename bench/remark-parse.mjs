#!/usr/bin/env node
// The floor for any remark-based linter: read every Markdown file under a folder and parse
// it with a bare unified + remark-parse, nothing else (no front matter, no GFM, no analysis).
//
//   node bench/remark-parse.mjs FOLDER
//
// Prints one JSON line: {"files": N, "bytes": B, "nodes": K} (K = top-level nodes, so the
// parse cannot be optimised away and a broken run shows).
import fs from 'node:fs';
import path from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const root = process.argv[2];
if (!root) {
  process.stderr.write('Usage: node bench/remark-parse.mjs FOLDER\n');
  process.exit(2);
}

function* walk(dir) {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && !e.name.startsWith('.')) yield* walk(full);
    } else if (e.isFile() && e.name.endsWith('.md')) yield full;
  }
}

const processor = unified().use(remarkParse).freeze();
let files = 0;
let bytes = 0;
let nodes = 0;
for (const file of walk(path.resolve(root))) {
  const text = fs.readFileSync(file, 'utf8');
  const tree = processor.parse(text);
  files++;
  bytes += Buffer.byteLength(text);
  nodes += tree.children.length;
}
process.stdout.write(JSON.stringify({ files, bytes, nodes }) + '\n');
