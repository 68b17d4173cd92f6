import { describe, expect, it } from 'vitest';
import { escapeSnippet, snippetToText } from '../../server/src/core';

describe('snippet syntax', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a $1 b', 'a  b'],
    ['${1:placeholder}', 'placeholder'],
    ['${1:outer ${2:inner} end}', 'outer inner end'],
    ['${1|one,two,three|}: rest', 'one: rest'],
    ['${TM_FILENAME} and ${TM_FILENAME:fallback}', ' and fallback'],
    ['cost \\$5 \\} \\\\', 'cost $5 } \\'],
    ['$ alone and ${ unclosed', '$ alone and ${ unclosed'],
    ['${1|unterminated choice', '${1|unterminated choice'],
  ])('%j inserts %j', (snippet, text) => {
    expect(snippetToText(snippet)).toBe(text);
  });

  it('escaping round-trips any text', () => {
    for (const s of ['$1 ${2:x} }', 'a\\b', '## Cost: $$$ }{']) expect(snippetToText(escapeSnippet(s))).toBe(s);
  });
});
