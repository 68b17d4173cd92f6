// The VS Code extension: starts the language server and shows what it reports. No analysis
// happens here; everything a user sees comes from dist/server.js over LSP.
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import {
  COVERAGE_METHOD,
  FIX_ALL_KIND,
  WORKSPACE_TRUST_METHOD,
  type CoverageParams,
  type InitializationOptions,
  type WorkspaceTrustParams,
} from '../../server/src/lsp/protocol';
import { coverageStatus, type StatusAction, type StatusSeverity } from './coverage-status';
import { RestartPolicy } from './restart-policy';

const CLIENT_ID = 'mldesign';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('mldesign', { log: true });
  const restarts = new RestartPolicy();
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      // Config files, so problems in them show where they are and edits apply at once.
      { scheme: 'file', pattern: '**/.mldesign.{yaml,yml,json}' },
    ],
    synchronize: {
      // Configs and templates changed on disk (git checkout, another editor) re-check open docs.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.mldesign.yaml,.mldesign.yml,.mldesign.json,.mldesign/**}'),
    },
    initializationOptions: { workspaceTrusted: vscode.workspace.isTrusted } satisfies InitializationOptions,
    outputChannel: output,
    // A crash is reported in the output channel and the status item, never in a pop-up.
    revealOutputChannelOn: 4 /* RevealOutputChannelOn.Never */,
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
  const status = new CoverageStatus();
  client = new LanguageClient(CLIENT_ID, 'mldesign', serverOptions, clientOptions);

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
      await client?.restart();
    }),
    vscode.commands.registerCommand('mldesign.showOutput', () => output.show(true)),
    // Restricted Mode ends: packages in node_modules may now be loaded.
    vscode.workspace.onDidGrantWorkspaceTrust(
      () => void client?.sendNotification(WORKSPACE_TRUST_METHOD, { trusted: true } satisfies WorkspaceTrustParams),
    ),
  );
  await client.start();
  output.info(`mldesign language server started (${serverModule})`);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
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
      return { title: 'Open config', command: 'vscode.open', arguments: [vscode.Uri.file(action.file)] };
    case 'fix-all':
      return { title: 'Add missing sections', command: 'mldesign.fixAll' };
  }
}

/** The language status item: "ML design 4/5" for the active design doc. */
class CoverageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('mldesign.coverage', { language: 'markdown' });
  private readonly byUri = new Map<string, CoverageParams>();
  private stopped: string | undefined;

  serverStopped(message: string): void {
    this.stopped = message;
    this.render();
  }

  serverRunning(): void {
    this.stopped = undefined;
    this.render();
  }

  constructor() {
    this.item.name = 'mldesign coverage';
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
    const view = coverageStatus(uri ? this.byUri.get(uri) : undefined);
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
