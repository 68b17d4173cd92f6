// The VS Code extension on the desktop (and wherever a Node extension host runs it): starts
// dist/server.js over node IPC. Everything else is the same in both builds (client.ts).
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, CLIENT_ID, deactivateClient } from './client';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  await activateClient(context, {
    runtime: 'node',
    create: (options) => ({ client: new LanguageClient(CLIENT_ID, 'mldesign', serverOptions, options), started: serverModule }),
  });
}

export const deactivate = deactivateClient;
