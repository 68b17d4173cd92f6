import type { Formatter } from './types';

/** The JSON report: per file, the findings and a coverage object keyed by section id.
 * Its shape is documented in README.md ("JSON output"); change it only with a new `version`. */
export const JSON_REPORT_VERSION = 1;

export const formatJson: Formatter = (results) =>
  JSON.stringify(
    {
      version: JSON_REPORT_VERSION,
      files: results.map(({ path, analysis }) => ({
        path,
        designDoc: analysis.designDoc.isDesignDoc,
        reason: analysis.designDoc.reason,
        findings: analysis.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          ...(f.sectionId ? { sectionId: f.sectionId } : {}),
          fixable: f.fixes.length > 0,
        })),
        coverage: Object.fromEntries(
          analysis.coverage.map((c) => [
            c.id,
            {
              title: c.title,
              level: c.level,
              present: c.state !== 'missing',
              covered: c.state === 'covered',
              state: c.state,
              line: c.entry ? c.entry.range.start.line + 1 : null,
              heading: c.entry ? c.entry.text : null,
            },
          ]),
        ),
      })),
    },
    null,
    2,
  ) + '\n';
