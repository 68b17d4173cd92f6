import type { Root, Yaml } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Construct, Event, Extension, Tokenizer } from 'micromark-util-types';
import { parseDocument } from 'yaml';
import { DUPLICATE_KEY_MESSAGE, firstDuplicateKey } from './yaml-keys';
import { forEachLine } from './text';

/** A line that could be a GFM table's delimiter row ("| --- | :-: |", also in a quote or
 * list item): nothing but pipes, colons, spaces and at least one hyphen, quote markers only
 * before the first of them. Each character has one place in the pattern (the spaces before
 * a pipe or colon belong to the first run): `[ \t>]*[|: \t]*` tried every split of a long
 * run of spaces, tabs or '>' between its two parts, minutes for one line of 200,000 tabs. */
const DELIMITER_ROW = /^[ \t>]*(?:[|:][|: \t]*)?-[-|: \t]*$/;

/** 1-based lines of a text that could head a table: the line after them could be a
 * delimiter row. */
function findTableHeads(text: string): Set<number> {
  const heads = new Set<number>();
  if (!text.includes('-')) return heads;
  let line = 0;
  forEachLine(text, (start, end) => {
    line++;
    // Most lines start with a letter: no delimiter row.
    const c = text.charCodeAt(start);
    if (c !== 32 && c !== 9 && c !== 62 && c !== 124 && c !== 58 && c !== 45) return;
    if (DELIMITER_ROW.test(text.slice(start, end))) heads.add(line - 1);
  });
  return heads;
}

/** Whether the last block event before here is a table head or row (the table goes on). */
function afterTableRow(events: readonly Event[]): boolean {
  let i = events.length - 1;
  while (i > -1 && (events[i]![1].type === 'lineEnding' || events[i]![1].type === 'linePrefix')) i--;
  const tail = i > -1 ? events[i]![1].type : undefined;
  return tail === 'tableHead' || tail === 'tableRow';
}

/** GFM's table construct, built once; gated per parse below. */
const TABLE = (gfmTable().flow as Record<string, Construct>)['null']!;

/** The GFM table construct, let try only at the given lines or after a table row.
 * The construct is tried at the start of every line, where it reads the whole line looking
 * for cells: a third of all parse time on the bench corpus. It is only let try where a table
 * can start (the next line could be a delimiter row) or go on (a row came before); everywhere
 * else it fails at once, as it would have after reading the line. The heads belong to one
 * text, so each parse gets its own gate (an object and a closure: micromark combines its
 * extensions on every parse anyway). */
function gatedTable(heads: ReadonlySet<number>): Extension {
  const tokenize: Tokenizer = function (effects, ok, nok) {
    return heads.has(this.now().line) || afterTableRow(this.events) ? TABLE.tokenize.call(this, effects, ok, nok) : nok;
  };
  return { flow: { null: { ...TABLE, tokenize } } };
}

// What remark-parse with remark-frontmatter (YAML) and GFM tables does, called directly so
// that each parse can carry its own table gate. Only the table extension of GFM: the rest
// (autolink literals above all) costs a third of the parse time and changes nothing here: a
// URL, a footnote or ~~struck~~ text is content either way.
const FRONT_MATTER = frontmatter(['yaml']);
const FROM_MARKDOWN = [frontmatterFromMarkdown(['yaml']), gfmTableFromMarkdown()];

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text, { extensions: [FRONT_MATTER, gatedTable(findTableHeads(text))], mdastExtensions: FROM_MARKDOWN });
}

export interface FrontMatter {
  /** The parsed mapping, or undefined when there is none or it is not a mapping. */
  data: Record<string, unknown> | undefined;
  /** Why the front matter could not be read, when it could not. */
  error?: string;
  /** 0-based line of the closing fence, so nothing is ever inserted above it. */
  endLine: number;
}

export function readFrontMatter(root: Root): FrontMatter | undefined {
  const node = root.children[0];
  if (!node || node.type !== 'yaml') return undefined;
  const endLine = (node.position?.end.line ?? 1) - 1;
  let read = yamlRead.get(node);
  if (!read) yamlRead.set(node, (read = readYaml(node.value)));
  return { ...read, endLine };
}

/** The editor reads the same front matter on every keystroke, and the incremental parser
 * hands back the same node object for text an edit did not touch: each node's reading is
 * remembered with the node, and goes with it. */
const yamlRead = new WeakMap<Yaml, Omit<FrontMatter, 'endLine'>>();

function readYaml(value: string): Omit<FrontMatter, 'endLine'> {
  try {
    const doc = parseDocument(value, { uniqueKeys: false, logLevel: 'error' });
    if (doc.errors.length) throw doc.errors[0]!;
    if (firstDuplicateKey(doc)) throw new Error(DUPLICATE_KEY_MESSAGE);
    const data: unknown = doc.toJS({ maxAliasCount: 50 });
    if (data === null || data === undefined) return { data: undefined };
    if (typeof data !== 'object' || Array.isArray(data))
      return { data: undefined, error: 'front matter is not a mapping of keys to values' };
    return { data: data as Record<string, unknown> };
  } catch (e) {
    return { data: undefined, error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}
