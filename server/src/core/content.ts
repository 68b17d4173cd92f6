import type { List, Nodes, Table } from 'mdast';
import { normalizeHeading } from './normalize';
import { inlineText } from './outline';
import { replaceBeforeLastClose } from './strings';

// Whether a section says anything. Placeholders (TODO, TBD, "<fill in>", unfilled snippet
// tab stops...) are not content; neither is an outline of one-word bullets that only repeats
// the heading ("Monitoring / Updates" under "Monitoring and updates"), unless the document is
// itself a template, where such prompts are the point.

const PLACEHOLDER_WORDS = String.raw`todo|tbd|tba|tbc|fixme|xxx|wip|n\/?a|coming soon|to be (?:decided|determined|defined|written|added|done)|placeholder|fill (?:me )?in|lorem ipsum`;
const PLACEHOLDER_ONLY = new RegExp(String.raw`^(?:[-*_.…?!\s]*|(?:${PLACEHOLDER_WORDS})\b.*)$`, 'i');
/** Placeholder fragments, each replaced by a space. Those that run to a closing character
 * are replaced up to the last one only (see replaceBeforeLastClose): linear in the text. */
const FRAGMENTS: ((s: string) => string)[] = [
  // Unfilled snippet tab stops: ${1:...}, ${1}, $1 (after the last '}', only $1 can match).
  (s) => replaceBeforeLastClose(s, /\$\{\d+(?::[^}]*)?\}|\$\d+/g, '}', ' ', /\$\d+/g),
  // <fill in>, <your text here>
  (s) => replaceBeforeLastClose(s, /<\s*(?:fill[^>]*|placeholder[^>]*|insert[^>]*|your [^>]*)>/gi, '>', ' '),
  // [fill in], [TBD]. The text of "[fill ...]" runs to the ']' (spaces before it included).
  (s) => replaceBeforeLastClose(s, /\[\s*(?:(?:fill|placeholder|insert)[^\]]*|(?:tbd|todo)\s*)\]/gi, ']', ' '),
  stripTemplateVariables,
  (s) => s.replace(/lorem ipsum[^.]*\.?/gi, ' '),
];

/** The text with placeholder fragments removed; '' when nothing real is left. */
export function stripPlaceholders(text: string): string {
  let s = text;
  for (const strip of FRAGMENTS) s = strip(s);
  s = s.replace(/\s+/g, ' ').trim();
  return PLACEHOLDER_ONLY.test(s) ? '' : s;
}

/** {{ template variables }} replaced by a space, as `s.replace(/\{\{[^}]*\}\}/g, ' ')`
 * would: from a "{{" to the first '}' after it, when another '}' follows. That regex scanned
 * from every "{{" to the next '}' again, quadratic in a long run of '{'; here each stretch is
 * scanned once: no "{{" before a lone '}' can match, so the search goes on after it. */
function stripTemplateVariables(s: string): string {
  let out = '';
  let done = 0;
  for (let open = s.indexOf('{{'); open !== -1;) {
    const close = s.indexOf('}', open + 2);
    if (close === -1) break;
    if (s[close + 1] === '}') {
      out += s.slice(done, open) + ' ';
      done = close + 2;
      open = s.indexOf('{{', done);
    } else open = s.indexOf('{{', close + 1);
  }
  return done ? out + s.slice(done) : s;
}

export interface ContentContext {
  /** Stemmed tokens of the section's heading, to recognise bullets that only repeat it. */
  headingTokens: Set<string>;
  /** In a template document, short prompts count as content. */
  isTemplate: boolean;
}

export function hasContent(blocks: readonly Nodes[], ctx: ContentContext): boolean {
  const key = `${ctx.isTemplate ? 't' : ''}:${[...ctx.headingTokens].join(' ')}`;
  return blocks.some((b) => {
    // Remembered per node object and context: the editor's parser hands back the same
    // objects for every block an edit did not touch, and a keystroke asks again of each.
    let byContext = answers.get(b);
    if (!byContext) answers.set(b, (byContext = new Map<string, boolean>()));
    let has = byContext.get(key);
    if (has === undefined) byContext.set(key, (has = blockHasContent(b, ctx)));
    return has;
  });
}

const answers = new WeakMap<Nodes, Map<string, boolean>>();

function blockHasContent(node: Nodes, ctx: ContentContext): boolean {
  switch (node.type) {
    case 'heading':
    case 'yaml':
    case 'thematicBreak':
    case 'definition':
    case 'footnoteDefinition':
      return false;
    case 'html':
      // A comment is a note to the author, except in a template, where prompts live in them.
      // (An unclosed comment runs to the end of the document: still a comment.)
      if (/^\s*(?:<!--[\s\S]*?(?:-->|$)\s*)+$/.test(node.value))
        return ctx.isTemplate && stripPlaceholders(node.value.replace(/<!--|-->/g, '')) !== '';
      return node.value.trim() !== '';
    case 'code':
      return stripPlaceholders(node.value) !== '';
    case 'paragraph':
      return stripPlaceholders(inlineText(node)) !== '' || node.children.some((c) => c.type === 'image');
    case 'list':
      return listHasContent(node, ctx);
    case 'table':
      return tableHasContent(node);
    case 'blockquote':
      return node.children.some((c) => blockHasContent(c, ctx));
    default:
      return 'children' in node ? (node.children as Nodes[]).some((c) => blockHasContent(c, ctx)) : true;
  }
}

function listHasContent(list: List, ctx: ContentContext): boolean {
  const items = list.children.map((item) => ({
    text: stripPlaceholders(
      item.children
        .filter((c) => c.type === 'paragraph')
        .map(inlineText)
        .join(' '),
    ),
    more: item.children.some((c) => c.type !== 'paragraph' && blockHasContent(c, ctx)),
  }));
  if (!items.some((i) => i.text !== '' || i.more)) return false;
  if (ctx.isTemplate) return true;
  // An outline stub: every item a short label, at least one repeating the heading's words.
  const short = items.every(
    (i) =>
      !i.more &&
      replaceBeforeLastClose(i.text, /\([^)]*\)/g, ')', '')
        .trim()
        .split(/\s+/).length <= 4,
  );
  const repeats = items.some((i) => normalizeHeading(i.text).tokens.some((t) => ctx.headingTokens.has(t)));
  return !(short && repeats);
}

function tableHasContent(table: Table): boolean {
  return table.children.slice(1).some((row) => row.children.some((cell) => stripPlaceholders(inlineText(cell)) !== ''));
}
