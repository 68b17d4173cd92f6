// Text from a repository (file names, headings quoted in messages, config keys and paths)
// printed on a terminal or in a CI log. A terminal obeys control characters rather than
// showing them: an escape sequence in a heading could set the window title or clear the
// screen, a newline in a file name could forge a `file:line:col` line, a bidi override
// could make a name read as another. So every one is shown as an escape instead.

/** C0 controls, DEL, C1 controls, the line and paragraph separators (line breaks to some
 * viewers) and the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** `text` with every control character shown as an escape (`\n`, `\x1b`, `\u202e`), except
 * those in `keep` (a format's own: the diff's tabs). One line, and inert on a terminal. */
export function visible(text: string, keep = ''): string {
  return text.replace(CONTROL, (c) => (keep.includes(c) ? c : escapeChar(c)));
}

function escapeChar(c: string): string {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
}

/** Characters JSON.stringify leaves raw but a terminal showing the JSON would obey (it
 * escapes C0 already). They only occur inside strings, so `\uXXXX` keeps the JSON valid
 * and the value the same. */
const JSON_RAW = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function jsonForTerminal(json: string): string {
  return json.replace(JSON_RAW, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
