// Bad input gets an answer in bounded time (the test timeout is the bound; no timed
// assertions), with a clear message, and the rest of the document is still checked.
import { describe, expect, it } from 'vitest';
import { analyze, applyFix } from '../../server/src/core';
import { keepsAllLines, requiredCount, testPreset } from '../helpers/fixtures';

const config = testPreset();
const REQUIRED = requiredCount(config);
const lint = (text: string) => analyze(text, { config, detection: 'all' });
const skipped = (text: string) => lint(text).findings.filter((f) => f.ruleId === 'skipped-content');

describe('pathological input', () => {
  it('an empty document', () => {
    const a = lint('');
    expect(a.findings.filter((f) => f.severity === 'warning')).toHaveLength(REQUIRED);
    expect(applyFix('', a.fixAll!)).toMatch(/^## Business requirements\n/);
  });

  it('a document over the size limit is skipped with one message', () => {
    const big = ('# T\n\n' + 'Text about monitoring and data pipelines. '.repeat(25) + '\n\n').repeat(9_500); // ~10 MB
    expect(big.length).toBeGreaterThan(10_000_000);
    const a = lint(big);
    expect(a.findings).toHaveLength(1);
    expect(a.findings[0]).toMatchObject({ ruleId: 'skipped-content', severity: 'info', range: { start: { line: 0 } } });
    expect(a.findings[0]!.message).toMatch(/^Not checked: larger than the size limit \(10\.\d MB over 4\.0 MB\)$/);
    expect(a.findings[0]!.detail).toMatch(/mldesign\.maxDocumentSize/);
    expect(analyze(big, { config, detection: 'all', maxSize: 20_000_000 }).findings.some((f) => f.ruleId === 'skipped-content')).toBe(
      false,
    );
  }, 120_000);

  it('a 1 MB single line', () => {
    const a = lint('# T\n\n' + 'word '.repeat(200_000));
    expect(a.findings.filter((f) => f.ruleId === 'missing-section' && f.severity === 'warning')).toHaveLength(REQUIRED);
  }, 60_000);

  it('50,000 nested blockquotes, bullets, ordered items: the rest of the doc is still checked', () => {
    for (const unit of ['> ', '- ', '1. ', '* ']) {
      const text = `# T\n\n## Goals\n\nCut churn by 2 % for the team.\n\n${unit.repeat(50_000)}deep\n\n## Monitoring\n\nTODO\n`;
      const a = lint(text);
      expect(
        skipped(text).map((f) => f.range.start.line),
        unit,
      ).toEqual([6]);
      expect(
        a.findings.some((f) => f.ruleId === 'empty-section' && f.sectionId === 'monitoring'),
        unit,
      ).toBe(true);
    }
  }, 120_000);

  it('50,000 list items indented ever deeper (within the size limit)', () => {
    const lines = Array.from({ length: 1_500 }, (_, i) => ' '.repeat(i * 2) + '- item');
    const text = `# T\n\n${lines.join('\n')}\n`;
    expect(skipped(text)).toHaveLength(1);
  }, 120_000);

  it('50,000 flat list items', () => {
    const text = `# T\n\n## Data\n\n${'- a row of the feature table\n'.repeat(50_000)}`;
    expect(lint(text).coverage.find((c) => c.id === 'data-stack')?.state).toBe('covered');
  }, 120_000);

  it('binary content', () => {
    const a = lint('\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR'.repeat(100));
    expect(a.findings.map((f) => f.message)).toEqual(['Not checked: the document holds binary content (NUL characters)']);
  });

  it('invalid UTF-8, decoded as an editor does (replacement characters)', () => {
    const text = new TextDecoder().decode(new Uint8Array([0x23, 0x20, 0x54, 0xff, 0xfe, 0x0a, 0x0a, 0xc3, 0x28, 0x0a]));
    expect(text).toContain('\ufffd');
    expect(lint(text).findings.filter((f) => f.ruleId === 'missing-section' && f.severity === 'warning')).toHaveLength(REQUIRED);
  });

  it('a BOM, CRLF, lone CR and mixed line endings: positions are the editor lines', () => {
    const text = '\ufeff# T\r\n\r\n## Goals\r\rCut churn by 2 % for the team.\n\n## Monitoring\r\n\r\nTODO\r\n';
    const a = lint(text);
    expect(a.findings.find((f) => f.ruleId === 'empty-section')?.range.start.line).toBe(6);
    const fixed = applyFix(text, a.fixAll!);
    expect(keepsAllLines(text, fixed)).toBe(true);
    expect(fixed.startsWith('\ufeff# T')).toBe(true);
  });

  it('a document that is only front matter, and broken front matter', () => {
    const only = lint('---\ntitle: Churn\nmldesign: true\n---\n');
    expect(only.findings.filter((f) => f.severity === 'warning')).toHaveLength(REQUIRED);
    const broken = lint('---\ntitle: [unclosed\nmldesign: true\n---\n# T\n');
    expect(broken.model.outline.frontMatter?.error).toMatch(/^front matter is not valid YAML/);
    expect(broken.findings.length).toBeGreaterThan(0);
  });
});
