// The config JSON Schema (schema.ts) is the one description of the config format: the
// editor uses it for completion and validation, and this module enforces it at run time,
// turning each schema error into a message at a key path.
import Ajv, { type ErrorObject } from 'ajv';
import { RETIRED_RULES } from '../rules';
import { closest } from '../strings';
import { VERSION_PATTERN } from '../template-version';
import { configSchema } from './schema';
import type { KeyPath } from './source';

export interface SchemaProblem {
  message: string;
  path: KeyPath;
  /** Report at the key rather than the value (unknown keys). */
  atKey: boolean;
}

// Compiled on first use, not at load: compiling takes ~30 ms, and a workspace without a
// config file (the built-in presets are not validated at run time) never needs it.
// `verbose` gives each error the schema it failed, for "did you mean" among its keys.
let compiled: ReturnType<Ajv['compile']> | undefined;
const validator = () => (compiled ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(configSchema()));

export function validateConfig(data: unknown): SchemaProblem[] {
  const validateFn = validator();
  if (validateFn(data)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  const errors = validateFn.errors ?? [];
  // Where a value may take several shapes (oneOf), say that once, not once per shape.
  const alternatives = new Set(errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of errors) {
    // A failed if/then/else also reports "must match the else schema": the branch's own
    // errors say what is wrong.
    if (e.keyword === 'if') continue;
    // A key that fails `propertyNames` is also reported as itself (below), at the key.
    if (e.keyword === 'propertyNames') continue;
    if (alternatives.has(e.instancePath) && e.keyword !== 'oneOf' && e.keyword !== 'anyOf') continue;
    if ([...alternatives].some((a) => e.instancePath.startsWith(a + '/'))) continue;
    const p = describe(e);
    if (!p) continue;
    const k = `${p.path.join('/')}|${p.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    problems.push(p);
  }
  return problems;
}

function describe(e: ErrorObject): SchemaProblem | undefined {
  const path: KeyPath = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const where = path.length ? `'${path.join('.')}'` : 'the configuration';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = closest(key, known);
      const isRule = path.length === 1 && path[0] === 'rules';
      const retired = isRule ? RETIRED_RULES[key] : undefined;
      if (retired)
        return {
          message: `rule '${key}' is now the '${retired.topic}' topic of section '${retired.section}', reported by missing-topic: turn it off there with 'topics: [{ id: ${retired.topic}, required: false }]'`,
          path: [...path, key],
          atKey: true,
        };
      return {
        message: `unknown ${isRule ? 'rule' : 'key'} '${key}'${hint ? `: did you mean '${hint}'?` : ''}`,
        path: [...path, key],
        atKey: true,
      };
    }
    case 'required':
      return { message: `${where} needs '${(e.params as { missingProperty: string }).missingProperty}'`, path, atKey: false };
    case 'enum':
      if (path.length === 2 && path[0] === 'rules')
        return { message: `${where} must be a severity (off, hint, info, warning, error) or [severity, options]`, path, atKey: false };
      return {
        message: `${where} must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`,
        path,
        atKey: false,
      };
    case 'type':
      // A key that takes several types (a version: string or number) gets them as a list.
      return { message: `${where} must be ${article(String((e.params as { type: string | string[] }).type))}`, path, atKey: false };
    case 'pattern':
      if ((e.params as { pattern: string }).pattern === VERSION_PATTERN) {
        const key = e.propertyName;
        const what = key === undefined ? where : `'${[...path, key].join('.')}'`;
        return {
          message: `${what} must be a version such as '3', '2.1' or '2024-q1'`,
          path: key === undefined ? path : [...path, key],
          atKey: key !== undefined,
        };
      }
      return {
        message: (e.params as { pattern: string }).pattern.includes('\\*')
          ? `${where} must be a word or phrase, with * only at its end`
          : (e.params as { pattern: string }).pattern.includes('/')
            ? `${where} must be a section id and a topic id such as 'monitoring/drift'`
            : `${where} must be a kebab-case id such as 'privacy-review'`,
        path,
        atKey: false,
      };
    case 'minLength':
      return { message: `${where} must not be empty`, path, atKey: false };
    case 'oneOf':
    case 'anyOf':
      return {
        message: `${where} must be ${path[0] === 'extends' ? 'a preset, path or package name, or a list of them' : 'a severity (off, hint, info, warning, error) or [severity, options]'}`,
        path,
        atKey: false,
      };
    default:
      return { message: `${where} ${e.message ?? 'is not valid'}`, path, atKey: false };
  }
}

function article(type: string): string {
  const t = type.replace(/,/g, ' or ');
  return /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`;
}
