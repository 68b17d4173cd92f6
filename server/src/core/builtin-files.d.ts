declare module 'virtual:mldesign-builtin' {
  /** Built-in presets (`recommended.yaml`...) and templates (`templates/*.md`), by path. */
  const files: Readonly<Record<string, string>>;
  export default files;
}
