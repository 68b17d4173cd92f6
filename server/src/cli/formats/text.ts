import type { Formatter } from './types';

/** One line per finding, `file:line:col severity message rule-id`, for editors' problem
 * matchers and grep. Lines and columns are 1-based. */
export const formatText: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.findings.map((f) => `${r.path}:${f.range.start.line + 1}:${f.range.start.character + 1} ${f.severity} ${f.message} ${f.ruleId}`),
    )
    .map((l) => l + '\n')
    .join('');
