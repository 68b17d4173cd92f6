// bench:lsp --profile: a V8 CPU profile of the server, its samples in a time window mapped
// through the bundle's source map to our files under server/src and to npm packages.
import fs from 'node:fs';
import { log } from './lib.mjs';

const B64 = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));

/** Decodes a v3 source map into per-generated-line arrays of [col, source, line, col, name]. */
function decodeMap(map) {
  const lines = [];
  let src = 0;
  let srcLine = 0;
  let srcCol = 0;
  let name = 0;
  for (const lineText of map.mappings.split(';')) {
    const segs = [];
    let col = 0;
    if (lineText) {
      for (const seg of lineText.split(',')) {
        const v = [];
        let value = 0;
        let shift = 0;
        for (const c of seg) {
          const d = B64[c];
          value += (d & 31) << shift;
          if (d & 32) shift += 5;
          else {
            v.push(value & 1 ? -(value >>> 1) : value >>> 1);
            value = 0;
            shift = 0;
          }
        }
        col += v[0];
        if (v.length >= 4) {
          src += v[1];
          srcLine += v[2];
          srcCol += v[3];
          if (v.length >= 5) name += v[4];
          segs.push([col, src, srcLine, srcCol, v.length >= 5 ? name : -1]);
        }
      }
    }
    lines.push(segs);
  }
  return lines;
}

function lookup(decoded, line, col) {
  for (let l = line; l >= 0; l--) {
    const segs = decoded[l] ?? [];
    let best;
    for (const s of segs) {
      if (l === line && s[0] > col) break;
      best = s;
    }
    if (best) return best;
  }
  return undefined;
}

/** Where a source file belongs: one of our files under server/src, or an npm package. */
function owner(source) {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return `npm: ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const ours = source.indexOf('server/src/');
  return ours >= 0 ? source.slice(ours) : source.replace(/^(\.\.\/)+/, '');
}

/** Self time per file/package and per function, over the samples taken while the edits ran. */
export function analyseProfile(profileFile, mapFile, window, edits) {
  const profile = JSON.parse(fs.readFileSync(profileFile, 'utf8'));
  const map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
  const decoded = decodeMap(map);
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  // Sample times are V8 TimeTicks (CLOCK_MONOTONIC, µs), the clock of process.hrtime here.
  let t = profile.startTime;
  const selfUs = new Map();
  let inWindow = 0;
  const useWindow = window && profile.startTime < window.endUs && profile.endTime > window.startUs;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    if (useWindow && (t < window.startUs || t > window.endUs)) continue;
    inWindow += dt;
    selfUs.set(profile.samples[i], (selfUs.get(profile.samples[i]) ?? 0) + dt);
  }
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const frames = new Map();
  /** Where a profile node's self time goes: { group, fn, mapped }. Regular expressions and
   * other builtins without a script go to the nearest caller in server.js, marked as such. */
  const frame = (id) => {
    let r = frames.get(id);
    if (r) return r;
    const f = nodes.get(id).callFrame;
    if (f.url.endsWith('/server.js')) {
      const seg = lookup(decoded, f.lineNumber, f.columnNumber);
      if (seg) {
        const source = map.sources[seg[1]];
        const group = owner(source);
        const original = map.sourcesContent?.[seg[1]]?.split('\n')[seg[2]] ?? '';
        const named =
          seg[4] >= 0
            ? map.names[seg[4]]
            : /(?:function\s*\*?\s*([\w$]+)|(?:const|let|var)\s+([\w$]+)\s*=|([\w$]+)\s*\()/.exec(original)?.slice(1).find(Boolean);
        const where = group.startsWith('npm: ') ? `${group.slice(5)}/${source.split('/').pop()}` : group.replace(/^server\/src\//, '');
        r = { group, fn: `${named ?? (f.functionName || '(anonymous)')}  ${where}:${seg[2] + 1}`, mapped: true };
      } else r = { group: 'server.js (unmapped)', fn: f.functionName || '(anonymous)', mapped: true };
    } else if (f.url) {
      r = {
        group: f.url.startsWith('node:') ? 'node: internals' : f.url,
        fn: `${f.functionName || '(anonymous)'}  ${f.url}:${f.lineNumber + 1}`,
      };
    } else if (/^\(.*\)$/.test(f.functionName)) {
      r = { group: f.functionName, fn: f.functionName }; // (garbage collector), (idle), (program), (root)
    } else {
      let caller;
      for (let p = parent.get(id); p !== undefined && !caller; p = parent.get(p)) if (frame(p).mapped) caller = frame(p);
      const name = (f.functionName || '(native)').replace(/\s+/g, ' ');
      r = caller
        ? { group: caller.group, fn: `${name.length > 40 ? `${name.slice(0, 37)}...` : name}  <- ${caller.fn}`, native: true }
        : { group: '(native)', fn: name };
    }
    frames.set(id, r);
    return r;
  };
  const byOwner = new Map();
  const byFunction = new Map();
  const add = (m, k, us) => m.set(k, (m.get(k) ?? 0) + us);
  let nativeUs = 0;
  // Inclusive time of our own functions (server/src): each counted once per sample's stack.
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const r = frame(id);
    add(byOwner, r.group, us);
    add(byFunction, r.fn, us);
    if (r.native) nativeUs += us;
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const f = frame(n);
      if (f.mapped && f.group.startsWith('server/src/') && !f.native && !seen.has(f.fn)) {
        seen.add(f.fn);
        add(inclusive, f.fn, us);
      }
    }
  }
  const rows = (m) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .map(([name, us]) => ({ name, ms: us / 1000, perEditMs: us / 1000 / edits, share: inWindow ? us / inWindow : 0 }));
  return {
    file: profileFile,
    windowed: useWindow,
    totalMs: inWindow / 1000,
    nativeMs: nativeUs / 1000,
    edits,
    byOwner: rows(byOwner),
    byFunction: rows(byFunction).slice(0, 40),
    inclusive: rows(inclusive).slice(0, 40),
  };
}

export function printProfile(p) {
  const busy = p.byOwner.filter((r) => r.name !== '(idle)').reduce((a, r) => a + r.ms, 0);
  const sum = (pred) => p.byOwner.filter((r) => pred(r.name)).reduce((a, r) => a + r.ms, 0);
  const kinds = [
    ['mldesign (server/src)', sum((n) => n.startsWith('server/src/'))],
    ['npm packages', sum((n) => n.startsWith('npm: '))],
    ['garbage collector', sum((n) => n === '(garbage collector)')],
    [
      'other (program, node internals, ...)',
      sum((n) => !n.startsWith('server/src/') && !n.startsWith('npm: ') && n !== '(garbage collector)' && n !== '(idle)'),
    ],
  ];
  const line = (name, ms, width) =>
    `${name.length > width ? `${name.slice(0, width - 3)}...` : name.padEnd(width)}  ${ms.toFixed(0).padStart(6)}  ${(ms / p.edits).toFixed(2).padStart(7)}  ${((ms / busy) * 100).toFixed(1).padStart(5)} %`;
  log('');
  log(
    `CPU profile of the edit server ${p.windowed ? 'while the edits ran' : '(whole run: the edit window did not match the profile clock)'}: ${p.totalMs.toFixed(0)} ms sampled, ${busy.toFixed(0)} ms busy = ${(busy / p.edits).toFixed(2)} ms per edit (profiling slows it a little)`,
  );
  log(
    `self time; regular expressions and other builtins (${p.nativeMs.toFixed(0)} ms) are counted in the server.js function that called them`,
  );
  log('');
  log(`${'where'.padEnd(44)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`);
  for (const [name, ms] of kinds) log(line(name, ms, 44));
  log('');
  for (const r of p.byOwner.filter((r) => r.name !== '(idle)').slice(0, 20)) log(line(r.name, r.ms, 44));
  log('');
  log(`${'function (top 30)'.padEnd(96)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`);
  for (const r of p.byFunction.filter((r) => r.name !== '(idle)').slice(0, 30)) log(line(r.name, r.ms, 96));
  log('');
  log(
    `${'inclusive (total) time of mldesign functions, top 25'.padEnd(96)}  ${'ms'.padStart(6)}  ${'ms/edit'.padStart(7)}  ${'busy'.padStart(7)}`,
  );
  for (const r of p.inclusive.slice(0, 25)) log(line(r.name, r.ms, 96));
}
