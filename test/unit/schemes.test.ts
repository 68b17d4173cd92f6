// Which documents go to the server: the schemes where design docs are read in review, and
// never the base side of a pull request's diff.
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMES, DOCUMENT_SCHEMES, documentSelector, isPullRequestBase } from '../../client/src/schemes';

describe('document schemes', () => {
  it('selects Markdown in every reading scheme, config files where they are edited, and no diff base', () => {
    const selector = documentSelector();
    for (const scheme of ['file', 'vscode-vfs', 'vscode-test-web', 'untitled', 'pr'])
      expect(selector, scheme).toContainEqual({ scheme, language: 'markdown' });
    for (const scheme of CONFIG_SCHEMES) expect(selector, scheme).toContainEqual({ scheme, pattern: '**/.mldesign.{yaml,yml,json}' });
    expect(DOCUMENT_SCHEMES).not.toContain('review');
    expect(DOCUMENT_SCHEMES).not.toContain('git');
    expect(CONFIG_SCHEMES).not.toContain('pr');
  });

  it("leaves out the base side of GitHub Pull Requests' pr: documents, and nothing else", () => {
    expect(isPullRequestBase('pr', JSON.stringify({ isBase: true, prNumber: 7, fileName: 'docs/a-design.md' }))).toBe(true);
    expect(isPullRequestBase('pr', JSON.stringify({ isBase: false, prNumber: 7 }))).toBe(false);
    expect(isPullRequestBase('pr', '')).toBe(false);
    expect(isPullRequestBase('pr', 'not json')).toBe(false);
    expect(isPullRequestBase('pr', 'null')).toBe(false);
    expect(isPullRequestBase('file', JSON.stringify({ isBase: true }))).toBe(false);
  });
});
