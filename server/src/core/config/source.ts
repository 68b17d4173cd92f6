// A config file's text parsed into data, keeping the positions of its keys and values so
// every problem can be reported where it is. YAML (.yaml/.yml) or JSON with comments (.json).
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { LineIndex } from '../text';
import { START_RANGE, type Range } from '../types';

export type KeyPath = (string | number)[];

export interface ConfigSource {
  /** The parsed data; undefined when the text could not be parsed at all. */
  data: unknown;
  syntaxErrors: { message: string; range: Range }[];
  /** Where the value (or, with `key`, the key) at a path is; falls back to the nearest parent. */
  locate(path: KeyPath, key?: boolean): Range;
}

export function parseConfigSource(text: string, fileName: string): ConfigSource {
  return /\.json$/i.test(fileName) ? parseJson(text) : parseYaml(text);
}

function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return lines.range(start, Math.max(start, end));
}

function parseYaml(text: string): ConfigSource {
  const lines = new LineIndex(text);
  const doc: Document = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const syntaxErrors = doc.errors.map((e) => ({ message: e.message.split('\n')[0]!, range: rangeOf(lines, e.pos[0], e.pos[1]) }));
  let data: unknown;
  if (!syntaxErrors.length) {
    try {
      data = doc.toJS({ maxAliasCount: 100 }) ?? {};
    } catch (e) {
      syntaxErrors.push({ message: (e as Error).message.split('\n')[0]!, range: START_RANGE });
    }
  }
  return {
    data,
    syntaxErrors,
    locate(path, key = false) {
      let node: unknown = doc.contents;
      let found: Range | undefined = node && (node as { range?: number[] }).range ? rangeFromNode(node) : undefined;
      for (let i = 0; i < path.length; i++) {
        const seg = path[i]!;
        const last = i === path.length - 1;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
          if (!pair) break;
          if (last && key) return rangeFromNode(pair.key) ?? found ?? START_RANGE;
          node = pair.value;
          found = rangeFromNode(pair.value) ?? rangeFromNode(pair.key) ?? found;
        } else if (isSeq(node) && typeof seg === 'number') {
          node = node.items[seg];
          if (!node) break;
          found = rangeFromNode(node) ?? found;
        } else break;
      }
      return found ?? START_RANGE;
    },
  };

  function rangeFromNode(node: unknown): Range | undefined {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    return r ? rangeOf(lines, r[0], r[1]) : undefined;
  }
}

function parseJson(text: string): ConfigSource {
  const lines = new LineIndex(text);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const syntaxErrors = errors.map((e) => ({
    message: describeJsonError(printParseErrorCode(e.error)),
    range: rangeOf(lines, e.offset, e.offset + e.length),
  }));
  const data = !syntaxErrors.length && tree ? toValue(tree) : undefined;
  return {
    data,
    syntaxErrors,
    locate(path, key = false) {
      if (!tree) return START_RANGE;
      for (let n = path.length; n >= 0; n--) {
        const node = findNodeAtLocation(tree, path.slice(0, n));
        if (!node) continue;
        if (key && n === path.length && node.parent?.type === 'property') {
          const k = node.parent.children![0]!;
          return rangeOf(lines, k.offset, k.offset + k.length);
        }
        return rangeOf(lines, node.offset, node.offset + node.length);
      }
      return START_RANGE;
    },
  };
}

function toValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object':
      return Object.fromEntries(
        (node.children ?? []).map((p) => [p.children![0]!.value as string, p.children![1] ? toValue(p.children![1]) : undefined]),
      );
    case 'array':
      return (node.children ?? []).map(toValue);
    default:
      return node.value;
  }
}

function describeJsonError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}
