// Document metadata (config `metadata`, issue 18): the front matter fields a team declares,
// read with their positions, and each value checked against its declaration. Placeholders
// ("TBD", "<name>", "???", empty) count as missing: a field that says nothing is not there.
import type { Yaml } from 'mdast';
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { MAX_PATTERN_INPUT } from './config/metadata';
import type { MetadataField, ResolvedConfig } from './config/types';
import type { DocModel } from './model';
import { escapeMarkdown } from './guidance';
import { escapeSnippet } from './snippet';
import { stageHelp } from './stages';
import { clip } from './strings';
import type { Range } from './types';

/** A front matter key with where it and its value are. */
export interface FieldNode {
  name: string;
  value: unknown;
  keyRange: Range;
  /** The value's range; the key's when the value is empty. */
  valueRange: Range;
}

/** Front matter keys by name (first occurrence), positioned in the document. */
export interface PositionedFrontMatter {
  fields: Map<string, FieldNode>;
  /** The line of the closing `---`: new fields go just above it. */
  endLine: number;
}

type Relative = { name: string; key: [number, number, number, number]; val: [number, number, number, number] };
/** Positions are relative to the front matter's first line: the incremental parser hands
 * back the same node while the front matter is untouched, so its reading is kept with it. */
const read = new WeakMap<Yaml, Relative[]>();

export function positionedFrontMatter(model: DocModel): PositionedFrontMatter | undefined {
  const fm = model.outline.frontMatter;
  const node = model.outline.root.children[0];
  if (!fm || fm.error || node?.type !== 'yaml') return undefined;
  let fields = read.get(node);
  if (!fields) read.set(node, (fields = readFields(node.value)));
  // The YAML text starts on the line after the opening fence.
  const base = node.position?.start.line ?? 1;
  const range = (r: [number, number, number, number]): Range => ({
    start: { line: base + r[0], character: r[1] },
    end: { line: base + r[2], character: r[3] },
  });
  const map = new Map<string, FieldNode>();
  for (const f of fields) {
    // Values as parse.ts read them (aliases expanded within its limit).
    const value = fm.data && Object.hasOwn(fm.data, f.name) ? fm.data[f.name] : null;
    if (!map.has(f.name)) map.set(f.name, { name: f.name, value, keyRange: range(f.key), valueRange: range(f.val) });
  }
  return { fields: map, endLine: fm.endLine };
}

function readFields(text: string): Relative[] {
  const lc = new LineCounter();
  // uniqueKeys off: yaml's check compares every key with every other (10,000 keys took 10
  // s); parse.ts has already refused a front matter with a key given twice.
  const doc = parseDocument(text, { lineCounter: lc, logLevel: 'silent', uniqueKeys: false });
  if (!isMap(doc.contents)) return [];
  const at = (offset: number): [number, number] => {
    const p = lc.linePos(offset);
    return [p.line - 1, p.col - 1];
  };
  const span = (r: readonly [number, number, number] | null | undefined, fallback: [number, number, number, number]) =>
    r && r[1] > r[0] ? ([...at(r[0]), ...at(r[1])] as [number, number, number, number]) : fallback;
  const out: Relative[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const keyNode = pair.key;
    const key = span(keyNode.range, [0, 0, 0, 0]);
    const value = pair.value as YamlNode | null;
    out.push({ name: String(keyNode.value), key, val: span(value?.range, key) });
  }
  return out;
}

// Placeholders: the words placeholder-text knows, question marks, dashes, <anything>,
// snippet fields, and the date format written out.
const PLACEHOLDER = /^(?:tbd|tba|todo|fixme|xxx|n\/a|none|\?+|-+|<[^<>]*>|\$\{\d+(?::[^{}]*)?\}|yyyy-mm-dd)$/i;

export function isPlaceholder(text: string): boolean {
  return text.trim() === '' || PLACEHOLDER.test(text.trim());
}

/** What is wrong with a field's value, or undefined. `missing`: absent, empty or a
 * placeholder (a required field is reported, an optional one is not). */
export type ValueProblem = { kind: 'missing'; placeholder?: string } | { kind: 'invalid'; message: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function checkValue(field: MetadataField, value: unknown, allowed?: readonly string[]): ValueProblem | undefined {
  if (value === undefined || value === null) return { kind: 'missing' };
  const name = `'${clip(field.name, 40)}'`;
  if (field.type === 'people' && !allowed) {
    const names = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : undefined;
    if (!names) return { kind: 'invalid', message: `${name} must be a list of names` };
    if (names.some((n) => typeof n !== 'string' && typeof n !== 'number'))
      return { kind: 'invalid', message: `${name} must be a list of names, each a plain text` };
    const texts = names.map((n) => String(n).trim()).filter((n) => n !== '');
    const real = texts.filter((n) => !isPlaceholder(n));
    if (!real.length) return { kind: 'missing', ...(texts[0] ? { placeholder: texts[0] } : {}) };
    const fake = texts.find((n) => isPlaceholder(n));
    if (fake) return { kind: 'invalid', message: `${name} lists the placeholder '${clip(fake, 30)}' among its names` };
    for (const n of real) {
      const bad = patternMismatch(field, n);
      if (bad) return { kind: 'invalid', message: `${name}: ${bad}` };
    }
    return undefined;
  }
  if (Array.isArray(value) || typeof value === 'object') {
    if (Array.isArray(value) && value.length === 0) return { kind: 'missing' };
    return { kind: 'invalid', message: `${name} must be a single value, not a ${Array.isArray(value) ? 'list' : 'mapping'}` };
  }
  const text = (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '').trim();
  if (isPlaceholder(text)) return { kind: 'missing', ...(text ? { placeholder: text } : {}) };
  if (allowed) {
    if (!allowed.some((v) => v.toLowerCase() === text.toLowerCase()))
      return { kind: 'invalid', message: `${name} is '${clip(text, 30)}', not one of: ${clip(allowed.join(', '), 60)}` };
    return undefined;
  }
  switch (field.type) {
    case 'date': {
      const m = DATE.exec(text);
      const valid = m && isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (!valid) return { kind: 'invalid', message: `${name} is '${clip(text, 30)}', not a date as YYYY-MM-DD` };
      break;
    }
    case 'url':
      if (!isWebUrl(text)) return { kind: 'invalid', message: `${name} is '${clip(text, 40)}', not an http(s) URL` };
      break;
    case 'enum':
      return checkValue(field, value, field.values);
  }
  const bad = patternMismatch(field, text);
  return bad ? { kind: 'invalid', message: `${name}: ${bad}` } : undefined;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isWebUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Compiled patterns, per pattern text (config/metadata.ts checked each before it got here). */
const patterns = new Map<string, RegExp>();

function patternMismatch(field: MetadataField, text: string): string | undefined {
  if (field.pattern === undefined) return undefined;
  if (text.length > MAX_PATTERN_INPUT) return `'${clip(text, 30)}' is longer than ${MAX_PATTERN_INPUT} characters`;
  let re = patterns.get(field.pattern);
  if (!re) patterns.set(field.pattern, (re = new RegExp(field.pattern)));
  return re.test(text) ? undefined : `'${clip(text, 30)}' does not match ${clip(field.pattern, 40)}`;
}

/** The values a field may take when the config fixes them: a review stage for `status`
 * when stages are configured (the stages are the life cycle), else an enum's values. */
export function allowedValues(config: ResolvedConfig, field: MetadataField): readonly string[] | undefined {
  if (field.name === 'status' && config.stages) return config.stages.map((s) => s.status);
  return field.type === 'enum' ? field.values : undefined;
}

/** The declared fields, with `status` declared (optional) when stages are configured and
 * the config does not declare it: a stage name is then checked either way. */
export function declaredFields(config: ResolvedConfig): MetadataField[] {
  const fields = config.metadata ?? [];
  if (!config.stages || fields.some((f) => f.name === 'status')) return fields;
  return [
    ...fields,
    { name: 'status', required: false, type: 'enum', values: config.stages.map((s) => s.status), description: 'The review stage' },
  ];
}

/** A line `name: value` to insert, as text and snippet: the value a placeholder to fill
 * in, or the first allowed value when the config fixes them (`real` says which). */
export function fieldLine(
  config: ResolvedConfig,
  field: MetadataField,
  value?: string,
  tabStop = 1,
): { text: string; snippet: string; real: boolean } {
  const key = /^[A-Za-z0-9_-]+$/.test(field.name) ? field.name : JSON.stringify(field.name);
  const allowed = allowedValues(config, field);
  if (value !== undefined || allowed?.length) {
    const v = yamlScalar(value ?? allowed![0]!);
    return { text: `${key}: ${v}`, snippet: `${escapeSnippet(key)}: \${${tabStop}:${escapeSnippet(v)}}`, real: true };
  }
  const placeholder = PLACEHOLDER_TEXT[field.type];
  return { text: `${key}: ${placeholder}`, snippet: `${escapeSnippet(key)}: \${${tabStop}:${placeholder}}`, real: false };
}

const PLACEHOLDER_TEXT: Record<MetadataField['type'], string> = {
  string: '<text>',
  people: '<name>',
  date: 'YYYY-MM-DD',
  url: '<link>',
  enum: '<value>',
};

/** A value as a YAML scalar: quoted unless it is plain text YAML reads back as itself. */
export function yamlScalar(value: string): string {
  return /^[A-Za-z][A-Za-z0-9 _.-]*$/.test(value) && !/^(?:true|false|yes|no|on|off|null)$/i.test(value) && !/ $/.test(value)
    ? value
    : JSON.stringify(value);
}

/** Markdown for a hover on a declared front matter field (the line of its key): what the
 * field is, and for `status` with review stages, what this stage requires and what the
 * next one adds. undefined elsewhere. */
export function frontMatterHelp(model: DocModel, line: number): { text: string; range: Range } | undefined {
  const config = model.config;
  const positioned = positionedFrontMatter(model);
  if (!positioned) return undefined;
  const node = [...positioned.fields.values()].find((f) => f.keyRange.start.line === line);
  const field = node && declaredFields(config).find((f) => f.name === node.name);
  if (!node || !field) return undefined;
  const range = { start: node.keyRange.start, end: node.valueRange.end };
  const stage = field.name === 'status' ? stageHelp(config, node.value) : undefined;
  if (stage) return { text: stage, range };
  const allowed = allowedValues(config, field);
  const what = allowed ? `one of: ${allowed.join(', ')}` : TYPE_WORDS[field.type];
  const head = `**${escapeMarkdown(field.name)}** · ${field.required ? 'required' : 'optional'} · ${escapeMarkdown(what)}`;
  return { text: field.description ? `${head}\n\n${escapeMarkdown(field.description)}` : head, range };
}

/** What each type asks for, in words: for messages and hovers. */
export const TYPE_WORDS: Record<MetadataField['type'], string> = {
  string: 'a text',
  people: 'names or @handles, as a YAML list or separated by commas',
  date: 'a date as YYYY-MM-DD',
  url: 'an http(s) link',
  enum: 'one of its values',
};
