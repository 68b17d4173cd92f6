// What the language status item says about a document's coverage. No VS Code API here, so
// it is unit-tested on its own; extension.ts only maps it onto the item.
import { isSatisfied, type CoverageParams, type CoverageState } from '../../server/src/lsp/protocol';

export type StatusSeverity = 'error' | 'warning' | 'information';

export type StatusAction = { kind: 'show-output' } | { kind: 'open-config'; file: string; uri?: string } | { kind: 'fix-all' };

/** Where the language server runs: in Node (dist/server.js) or in the browser's Web Worker
 * (dist/browser-server.js), which reads no packages from node_modules. */
export type ServerRuntime = 'node' | 'browser';

/** Said in the detail of every view in the browser: a config that extends a package gets
 * a config error there that it does not get on the desktop. */
export const BROWSER_NOTE = 'in the browser, packages from node_modules are not loaded';

export interface CoverageStatusView {
  text: string;
  detail: string;
  severity: StatusSeverity;
  action?: StatusAction;
}

/** How a section that is still to go reads in the detail, and whether fix-all would add it.
 * One entry per state, so a state added to the core cannot reach this item unplaced; the
 * states that satisfy the catalogue never show as gaps. */
const GAP: Record<CoverageState, { note: string; fixAllAdds: boolean }> = {
  covered: { note: '', fixAllAdds: false },
  'not-applicable': { note: '', fixAllAdds: false },
  empty: { note: ' (empty)', fixAllAdds: false },
  // Discussed in passing elsewhere: fix-all leaves it (an info finding), the author decides.
  mentioned: { note: ' (mentioned)', fixAllAdds: false },
  missing: { note: '', fixAllAdds: true },
};

export function coverageStatus(p: CoverageParams | undefined, runtime: ServerRuntime = 'node'): CoverageStatusView {
  const view = viewOf(p);
  return runtime === 'browser' ? { ...view, detail: `${view.detail} · ${BROWSER_NOTE}` } : view;
}

function viewOf(p: CoverageParams | undefined): CoverageStatusView {
  const showOutput: StatusAction = { kind: 'show-output' };
  if (!p) return { text: 'ML design', detail: 'not checked yet', severity: 'information', action: showOutput };
  if (!p.designDoc) return { text: 'ML design: not a design doc', detail: p.reason, severity: 'information', action: showOutput };
  const text = `ML design ${p.covered}/${p.required}`;
  if (p.config.problems) {
    const using = p.config.fallback === 'last-good' ? 'last good' : 'default';
    return {
      text: `${text} · config error`,
      detail: `${p.config.file ?? 'config'} has ${p.config.problems} problem(s); using the ${using} configuration`,
      severity: 'error',
      ...(p.config.file ? { action: { kind: 'open-config', file: p.config.file, ...(p.config.uri ? { uri: p.config.uri } : {}) } } : {}),
    };
  }
  const gaps = p.sections.filter((s) => s.level === 'required' && !isSatisfied(s.state));
  // Depth: topics addressed across the required sections, and the required topics a
  // present section still lacks ("Monitoring: no Data and concept drift").
  const depth = p.depth.total ? ` · ${p.depth.addressed} of ${p.depth.total} topics` : '';
  const thin = p.sections
    .filter((s) => s.level === 'required' && isSatisfied(s.state) && s.missingTopics.length)
    .map((s) => `${s.title}: no ${s.missingTopics.join(', ')}`);
  if (!gaps.length) {
    return thin.length
      ? { text, detail: `${thin.join('; ')}${depth}`, severity: 'information' }
      : { text, detail: `all required sections covered${depth}`, severity: 'information' };
  }
  return {
    text,
    detail: `${gaps.map((s) => s.title + GAP[s.state].note).join(', ')} to go${thin.length ? `; ${thin.join('; ')}` : ''}${depth}`,
    severity: 'warning',
    ...(gaps.some((s) => GAP[s.state].fixAllAdds) ? { action: { kind: 'fix-all' } } : {}),
  };
}
