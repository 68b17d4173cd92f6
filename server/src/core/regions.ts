// The document cut at its heading nodes into regions: a heading and the blocks up to the next
// one (and the blocks before the first). Work on a region's blocks is remembered with the
// region while its nodes stay the same objects. The editor's parser hands those back for
// text an edit did not touch, and the text between two of them is then unchanged too (each
// node comes from a parse chunk whose text, trailing blank lines included, is the same), so
// offsets relative to the region's first node still hold. On a keystroke only the edited
// region is worked on again, and the others are not even walked: a walk over every block of
// a big doc, each a pointer chase to a node and its position, was most of what an edit cost.
import type { RootContent } from 'mdast';
import type { DocModel } from './model';

export interface Region {
  /** The region's blocks are root.children[from, to). */
  from: number;
  to: number;
  /** Offset of the first block's start, where the region sits now. */
  start: number;
  /** What callers remember about this region, by their own keys. */
  memo: Map<string, unknown>;
}

interface Kept {
  nodes: readonly RootContent[];
  memo: Map<string, unknown>;
}

const kept = new WeakMap<RootContent, Kept>();
const perModel = new WeakMap<DocModel, Region[]>();

/** The doc's regions in order, each with its memo (fresh when any of its nodes changed). */
export function regionsOf(model: DocModel): Region[] {
  let out = perModel.get(model);
  if (out) return out;
  out = [];
  const kids = model.outline.root.children;
  const cuts = [0, ...model.outline.headingNodes.filter((i) => i > 0), kids.length];
  for (let k = 0; k + 1 < cuts.length; k++) {
    const from = cuts[k]!;
    const to = cuts[k + 1]!;
    if (from >= to) continue;
    const first = kids[from]!;
    let keep = kept.get(first);
    if (!keep || !sameNodes(keep.nodes, kids, from, to)) kept.set(first, (keep = { nodes: kids.slice(from, to), memo: new Map() }));
    out.push({ from, to, start: first.position?.start.offset ?? 0, memo: keep.memo });
  }
  perModel.set(model, out);
  return out;
}

function sameNodes(nodes: readonly RootContent[], kids: readonly RootContent[], from: number, to: number): boolean {
  if (nodes.length !== to - from) return false;
  for (let i = from; i < to; i++) if (kids[i] !== nodes[i - from]) return false;
  return true;
}
