import type { FileReport } from '../../core';

/** One linted file: its report and the path shown to the user (relative to the working
 * folder when inside it, with forward slashes). */
export interface LintResult extends FileReport {
  path: string;
  /** The file (or folder) could not be read: its one finding, an error, says why. */
  unreadable?: true;
  /** Its analysis was stopped (the deadline) or crashed: its one finding, skipped-content, says why. */
  stopped?: true;
}

export type Formatter = (results: readonly LintResult[]) => string;
