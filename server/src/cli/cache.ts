// --cache: a run's reports kept in a file, keyed by each file's content and by everything
// else that decides its findings (configuration, settings, tool version). A warm run reads
// and hashes the files and analyses only those that changed.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { fixHead, TOOL_VERSION, type FileReport } from '../core';
import { readRegularFile } from '../node/read-file';
import { writeFileAtomicMkdir } from './write';

export const DEFAULT_CACHE_FILE = '.mldesigncache';
/** A cache of tens of thousands of reports stays far below this. */
const MAX_CACHE_FILE_BYTES = 512_000_000;

interface Entry {
  content: string;
  context: string;
  report: FileReport;
}

interface CacheFile {
  version: string;
  entries: Record<string, Entry>;
}

/** A report without the text of its fixes: enough to say what is fixable; --fix analyses
 * the file again for the edits. Keeps caches, worker messages and memory small. */
export function slimReport(report: FileReport): FileReport {
  // Built from the fix's head: spreading a fix would compute its insertions only to drop them.
  const slim: FileReport = {
    ...report,
    findings: report.findings.map((f) => ({ ...f, fixes: f.fixes.map((x) => ({ ...fixHead(x), insertions: [] })) })),
  };
  delete slim.fixAll;
  return slim;
}

/** What identifies this build: a change to any rule invalidates every cache entry, even
 * while the version number stays the same during development. */
let buildId: string | undefined;
export function toolBuildId(): string {
  if (buildId === undefined) {
    try {
      buildId = `${TOOL_VERSION}+${hash(fs.readFileSync(__filename, 'latin1'))}`;
    } catch {
      buildId = TOOL_VERSION;
    }
  }
  return buildId;
}

export function hash(text: string): string {
  return crypto.createHash('sha1').update(text).digest('base64url');
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;

  constructor(readonly file: string) {
    // A FIFO or a link to /dev/zero in its place must not hang or fill the memory.
    const read = readRegularFile(file, MAX_CACHE_FILE_BYTES);
    if ('refused' in read) return;
    try {
      const data = JSON.parse(read.bytes.toString('utf8')) as CacheFile;
      if (data.version === toolBuildId() && data.entries && typeof data.entries === 'object') this.entries = data.entries;
    } catch {
      // No cache yet, or an unreadable one: start afresh.
    }
  }

  get(file: string, content: string, context: string): FileReport | undefined {
    const e = this.entries[file];
    return e && e.content === content && e.context === context ? e.report : undefined;
  }

  /** Stores a report, slim already (see slimReport). */
  set(file: string, content: string, context: string, report: FileReport): void {
    this.entries[file] = { content, context, report };
    this.dirty = true;
  }

  /** Forgets files that no longer exist among those linted under the cache's folder. */
  prune(seen: ReadonlySet<string>): void {
    for (const k of Object.keys(this.entries)) {
      if (!seen.has(k) && !fs.existsSync(k)) {
        delete this.entries[k];
        this.dirty = true;
      }
    }
  }

  /** Writes the cache; a failure is returned, not thrown: without a cache the run is still whole. */
  save(): string | undefined {
    if (!this.dirty) return undefined;
    try {
      writeFileAtomicMkdir(this.file, JSON.stringify({ version: toolBuildId(), entries: this.entries } satisfies CacheFile));
      return undefined;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    }
  }
}
