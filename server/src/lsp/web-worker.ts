// The analysis worker in the browser build: a Web Worker started from inside the server's own
// Web Worker, running the same bundle (dist/browser-server.js), which browser-main.ts turns
// into the worker side when the worker's name says so. It is started from the URL the server
// itself was loaded from, whatever that is: the extension's https: URL, the blob: URL the
// client made of the script's text (code-server), or the blob: bootstrap VS Code for the Web
// wraps every extension worker in (which loads the script again, by its own URL). A browser
// that refuses a nested worker (an old Safari, a content security policy) throws or reports
// an error before the worker is ready: the queue then gives up on it and the server analyses
// every document itself, as it did before it had a worker.
import type { FromWorker, ToWorker } from './analysis-worker';
import type { StartWorker } from './worker-queue';

/** The name the server gives its analysis worker: the worker's side of the bundle runs when
 * `self.name` is exactly this (VS Code for the Web renames the server's own worker, never
 * this one: it is started here, with the browser's own Worker). */
export const WEB_WORKER_NAME = 'mldesign-analysis-worker';

/** What is used of a browser's Web Worker (a global in a worker, typed here: no DOM lib). */
export interface WebWorkerLike {
  onmessage: ((e: { data: unknown }) => void) | null;
  onerror: ((e: { message?: string; preventDefault(): void }) => void) | null;
  onmessageerror: ((e: unknown) => void) | null;
  postMessage(m: unknown): void;
  terminate(): void;
}
export type WebWorkerConstructor = new (url: string, options: { name: string }) => WebWorkerLike;

export function webAnalysisWorker(WorkerClass: WebWorkerConstructor, scriptUrl: string): StartWorker {
  return (events) => {
    // Throws where nested workers are not allowed: the queue gives up on the worker then.
    const worker = new WorkerClass(scriptUrl, { name: WEB_WORKER_NAME });
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      worker.terminate();
      events.exit(reason);
    };
    worker.onmessage = (e) => {
      if (!ended) events.message(e.data as FromWorker);
    };
    worker.onerror = (e) => {
      // Handled here: not reported again as the server's own uncaught error.
      e.preventDefault();
      end(e.message ? `error: ${e.message}` : 'it failed to load');
    };
    worker.onmessageerror = () => end('a message from it could not be read');
    return {
      post: (m: ToWorker) => worker.postMessage(m),
      terminate: () => {
        ended = true;
        worker.terminate();
      },
    };
  };
}
