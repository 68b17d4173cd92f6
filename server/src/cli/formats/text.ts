import type { Formatter } from './types';
import { visible } from '../escape';

/** One line per finding, `file:line:col severity message rule-id`, for editors' problem
 * matchers and grep. Lines and columns are 1-based. A line break in a name or message is
 * shown as `\n` (see escape.ts), so one finding is always one line. */
export const formatText: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.findings.map(
        (f) =>
          `${visible(r.path)}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${visible(f.message)} ${f.ruleId}`,
      ),
    )
    .map((l) => l + '\n')
    .join('');
