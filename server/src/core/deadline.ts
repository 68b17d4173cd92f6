// How long one document's analysis may take, in the editor and in the CLI, and what a
// document that passes it is told. The core cannot stop itself (a parse inside micromark runs
// to its end); the faces run large documents where they can be stopped (a worker thread in
// the server, a worker process in the CLI) and use these.

/** A real 3.9 MB design doc (the size limit is 4 MB) took 8.3-9.2 s to analyse in full on a
 * loaded 2-core machine: it must not be cut off. (bench/README.md has the figures.) */
export const DEFAULT_DEADLINE_MS = 15_000;

/** Documents of this many characters or more are analysed where they can be stopped: below
 * it the known slow inputs stay under a second, above it they do not (bench/README.md). */
export const SLOW_DOCUMENT_CHARS = 16_000;

/** The skipped-content finding's message and detail for a document whose analysis was
 * stopped at the deadline; `then` says what happens next, in the face's words. */
export function deadlineSkip(deadlineMs: number, then: string): { message: string; detail: string } {
  return {
    message: `Not checked: analysis took over ${deadlineMs / 1000} s`,
    detail: `The Markdown parser is slow on some text (long runs of setext headings, huge tables, many unclosed links); the analysis was stopped ${then}`,
  };
}
