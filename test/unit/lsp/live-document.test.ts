// The open document's text under edits: what vscode-languageserver-textdocument says about the
// same text (created fresh from it, so its own incremental shortcuts are not the reference),
// and the change spans the worker is sent.
import fc from 'fast-check';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { LiveDocument } from '../../../server/src/lsp/live-document';

/** Text made of the characters that matter here: line breaks of every kind, and others. */
const text = fc.array(fc.constantFrom('a', 'b', ' ', '\n', '\r', '\r\n', 'é', '#'), { maxLength: 40 }).map((xs) => xs.join(''));

/** An edit as the client sends it, drawn against the text it applies to. */
const edit = fc.record({ a: fc.nat(), b: fc.nat(), text, full: fc.nat(19) });

function changeFor(reference: string, e: { a: number; b: number; text: string; full: number }): TextDocumentContentChangeEvent {
  if (e.full === 0) return { text: e.text };
  const doc = TextDocument.create('file:///x.md', 'markdown', 0, reference);
  // Reversed ranges come too: the client may send them, and both sides put them in order.
  const [from, to] = [e.a % (reference.length + 1), e.b % (reference.length + 1)];
  return { range: { start: doc.positionAt(from), end: doc.positionAt(to) }, text: e.text };
}

/** The text after a change, by vscode-languageserver-textdocument. */
function apply(reference: string, c: TextDocumentContentChangeEvent): string {
  if (!('range' in c)) return c.text;
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 0, reference), [{ range: c.range, newText: c.text }]);
}

function sameAs(live: LiveDocument, expected: string): void {
  const ref = TextDocument.create('file:///x.md', 'markdown', 0, expected);
  expect(live.getText()).toBe(expected);
  expect(live.lineCount).toBe(ref.lineCount);
  for (let o = -1; o <= expected.length + 1; o++) expect(live.positionAt(o)).toEqual(ref.positionAt(o));
  for (let line = -1; line <= ref.lineCount; line++) {
    expect(live.getLineRange(line)).toEqual(ref.getLineRange(line));
    expect(live.getEOLCharacters(line)).toBe(ref.getEOLCharacters(line));
    for (const character of [-1, 0, 1, 2, 5, 100]) {
      const p = { line, character };
      expect(live.offsetAt(p)).toBe(ref.offsetAt(p));
    }
  }
}

describe('LiveDocument', () => {
  it('reads as vscode-languageserver-textdocument reads the same text, after any edits, read or not in between', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean()), { maxLength: 12 }),
        (initial, steps) => {
          const live = new LiveDocument('file:///x.md', 'markdown', 1, initial);
          let expected = initial;
          let version = 1;
          for (const [edits, look] of steps) {
            const changes = edits.map((e) => {
              const c = changeFor(expected, e);
              expected = apply(expected, c);
              return c;
            });
            live.update(changes, ++version);
            expect(live.version).toBe(version);
            // Reading positions (not the text) between edits keeps the pieces: both ways are checked.
            if (look) sameAs(live, expected);
          }
          sameAs(live, expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('tells what changed since an earlier version as one span that rebuilds the text, without building it', () => {
    fc.assert(
      fc.property(text, fc.array(edit, { minLength: 1, maxLength: 10 }), fc.nat(10), (initial, edits, back) => {
        const live = new LiveDocument('file:///x.md', 'markdown', 1, initial);
        const texts = [initial];
        let fullSince = 0;
        edits.forEach((e, i) => {
          const c = changeFor(texts[i]!, e);
          live.update([c], i + 2);
          texts.push(apply(texts[i]!, c));
          if (!('range' in c)) fullSince = i + 1;
        });
        const from = Math.max(0, texts.length - 1 - back);
        const span = live.since(from + 1);
        if (from < fullSince) {
          expect(span).toBeUndefined();
          return;
        }
        const base = texts[from]!;
        const now = texts.at(-1)!;
        expect(span).toBeDefined();
        expect(base.slice(0, span!.prefix) + span!.insert + base.slice(base.length - span!.suffix)).toBe(now);
        expect(span!.prefix + span!.suffix).toBeLessThanOrEqual(Math.min(base.length, now.length));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps typing in a large text cheap: few pieces, and the text is not rebuilt until read', () => {
    const big = 'Some design prose, a line of it.\n'.repeat(20_000);
    const live = new LiveDocument('file:///big.md', 'markdown', 1, big);
    let version = 1;
    for (const ch of 'Typed at the end of line 500.') {
      const at = live.getLineRange(500).end;
      live.update([{ range: { start: at, end: at }, text: ch }], ++version);
    }
    // The span since the first version is the typed text.
    expect(live.since(1)).toEqual({ prefix: 500 * 33 + 32, suffix: big.length - (500 * 33 + 32), insert: 'Typed at the end of line 500.' });
    expect(live.lineCount).toBe(20_001);
    expect(live.getText().split('\n')[500]).toBe('Some design prose, a line of it.Typed at the end of line 500.');
    // Versions before a whole-text change, or never seen, are not known.
    live.update([{ text: 'new' }], ++version);
    expect(live.since(version - 1)).toBeUndefined();
    expect(live.since(version)).toEqual({ prefix: 3, suffix: 0, insert: '' });
    expect(live.since(version + 1)).toBeUndefined();
  });

  it('joins its pieces again after many edits in different places, and still reads the same', () => {
    let expected = 'Line of prose.\n'.repeat(2_000);
    const live = new LiveDocument('file:///big.md', 'markdown', 1, expected);
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let i = 0; i < 1_000; i++) {
      const at = next(expected.length + 1);
      const end = Math.min(expected.length, at + next(3));
      const c = { range: { start: live.positionAt(at), end: live.positionAt(end) }, text: ['x', '', '\n', 'yz'][next(4)]! };
      live.update([c], i + 2);
      expected = expected.slice(0, at) + c.text + expected.slice(end);
    }
    expect(live.lineCount).toBe(expected.split('\n').length);
    // More changes than it remembers since the first version: the worker would get the whole text.
    expect(live.since(1)).toBeUndefined();
    const span = live.since(900)!;
    expect(span.prefix + span.insert.length + span.suffix).toBe(expected.length);
    expect(live.getText()).toBe(expected);
  });
});
