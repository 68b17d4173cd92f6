import type { Finding, Severity } from '../../core';
import { visible } from '../escape';
import type { Formatter } from './types';

// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

// The runner's own escapes for line breaks and %, then every other control character shown
// (an escape sequence would reach the log viewer, which renders ANSI).
const escapeData = (s: string) => visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One finding as a workflow command. `at` overrides its place (the action moves doc-level
 * findings into the diff); a moved one is a whole line, as its columns were the title's. */
export function annotation(file: string, f: Finding, at?: { line: number }): string {
  const place = at
    ? [`line=${at.line + 1}`, `endLine=${at.line + 1}`]
    : [
        `line=${f.range.start.line + 1}`,
        `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`,
        `endColumn=${f.range.end.character + 1}`,
      ];
  const props = [`file=${escapeProperty(file)}`, ...place, `title=${escapeProperty(`mldesign ${f.ruleId}`)}`];
  // The detail on a second line: the annotation shows both, the summary list the first.
  return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.detail ? `${f.message}\n${f.detail}` : f.message)}\n`;
}

/** A workflow command with a message only (no file). */
export function plainCommand(kind: 'error' | 'warning' | 'notice', message: string): string {
  return `::${kind}::${escapeData(message)}\n`;
}

/** Hints are suggestions the editor shows as faint dots, not problems: annotated only when
 * asked for (--verbose), as the action never annotates them. */
export const formatGithub = (results: Parameters<Formatter>[0], withHints = false): string =>
  results.flatMap((r) => r.findings.filter((f) => withHints || f.severity !== 'hint').map((f) => annotation(r.path, f))).join('');
