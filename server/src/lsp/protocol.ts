// mldesign's additions to LSP, in one place for both ends: the server and the VS Code
// client, which bundles this file. So it imports one file only, core/coverage-state.ts,
// which imports nothing: the states and their meaning are the core's, and a state added
// there reaches the client's exhaustive tables as a type error, not as a silent default.
import { isSatisfied, type CoverageState, type SectionLevel } from '../core/coverage-state';

export { isSatisfied, type CoverageState, type SectionLevel };

/** Pushed after each lint so a client can show coverage ("ML design 4/5"). */
export const COVERAGE_METHOD = 'mldesign/coverage';

/** One catalogue section as a document covers it. */
export interface CoverageSection {
  id: string;
  title: string;
  level: SectionLevel;
  state: CoverageState;
  /** The 0-based line of the heading that stands for the section, when there is one. */
  line?: number;
  /** Depth: how many of the section's topics the doc addresses, of how many. */
  topics: { addressed: number; total: number };
  /** Required topics the doc does not address (their titles). */
  missingTopics: string[];
}

export interface CoverageParams {
  uri: string;
  version: number;
  designDoc: boolean;
  reason: string;
  covered: number;
  required: number;
  /** Topics addressed across the required sections, of how many. */
  depth: { addressed: number; total: number };
  sections: CoverageSection[];
  /** The config file in force: its path, and its URI to open it in any scheme. */
  config: { file?: string; uri?: string; problems: number; fallback?: 'last-good' | 'default' };
}

/** Sent by a client when the workspace becomes trusted (packages may then be loaded). */
export const WORKSPACE_TRUST_METHOD = 'mldesign/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

export interface InitializationOptions {
  /** false in an untrusted workspace (VS Code's Restricted Mode); trusted when absent. */
  workspaceTrusted?: boolean;
  /** The Node server's analysis worker: documents of this many characters or more are
   * analysed there, and an analysis longer than the deadline is stopped. For tests and
   * benchmarks; the defaults suit editors. */
  workerThresholdChars?: number;
  analysisDeadlineMs?: number;
}

/** Sent by the browser server, which has no disk, to read a config or template file
 * through the editor (the client answers with vscode.workspace.fs, so any scheme VS Code
 * reads works: vscode-vfs in github.dev, vscode-test-web, file). */
export const READ_FILE_METHOD = 'mldesign/readFile';

export interface ReadFileParams {
  uri: string;
  /** A larger file is refused, not read. */
  maxBytes: number;
}

/** The file's text (UTF-8); missing: no such file; refused: why it was not read (not a
 * regular file, a symbolic link, too large, not UTF-8, unreadable). */
export type ReadFileResult = { text: string } | { missing: true } | { refused: string };

/** The code action kind of fix-all (LSP's source.fixAll, then the tool's name). */
export const FIX_ALL_KIND = 'source.fixAll.mldesign';

/** Sent by the client to check every design doc of the workspace from the disk (the
 * command "mldesign: Check All Design Docs"); answered when the check is done or cancelled.
 * Only a server that announces `experimental.mldesignWorkspaceCheck` handles it (the Node
 * server; the browser's has no disk to walk). */
export const CHECK_WORKSPACE_METHOD = 'mldesign/checkWorkspace';
export const WORKSPACE_CHECK_CAPABILITY = 'mldesignWorkspaceCheck';

export interface WorkspaceCheckResult {
  /** Markdown files the walk took (the CLI's selection). */
  files: number;
  /** Of those, checked in this run (an open document from its buffer, the others from the
   * disk); fewer when it was cancelled. */
  checked: number;
  /** Files with at least one finding published from the disk. */
  withProblems: number;
  cancelled: boolean;
  /** Folders that could not be listed (path and error code): nothing in them was checked. */
  unreadableFolders: string[];
}
