import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/core';
import { testPreset } from '../helpers/fixtures';

const config = testPreset();
const FULL = '# Plan\n\n## Goals\n\nCut churn by 2 %.\n\n## Data\n\nEvents.\n\n## Deployment\n\nNightly batch.\n';
const decide = (text: string, path?: string, detection: 'auto' | 'all' | 'optIn' = 'auto') =>
  analyze(text, { config, ...(path ? { path } : {}), detection });

describe('which files are design docs', () => {
  it('never lints a README or CHANGELOG, however it looks', () => {
    for (const name of ['README.md', 'docs/readme.md', 'CHANGELOG.md', 'CONTRIBUTING.md', 'readme.ja.md', 'SECURITY.md']) {
      const a = decide(FULL, name);
      expect(a.designDoc.isDesignDoc, name).toBe(false);
      expect(a.findings).toEqual([]);
    }
  });

  it('lints a README that opts in through front matter', () => {
    expect(decide(`---\nmldesign: true\n---\n${FULL}`, 'README.md').designDoc.isDesignDoc).toBe(true);
  });

  it('honours an opt-out in front matter over everything else', () => {
    expect(decide(`---\nmldesign: false\n---\n${FULL}`, 'design.md', 'all').designDoc.isDesignDoc).toBe(false);
  });

  it('takes files named or filed as design docs', () => {
    expect(decide('# Notes\n', 'churn-design.md').designDoc.isDesignDoc).toBe(true);
    expect(decide('# Notes\n', 'design-docs/churn.md').designDoc.isDesignDoc).toBe(true);
    expect(decide('# Notes\n', 'docs/notes.md').designDoc.isDesignDoc).toBe(false);
  });

  it('recognises a doc by three of the required sections', () => {
    expect(decide(FULL, 'docs/churn.md').designDoc).toMatchObject({ isDesignDoc: true, reason: 'it has 3 of the required sections' });
    const two = FULL.replace(/## Deployment[\s\S]*/, '');
    expect(decide(two, 'docs/churn.md').designDoc.isDesignDoc).toBe(false);
  });

  it('follows the designDocs setting', () => {
    expect(decide('# Notes\n', 'notes.md', 'all').designDoc.isDesignDoc).toBe(true);
    expect(decide(FULL, 'churn-design.md', 'optIn').designDoc.isDesignDoc).toBe(false);
  });

  it('still reports coverage for a file it does not lint', () => {
    const a = decide(FULL, 'README.md');
    expect(a.coverage.filter((c) => c.state === 'covered').map((c) => c.id)).toEqual(['business-requirements', 'data-stack', 'deployment']);
  });
});
