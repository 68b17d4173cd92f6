import { LineIndex } from './text';
import type { Fix, Insertion } from './types';

/** Applies insertions made against `text` (all positions refer to the original). Insertions
 * at one place keep their given order. Used by the CLI's --fix and by tests; editors apply
 * the same data through LSP edits. */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  const lines = new LineIndex(text);
  const located = insertions.map((ins, order) => ({ offset: lines.offsetAt(ins.at), order, text: ins.text }));
  located.sort((a, b) => a.offset - b.offset || a.order - b.order);
  let out = '';
  let last = 0;
  for (const ins of located) {
    out += text.slice(last, ins.offset) + ins.text;
    last = ins.offset;
  }
  return out + text.slice(last);
}

export function applyFix(text: string, fix: Fix): string {
  return applyInsertions(text, fix.insertions);
}
