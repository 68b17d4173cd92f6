import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';

// One frozen processor: building it per call costs more than many small parses.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

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
    const data: unknown = parseYaml(node.value, { maxAliasCount: 50 });
    if (data === null || data === undefined) return { data: undefined, endLine };
    if (typeof data !== 'object' || Array.isArray(data)) {
      return { data: undefined, endLine, error: 'front matter is not a mapping of keys to values' };
    }
    return { data: data as Record<string, unknown>, endLine };
  } catch (e) {
    return { data: undefined, endLine, error: `front matter is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}
