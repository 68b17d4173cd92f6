// VS Code / LSP snippet syntax, the format of templates: $1, ${1:placeholder} (nestable),
// ${1|one,two|}, $VAR / ${VAR:default}, and \$ \} \\ escapes.

/** Escapes literal text for use inside a snippet. */
export function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}

/** The text a snippet inserts when nothing is typed: placeholders and first choices kept,
 * bare tab stops and variables dropped. Malformed syntax is kept literally, never lost. */
export function snippetToText(snippet: string): string {
  return new SnippetReader(snippet).read(undefined);
}

class SnippetReader {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Reads until `stop` (unescaped) or the end; consumes the stop character. */
  read(stop: '}' | undefined): string {
    let out = '';
    const s = this.s;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === '\\' && this.i + 1 < s.length && '\\$}|,'.includes(s[this.i + 1]!)) {
        out += s[this.i + 1];
        this.i += 2;
      } else if (stop && c === stop) {
        this.i++;
        return out;
      } else if (c === '$') {
        out += this.dollar();
      } else {
        out += c;
        this.i++;
      }
    }
    return out;
  }

  private dollar(): string {
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
    if (head[2] === ':') return this.read('}');
    // Choice: ${1|a,b|} -> "a"
    const end = s.indexOf('|}', this.i);
    if (end === -1) {
      this.i = start + 1;
      return '$';
    }
    const choices = s.slice(this.i, end).split(/(?<!\\),/);
    this.i = end + 2;
    return (choices[0] ?? '').replace(/\\(.)/g, '$1');
  }
}
