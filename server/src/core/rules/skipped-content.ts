import { defineRule } from './types';

/** Reported by the engine, not by a check of its own: a document, or part of one, that was
 * not analysed (too large, binary, nested deeper than any real document, an analysis past
 * the language server's deadline, or an internal error). It says so instead of passing
 * silently. */
export const skippedContent = defineRule({
  meta: {
    id: 'skipped-content',
    summary:
      'The document, or part of it, was not analysed: too large, binary, nested too deep, too slow to parse (past the deadline), or an internal error.',
    defaultSeverity: 'info',
    fixable: false,
    presets: ['minimal', 'recommended', 'strict'],
  },
  check: () => [],
});
