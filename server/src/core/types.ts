// The core's one vocabulary. Positions are 0-based lines and UTF-16 columns (the same unit
// as JavaScript strings); lsp/ and cli/ convert at their boundary and nowhere else.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** The empty range at the start of a text: where a problem without a better place goes. */
export const START_RANGE: Readonly<Range> = Object.freeze({
  start: Object.freeze({ line: 0, character: 0 }),
  end: Object.freeze({ line: 0, character: 0 }),
});

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'hint'];

export function isSeverity(v: unknown): v is Severity {
  return typeof v === 'string' && (SEVERITIES as readonly string[]).includes(v);
}

/** An insertion of text before `at`. Fixes are made only of these, so by construction a fix
 * can never change or remove what the author wrote. `snippet` is the same text with tab stops. */
export interface Insertion {
  at: Position;
  text: string;
  snippet: string;
}

export interface Fix {
  title: string;
  /** The fix that resolves the finding by itself: the one an editor applies with one
   * keystroke (LSP isPreferred) and the one fix-all applies. */
  preferred?: boolean;
  /** Inserts a structure for the author to complete (a table to fill in): the finding
   * stays until they do. Never part of fix-all. */
  scaffold?: boolean;
  insertions: Insertion[];
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** One line under 120 characters that names what is wrong. */
  message: string;
  /** The guidance, where there is room (hover, JSON, --verbose): what the section should
   * answer, its topics, the evidence. */
  detail?: string;
  range: Range;
  /** The catalogue section the finding is about, when there is one. */
  sectionId?: string;
  related?: RelatedInfo[];
  fixes: Fix[];
}
