import type { Root } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { parse as parseYaml } from 'yaml';

/** GFM tables, the one GFM construct a design doc's structure depends on. The rest of GFM
 * (autolink literals above all) costs a third of the parse time and changes nothing here:
 * a URL, a footnote or ~~struck~~ text is content either way. */
function remarkGfmTable(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

// One frozen processor: building it per call costs more than many small parses.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmTable).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
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
  try {
    const data: unknown = parseYaml(node.value, { maxAliasCount: 50, logLevel: 'error' });
    if (data === null || data === undefined) return { data: undefined, endLine };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: undefined, endLine, error: 'front matter is not a mapping of keys to values' };
    }
    return { data: data as Record<string, unknown>, endLine };
  } catch (e) {
    return { data: undefined, endLine, error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}
