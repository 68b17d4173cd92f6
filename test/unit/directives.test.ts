import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { describe, expect, it } from 'vitest';
import { analyze, applyFix } from '../../server/src/core';
import { readDirectives } from '../../server/src/core/directives';
import { parseMarkdown } from '../../server/src/core/parse';
import { LineIndex } from '../../server/src/core/text';
import { requiredCount, requiredOnlyConfig } from '../helpers/fixtures';

const config = requiredOnlyConfig();
const lint = (text: string) => analyze(text, { config, detection: 'all' });
const rules = (text: string) => lint(text).findings.map((f) => `${f.range.start.line + 1}:${f.ruleId}`);
const EMPTY_TWICE = '## Data\n\nTODO\n\n## Monitoring\n\nTBD\n';

describe('inline directives', () => {
  it('disable silences a rule from its line on, enable ends it', () => {
    const text = `# T\n<!-- mldesign-disable missing-section -->\n${EMPTY_TWICE}`;
    expect(rules(text)).toEqual(['3:empty-section', '7:empty-section']);
    const partial = `# T\n<!-- mldesign-disable empty-section -->\n## Data\n\nTODO\n<!-- mldesign-enable empty-section -->\n## Monitoring\n\nTBD\n`;
    expect(rules(partial).filter((r) => r.endsWith('empty-section'))).toEqual(['7:empty-section']);
  });

  it('disable without ids silences every rule', () => {
    expect(rules(`<!-- mldesign-disable -->\n# T\n${EMPTY_TWICE}`)).toEqual([]);
  });

  it('disable-next-line silences only the next line', () => {
    const text = `# T\n<!-- mldesign-disable missing-section -->\n<!-- mldesign-disable-next-line empty-section -->\n${EMPTY_TWICE}`;
    expect(rules(text)).toEqual(['8:empty-section']);
  });

  it('not-applicable with a reason satisfies a missing or empty section', () => {
    const text =
      '# T\n<!-- mldesign-not-applicable deployment: a quarterly PDF, nothing is served -->\n<!-- mldesign-not-applicable monitoring: nothing runs in production -->\n## Monitoring\n';
    const a = lint(text);
    expect(a.coverage.find((c) => c.id === 'deployment')).toMatchObject({
      state: 'not-applicable',
      reason: 'a quarterly PDF, nothing is served',
    });
    expect(a.findings.map((f) => f.sectionId)).toEqual(['business-requirements', 'data-stack', 'model-updates']);
  });

  it('a comment that only mentions a directive, or one in code, is not a directive', () => {
    const text = '# T\n<!-- see mldesign-disable in the docs -->\n\n```md\n<!-- mldesign-disable -->\n```\n';
    expect(lint(text).model.directives).toEqual([]);
    expect(rules(text)).toHaveLength(requiredCount(config));
  });

  it('writes directives through its quick fixes, and the result holds', () => {
    const text = '---\ntitle: T\n---\n# T\n\n## Goals\n\nUp.\n';
    const finding = lint(text).findings.find((f) => f.sectionId === 'monitoring')!;
    const disable = finding.fixes.find((f) => f.title === 'Disable missing-section for this file')!;
    const disabled = applyFix(text, disable);
    expect(disabled).toBe('---\ntitle: T\n---\n<!-- mldesign-disable missing-section -->\n# T\n\n## Goals\n\nUp.\n');
    expect(rules(disabled)).toEqual([]);
    const na = finding.fixes.find((f) => f.title === "Mark 'Monitoring' not applicable")!;
    const marked = applyFix(text, na);
    expect(marked).toContain('# T\n<!-- mldesign-not-applicable monitoring: TODO: say why this section does not apply -->\n');
    // The placeholder reason is not a reason: the marker is reported until the author writes one.
    expect(rules(marked)).toContain('5:invalid-directive');
    expect(
      lint(marked.replace('TODO: say why this section does not apply', 'offline analysis only')).findings.map((f) => f.sectionId),
    ).not.toContain('monitoring');
  });
});

describe('finding directives', () => {
  // The plain way: every HTML node of the tree, outside code. readDirectives looks only
  // where the text says "mldesign-"; both must find the same.
  const walk = (text: string) => {
    const root = parseMarkdown(text);
    const found: string[] = [];
    const visit = (node: Nodes): void => {
      if (node.type === 'html') {
        for (const m of node.value.matchAll(/<!--([\s\S]*?)-->/g))
          if (/^\s*mldesign-(?:disable-next-line|disable|enable|not-applicable)(?=\s|$)/.test(m[1]!))
            found.push(`${node.position!.start.offset! + m.index}`);
      } else if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
    };
    visit(root);
    return found.map((o) => new LineIndex(text).positionAt(Number(o)).line).sort((a, b) => a - b);
  };
  const piece = fc.constantFrom(
    '<!-- mldesign-disable empty-section -->',
    '<!-- mldesign-not-applicable fairness: offline -->',
    'text <!-- mldesign-disable-next-line --> inline',
    '> <!-- mldesign-enable -->',
    '- item <!-- mldesign-disable placeholder-text -->',
    '  <!-- mldesign-disable -->',
    '`<!-- mldesign-disable -->` in code',
    '```\n<!-- mldesign-disable -->\n```',
    'mldesign-disable in prose',
    '<div>\n<!-- mldesign-enable -->\n</div>',
    '## Data',
    'TODO',
    '',
  );
  it('finds exactly the directives a walk over every HTML node finds', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('\n');
        const root = parseMarkdown(text);
        expect(readDirectives(root, new LineIndex(text)).map((d) => d.line)).toEqual(walk(text));
      }),
      { numRuns: 300 },
    );
  });
});
