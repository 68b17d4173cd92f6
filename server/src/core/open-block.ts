// Which block a parsed text ends in, when that block may still be open: a fenced code block
// whose closing fence has not come, or an HTML block. One answer for the incremental parser
// (must a chunk be joined with the next one?) and for the fixes (what must text appended at
// the end of a document close first, so that it does not land inside the block?).
import type { Nodes, Root } from 'mdast';
import { HTML_BLOCKS_WITH_END, RAW_HTML_BLOCK } from './html-blocks';

export interface OpenBlock {
  kind: 'fence' | 'html';
  /** Inside a list item or quote: the container ends it at the next line it cannot take in. */
  nested: boolean;
  /** The line that closes it: the fence, or the end marker of an HTML block of a kind that
   * ends at one (comment, processing instruction, declaration, CDATA, <script> and the like)
   * when that marker has not come. Undefined for an HTML block that is closed already or that
   * a blank line ends. */
  closer: string | undefined;
}

/** A fenced code block's opening: up to 3 spaces, then 3 or more backticks or tildes. The
 * source of a nested block starts at its own indentation, after the container's markers. */
const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
/** The container prefix of a nested block's last line (list indentation, quote markers):
 * not known exactly, so all of it goes; when unsure the block counts as open, which is safe
 * for both callers (a needless join; no closer is ever added to a nested block). */
const NESTED_PREFIX = /^[ \t>]*/;
const TOP_PREFIX = /^ {0,3}/;

/** The block the text ends in, followed down through lists and quotes, when it may still be
 * open; undefined when the text ends in anything else (a paragraph, a closed fence, ...).
 * `root` is the parse of `text`, with offsets into it. */
export function openBlockAtEnd(root: Root, text: string): OpenBlock | undefined {
  let node: Nodes | undefined = root.children[root.children.length - 1];
  let nested = false;
  while (node) {
    if (node.type === 'html') return { kind: 'html', nested, closer: htmlCloser(source(node, text)) };
    if (node.type === 'code') {
      const src = source(node, text);
      const open = FENCE_OPEN.exec(src) ?? (nested ? /^[ \t>]*(`{3,}|~{3,})/.exec(src) : null);
      if (!open) return undefined; // indented code: any line at column 0 ends it
      const fence = open[1]!;
      return fenceClosed(src, fence, nested) ? undefined : { kind: 'fence', nested, closer: fence };
    }
    if (!('children' in node) || node.type === 'paragraph' || node.type === 'heading') return undefined;
    node = (node.children as Nodes[])[node.children.length - 1];
    nested = true;
  }
  return undefined;
}

function source(node: Nodes, text: string): string {
  return text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** Whether the last line of a fenced block's source closes it: fence characters of the
 * opening kind, at least as many, then only spaces. An unclosed block's source runs to the
 * end of the text, so its last line is content (or empty after a final line break). */
function fenceClosed(src: string, fence: string, nested: boolean): boolean {
  const lastBreak = Math.max(src.lastIndexOf('\n'), src.lastIndexOf('\r'));
  if (lastBreak === -1) return false;
  const line = src.slice(lastBreak + 1).replace(nested ? NESTED_PREFIX : TOP_PREFIX, '');
  let n = 0;
  while (line[n] === fence[0]) n++;
  return n >= fence.length && line.slice(n).trim() === '';
}

/** What closes an HTML block whose end marker has not come; undefined when it needs none. */
function htmlCloser(src: string): string | undefined {
  for (const { start, end, closer } of HTML_BLOCKS_WITH_END)
    if (start.test(src)) return end.test(src.replace(start, '')) ? undefined : closer;
  const raw = RAW_HTML_BLOCK.exec(src);
  if (raw && !new RegExp(`</${raw[1]}>`, 'i').test(src)) return `</${raw[1]!.toLowerCase()}>`;
  return undefined;
}
