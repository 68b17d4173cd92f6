// Hover on front matter fields in process: on `status` with review stages, what this stage
// requires and what the next one adds; on another declared field, what it is.
import type { Hover } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { hover } from '../../../server/src/lsp/features/hover';
import { MemoryWorkspace } from '../../helpers/memory-workspace';

const URI = 'file:///ws/docs/churn-design.md';
const DOC = (status: string) =>
  `---\nowner: Ana Lima\nstatus: ${status}\n---\n\n# Churn model design\n\n## Goals\n\nCut churn from 4.1 % to 3.5 %.\n`;
const TEAM = {
  '/ws/.mldesign.yaml': `extends: recommended
metadata:
  owner:
    required: true
    description: Who answers for the system
stages:
  - status: draft
    sections: [business-requirements, data-stack]
  - status: review
    description: ready for the review board
    sections: [deployment, monitoring]
    topics: [monitoring/drift]
  - status: approved
    sections: all
    placeholders: error
`,
};

const hoverAt = async (ws: MemoryWorkspace, line: number, character = 9) =>
  await hover(ws.service, { textDocument: { uri: URI }, position: { line, character } }, { markdown: true });
const text = (h: Hover | null) => (h?.contents as { value: string } | undefined)?.value;

describe('hover on the front matter', () => {
  it('on status: what this stage requires and what the next stage adds', async () => {
    const ws = new MemoryWorkspace(TEAM);
    await ws.analysed(URI, DOC('draft'));
    const h = await hoverAt(ws, 2);
    expect(h?.range).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 13 } });
    expect(text(h)).toBe(
      [
        '**Stage 1 of 3: draft**',
        '',
        'Requires: sections Business requirements, Data stack',
        '',
        'Next, **review** adds: sections Deployment, Monitoring; topics Data and concept drift (Monitoring)',
        '',
        'Stages: `draft` → `review` → `approved`',
      ].join('\n'),
    );
    await ws.analysed(URI, DOC('Review'));
    expect(text(await hoverAt(ws, 2))).toMatch(
      /^\*\*Stage 2 of 3: review\*\* · ready for the review board\n\nRequires: sections Business requirements, Data stack, Deployment, Monitoring; topics Data and concept drift \(Monitoring\)\n\nNext, \*\*approved\*\* adds: sections Model updates; placeholder text reported as error\n/,
    );
    await ws.analysed(URI, DOC('wip'));
    expect(text(await hoverAt(ws, 2))).toBe("**Review stages**: `draft` → `review` → `approved`\n\n'wip' is none of them.");
  });

  it('on another declared field: what it is; elsewhere in the front matter: nothing', async () => {
    const ws = new MemoryWorkspace(TEAM);
    await ws.analysed(URI, DOC('draft'));
    expect(text(await hoverAt(ws, 1))).toBe(
      '**owner** · required · names or @handles, as a YAML list or separated by commas\n\nWho answers for the system',
    );
    expect(await hoverAt(ws, 0)).toBeNull();
  });

  it('without stages, status is a field like any other', async () => {
    const ws = new MemoryWorkspace();
    await ws.analysed(URI, DOC('draft'));
    expect(text(await hoverAt(ws, 2))).toBe('**status** · optional · a text\n\nWhere the doc is in review');
  });
});
