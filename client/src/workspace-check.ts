// "mldesign: Check All Design Docs": asks the server to check every design doc of the
// workspace from the disk (mldesign/checkWorkspace); the server shows the progress, with a
// Cancel button, and publishes the findings into the Problems panel. Only a server that
// announces the check has it (the Node one): VS Code for the Web's server has no disk to walk
// with the CLI's rules, so there the command is hidden (the `mldesign.workspaceCheck`
// context key) and says why when run anyway. No analysis here.
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { CHECK_WORKSPACE_METHOD, WORKSPACE_CHECK_CAPABILITY, type WorkspaceCheckResult } from '../../server/src/lsp/protocol';

export const CHECK_WORKSPACE_COMMAND = 'mldesign.checkWorkspace';
const CONTEXT_KEY = 'mldesign.workspaceCheck';
export const UNAVAILABLE =
  'mldesign: Check All Design Docs needs the desktop extension (VS Code for the Web has no disk to walk as the CLI does). Run `npx mldesign lint` in a terminal or CI instead.';

/** Files watched for the check to stay current: Markdown and ignore files, and deletions of
 * anything (a deleted folder comes as one event for the folder). */
export function workspaceCheckWatchers(): vscode.FileSystemWatcher[] {
  return [
    vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,mdown,mkd}'),
    vscode.workspace.createFileSystemWatcher('**/{.gitignore,.mldesignignore}'),
    vscode.workspace.createFileSystemWatcher('**/*', true, true, false),
  ];
}

const available = (client: BaseLanguageClient) =>
  !!(client.initializeResult?.capabilities.experimental as Record<string, unknown> | undefined)?.[WORKSPACE_CHECK_CAPABILITY];

export function registerWorkspaceCheck(client: BaseLanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  /** Run in this session (by the command or the setting): after a server restart, again. */
  let wanted = false;
  const check = async (): Promise<WorkspaceCheckResult | undefined> => {
    if (!available(client)) {
      void vscode.window.showInformationMessage(UNAVAILABLE);
      return undefined;
    }
    wanted = true;
    const r = await client.sendRequest<WorkspaceCheckResult>(CHECK_WORKSPACE_METHOD);
    for (const f of r.unreadableFolders) output.warn(`Check All Design Docs: could not read ${f}; nothing in it was checked`);
    const summary = r.cancelled
      ? `mldesign: check cancelled after ${r.checked} of ${r.files} Markdown files`
      : `mldesign: checked ${r.files} Markdown files, ${r.withProblems} with problems`;
    output.info(summary);
    vscode.window.setStatusBarMessage(summary, 10_000);
    return r;
  };
  const started = () => {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, available(client));
    if (wanted || vscode.workspace.getConfiguration('mldesign').get<boolean>('checkWorkspaceOnStartup'))
      check().catch((e: Error) => output.error(`Check All Design Docs failed: ${e.message}`));
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CHECK_WORKSPACE_COMMAND, check),
    // Each start: the first, and after a restart (the server's check state is gone).
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) started();
    }),
  );
}
