import { inFixAll, topicDepth } from '../../core';
import { jsonForTerminal } from '../escape';
import type { Formatter } from './types';

/** The JSON report: per file, the findings and a coverage object keyed by section id.
 * Its shape is documented in README.md ("JSON output"); change it only with a new `version`.
 * 2: `detail` on findings; per section `topics`, `depth` and, for the `mentioned` state,
 * `mentions`; `depth` per file. 3: `template` per file, when its config has a template version.
 * 4: `status` per design doc, when its front matter has one. */
export const JSON_REPORT_VERSION = 4;

export const formatJson: Formatter = (results) =>
  jsonForTerminal(
    JSON.stringify(
      {
        version: JSON_REPORT_VERSION,
        files: results.map((r) => ({
          path: r.path,
          designDoc: r.designDoc,
          reason: r.reason,
          depth: topicDepth(r.coverage.filter((c) => c.level === 'required')),
          ...(r.status ? { status: { value: r.status.value, stage: r.status.stage ?? null } } : {}),
          ...(r.template
            ? {
                template: {
                  current: r.template.current,
                  version: r.template.version ?? null,
                  state: r.template.state,
                  lacking: r.template.lacking,
                },
              }
            : {}),
          findings: r.findings.map((f) => ({
            ruleId: f.ruleId,
            severity: f.severity,
            message: f.message,
            ...(f.detail ? { detail: f.detail } : {}),
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
                depth: topicDepth([c]),
                topics: Object.fromEntries(
                  c.topics.map((t) => [
                    t.id,
                    {
                      title: t.title,
                      required: t.required,
                      addressed: t.addressed,
                      ...(t.line !== undefined ? { line: t.line + 1, where: t.where } : {}),
                      ...(t.heading ? { heading: t.heading } : {}),
                    },
                  ]),
                ),
                ...(c.mentions
                  ? { mentions: c.mentions.map((m) => ({ line: m.line + 1, ...(m.heading ? { heading: m.heading } : {}) })) }
                  : {}),
              },
            ]),
          ),
        })),
      },
      null,
      2,
    ),
  ) + '\n';
