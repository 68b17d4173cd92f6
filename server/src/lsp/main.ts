// Entry of dist/server.js. Transport from the command line, as every LSP client expects:
// --stdio, --node-ipc or --socket=PORT (vscode-languageserver reads them).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
