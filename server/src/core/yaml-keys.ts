// A key given twice in one YAML mapping, found in one pass. yaml's own check (the
// `uniqueKeys` option) compares each key of a map with every key before it: 10,000 keys took
// 10 s, and a front matter or a config file is whatever a repository holds. Documents are
// parsed with it off, and this takes its place, with its message.
import { isScalar, visit, type Document } from 'yaml';

export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/** The second occurrence of the first key that a mapping (at any depth) gives twice: its
 * source range, when it has one. Scalar keys compare by type and value, as yaml's do. */
export function firstDuplicateKey(doc: Document): { range: readonly [number, number, number] | undefined } | undefined {
  let found: { range: readonly [number, number, number] | undefined } | undefined;
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key)) continue;
        const id = `${typeof key.value}:${String(key.value)}`;
        if (seen.has(id)) {
          found = { range: key.range ?? undefined };
          return visit.BREAK;
        }
        seen.add(id);
      }
      return undefined;
    },
  });
  return found;
}
