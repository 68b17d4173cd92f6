// A config file's text parsed into data, keeping the positions of its keys and values so
// every problem can be reported where it is. YAML (.yaml/.yml) or JSON with comments (.json).
import { DUPLICATE_KEY_MESSAGE, firstDuplicateKey } from '../yaml-keys';
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { CST, isMap, isPair, isScalar, isSeq, Lexer, parseDocument, type Document } from 'yaml';
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

/** Deeper than any real config (they nest four or five levels). Both parsers recurse per
 * level and a config of nothing but brackets overflows the stack; the `yaml` composer even
 * aborts the process (out of memory in V8's regexp compiler) near the stack's end. So the
 * depth is measured on a linear scan of the tokens before either parser sees the text. */
export const MAX_CONFIG_DEPTH = 64;

export function parseConfigSource(text: string, fileName: string): ConfigSource {
  const json = /\.json$/i.test(fileName);
  const tooDeep = json ? jsonTooDeep(text) : yamlTooDeep(text);
  if (tooDeep !== undefined) {
    const lines = new LineIndex(text);
    return {
      data: undefined,
      syntaxErrors: [{ message: `nested too deep: more than ${MAX_CONFIG_DEPTH} levels`, range: rangeOf(lines, tooDeep, tooDeep + 1) }],
      locate: () => START_RANGE,
    };
  }
  return json ? parseJson(text) : parseYaml(text);
}

/** jsonc-parser's SyntaxKind values (a const enum, which isolated modules cannot read). */
const JSON_TOKEN = { openBrace: 1, closeBrace: 2, openBracket: 3, closeBracket: 4, eof: 17 } as const;

/** Offset of the first bracket past MAX_CONFIG_DEPTH, if any (strings and comments skipped
 * by jsonc-parser's own scanner). */
function jsonTooDeep(text: string): number | undefined {
  const scanner = createScanner(text, false);
  let depth = 0;
  for (let kind: number = scanner.scan(); kind !== JSON_TOKEN.eof; kind = scanner.scan()) {
    if (kind === JSON_TOKEN.openBrace || kind === JSON_TOKEN.openBracket) {
      if (++depth > MAX_CONFIG_DEPTH) return scanner.getTokenOffset();
    } else if (kind === JSON_TOKEN.closeBrace || kind === JSON_TOKEN.closeBracket) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Offset where YAML nesting passes MAX_CONFIG_DEPTH, if it does, from the `yaml` lexer's
 * tokens (the lexer does not recurse). Block collections are told apart by the column they
 * start at: a `-` opens a sequence at its column, a key (before `:` or after `?`) a mapping
 * at the key's column, a sequence and a mapping may share a column (`key:` then `- item`),
 * and a line closes what starts to its right. Flow collections count their brackets. */
function yamlTooDeep(text: string): number | undefined {
  const open: { col: number; seq: boolean }[] = [];
  const top = () => open[open.length - 1];
  let offset = 0;
  let lineOffset = 0;
  let flow = 0;
  let lineStart = true;
  let nodeStart = true;
  let nodeCol = 0;
  let blockScalar = false;
  let scalarText = false;
  const openMap = (col: number) => {
    while (top() && (top()!.col > col || (top()!.col === col && top()!.seq))) open.pop();
    if (top()?.col !== col) open.push({ col, seq: false });
  };
  for (const token of new Lexer().lex(text)) {
    const at = offset;
    // The lexer's control tokens mark what follows and take no room in the text.
    if (token !== CST.DOCUMENT && token !== CST.FLOW_END && token !== CST.SCALAR) offset += token.length;
    const type = CST.tokenType(token);
    const newline = token.lastIndexOf('\n');
    if (newline !== -1) lineOffset = at + newline + 1;
    if (scalarText) {
      // A scalar's own text, whatever characters it starts with; a block scalar's runs to a
      // line's end, and its lines open nothing.
      scalarText = false;
      if (blockScalar) {
        blockScalar = false;
        lineStart = nodeStart = true;
      }
      continue;
    }
    if (type === 'newline') {
      if (flow === 0 && !blockScalar) lineStart = nodeStart = true;
      continue;
    }
    if (type === 'space' || type === 'comment' || type === 'doc-mode' || type === 'doc-start' || type === 'doc-end') continue;
    if (token === CST.SCALAR) {
      scalarText = true;
      if (blockScalar) continue;
    }
    const col = at - lineOffset;
    if (flow === 0) {
      if (lineStart) while (top() && top()!.col > col) open.pop();
      if (nodeStart) nodeCol = col;
      lineStart = nodeStart = false;
    }
    switch (type) {
      case 'block-scalar-header':
        blockScalar = true;
        break;
      case 'flow-seq-start':
      case 'flow-map-start':
        if (open.length + ++flow > MAX_CONFIG_DEPTH) return at;
        break;
      case 'flow-seq-end':
      case 'flow-map-end':
        flow = Math.max(0, flow - 1);
        break;
      case 'seq-item-ind':
        if (flow > 0) break;
        if (!(top()?.col === col && top()!.seq)) open.push({ col, seq: true });
        if (open.length > MAX_CONFIG_DEPTH) return at;
        nodeStart = true;
        break;
      case 'explicit-key-ind':
      case 'map-value-ind':
        if (flow > 0) break;
        openMap(type === 'explicit-key-ind' ? col : nodeCol);
        if (open.length > MAX_CONFIG_DEPTH) return at;
        nodeStart = true;
        break;
    }
  }
  return undefined;
}

function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return lines.range(start, Math.max(start, end));
}

function parseYaml(text: string): ConfigSource {
  const lines = new LineIndex(text);
  const doc: Document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  const syntaxErrors = doc.errors.map((e) => ({ message: e.message.split('\n')[0]!, range: rangeOf(lines, e.pos[0], e.pos[1]) }));
  if (!syntaxErrors.length) {
    const duplicate = firstDuplicateKey(doc);
    if (duplicate)
      syntaxErrors.push({
        message: DUPLICATE_KEY_MESSAGE,
        range: duplicate.range ? rangeOf(lines, duplicate.range[0], duplicate.range[1]) : START_RANGE,
      });
  }
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
          // As text: a numeric key (`2:` or `'2':`, a template version) may come as either.
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
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
  let data: unknown;
  if (!syntaxErrors.length && tree) {
    data = toValue(tree, lines, syntaxErrors);
    // A duplicate key leaves the file meaning two things: no data, as for a syntax error.
    if (syntaxErrors.length) data = undefined;
  }
  return {
    data,
    syntaxErrors,
    locate(path, key = false) {
      if (!tree) return START_RANGE;
      const at = objectKeysAsText(tree, path);
      for (let n = at.length; n >= 0; n--) {
        const node = findNodeAtLocation(tree, at.slice(0, n));
        if (!node) continue;
        if (key && n === at.length && node.parent?.type === 'property') {
          const k = node.parent.children![0]!;
          return rangeOf(lines, k.offset, k.offset + k.length);
        }
        return rangeOf(lines, node.offset, node.offset + node.length);
      }
      return START_RANGE;
    },
  };
}

/** A key path with each segment under an object as text: a schema error spells a numeric
 * key ("2", a template version) as a number, which jsonc-parser reads as an array index. */
function objectKeysAsText(tree: JsonNode, path: KeyPath): KeyPath {
  let node: JsonNode | undefined = tree;
  return path.map((seg) => {
    const s = node?.type === 'object' ? String(seg) : seg;
    node = node && findNodeAtLocation(node, [s]);
    return s;
  });
}

/** The data of a parse tree. A key given twice is an error, as the YAML parser makes it:
 * JSON.parse would silently keep the last, and a reader of the file would see the first. */
function toValue(node: JsonNode, lines: LineIndex, errors: ConfigSource['syntaxErrors']): unknown {
  switch (node.type) {
    case 'object': {
      const first = new Map<string, JsonNode>();
      const entries: [string, unknown][] = [];
      for (const p of node.children ?? []) {
        const keyNode = p.children![0]!;
        const key = keyNode.value as string;
        const seen = first.get(key);
        if (seen) {
          const line = lines.positionAt(seen.offset).line + 1;
          errors.push({
            message: `duplicate key '${key}' (the first is on line ${line})`,
            range: rangeOf(lines, keyNode.offset, keyNode.offset + keyNode.length),
          });
          continue;
        }
        first.set(key, keyNode);
        entries.push([key, p.children![1] ? toValue(p.children![1], lines, errors) : undefined]);
      }
      return Object.fromEntries(entries);
    }
    case 'array':
      return (node.children ?? []).map((c) => toValue(c, lines, errors));
    default:
      return node.value;
  }
}

function describeJsonError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `JSON syntax error: ${words}`;
}
