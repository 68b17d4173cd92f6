// Entry of dist/server.js, the Node server. Transport from the command line, as every LSP
// client expects: --stdio, --node-ipc or --socket=PORT (vscode-languageserver reads them).
// The same file runs the analysis worker when started as one (node-worker.ts).
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { AnalysisWorker, type ToWorker } from './analysis-worker';
import { exposeGc, IdleCollector } from './idle-gc';
import { NODE_DISK, NODE_WORKSPACE } from './node-host';
import { nodeAnalysisWorker, WORKER_MARK } from './node-worker';
import { NODE_SCHEDULER } from './ports';
import { startServer } from './server';

if (!isMainThread && workerData === WORKER_MARK && parentPort) {
  const port = parentPort;
  // The worker's heap is its own: a burst of large documents grows it as the server's grows,
  // and it is given back the same way once the worker is idle (with 500 docs opened, 115 MB
  // of RSS stayed in the worker without it).
  const collector = new IdleCollector(exposeGc());
  const worker = new AnalysisWorker(
    (m) => port.postMessage(m),
    () => collector.touch(),
  );
  port.on('message', (m: ToWorker) => void worker.receive(m));
} else {
  const collector = new IdleCollector(exposeGc());
  startServer(createConnection(ProposedFeatures.all), {
    workspace: NODE_WORKSPACE,
    scheduler: NODE_SCHEDULER,
    worked: () => collector.touch(),
    shutdown: () => collector.dispose(),
    analysisWorker: nodeAnalysisWorker(__filename),
    disk: NODE_DISK,
  });
}
