import type { LintResult } from './types';
import { visible } from '../escape';

/** One line per finding, `file:line:col severity message rule-id`, for editors' problem
 * matchers and grep (with --verbose, the detail indented under it). Lines and columns are
 * 1-based. A line break in a name or message is
 * shown as `\n` (see escape.ts), so one finding is always one line. */
export function formatText(results: readonly LintResult[], verbose = false): string {
  return results
    .flatMap((r) =>
      r.findings.flatMap((f) => {
        const line = `${visible(r.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${visible(f.message)} ${f.ruleId}`;
        // The detail on a line of its own, indented: a problem matcher reads only the first.
        return verbose && f.detail ? [line, `    ${visible(f.detail)}`] : [line];
      }),
    )
    .map((l) => l + '\n')
    .join('');
}
