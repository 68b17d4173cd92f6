declare module 'virtual:mldesign-builtin' {
  /** Built-in templates (`templates/*.md`), by path. */
  const files: Readonly<Record<string, string>>;
  export default files;
  /** Each preset (`recommended`...) as its YAML parses, made at build time, as JSON text: a
   * fresh object per JSON.parse. */
  export const presets: Readonly<Record<string, string>>;
}
