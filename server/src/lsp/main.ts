// Entry of dist/server.js, the Node server. Transport from the command line, as every LSP
// client expects: --stdio, --node-ipc or --socket=PORT (vscode-languageserver reads them).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { exposeGc, IdleCollector } from './idle-gc';
import { NODE_WORKSPACE } from './node-host';
import { NODE_SCHEDULER } from './ports';
import { startServer } from './server';

const collector = new IdleCollector(exposeGc());
startServer(createConnection(ProposedFeatures.all), {
  workspace: NODE_WORKSPACE,
  scheduler: NODE_SCHEDULER,
  worked: () => collector.touch(),
  shutdown: () => collector.dispose(),
});
