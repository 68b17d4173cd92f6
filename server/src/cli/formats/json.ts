import { inFixAll } from '../../core';
import { jsonForTerminal } from '../escape';
import type { Formatter } from './types';

/** The JSON report: per file, the findings and a coverage object keyed by section id.
 * Its shape is documented in README.md ("JSON output"); change it only with a new `version`. */
export const JSON_REPORT_VERSION = 1;

export const formatJson: Formatter = (results) =>
  jsonForTerminal(
    JSON.stringify(
      {
        version: JSON_REPORT_VERSION,
        files: results.map((r) => ({
          path: r.path,
          designDoc: r.designDoc,
          reason: r.reason,
          findings: r.findings.map((f) => ({
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            line: f.range.start.line + 1,
            column: f.range.start.character + 1,
            endLine: f.range.end.line + 1,
            endColumn: f.range.end.character + 1,
            ...(f.sectionId ? { sectionId: f.sectionId } : {}),
            fixable: inFixAll(f),
          })),
          coverage: Object.fromEntries(
            r.coverage.map((c) => [
              c.id,
              {
                title: c.title,
                level: c.level,
                present: c.line !== undefined,
                covered: c.state === 'covered',
                state: c.state,
                line: c.line !== undefined ? c.line + 1 : null,
                heading: c.heading ?? null,
                ...(c.reason ? { reason: c.reason } : {}),
              },
            ]),
          ),
        })),
      },
      null,
      2,
    ),
  ) + '\n';
