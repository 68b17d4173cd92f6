// The config nesting limit is measured on tokens before parsing (a parser recursing through
// thousands of levels overflows the stack). Its bound must hold whatever the layout: data
// nested deeper than the limit is always refused, data nested up to it never.
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { builtinPresetNames } from '../../server/src/core';
import { MAX_CONFIG_DEPTH, parseConfigSource } from '../../server/src/core/config/source';
import { presetYaml } from '../helpers/fixtures';

/** Data nested exactly `depth` collections deep, each level a map or a list as `kinds` says. */
function nested(depth: number, kinds: boolean[], leaf: string): unknown {
  let v: unknown = leaf;
  for (let i = depth - 1; i >= 0; i--) v = kinds[i % kinds.length] ? { k: v, other: 1 } : [v, 2];
  return v;
}

const tooDeep = (text: string, name: string) => parseConfigSource(text, name).syntaxErrors.some((e) => /nested too deep/.test(e.message));

const layouts = fc.record({
  style: fc.constantFrom<'block' | 'flow' | 'any'>('block', 'flow', 'any'),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  kinds: fc.array(fc.boolean(), { minLength: 1, maxLength: 5 }),
  leaf: fc.constantFrom('x', 'a long value', '|literal\nblock', '"[{quoted}]"', '# not a comment'),
});

describe('config nesting limit', () => {
  it('refuses YAML and JSON nested past the limit, in any layout', () => {
    fc.assert(
      fc.property(layouts, fc.integer({ min: MAX_CONFIG_DEPTH + 1, max: MAX_CONFIG_DEPTH + 40 }), (l, depth) => {
        const data = nested(depth, l.kinds, l.leaf);
        expect(tooDeep(stringify(data, { collectionStyle: l.style, indent: l.indent, indentSeq: l.indentSeq }), 'c.yaml')).toBe(true);
        expect(tooDeep(JSON.stringify(data, null, l.indent), 'c.json')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('reads YAML and JSON nested up to the limit', () => {
    fc.assert(
      fc.property(layouts, fc.integer({ min: 1, max: MAX_CONFIG_DEPTH }), (l, depth) => {
        const data = nested(depth, l.kinds, l.leaf);
        const yaml = stringify(data, { collectionStyle: l.style, indent: l.indent, indentSeq: l.indentSeq });
        expect(tooDeep(yaml, 'c.yaml')).toBe(false);
        expect(parseConfigSource(yaml, 'c.yaml').data).toEqual(data);
        expect(tooDeep(JSON.stringify(data, null, l.indent), 'c.json')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('never flags the built-in presets', () => {
    for (const name of builtinPresetNames()) expect(tooDeep(presetYaml(name), `${name}.yaml`)).toBe(false);
  });

  it('reports the place where the limit is passed', () => {
    const r = parseConfigSource('rules:\n  x: ' + '['.repeat(100), 'c.yaml');
    expect(r.syntaxErrors).toEqual([
      {
        message: `nested too deep: more than ${MAX_CONFIG_DEPTH} levels`,
        range: expect.objectContaining({ start: { line: 1, character: 67 } }),
      },
    ]);
  });
});
