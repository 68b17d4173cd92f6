// The language status item's text, from the mldesign/coverage notification. Gaps are the
// required sections the core does not call satisfied, whatever states it has.
import { describe, expect, it } from 'vitest';
import { BROWSER_NOTE, coverageStatus } from '../../client/src/coverage-status';
import { COVERAGE_STATES, isSatisfied } from '../../server/src/core';
import type { CoverageParams, CoverageSection } from '../../server/src/lsp/protocol';

const params = (sections: CoverageSection[], config: CoverageParams['config'] = { problems: 0 }): CoverageParams => ({
  uri: 'file:///ws/a-design.md',
  version: 3,
  designDoc: true,
  reason: 'named like a design doc',
  covered: sections.filter((s) => s.level === 'required' && isSatisfied(s.state)).length,
  required: sections.filter((s) => s.level === 'required').length,
  depth: { addressed: 0, total: 0 },
  sections,
  config,
});
const section = (
  title: string,
  state: CoverageSection['state'],
  level: CoverageSection['level'] = 'required',
  missingTopics: string[] = [],
): CoverageSection => ({
  id: title.toLowerCase(),
  title,
  level,
  state,
  topics: { addressed: 0, total: 0 },
  missingTopics,
});

describe('coverage status item', () => {
  it('lists the required sections still to go, an empty one marked so, and offers fix-all for missing ones', () => {
    const view = coverageStatus(
      params([
        section('Goals', 'covered'),
        section('Data', 'not-applicable'),
        section('Deployment', 'missing'),
        section('Monitoring', 'empty'),
        section('Fairness', 'missing', 'recommended'),
      ]),
    );
    expect(view).toEqual({
      text: 'ML design 2/4',
      detail: 'Deployment, Monitoring (empty) to go',
      severity: 'warning',
      action: { kind: 'fix-all' },
    });
  });

  it('offers no fix-all when only empty sections are left, and says when all are covered', () => {
    expect(coverageStatus(params([section('Goals', 'covered'), section('Monitoring', 'empty')])).action).toBeUndefined();
    expect(coverageStatus(params([section('Goals', 'covered'), section('Fairness', 'missing', 'recommended')]))).toEqual({
      text: 'ML design 1/1',
      detail: 'all required sections covered',
      severity: 'information',
    });
  });

  it('counts a section as a gap exactly when the core says it is not satisfied, for every state', () => {
    for (const state of COVERAGE_STATES) {
      const view = coverageStatus(params([section('Goals', state)]));
      expect(view.severity, state).toBe(isSatisfied(state) ? 'information' : 'warning');
    }
  });

  it('carries depth: the topics addressed, and what a covered section still lacks', () => {
    const view = coverageStatus({
      ...params([section('Goals', 'covered'), section('Monitoring', 'covered', 'required', ['Data and concept drift'])]),
      depth: { addressed: 7, total: 10 },
    });
    expect(view).toEqual({
      text: 'ML design 2/2',
      detail: 'Monitoring: no Data and concept drift · 7 of 10 topics',
      severity: 'information',
    });
    const mentioned = coverageStatus({
      ...params([section('Goals', 'covered'), section('Model updates', 'mentioned')]),
      depth: { addressed: 3, total: 9 },
    });
    expect(mentioned.detail).toBe('Model updates (mentioned) to go · 3 of 9 topics');
  });

  it('puts a broken config first, with the file to open', () => {
    const view = coverageStatus(params([section('Goals', 'missing')], { file: '/ws/.mldesign.yaml', problems: 2, fallback: 'last-good' }));
    expect(view).toEqual({
      text: 'ML design 0/1 · config error',
      detail: '/ws/.mldesign.yaml has 2 problem(s); using the last good configuration',
      severity: 'error',
      action: { kind: 'open-config', file: '/ws/.mldesign.yaml' },
    });
  });

  it('gives the config URI to open it in any scheme (github.dev), and says in the browser that packages are not loaded', () => {
    const config = {
      file: '/acme/ml/.mldesign.yaml',
      uri: 'vscode-vfs://github/acme/ml/.mldesign.yaml',
      problems: 1,
      fallback: 'default' as const,
    };
    const view = coverageStatus(params([section('Goals', 'covered')], config), 'browser');
    expect(view.action).toEqual({ kind: 'open-config', file: config.file, uri: config.uri });
    expect(view.detail).toBe(`/acme/ml/.mldesign.yaml has 1 problem(s); using the default configuration · ${BROWSER_NOTE}`);
    for (const p of [undefined, params([section('Goals', 'missing')]), { ...params([]), designDoc: false, reason: 'a README' }]) {
      expect(coverageStatus(p, 'browser').detail).toBe(`${coverageStatus(p).detail} · ${BROWSER_NOTE}`);
      expect(coverageStatus(p).detail).not.toContain('node_modules');
    }
  });

  it('says when a file is not a design doc or not checked yet', () => {
    expect(coverageStatus(undefined).detail).toBe('not checked yet');
    expect(coverageStatus({ ...params([]), designDoc: false, reason: 'a README' })).toMatchObject({
      text: 'ML design: not a design doc',
      detail: 'a README',
    });
  });
});
