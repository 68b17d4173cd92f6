// What both builds of the extension do around their language client: its options, the log
// channel, the language status item, the commands, passing workspace trust, and restarting a
// crashed server. extension.ts (Node) and browser.ts (VS Code for the Web) only say how the
// server is started. No analysis here: everything a user sees comes from the server.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type BaseLanguageClient, type LanguageClientOptions } from 'vscode-languageclient';
import {
  COVERAGE_METHOD,
  FIX_ALL_KIND,
  WORKSPACE_TRUST_METHOD,
  type CoverageParams,
  type InitializationOptions,
  type WorkspaceTrustParams,
} from '../../server/src/lsp/protocol';
import { coverageStatus, type ServerRuntime, type StatusAction, type StatusSeverity } from './coverage-status';
import { RestartPolicy } from './restart-policy';
import { documentSelector, isPullRequestBase } from './schemes';
import { registerWorkspaceCheck, workspaceCheckWatchers } from './workspace-check';

export const CLIENT_ID = 'mldesign';

/** How a build starts its server. */
export interface ServerLauncher {
  runtime: ServerRuntime;
  /** The language client, with this build's transport, and what the log says was started. */
  create(options: LanguageClientOptions, output: vscode.LogOutputChannel): { client: BaseLanguageClient; started: string };
  /** After the client is stopped for good (the browser build ends its Web Worker). */
  dispose?(): void;
}

let running: { client: BaseLanguageClient; launcher: ServerLauncher } | undefined;

export async function activateClient(context: vscode.ExtensionContext, launcher: ServerLauncher): Promise<BaseLanguageClient> {
  const output = vscode.window.createOutputChannel('mldesign', { log: true });
  const restarts = new RestartPolicy();
  const status = new CoverageStatus(launcher.runtime);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: {
      // Configs and templates changed on disk (git checkout, another editor) re-check open docs;
      // Markdown files changed on disk keep the workspace check current.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{.mldesign.yaml,.mldesign.yml,.mldesign.json,.mldesign/**}'),
        ...workspaceCheckWatchers(),
      ],
    },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    outputChannel: output,
    // A crash is reported in the output channel and the status item, never in a pop-up.
    revealOutputChannelOn: 4 /* RevealOutputChannelOn.Never */,
    middleware: {
      // The base side of a pull request's diff is not what is under review.
      didOpen: (doc, next) => (isPullRequestBase(doc.uri.scheme, doc.uri.query) ? Promise.resolve() : next(doc)),
    },
    errorHandler: {
      error: (error, _message, count) => {
        output.error(`Connection to the mldesign server failed: ${error.message}`);
        return { action: (count ?? 0) <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        const decision = restarts.onCrash();
        if (decision.restart) output.warn(decision.message);
        else output.error(decision.message);
        if (!decision.restart) status.serverStopped(decision.message);
        return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  const { client, started } = launcher.create(clientOptions, output);
  running = { client, launcher };

  context.subscriptions.push(
    output,
    status,
    client.onNotification(COVERAGE_METHOD, (p: CoverageParams) => status.update(p)),
    vscode.window.onDidChangeActiveTextEditor(() => status.render()),
    vscode.workspace.onDidCloseTextDocument((d) => status.forget(d.uri.toString())),
    vscode.commands.registerCommand('mldesign.fixAll', () =>
      vscode.commands.executeCommand('editor.action.sourceAction', { kind: FIX_ALL_KIND, apply: 'first' }),
    ),
    vscode.commands.registerCommand('mldesign.restartServer', async () => {
      output.info('Restarting the mldesign language server');
      restarts.reset();
      status.serverRunning();
      // Stop, then start (what the Node client's restart() does; the browser's has none).
      if (client.isRunning()) await client.stop();
      await client.start();
    }),
    vscode.commands.registerCommand('mldesign.showOutput', () => output.show(true)),
    registerWorkspaceCheck(client, output),
    // Restricted Mode ends: packages in node_modules may now be loaded.
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void client.sendNotification(WORKSPACE_TRUST_METHOD, { trusted: true } satisfies WorkspaceTrustParams),
    ),
  );
  await client.start();
  output.info(`mldesign language server started (${started})`);
  return client;
}

export async function deactivateClient(): Promise<void> {
  const r = running;
  running = undefined;
  await r?.client.stop();
  r?.launcher.dispose?.();
}

const SEVERITY: Record<StatusSeverity, vscode.LanguageStatusSeverity> = {
  error: vscode.LanguageStatusSeverity.Error,
  warning: vscode.LanguageStatusSeverity.Warning,
  information: vscode.LanguageStatusSeverity.Information,
};

function command(action: StatusAction): vscode.Command {
  switch (action.kind) {
    case 'show-output':
      return { title: 'Show output', command: 'mldesign.showOutput' };
    case 'open-config':
      // The URI opens it in any scheme (vscode-vfs in github.dev); a path only on disk.
      return {
        title: 'Open config',
        command: 'vscode.open',
        arguments: [action.uri ? vscode.Uri.parse(action.uri) : vscode.Uri.file(action.file)],
      };
    case 'fix-all':
      return { title: 'Add missing sections', command: 'mldesign.fixAll' };
  }
}

/** The language status item: "ML design 4/5" for the active design doc. */
class CoverageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('mldesign.coverage', { language: 'markdown' });
  private readonly byUri = new Map<string, CoverageParams>();
  private stopped: string | undefined;

  constructor(private readonly runtime: ServerRuntime) {
    this.item.name = 'mldesign coverage';
    this.render();
  }

  serverStopped(message: string): void {
    this.stopped = message;
    this.render();
  }

  serverRunning(): void {
    this.stopped = undefined;
    this.render();
  }

  update(p: CoverageParams): void {
    this.byUri.set(p.uri, p);
    this.render();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
    this.render();
  }

  render(): void {
    if (this.stopped)
      return this.show('ML design: server stopped', this.stopped, vscode.LanguageStatusSeverity.Error, {
        title: 'Restart',
        command: 'mldesign.restartServer',
      });
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const view = coverageStatus(uri ? this.byUri.get(uri) : undefined, this.runtime);
    this.show(view.text, view.detail, SEVERITY[view.severity], view.action && command(view.action));
  }

  private show(text: string, detail: string, severity: vscode.LanguageStatusSeverity, command: vscode.Command | undefined): void {
    this.item.text = text;
    this.item.detail = detail;
    this.item.severity = severity;
    this.item.command = command;
  }

  dispose(): void {
    this.item.dispose();
  }
}
