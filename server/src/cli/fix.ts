// --fix and --fix-dry-run: every finding's preferred fix, applied as the editor's fix-all
// would. Writes are atomic, keep the BOM, line endings and file mode, never touch a file
// that changed since it was read, and do not happen at all when nothing changes.
import fs from 'node:fs';
import { analyze, applyFix, inFixAll, reportOf } from '../core';
import { hash } from './cache';
import { unifiedDiff } from './diff';
import type { LintResult } from './formats/types';
import type { SourceFile } from './run';
import { writeFileAtomic } from './write';

export interface FixOutcome {
  fixed: string[];
  /** Files not written, with why. */
  refused: { path: string; reason: string }[];
  /** Unified diffs, for --fix-dry-run. */
  diffs: string[];
}

export function applyFixes(
  sources: readonly SourceFile[],
  results: LintResult[],
  opts: { dryRun: boolean; detection: 'auto' | 'all' | 'optIn' },
): FixOutcome {
  const outcome: FixOutcome = { fixed: [], refused: [], diffs: [] };
  sources.forEach((s, i) => {
    // One file that cannot be written is that file's problem: the others are still fixed,
    // and the report and summary still printed.
    try {
      fixOne(s, i);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      outcome.refused.push({ path: s.shown, reason: `it could not be written (${code ?? (e as Error).message})` });
    }
  });
  function fixOne(s: SourceFile, i: number): void {
    const r = results[i]!;
    if (s.skipped || !r.findings.some(inFixAll)) return;
    // Cached reports carry no edits: analyse again for them.
    const analysis = analyze(s.text, { config: s.config, path: s.rel, detection: opts.detection });
    if (!analysis.fixAll) return;
    const fixedText = applyFix(s.text, analysis.fixAll);
    if (fixedText === s.text) return;
    const after = analyze(fixedText, { config: s.config, path: s.rel, detection: opts.detection });
    if (opts.dryRun) {
      outcome.diffs.push(unifiedDiff(`a/${s.shown}`, `b/${s.shown}`, s.text, fixedText));
    } else {
      let current: Buffer;
      let mode: number;
      try {
        current = fs.readFileSync(s.abs);
        mode = fs.statSync(s.abs).mode & 0o7777;
      } catch (e) {
        outcome.refused.push({ path: s.shown, reason: `cannot read it again: ${(e as Error).message}` });
        return;
      }
      if (hash(current.toString('latin1')) !== s.rawHash) {
        outcome.refused.push({ path: s.shown, reason: 'it changed since it was read; not written, run again' });
        return;
      }
      writeFileAtomic(s.abs, (s.bom ? '\ufeff' : '') + fixedText, mode);
      outcome.fixed.push(s.shown);
    }
    results[i] = { path: r.path, ...reportOf(after) };
  }
  return outcome;
}
