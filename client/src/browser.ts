// The VS Code extension in VS Code for the Web (vscode.dev, github.dev): a web extension
// host runs this in a Web Worker, with no Node and no disk. It starts
// dist/browser-server.js in a Web Worker of its own and reads config and template files for
// it (mldesign/readFile). Everything else is the same in both builds (client.ts).
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { READ_FILE_METHOD, type ReadFileParams } from '../../server/src/lsp/protocol';
import { activateClient, CLIENT_ID, deactivateClient } from './client';
import { readFile } from './read-file';

/** The Web Worker API of the extension host (VS Code lets an extension start workers). */
declare const Worker: new (url: string, options?: { name?: string }) => { terminate(): void };
type ServerWorker = InstanceType<typeof Worker>;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverUri = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser-server.js');
  const url = await scriptUrl(serverUri);
  let worker: ServerWorker | undefined;
  const client = await activateClient(context, {
    runtime: 'browser',
    create: (options) => ({
      // A new worker for each start, so a restart does not talk to the stopped one. The
      // transports are made here: VS Code wraps Worker in a function, so the client's own
      // `instanceof Worker` test fails for the worker it returns.
      client: new LanguageClient(
        CLIENT_ID,
        'mldesign',
        () => {
          worker?.terminate();
          worker = new Worker(url, { name: 'mldesign-server' });
          return Promise.resolve({ reader: new BrowserMessageReader(worker as never), writer: new BrowserMessageWriter(worker as never) });
        },
        options,
      ),
      started: `in a Web Worker: ${serverUri.toString(true)}`,
    }),
    dispose: () => worker?.terminate(),
  });
  context.subscriptions.push(client.onRequest(READ_FILE_METHOD, (p: ReadFileParams) => readFile(p)));
}

/** What a worker can load: the extension's own URL where it is served over http(s)
 * (vscode.dev, github.dev, vscode-test-web); elsewhere (a remote's vscode-remote: URI in
 * code-server) the script's text, read through VS Code, as a blob: URL. */
async function scriptUrl(uri: vscode.Uri): Promise<string> {
  if (uri.scheme === 'http' || uri.scheme === 'https') return uri.toString(true);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }));
}

export const deactivate = deactivateClient;
