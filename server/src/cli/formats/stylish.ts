import { inFixAll, type Severity } from '../../core';
import type { Colors } from '../colors';
import { visible } from '../escape';
import type { LintResult } from './types';

/** The default: findings grouped by file, aligned, coloured, with a summary line. */
export function formatStylish(results: readonly LintResult[], c: Colors): string {
  const out: string[] = [];
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim };
  let errors = 0;
  let warnings = 0;
  let others = 0;
  let fixable = 0;
  for (const r of results) {
    if (!r.findings.length) continue;
    out.push(c.underline(visible(r.path)));
    const rows = r.findings.map(
      (f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, visible(f.message), f.ruleId] as const,
    );
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [pos, sev, msg, rule] of rows) {
      out.push(`  ${c.dim(pos.padStart(w0))}  ${paint[sev](sev.padEnd(w1))}  ${msg}  ${c.dim(rule)}`);
    }
    out.push('');
    for (const f of r.findings) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else others++;
      if (inFixAll(f)) fixable++;
    }
  }
  const docs = results.filter((r) => r.designDoc).length;
  const checked = `${results.length} file${results.length === 1 ? '' : 's'} checked, ${docs} design doc${docs === 1 ? '' : 's'}`;
  const total = errors + warnings + others;
  if (!total) {
    out.push(c.green(`✔ No problems (${checked})`));
  } else {
    const parts = [`${errors} error${errors === 1 ? '' : 's'}`, `${warnings} warning${warnings === 1 ? '' : 's'}`];
    if (others) parts.push(`${others} info/hint`);
    const line = `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${checked}`;
    out.push(c.bold(errors ? c.red(line) : c.yellow(line)));
    if (fixable) out.push(c.dim(`  ${fixable} fixable with --fix`));
  }
  return out.join('\n') + '\n';
}
