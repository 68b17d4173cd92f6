import type { Severity } from '../../core';
import { visible } from '../escape';
import type { Formatter } from './types';

// GitHub Actions workflow commands: each finding becomes an annotation on the pull request.
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

// The runner's own escapes for line breaks and %, then every other control character shown
// (an escape sequence would reach the log viewer, which renders ANSI).
const escapeData = (s: string) => visible(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const formatGithub: Formatter = (results) =>
  results
    .flatMap((r) =>
      r.findings.map((f) => {
        const props = [
          `file=${escapeProperty(r.path)}`,
          `line=${f.range.start.line + 1}`,
          `col=${f.range.start.character + 1}`,
          `endLine=${f.range.end.line + 1}`,
          `endColumn=${f.range.end.character + 1}`,
          `title=${escapeProperty(`mldesign ${f.ruleId}`)}`,
        ];
        return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}\n`;
      }),
    )
    .join('');
