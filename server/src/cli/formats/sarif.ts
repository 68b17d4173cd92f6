import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  analyze,
  REPOSITORY_URL,
  RULES,
  ruleDocsUrl,
  TOOL_NAME,
  TOOL_VERSION,
  type Finding,
  type Fix,
  type Insertion,
  type Severity,
} from '../../core';
import type { SourceFile } from '../run';
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
            message: { text: f.detail ? `${f.message}. ${f.detail}` : f.message },
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
            ...sarifFixes(f, { ...artifacts[artifactIndex]!, index: artifactIndex }),
            ...(f.sectionId ? { properties: { sectionId: f.sectionId } } : {}),
          })),
        ),
      },
    ],
  };
  return jsonForTerminal(JSON.stringify(sarif, null, 2)) + '\n';
}

/** Results whose findings carry their fixes' edits: the run's reports are slim (cache.ts),
 * so a file with a fixable finding is analysed again, as --fix does. */
export function withFixes(results: readonly LintResult[], sources: readonly SourceFile[], detection: 'auto' | 'all'): LintResult[] {
  return results.map((r, i) => {
    const s = sources[i];
    if (!s || s.skipped || !r.findings.some((f) => f.fixes.some(insertsSection))) return r;
    const { findings } = analyze(s.text, { config: s.config, path: s.rel, detection });
    // The same text and config give the same findings; anything else keeps the report as is.
    if (findings.length !== r.findings.length) return r;
    const lines = s.text.split(/\r\n|\r|\n/);
    const inFile = (x: Fix): Fix => ({ ...x, insertions: x.insertions.map((ins) => insideLastLine(ins, lines)) });
    return { ...r, findings: r.findings.map((f, j) => ({ ...f, fixes: findings[j]!.fixes.map(inFile) })) };
  });
}

/** An insertion after the final line break is at a line the file does not have (a 5-line
 * file's line 6), which tools reading SARIF refuse: it becomes the same edit at the end of
 * the last line, its own final line break moved in front. */
function insideLastLine(ins: Insertion, lines: readonly string[]): Insertion {
  const last = lines.length - 1;
  const eol = /\r?\n$/.exec(ins.text)?.[0];
  if (last < 1 || ins.at.line !== last || ins.at.character !== 0 || lines[last] !== '' || !eol) return ins;
  const text = eol + ins.text.slice(0, -eol.length);
  return { at: { line: last - 1, character: lines[last - 1]!.length }, text, snippet: text };
}

/** The preferred fix that inserts a section (not a scaffold for the author to fill in). */
const insertsSection = (x: Finding['fixes'][number]) => x.preferred === true && !x.scaffold;

/** SARIF `fixes` for a finding's section insertion: zero-length deleted regions with the
 * inserted text, which reviewdog turns into a suggested change. */
function sarifFixes(f: Finding, artifactLocation: { uri: string; uriBaseId?: 'SRCROOT'; index: number }) {
  const fix = f.fixes.find(insertsSection);
  if (!fix?.insertions.length) return {};
  return {
    fixes: [
      {
        description: { text: fix.title },
        artifactChanges: [
          {
            artifactLocation,
            replacements: fix.insertions.map((ins) => {
              const at = { startLine: ins.at.line + 1, startColumn: ins.at.character + 1 };
              return { deletedRegion: { ...at, endLine: at.startLine, endColumn: at.startColumn }, insertedContent: { text: ins.text } };
            }),
          },
        ],
      },
    ],
  };
}
