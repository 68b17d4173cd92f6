// CommonMark's HTML blocks that end at a marker rather than at a blank line (kinds 2 to 5):
// how one starts, what ends it, and the text that closes it. The incremental scanner must
// not cut inside one; a fix appended after one left open must close it first.
export const HTML_BLOCKS_WITH_END: readonly { start: RegExp; end: RegExp; closer: string }[] = [
  { start: /^ {0,3}<!--/, end: /-->/, closer: '-->' },
  { start: /^ {0,3}<\?/, end: /\?>/, closer: '?>' },
  { start: /^ {0,3}<![A-Za-z]/, end: />/, closer: '>' },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/, closer: ']]>' },
];

/** Kind 1: <script>, <pre>, <style>, <textarea>, ended by the matching close tag. */
export const RAW_HTML_BLOCK = /^ {0,3}<(script|pre|style|textarea)(?:[\s>]|$)/i;
