// Teaching a team config from the editor: one heading added to a section's `aliases` or
// `notAliases`, as insertions into the file's text. Nothing the author wrote is moved or
// deleted, so comments, quoting and layout stay as they are: into the section's list when
// there is one (block or flow style), else a new key in the section's entry, else a new
// entry, else a new `sections:` key. Every plan is checked by parsing the result: it must
// read as the old data plus that one string, or nothing is offered. Pure: text in,
// insertions out.
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isMap, isPair, isScalar, isSeq, parse as parseYaml, parseDocument, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import { LineIndex } from '../text';
import type { Position } from '../types';
import { parseConfigSource } from './source';

export type SectionListKey = 'aliases' | 'notAliases';

/** One string added to one list of one section. */
export interface ConfigAddition {
  sectionId: string;
  key: SectionListKey;
  value: string;
}

/** Text inserted at a position of the original text. */
export interface TextInsertion {
  at: Position;
  text: string;
}

/** The insertions that add `add` to a config file's text, or undefined when that cannot be
 * done by inserting (the file does not parse, its shape is not one we write into, the
 * section is removed there) or the result would not read as intended. */
export function planConfigAddition(text: string, fileName: string, add: ConfigAddition): TextInsertion[] | undefined {
  const before = parseConfigSource(text, fileName);
  if (before.syntaxErrors.length) return undefined;
  const expected = withAddition(before.data, add);
  if (expected === undefined) return undefined;
  const json = /\.json$/i.test(fileName);
  let planned: { offset: number; text: string }[] | undefined;
  try {
    planned = json ? planJson(text, add) : planYaml(text, add);
  } catch {
    planned = undefined; // a shape the planners did not foresee: nothing offered
  }
  if (!planned?.length) return undefined;
  const after = parseConfigSource(applyAt(text, planned), fileName);
  if (after.syntaxErrors.length || !sameData(after.data, expected)) return undefined;
  const lines = new LineIndex(text);
  return planned.map((p) => ({ at: lines.positionAt(p.offset), text: p.text }));
}

/** A new `.mldesign.yaml` holding the addition, on top of the default preset. */
export function newConfigText(add: ConfigAddition): string {
  return [
    '# mldesign team config: docs/configuration.md in the mldesign repository says what goes here.',
    'extends: recommended',
    'sections:',
    `  - id: ${add.sectionId}`,
    `    ${add.key}: [${yamlFlowScalar(add.value)}]`,
    '',
  ].join('\n');
}

// --- what the result must read as -------------------------------------------------------

/** The config's data with the addition, or undefined when it is not a shape to add to. */
function withAddition(data: unknown, add: ConfigAddition): unknown {
  if (data === undefined || data === null) return { sections: [{ id: add.sectionId, [add.key]: [add.value] }] };
  if (!isRecord(data)) return undefined;
  const copy = structuredClone(data);
  if (!Object.hasOwn(copy, 'sections') || copy['sections'] === null) {
    copy['sections'] = [{ id: add.sectionId, [add.key]: [add.value] }];
    return copy;
  }
  const sections = copy['sections'];
  if (!Array.isArray(sections)) return undefined;
  const at = lastEntry(sections, add.sectionId);
  if (at === -1) {
    sections.push({ id: add.sectionId, [add.key]: [add.value] });
    return copy;
  }
  const entry = sections[at] as Record<string, unknown>;
  if (entry['remove'] === true) return undefined;
  const list = entry[add.key];
  if (list === undefined) entry[add.key] = [add.value];
  else if (Array.isArray(list)) list.push(add.value);
  else return undefined;
  return copy;
}

/** The last entry for a section: the one that speaks last when layers merge. */
function lastEntry(sections: readonly unknown[], id: string): number {
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i];
    if (isRecord(s) && s['id'] === id) return i;
  }
  return -1;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality of parsed data, key order aside (a key is added where it fits the text). */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameData(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && sameData(a[k], b[k]));
  }
  return false;
}

function applyAt(text: string, planned: readonly { offset: number; text: string }[]): string {
  let out = '';
  let last = 0;
  for (const p of [...planned].sort((x, y) => x.offset - y.offset)) {
    out += text.slice(last, p.offset) + p.text;
    last = p.offset;
  }
  return out + text.slice(last);
}

// --- YAML -------------------------------------------------------------------------------

/** A string as a YAML scalar that reads back as itself inside `[...]`: plain when it can
 * be, double-quoted otherwise (JSON's escapes are YAML's). */
export function yamlFlowScalar(value: string): string {
  if (/^[\p{L}\p{N}][\p{L}\p{N} '()._-]*$/u.test(value) && !value.endsWith(' ')) {
    try {
      const back: unknown = parseYaml(`[${value}]`);
      if (Array.isArray(back) && back.length === 1 && back[0] === value) return value;
    } catch {
      // quoted below
    }
  }
  return JSON.stringify(value);
}

type Planned = { offset: number; text: string }[];

function planYaml(text: string, add: ConfigAddition): Planned | undefined {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const v = yamlFlowScalar(add.value);
  const entryLines = (indent: string, first = indent) => [`${first}id: ${add.sectionId}`, `${indent}${add.key}: [${v}]`];
  const root = doc.contents as YamlNode | null;
  const sectionsAtEnd = (): Planned => {
    const lines = ['sections:', ...entryLines('    ', '  - ')];
    const endsWithBreak = text.length === 0 || text.endsWith('\n');
    return [{ offset: text.length, text: (endsWithBreak ? '' : eol) + lines.join(eol) + (endsWithBreak ? eol : '') }];
  };
  if (root === null || (isScalar(root) && root.value === null)) return sectionsAtEnd();
  if (!isMap(root) || root.flow) return undefined;
  const sectionsPair = root.items.find((p) => isScalar(p.key) && p.key.value === 'sections');
  if (!sectionsPair) return sectionsAtEnd();
  const seq = sectionsPair.value as YamlNode | null;
  if (seq === null || (isScalar(seq) && seq.value === null)) {
    // `sections:` with nothing under it (its entries commented out): the first entry.
    const keyNode = sectionsPair.key as YamlNode;
    const col = columnOf(text, keyNode.range![0]);
    const pad = ' '.repeat(col + 2);
    return [{ offset: lineEnd(text, keyNode.range![1]), text: eol + entryLines(pad + '  ', pad + '- ').join(eol) }];
  }
  if (!isSeq(seq)) return undefined;
  const entries = seq.items as (YamlNode | null)[];
  let at = -1;
  for (let i = entries.length - 1; i >= 0 && at === -1; i--) {
    const e = entries[i];
    if (isMap(e) && e.items.some((p) => isScalar(p.key) && p.key.value === 'id' && isScalar(p.value) && p.value.value === add.sectionId))
      at = i;
  }
  if (at === -1) {
    if (seq.flow) return intoFlow(text, seq, `{ id: ${add.sectionId}, ${add.key}: [${v}] }`);
    const prefix = itemPrefix(text, seq);
    if (prefix === undefined) return undefined;
    return [{ offset: afterLastItem(text, seq), text: eol + entryLines(' '.repeat(prefix.length), prefix).join(eol) }];
  }
  const entry = entries[at] as YAMLMap;
  const listPair = entry.items.find((p) => isScalar(p.key) && p.key.value === add.key);
  if (listPair) {
    const list = listPair.value as YamlNode | null;
    if (!isSeq(list)) return undefined;
    if (list.flow) return intoFlow(text, list, v);
    const prefix = itemPrefix(text, list);
    if (prefix === undefined) return undefined;
    return [{ offset: afterLastItem(text, list), text: eol + prefix + v }];
  }
  if (entry.flow) return intoFlow(text, entry, `${add.key}: [${v}]`);
  // A new key right under the section's id, at the id's column.
  const idPair = entry.items.find((p) => isScalar(p.key) && p.key.value === 'id')!;
  const idKey = idPair.key as YamlNode;
  const idValue = idPair.value as YamlNode;
  return [{ offset: lineEnd(text, idValue.range![1]), text: `${eol}${' '.repeat(columnOf(text, idKey.range![0]))}${add.key}: [${v}]` }];
}

/** Into a flow collection (`[a, b]`, `{ id: x }`): after its last item, or inside the
 * opening bracket when it is empty. */
function intoFlow(text: string, node: YAMLSeq | YAMLMap, item: string): Planned | undefined {
  const start = node.range![0];
  if (text[start] !== '[' && text[start] !== '{') return undefined;
  const items = node.items as unknown[];
  if (!items.length) return [{ offset: start + 1, text: text[start] === '{' ? ` ${item} ` : item }];
  const last = items[items.length - 1];
  const lastNode = (isPair(last) ? (last.value ?? last.key) : last) as YamlNode | null;
  if (!lastNode?.range) return undefined;
  return [{ offset: lastNode.range[1], text: `, ${item}` }];
}

/** The `  - ` before a block sequence's last item (its indentation and dash), when that is
 * all there is before the item on its line. */
function itemPrefix(text: string, seq: YAMLSeq): string | undefined {
  const last = seq.items[seq.items.length - 1] as YamlNode | null;
  if (!last?.range) return undefined;
  const start = last.range[0];
  const prefix = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  return /^ *- +$/.test(prefix) ? prefix : undefined;
}

/** The end of the line a block sequence's last item ends on (before its line break, and
 * after any comment on that line). */
function afterLastItem(text: string, seq: YAMLSeq): number {
  const last = seq.items[seq.items.length - 1] as YamlNode;
  return lineEnd(text, last.range![1]);
}

/** The end of the line holding the character before `offset` (a node's end may be just
 * past its line break, as a block scalar's is). */
function lineEnd(text: string, offset: number): number {
  let p = offset;
  while (p > 0 && (text[p - 1] === '\n' || text[p - 1] === '\r')) p--;
  let end = text.indexOf('\n', p);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r') end--;
  return end;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

// --- JSON -------------------------------------------------------------------------------

// jsonc-parser's `modify` lays out what it inserts by replacing the text around it (the
// whole entry), so JSON is planned here the same way as YAML, from the parse tree's offsets.

const jsonString = (v: string) => JSON.stringify(v);

function planJson(text: string, add: ConfigAddition): Planned | undefined {
  const root = parseTree(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const list = `[${jsonString(add.value)}]`;
  const entry = `{ "id": ${jsonString(add.sectionId)}, ${jsonString(add.key)}: ${list} }`;
  if (!root) return text.trim() ? undefined : [{ offset: text.length, text: `{ "sections": [${entry}] }${eol}` }];
  if (root.type !== 'object') return undefined;
  const sections = valueOf(root, 'sections');
  if (!sections || sections.type === 'null') {
    if (sections) return undefined; // `"sections": null`: replacing it would delete
    return intoJson(text, root, `"sections": [${entry}]`, eol);
  }
  if (sections.type !== 'array') return undefined;
  const items = sections.children ?? [];
  let at = -1;
  for (let i = items.length - 1; i >= 0 && at === -1; i--) {
    if (items[i]!.type === 'object' && valueOf(items[i]!, 'id')?.value === add.sectionId) at = i;
  }
  if (at === -1) return intoJson(text, sections, entry, eol);
  const existing = valueOf(items[at]!, add.key);
  if (!existing) return intoJson(text, items[at]!, `${jsonString(add.key)}: ${list}`, eol);
  return existing.type === 'array' ? intoJson(text, existing, jsonString(add.value), eol) : undefined;
}

function valueOf(obj: JsonNode, key: string): JsonNode | undefined {
  return obj.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
}

/** Into an object or array: after its last member, on a line of its own at that member's
 * indentation when members stand one to a line (a comment after it stays on its line),
 * else on the same line; inside the brackets when it is empty. */
function intoJson(text: string, node: JsonNode, item: string, eol: string): Planned | undefined {
  const members = node.children ?? [];
  if (!members.length) return [{ offset: node.offset + 1, text: node.type === 'object' ? ` ${item} ` : item }];
  const last = members[members.length - 1]!;
  const end = last.offset + last.length;
  const lineStart = text.lastIndexOf('\n', last.offset - 1) + 1;
  const indent = text.slice(lineStart, last.offset);
  const firstLine = text.lastIndexOf('\n', node.offset) + 1 === lineStart;
  const stop = lineEnd(text, end);
  const rest = text.slice(end, stop);
  if (!firstLine && /^[ \t]*$/.test(indent)) {
    if (/^[ \t]*(\/\/.*)?$/.test(rest))
      return [
        { offset: end, text: ',' },
        { offset: stop, text: eol + indent + item },
      ];
    if (/^[ \t]*,[ \t]*(\/\/.*)?$/.test(rest)) return [{ offset: stop, text: eol + indent + item + ',' }];
  }
  return [{ offset: end, text: `, ${item}` }];
}
