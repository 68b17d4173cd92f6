// --fix and --fix-dry-run: every finding's preferred fix, applied as the editor's fix-all
// would. Writes keep the BOM and line endings, and what write.ts keeps (where a symlink
// leads, hard links, owner, group, mode); they refuse read-only files, never touch a file
// that changed since it was read, and do not happen at all when nothing changes.
import { analyze, applyFix, inFixAll, reportOf } from '../core';
import { readRegularFile } from '../node/read-file';
import { hash } from './cache';
import { unifiedDiff } from './diff';
import type { LintResult } from './formats/types';
import type { SourceFile } from './run';
import { isReadOnly, replaceContent, writeTarget } from './write';

/** Far past the size limit: a file analysed was read whole, and is read again to compare. */
const MAX_REREAD_BYTES = 256_000_000;

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
  opts: {
    dryRun: boolean;
    detection: 'auto' | 'all' | 'optIn';
    /** The working folder: a doc inside it must not lead out of it (default: the process's). */
    cwd?: string;
  },
): FixOutcome {
  const outcome: FixOutcome = { fixed: [], refused: [], diffs: [] };
  const cwd = opts.cwd ?? process.cwd();
  // Files written, by identity: another name of one (a hard link) has been fixed with it.
  const written = new Set<string>();
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
      const id = s.dev !== undefined ? `${s.dev}:${s.ino}` : undefined;
      if (id === undefined || !written.has(id)) {
        const refusal = write(s, Buffer.from((s.bom ? '\ufeff' : '') + fixedText, 'utf8'));
        if (refusal) {
          outcome.refused.push({ path: s.shown, reason: refusal });
          return;
        }
        if (id !== undefined) written.add(id);
        outcome.fixed.push(s.shown);
      }
    }
    results[i] = { path: r.path, ...reportOf(after) };
  }
  return outcome;

  /** Writes a fixed doc, or says why not. */
  function write(s: SourceFile, data: Buffer): string | undefined {
    const target = writeTarget(s.abs, cwd);
    switch (target.kind) {
      case 'outside':
        return `it leads (through a symlink) to ${target.real}, outside the working folder; name that file to fix it`;
      case 'file':
        break;
      case 'new':
        return 'it no longer exists; not written';
      default:
        return 'it is no longer a regular file; not written';
    }
    if (isReadOnly(target.path, target.stat)) return 'it is read-only; make it writable to fix it';
    const current = readRegularFile(target.path, MAX_REREAD_BYTES, true);
    if ('refused' in current) return `cannot read it again: ${current.refused}`;
    if (hash(current.bytes.toString('latin1')) !== s.rawHash) return 'it changed since it was read; not written, run again';
    replaceContent(target.path, data, target.stat);
    return undefined;
  }
}
