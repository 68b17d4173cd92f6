/** "The business objective" -> "the business objective", for guidance inside a sentence. */
export function lowerFirst(s: string): string {
  return s && !/^[A-Z]{2}/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}
