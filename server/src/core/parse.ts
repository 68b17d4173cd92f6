import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Construct, Event, Extension, Tokenizer } from 'micromark-util-types';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parse as parseYaml } from 'yaml';
import { forEachLine } from './text';

/** A line that could be a GFM table's delimiter row ("| --- | :-: |", also in a quote or
 * list item): nothing but pipes, colons, spaces and at least one hyphen. */
const DELIMITER_ROW = /^[ \t>]*[|: \t]*-[-|: \t]*$/;

/** 1-based lines of the text being parsed that could head a table: the line after them
 * could be a delimiter row. Set by parseMarkdown around each (synchronous) parse. */
const NO_LINES: ReadonlySet<number> = new Set();
let tableHeads = NO_LINES;

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

/** GFM tables, the one GFM construct a design doc's structure depends on. The rest of GFM
 * (autolink literals above all) costs a third of the parse time and changes nothing here:
 * a URL, a footnote or ~~struck~~ text is content either way.
 * The table construct is tried at the start of every line, where it reads the whole line
 * looking for cells: a third of all parse time on the bench corpus. It is only let try where
 * a table can start (the next line could be a delimiter row) or go on (a row came before);
 * everywhere else it fails at once, as it would have after reading the line. */
function remarkGfmTable(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  const table = (gfmTable().flow as Record<string, Construct>)['null']!;
  const gated: Tokenizer = function (effects, ok, nok) {
    return tableHeads.has(this.now().line) || afterTableRow(this.events) ? table.tokenize.call(this, effects, ok, nok) : nok;
  };
  const extension: Extension = { flow: { null: { ...table, tokenize: gated } } };
  (data.micromarkExtensions ??= []).push(extension);
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

// One frozen processor: building it per call costs more than many small parses.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmTable).freeze();
export function parseMarkdown(text: string): Root {
  tableHeads = findTableHeads(text);
  try {
    return processor.parse(text);
  } finally {
    tableHeads = NO_LINES;
  }
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
  // The editor reads the same front matter on every keystroke: the last one is remembered.
  if (lastYaml?.value !== node.value) lastYaml = { value: node.value, read: readYaml(node.value) };
  return { ...lastYaml.read, endLine };
}

let lastYaml: { value: string; read: Omit<FrontMatter, 'endLine'> } | undefined;

function readYaml(value: string): Omit<FrontMatter, 'endLine'> {
  try {
    const data: unknown = parseYaml(value, { maxAliasCount: 50, logLevel: 'error' });
    if (data === null || data === undefined) return { data: undefined };
    if (typeof data !== 'object' || Array.isArray(data))
      return { data: undefined, error: 'front matter is not a mapping of keys to values' };
    return { data: data as Record<string, unknown> };
  } catch (e) {
    return { data: undefined, error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}
