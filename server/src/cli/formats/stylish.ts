import { countFindings, type Severity } from '../../core';
import type { Colors } from '../colors';
import { visible } from '../escape';
import type { LintResult } from './types';

/** The default: findings grouped by file, aligned, coloured, with a summary line. Hints
 * (the recommended sections a doc lacks) are counted but listed only with --verbose, as
 * VS Code keeps them out of its Problems panel: suggestions, not problems. */
export function formatStylish(results: readonly LintResult[], c: Colors, verbose = false): string {
  const out: string[] = [];
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue, hint: c.dim };
  const total = { error: 0, warning: 0, info: 0, hint: 0, fixable: 0 };
  for (const r of results) {
    const n = countFindings(r.findings);
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += n[k];
    const shown = verbose ? r.findings : r.findings.filter((f) => f.severity !== 'hint');
    if (!shown.length) continue;
    out.push(c.underline(visible(r.path)));
    const rows = shown.map(
      (f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, visible(f.message), f.ruleId, f.detail] as const,
    );
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [pos, sev, msg, rule, detail] of rows) {
      out.push(`  ${c.dim(pos.padStart(w0))}  ${paint[sev](sev.padEnd(w1))}  ${msg}  ${c.dim(rule)}`);
      if (verbose && detail) out.push(`  ${' '.repeat(w0 + w1 + 2)}  ${c.dim(visible(detail))}`);
    }
    out.push('');
  }
  const docs = results.filter((r) => r.designDoc).length;
  const checked = `${results.length} file${results.length === 1 ? '' : 's'} checked, ${docs} design doc${docs === 1 ? '' : 's'}`;
  const problems = total.error + total.warning + total.info;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const hints = total.hint ? `; ${plural(total.hint, 'hint')}${verbose ? '' : ', shown with --verbose'}` : '';
  if (!problems) {
    out.push(c.green(`✔ No problems (${checked})${hints}`));
  } else {
    const parts = [plural(total.error, 'error'), plural(total.warning, 'warning')];
    if (total.info) parts.push(`${total.info} info`);
    const line = `✖ ${plural(problems, 'problem')} (${parts.join(', ')}) in ${checked}`;
    out.push(c.bold(total.error ? c.red(line) : c.yellow(line)));
    if (hints) out.push(c.dim(`  ${hints.slice(2)}`));
    if (total.fixable) out.push(c.dim(`  ${total.fixable} fixable with --fix`));
  }
  return out.join('\n') + '\n';
}
