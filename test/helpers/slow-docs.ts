// The documents the analysis worker tests of both servers use (test/protocol/worker.test.ts
// for Node, browser-worker.test.ts for the browser), and the check they share: hover on a
// small doc answers while a slow doc is being analysed.
import type { Hover } from 'vscode-languageserver-protocol';
import { expect } from 'vitest';
import type { TestClient } from './lsp-client';

export const SMALL =
  '# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n\n## Data\n\nSnapshots.\n\n## Monitoring\n\nTODO\n';
/** 50,000 unclosed links in one paragraph: micromark's text resolver takes ~40 s on it. */
export const SLOW = '# Churn model design\n\n' + '[a]('.repeat(50_000) + '\n';
/** Just past the worker threshold (16,000 characters): parsed in a fresh worker in a tenth of
 * the deadline even on a loaded machine. */
export const FIXED = SMALL + '\n## Appendix\n\n' + 'Weekly precision on the top 200 accounts, read by the on-call.\n\n'.repeat(260);

export const hoverOn = (c: TestClient, uri: string, line: number) =>
  c.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });

/** Hover after hover on the small doc, each sent once the last is answered, while the slow
 * doc (just opened) is analysed: each must answer before the slow doc's diagnostics come
 * (analysed on the server's own loop, each would wait for the whole analysis). */
export async function hoversBeforeSlow(c: TestClient, small: string, slow: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    expect(await hoverOn(c, small, 2)).toMatchObject({ contents: { kind: 'markdown' } });
    expect(c.diagnostics.has(slow), `hover ${i + 1} answered before the slow doc's diagnostics`).toBe(false);
  }
}
