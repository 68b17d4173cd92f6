// VS Code / LSP snippet syntax, the format of templates: $1, ${1:placeholder} (nestable),
// ${1|one,two|}, $VAR / ${VAR:default}, and \$ \} \\ escapes.

/** Escapes literal text for use inside a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** The text a snippet inserts when nothing is typed: placeholders and first choices kept,
 * bare tab stops and variables dropped. Malformed syntax is kept literally, never lost. */
export function snippetToText(snippet: string): string {
  return new SnippetReader(snippet).read();
}

/** Reads a snippet in one pass. Placeholders nest ("${1:a ${2:b}}"): each open one has its
 * text so far on a stack, not a recursive call, so deep nesting cannot overflow the stack. */
class SnippetReader {
  private i = 0;
  /** From here on no "|}" ends a choice: found once, so unterminated choices are not each
   * searched to the end of the text again. */
  private noChoiceEnd = Infinity;
  constructor(private readonly s: string) {}

  read(): string {
    const s = this.s;
    /** The text of each construct around the current one: the top level, then placeholders. */
    const outer: string[] = [];
    let out = '';
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\\' && this.i + 1 < s.length && '\\$}|,'.includes(s[this.i + 1]!)) {
        out += s[this.i + 1];
        this.i += 2;
      } else if (c === '}' && outer.length) {
        this.i++;
        out = outer.pop()! + out;
      } else if (c === '$') {
        const d = this.dollar();
        if (d !== undefined) out += d;
        else {
          outer.push(out);
          out = '';
        }
      } else {
        out += c;
        this.i++;
      }
    }
    // Placeholders left open at the end keep what they hold.
    return outer.join('') + out;
  }

  /** What a '$' construct inserts; undefined when it opens a placeholder (its text follows). */
  private dollar(): string | undefined {
    const s = this.s;
    const start = this.i;
    const simple = /^\$(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(s.slice(start, start + 64));
    if (simple) {
      this.i += simple[0].length;
      return '';
    }
    const head = /^\$\{(\d+|[A-Za-z_][A-Za-z0-9_]*)([:|}])/.exec(s.slice(start, start + 64));
    if (!head) {
      this.i++;
      return '$';
    }
    this.i += head[0].length;
    if (head[2] === '}') return '';
    if (head[2] === ':') return undefined;
    // Choice: ${1|a,b|} -> "a"
    const end = this.i >= this.noChoiceEnd ? -1 : s.indexOf('|}', this.i);
    if (end === -1) {
      this.noChoiceEnd = Math.min(this.noChoiceEnd, this.i);
      this.i = start + 1;
      return '$';
    }
    const choices = s.slice(this.i, end).split(/(?<!\\),/);
    this.i = end + 2;
    return (choices[0] ?? '').replace(/\\(.)/g, '$1');
  }
}
