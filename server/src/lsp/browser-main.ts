// Entry of dist/browser-server.js: the language server in a Web Worker, as VS Code for the
// Web (vscode.dev, github.dev) runs it. The same service and features as dist/server.js;
// files come through the client, and there is no idle collector (no gc() in a browser).
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { BrowserWorkspace } from './browser-host';
import { browserScheduler } from './ports';
import { READ_FILE_METHOD, type ReadFileParams, type ReadFileResult } from './protocol';
import { startServer } from './server';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, {
  workspace: new BrowserWorkspace((params) => connection.sendRequest<ReadFileResult>(READ_FILE_METHOD, params satisfies ReadFileParams)),
  scheduler: browserScheduler(),
});
