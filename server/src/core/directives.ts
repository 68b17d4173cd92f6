// Inline directives, written in HTML comments (the same forms the TextMate grammar scopes):
//   <!-- mldesign-disable [rule-id ...] -->          from here on (all rules without ids)
//   <!-- mldesign-enable [rule-id ...] -->
//   <!-- mldesign-disable-next-line [rule-id ...] -->
//   <!-- mldesign-not-applicable section-id: reason -->
// The keyword must be the comment's first word; anything else is an ordinary comment.
import type { Nodes, Root } from 'mdast';
import { stripPlaceholders } from './content';
import type { LineIndex } from './text';
import type { Range } from './types';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'not-applicable';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids (disable/enable) or the one section id (not-applicable); empty = all rules. */
  ids: string[];
  /** The reason of a not-applicable marker, '' when missing or only a placeholder. */
  reason: string;
  line: number;
  range: Range;
}

const HEAD = /^\s*mldesign-(disable-next-line|disable|enable|not-applicable)(?=\s|$)([\s\S]*)$/;

export function readDirectives(root: Root, lines: LineIndex): Directive[] {
  const out: Directive[] = [];
  // Directives live in comments: only the HTML nodes where the text opens one are read,
  // found from the root by offset, rather than walking every node on every keystroke.
  // ("<!--" is rare in prose, so finding it is cheaper than finding "mldesign-".)
  const seen = new Set<Nodes>();
  const text = lines.text;
  for (let at = text.indexOf('<!--'); at !== -1; at = text.indexOf('<!--', at + 4)) {
    const node = innermostAt(root, at);
    if (node?.type !== 'html' || seen.has(node)) continue;
    seen.add(node);
    const base = node.position?.start.offset ?? 0;
    for (const c of comments(node.value)) {
      const head = HEAD.exec(node.value.slice(c.start + 4, c.end - 3));
      if (!head) continue;
      const range = lines.range(base + c.start, base + c.end);
      out.push(parse(head[1] as DirectiveKind, head[2]!, range));
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** The comments in an HTML node's value, as `/<!--[\s\S]*?-->/g` finds them: each from a
 * "<!--" to the first "-->" after it. Searched with indexOf, so an unclosed "<!--" ends the
 * search (no later one can close either) instead of each later "<!--" scanning to the end
 * of the node again, which made many unclosed openings quadratic. */
function comments(value: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = value.indexOf('<!--'); start !== -1;) {
    const close = value.indexOf('-->', start + 4);
    if (close === -1) break;
    out.push({ start, end: close + 3 });
    start = value.indexOf('<!--', close + 3);
  }
  return out;
}

/** The deepest node whose source holds the offset (binary search down the tree). */
function innermostAt(root: Root, offset: number): Nodes | undefined {
  let node: Nodes = root;
  for (;;) {
    if (!('children' in node)) return node;
    const children = node.children as Nodes[];
    let lo = 0;
    let hi = children.length - 1;
    let found: Nodes | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const pos = children[mid]!.position;
      if (!pos || pos.start.offset === undefined || pos.end.offset === undefined) return undefined;
      if (offset < pos.start.offset) hi = mid - 1;
      else if (offset >= pos.end.offset) lo = mid + 1;
      else {
        found = children[mid];
        break;
      }
    }
    if (!found) return node;
    node = found;
  }
}

function parse(kind: DirectiveKind, rest: string, range: Range): Directive {
  const line = range.start.line;
  if (kind === 'not-applicable') {
    // An id (none when the text starts with ':'), then the reason after a ':'. The id is one
    // or more characters or absent, never an empty match between two runs of spaces: that
    // made a failing match quadratic in the spaces.
    const m = /^\s*(?:([^\s:]+)\s*)?(?::([\s\S]*))?$/.exec(rest);
    const id = m?.[1] ?? '';
    return { kind, ids: id ? [id] : [], reason: stripPlaceholders((m?.[2] ?? '').trim()), line, range };
  }
  return { kind, ids: rest.split(/[\s,]+/).filter(Boolean), reason: '', line, range };
}

/** Decides, for a rule and a line, whether a directive silences findings there. */
export class Suppressions {
  private readonly spans: { from: number; to: number; ids: string[] }[] = [];

  constructor(directives: readonly Directive[]) {
    // Open disable spans per id ('*' = all), closed by a matching enable.
    const open = new Map<string, number>();
    for (const d of directives) {
      const ids = d.ids.length ? d.ids : ['*'];
      if (d.kind === 'disable') for (const id of ids) if (!open.has(id)) open.set(id, d.line);
      if (d.kind === 'enable') {
        for (const id of d.ids.length ? d.ids : [...open.keys()]) {
          const from = open.get(id);
          if (from !== undefined) {
            this.spans.push({ from, to: d.line, ids: [id] });
            open.delete(id);
          }
        }
      }
      if (d.kind === 'disable-next-line') this.spans.push({ from: d.range.end.line + 1, to: d.range.end.line + 1, ids });
    }
    for (const [id, from] of open) this.spans.push({ from, to: Infinity, ids: [id] });
  }

  /** Findings about the whole document (a missing section) are silenced by a disable of
   * their rule anywhere in it; others by one covering their line. */
  suppressed(ruleId: string, line: number, wholeDocument = false): boolean {
    return this.spans.some((s) => (wholeDocument || (line >= s.from && line <= s.to)) && (s.ids.includes('*') || s.ids.includes(ruleId)));
  }
}
