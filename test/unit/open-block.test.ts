// openBlockAtEnd: the one test of "is the last block still open" for the incremental parser
// (join a chunk with the next) and the fixes (close it before appending a section).
import fc from 'fast-check';
import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { openBlockAtEnd } from '../../server/src/core/open-block';
import { parseMarkdown } from '../../server/src/core/parse';
import { markdownDoc } from '../helpers/arbitraries';

const open = (text: string) => openBlockAtEnd(parseMarkdown(text), text);

/** The top-level blocks of a text, as their types. */
const types = (root: Root) => root.children.map((n) => n.type);

describe('openBlockAtEnd', () => {
  it('finds an unclosed fence, and what closes it', () => {
    expect(open('# T\n\n```yaml\na: 1\n')).toEqual({ kind: 'fence', nested: false, closer: '```' });
    expect(open('~~~~\ncode')).toEqual({ kind: 'fence', nested: false, closer: '~~~~' });
    expect(open('  ```\n')).toEqual({ kind: 'fence', nested: false, closer: '```' });
  });

  it('knows a closed fence, and content that only looks like a closing fence', () => {
    expect(open('```\ncode\n```\n')).toBeUndefined();
    expect(open('```\ncode\n   `````  ')).toBeUndefined();
    expect(open('~~~\ncode\n~~~')).toBeUndefined();
    // Not closers: another fence character, too short, indented 4 columns, text after it, a quote marker.
    expect(open('```\ncode\n~~~')?.closer).toBe('```');
    expect(open('````\ncode\n```')?.closer).toBe('````');
    expect(open('```\ncode\n    ```')?.closer).toBe('```');
    expect(open('```\ncode\n\t```')?.closer).toBe('```');
    expect(open('```\ncode\n``` x')?.closer).toBe('```');
    expect(open('```\n> ```')?.closer).toBe('```');
  });

  it('leaves indented code and other blocks alone', () => {
    expect(open('    ```\n    code\n')).toBeUndefined();
    expect(open('Para\n')).toBeUndefined();
    expect(open('# H\n')).toBeUndefined();
    expect(open('- a\n- b\n')).toBeUndefined();
    expect(open('')).toBeUndefined();
  });

  it('finds HTML blocks: the closer of those that end at a marker, none for those a blank line ends', () => {
    expect(open('<!-- note\nmore')).toEqual({ kind: 'html', nested: false, closer: '-->' });
    expect(open('<!-- note -->\n')).toEqual({ kind: 'html', nested: false, closer: undefined });
    expect(open('<?php echo 1;\n')?.closer).toBe('?>');
    expect(open('<!DOCTYPE html\n')?.closer).toBe('>');
    expect(open('<![CDATA[ x\n')?.closer).toBe(']]>');
    expect(open('<Script>\nlet x;\n')?.closer).toBe('</script>');
    expect(open('<pre>\nx\n</pre>\n')?.closer).toBeUndefined();
    expect(open('<div>\ntext\n')).toEqual({ kind: 'html', nested: false, closer: undefined });
  });

  it('follows the last block down into lists and quotes', () => {
    expect(open('- a\n- ```\n  code\n')).toEqual({ kind: 'fence', nested: true, closer: '```' });
    expect(open('> <!--\n> x\n')).toEqual({ kind: 'html', nested: true, closer: '-->' });
    expect(open('> - ```\n>   x\n>   ```\n')).toBeUndefined();
    expect(open('- a\n\n  para\n')).toBeUndefined();
  });

  it('gives a closer after which a section heading is a heading, for any generated document', () => {
    // What the fixes rely on: append the closer (if any), then a blank line and a heading.
    fc.assert(
      fc.property(markdownDoc, (doc) => {
        const text = doc.replace(/\r\n?/g, '\n');
        const o = open(text);
        const closer = o && !o.nested && o.closer ? o.closer + '\n' : '';
        const lead = text === '' || text.endsWith('\n') ? '' : '\n';
        const after = parseMarkdown(`${text}${lead}${closer}\n## Appended\n`);
        const last = after.children[after.children.length - 1];
        expect(last?.type, JSON.stringify(text)).toBe('heading');
        if (o?.kind === 'fence' && !o.nested) expect(types(after)).toContain('code');
      }),
      { numRuns: 300 },
    );
  });
});
