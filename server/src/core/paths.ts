// POSIX path arithmetic for the pure core (node:path is off limits here). Hosts hand the
// core absolute paths with forward slashes; the core never touches the disk.

export function normalizePath(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  return (abs ? '/' : '') + out.join('/') || (abs ? '/' : '.');
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i <= 0 ? (n.startsWith('/') ? '/' : '.') : n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export function joinPath(base: string, rel: string): string {
  return normalizePath(rel.startsWith('/') ? rel : `${base}/${rel}`);
}

/** `child` relative to `parent`, or undefined when `child` is not inside `parent`. */
export function relativeInside(parent: string, child: string): string | undefined {
  const p = normalizePath(parent);
  const c = normalizePath(child);
  if (c === p) return '';
  const prefix = p.endsWith('/') ? p : p + '/';
  return c.startsWith(prefix) ? c.slice(prefix.length) : undefined;
}

export function isInside(parent: string, child: string): boolean {
  return relativeInside(parent, child) !== undefined;
}
