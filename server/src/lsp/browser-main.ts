// Entry of dist/browser-server.js: the language server in a Web Worker, as VS Code for the
// Web (vscode.dev, github.dev) runs it. The same service and features as dist/server.js;
// files come through the client, and there is no idle collector (no gc() in a browser).
// The same file runs the analysis worker when the server starts it as one (web-worker.ts).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { AnalysisWorker, type ToWorker } from './analysis-worker';
import { BrowserWorkspace } from './browser-host';
import { browserScheduler } from './ports';
import { READ_FILE_METHOD, type ReadFileParams, type ReadFileResult } from './protocol';
import { startServer } from './server';
import { WEB_WORKER_NAME, webAnalysisWorker, type WebWorkerConstructor } from './web-worker';

/** What is used of the worker's global scope (no DOM lib here). */
interface WorkerScope {
  name?: string;
  location?: { href: string };
  Worker?: WebWorkerConstructor;
  onmessage: ((e: { data: unknown }) => void) | null;
  postMessage(m: unknown): void;
}
declare const self: WorkerScope;
type Port = ConstructorParameters<typeof BrowserMessageReader>[0];

if (self.name === WEB_WORKER_NAME) {
  const worker = new AnalysisWorker((m) => self.postMessage(m));
  self.onmessage = (e: { data: unknown }) => void worker.receive(e.data as ToWorker);
} else {
  const connection = createConnection(
    ProposedFeatures.all,
    new BrowserMessageReader(self as unknown as Port),
    new BrowserMessageWriter(self as unknown as Port),
  );
  const script = self.location?.href;
  startServer(connection, {
    workspace: new BrowserWorkspace((params) => connection.sendRequest<ReadFileResult>(READ_FILE_METHOD, params satisfies ReadFileParams)),
    scheduler: browserScheduler(),
    // Where the browser has no Worker in a worker, every document is analysed here.
    ...(self.Worker && script ? { analysisWorker: webAnalysisWorker(self.Worker, script) } : {}),
  });
}
