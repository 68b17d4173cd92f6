// mldesign/readFile, answered for the browser server (a Web Worker has no disk): config and
// template files read with vscode.workspace.fs, so in whatever scheme VS Code reads the
// workspace (vscode-vfs in github.dev, vscode-remote, vscode-test-web, file). The server
// asks only for paths inside the folder a config may read from; here a symbolic link is
// refused rather than followed, so a file linked from outside the workspace is not read.
import * as vscode from 'vscode';
import type { ReadFileParams, ReadFileResult } from '../../server/src/lsp/protocol';

export async function readFile({ uri, maxBytes }: ReadFileParams): Promise<ReadFileResult> {
  let target: vscode.Uri;
  try {
    target = vscode.Uri.parse(uri, true);
  } catch (e) {
    return { refused: `it has no valid URI (${(e as Error).message})` };
  }
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.type & vscode.FileType.SymbolicLink) return { refused: 'it is a symbolic link, which is not followed here' };
    if (!(stat.type & vscode.FileType.File)) return { refused: 'it is not a regular file' };
    if (stat.size > maxBytes) return { refused: `it is larger than ${maxBytes} bytes` };
    const bytes = await vscode.workspace.fs.readFile(target);
    if (bytes.byteLength > maxBytes) return { refused: `it is larger than ${maxBytes} bytes` };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
    } catch {
      return { refused: 'it is not valid UTF-8; save it as UTF-8' };
    }
  } catch (e) {
    if (e instanceof vscode.FileSystemError && (e.code === 'FileNotFound' || e.code === 'FileNotADirectory')) return { missing: true };
    return { refused: `cannot read it (${(e as Error).message})` };
  }
}
