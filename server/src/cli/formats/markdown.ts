import { countFindings, ruleDocsUrl } from '../../core';
import { coverageMatrix, markdownMatrix, mdCell } from '../report/matrix';
import type { Formatter } from './types';

/** A coverage table and the findings, for a bot to post as a pull request comment. */
export const formatMarkdown: Formatter = (results) => {
  const matrix = coverageMatrix(results);
  const findings = results.flatMap((r) => r.findings.map((f) => ({ path: r.path, f })));
  const { error: errors, warning: warnings } = countFindings(findings.map(({ f }) => f));
  const out = [
    '### mldesign: ML design doc coverage',
    '',
    markdownMatrix(matrix).trimEnd(),
    '',
    findings.length
      ? `**${findings.length} finding${findings.length === 1 ? '' : 's'}** (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`
      : `**No findings** in ${matrix.rows.length} design doc${matrix.rows.length === 1 ? '' : 's'}.`,
  ];
  if (findings.length) {
    out.push(
      '',
      '<details><summary>Findings</summary>',
      '',
      '| File | Line | Severity | Rule | Message |',
      '| --- | ---: | --- | --- | --- |',
    );
    for (const { path, f } of findings) {
      out.push(
        `| ${mdCell(path)} | ${f.range.start.line + 1} | ${f.severity} | [${f.ruleId}](${ruleDocsUrl(f.ruleId)}) | ${mdCell(f.message)} |`,
      );
    }
    out.push('', '</details>');
  }
  return out.join('\n') + '\n';
};
