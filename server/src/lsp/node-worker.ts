// The analysis worker as a Node worker thread: the same bundle (dist/server.js) started again
// in a thread, where main.ts runs the worker side instead of a server (one file in the
// .vsix, nothing more to ship). The thread's heap is capped: a parse that would take more
// ends the worker (out of memory), not the server.
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './analysis-worker';
import type { StartWorker } from './worker-queue';

/** Old-generation cap of the worker thread: a 20,000-row table takes micromark ~740 MB;
 * beyond this the worker ends with ERR_WORKER_OUT_OF_MEMORY and the doc is reported skipped. */
const WORKER_HEAP_MB = 2048;

export const WORKER_MARK = 'mldesign-analysis-worker';

export function nodeAnalysisWorker(script: string): StartWorker {
  return (events) => {
    const options: WorkerOptions = {
      workerData: WORKER_MARK,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      // The server's own flags (--inspect, --cpu-prof) are not the worker's.
      execArgv: [],
      stdout: false,
      stderr: false,
    };
    const worker = new Worker(script, options);
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      events.exit(reason);
    };
    worker.on('message', (m: FromWorker) => events.message(m));
    worker.on('error', (e: Error & { code?: string }) =>
      end(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `${e.name}: ${e.message}`),
    );
    worker.on('exit', (code) => end(`exited with code ${code}`));
    return {
      post: (m: ToWorker) => worker.postMessage(m),
      terminate: () => {
        ended = true;
        void worker.terminate();
      },
    };
  };
}
