// Which documents the extension hands to the server, in one place for both builds. No VS
// Code API here, so it is unit-tested on its own.

/** Markdown documents are checked in these schemes: files on disk (file); a repository opened
 * in VS Code for the Web (vscode-vfs: github.dev, vscode.dev); a remote workspace seen from
 * the browser (vscode-remote: code-server when the web build runs there); the web test
 * harness (vscode-test-web); unsaved documents (untitled); and a pull request's files as the
 * GitHub Pull Requests extension shows them without a checkout (pr, a read-only file system;
 * its base side is left out, see isPullRequestBase). Not review: (the base of a checked-out
 * pull request, whose head is the working file) nor git: (a diff's older side): both are the
 * text a change replaces, and findings on them would repeat in Problems as noise. */
export const DOCUMENT_SCHEMES = ['file', 'vscode-vfs', 'vscode-remote', 'vscode-test-web', 'untitled', 'pr'] as const;

/** Config files are checked where they are edited. */
export const CONFIG_SCHEMES = ['file', 'vscode-vfs', 'vscode-remote', 'vscode-test-web'] as const;

/** The glob of config files, as the file watcher and the selector take it. */
export const CONFIG_FILES = '**/.mldesign.{yaml,yml,json}';

/** The document selector of the language client. */
export function documentSelector(): ({ scheme: string; language: string } | { scheme: string; pattern: string })[] {
  return [
    ...DOCUMENT_SCHEMES.map((scheme) => ({ scheme, language: 'markdown' })),
    // Config files, so problems in them show where they are and edits apply at once.
    ...CONFIG_SCHEMES.map((scheme) => ({ scheme, pattern: CONFIG_FILES })),
  ];
}

/** The base side of a pull request's diff in GitHub Pull Requests (a pr: URI whose JSON
 * query says isBase): the text the change replaces, not the one under review. */
export function isPullRequestBase(scheme: string, query: string): boolean {
  if (scheme !== 'pr') return false;
  try {
    return (JSON.parse(query) as { isBase?: unknown } | null)?.isBase === true;
  } catch {
    return false;
  }
}
