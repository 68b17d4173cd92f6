// Where inserted sections land and how they are spaced, on inputs fixtures cannot show well.
import { describe, expect, it } from 'vitest';
import { slimReport } from '../../server/src/cli/cache';
import { analyze, applyFix, reportOf } from '../../server/src/core';
import { keepsAllLines, requiredCount, requiredOnlyConfig, testPreset } from '../helpers/fixtures';

const config = requiredOnlyConfig();
const lint = (text: string) => analyze(text, { config, detection: 'all' });
const fixAll = (text: string) => applyFix(text, lint(text).fixAll!);
const headings = (text: string) => text.split(/\r?\n/).filter((l) => /^#{1,6} /.test(l));

describe('fix placement', () => {
  it('fills an empty document with every section at level 2', () => {
    const fixed = fixAll('');
    expect(headings(fixed)).toEqual(['## Business requirements', '## Data stack', '## Deployment', '## Monitoring', '## Model updates']);
    expect(fixed.startsWith('## Business requirements\n\n')).toBe(true);
  });

  it('puts sections below front matter, never inside it', () => {
    const text = '---\ntitle: x\nmldesign: true\n---\n';
    const fixed = fixAll(text);
    expect(fixed.startsWith(text)).toBe(true);
    expect(headings(fixed)).toHaveLength(requiredCount(config));
  });

  it('uses the level of the sibling it follows', () => {
    const text = '# T\n\n### Goals\n\nRevenue up 2 %.\n\n### Monitoring\n\nAlerts on drift.\n';
    expect(headings(fixAll(text))).toEqual(['# T', '### Goals', '### Data stack', '### Deployment', '### Monitoring', '### Model updates']);
  });

  it('goes before the first present section when none precedes it', () => {
    const text = '# T\n\nIntro.\n\n## Monitoring\n\nAlerts on drift.\n';
    expect(headings(fixAll(text))).toEqual([
      '# T',
      '## Business requirements',
      '## Data stack',
      '## Deployment',
      '## Monitoring',
      '## Model updates',
    ]);
  });

  it('keeps CRLF line endings and adds none of its own kind', () => {
    const fixed = fixAll('# T\r\n\r\n## Goals\r\n\r\nUp 2 %.\r\n');
    expect(fixed.replace(/\r\n/g, '')).not.toMatch(/\n/);
  });

  it('separates a section from text that has no final newline', () => {
    const fixed = fixAll('# T\n\nLast line without newline');
    expect(fixed).toContain('Last line without newline\n\n## Business requirements\n\n');
  });

  it('inserts one tidy blank line between sections sharing a place', () => {
    expect(fixAll('# T\n')).not.toMatch(/\n\n\n/);
  });

  it('never changes or removes the author text, and fix-all is idempotent', () => {
    const text = '# T\n\n## Data\n\nTODO\n\n## Serving\nno blank line before next\n## Retraining\n';
    const fixed = fixAll(text);
    expect(keepsAllLines(text, fixed)).toBe(true);
    expect(lint(fixed).fixAll).toBeUndefined();
  });

  it('closes a fence or HTML block left open at the end before appending, and only then', () => {
    const cases: [string, string][] = [
      ['# T\n\n```yaml\na: 1\n', '```'],
      ['# T\n\n<!-- draft', '-->'],
      // Content that only looks like a closing fence (indented by a tab: 4 columns), last line.
      ['# T\n\n```\ncode\n\t```', '```'],
      ['# T\n\n```\ncode\n```\n', ''],
      ['# T\n\n- ```\n  code\n', ''],
    ];
    for (const [text, closer] of cases) {
      const fixed = fixAll(text);
      expect(keepsAllLines(text, fixed), text).toBe(true);
      expect(fixed.slice(text.length).startsWith(closer ? `${text.endsWith('\n') ? '' : '\n'}${closer}\n` : '\n'), text).toBe(true);
      // The sections are headings, not text inside the block.
      expect(
        lint(fixed).findings.filter((f) => f.ruleId === 'missing-section'),
        text,
      ).toEqual([]);
    }
  });

  it('offers snippet and plain forms of the same insertion', () => {
    const fix = lint('# T\n').findings[0]!.fixes[0]!;
    const ins = fix.insertions[0]!;
    expect(ins.snippet).toContain('${1:');
    expect(ins.text).not.toContain('${');
  });
});

describe('fix text on demand', () => {
  it('builds a fix text when it is read, once, and reports without it never build it', () => {
    const a = analyze('# T\n\n## Goals\n\nCut churn by 2 %.\n', { config: testPreset(), detection: 'all' });
    const fix = a.findings.find((f) => f.ruleId === 'missing-section')!.fixes[0]!;
    const descriptor = Object.getOwnPropertyDescriptor(fix, 'insertions')!;
    expect(descriptor.get).toBeTypeOf('function');
    expect(descriptor.enumerable).toBe(true);
    // Read twice: the same array (computed once), and in JSON like any other property.
    expect(fix.insertions).toBe(fix.insertions);
    expect(JSON.parse(JSON.stringify(fix)).insertions).toEqual(fix.insertions);
    // The CLI's slim reports take the head of each fix, never its text.
    const b = analyze('# T\n', { config: testPreset(), detection: 'all' });
    for (const f of b.findings)
      for (const x of f.fixes) Object.defineProperty(x, 'insertions', { get: () => expect.unreachable('insertions read') });
    expect(slimReport(reportOf(b)).findings[0]!.fixes[0]).toEqual({ title: expect.any(String), preferred: true, insertions: [] });
  });
});
