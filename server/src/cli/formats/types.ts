import type { Analysis } from '../../core';

export interface FileResult {
  /** As shown to the user: relative to the working folder when inside it. */
  path: string;
  analysis: Analysis;
}

export type Formatter = (results: readonly FileResult[]) => string;
