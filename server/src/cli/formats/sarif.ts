import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPOSITORY_URL, RULES, ruleDocsUrl, TOOL_NAME, TOOL_VERSION, type Severity } from '../../core';
import { jsonForTerminal } from '../escape';
import type { LintResult } from './types';

// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. Validated in the tests
// against the official schema and with the SARIF multitool.
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** A file's artifact location: a relative reference against SRCROOT (the working folder)
 * built by the URL library, which percent-encodes what would end the path (`#`, `?`, `%`,
 * controls); a first segment with a colon (`c:foo.md`) would read as a scheme, so it gets
 * `./`. A file outside the working folder gets its absolute file URI. */
export function artifactLocation(shown: string, cwd: string): { uri: string; uriBaseId?: 'SRCROOT' } {
  const base = srcRoot(cwd);
  const href = pathToFileURL(path.resolve(cwd, shown)).href;
  if (!href.startsWith(base)) return { uri: href };
  const rel = href.slice(base.length);
  return { uri: rel.split('/')[0]!.includes(':') ? `./${rel}` : rel, uriBaseId: 'SRCROOT' };
}

const srcRoot = (cwd: string) => pathToFileURL(cwd.endsWith('/') ? cwd : cwd + '/').href;

export function formatSarif(results: readonly LintResult[], cwd: string): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const artifacts = results.map((r) => artifactLocation(r.path, cwd));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: REPOSITORY_URL,
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.summary },
              fullDescription: { text: r.meta.summary },
              helpUri: ruleDocsUrl(r.meta.id),
              help: { text: `See ${ruleDocsUrl(r.meta.id)}`, markdown: `[${r.meta.id}](${ruleDocsUrl(r.meta.id)}): ${r.meta.summary}` },
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
              properties: { tags: ['ml-design', 'documentation'], fixable: r.meta.fixable },
            })),
          },
        },
        // A file or folder that could not be read is a result (so a PR shows it) and a tool
        // notification too: the run went on, but did not check it.
        ...(results.some((r) => r.unreadable)
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: results.flatMap((r, index) =>
                    r.unreadable
                      ? [
                          {
                            level: 'error',
                            message: { text: r.reason },
                            locations: [{ physicalLocation: { artifactLocation: { ...artifacts[index]!, index } } }],
                          },
                        ]
                      : [],
                  ),
                },
              ],
            }
          : {}),
        originalUriBaseIds: { SRCROOT: { uri: srcRoot(cwd) } },
        artifacts: artifacts.map((location) => ({ location })),
        results: results.flatMap((r, artifactIndex) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { ...artifacts[artifactIndex]!, index: artifactIndex },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: Math.max(
                      f.range.end.character + 1,
                      f.range.start.line === f.range.end.line ? f.range.start.character + 1 : 1,
                    ),
                  },
                },
              },
            ],
            ...(f.related?.length
              ? {
                  relatedLocations: f.related.map((rel, id) => ({
                    id,
                    message: { text: rel.message },
                    physicalLocation: {
                      artifactLocation: { ...artifacts[artifactIndex]!, index: artifactIndex },
                      region: { startLine: rel.range.start.line + 1, startColumn: rel.range.start.character + 1 },
                    },
                  })),
                }
              : {}),
            ...(f.sectionId ? { properties: { sectionId: f.sectionId } } : {}),
          })),
        ),
      },
    ],
  };
  return jsonForTerminal(JSON.stringify(sarif, null, 2)) + '\n';
}
