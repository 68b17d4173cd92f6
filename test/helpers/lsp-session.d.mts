// Types of lsp-session.mjs, for the TypeScript tests that use it.
import type { ChildProcess } from 'node:child_process';
import type {
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';

export declare const now: () => number;
export declare const delay: (ms: number) => Promise<void>;

export interface AttachOptions {
  /** The server process, when this side started it. */
  child?: ChildProcess;
  spawnedAt?: number;
  label?: string;
  /** The answer to workspace/configuration for a section; undefined: no configuration support. */
  configuration?: (section: string | undefined) => unknown;
  snippetEdits?: boolean;
  workDoneProgress?: boolean;
  /** The client says it has workspace folders (and sends their changes). */
  announceWorkspaceFolders?: boolean;
  workspaceFolders?: string[];
  /** Workspace folders as URIs of any scheme; overrides workspaceFolders. */
  workspaceFolderUris?: string[];
  initializationOptions?: Record<string, unknown>;
  initializeTimeoutMs?: number;
  /** false: start the server without initializing it (call initialize() later). */
  initialize?: boolean;
}

export interface StartOptions extends Omit<AttachOptions, 'child' | 'spawnedAt'> {
  serverJs: string;
  transport?: 'stdio' | 'ipc';
  nodeArgs?: string[];
}

export declare class LspSession {
  static start(options: StartOptions): Promise<LspSession>;
  static attach(connection: ProtocolConnection, options?: AttachOptions): Promise<LspSession>;
  readonly label: string;
  /** The server process, when this side started it. */
  readonly child: ChildProcess | undefined;
  readonly connection: ProtocolConnection;
  readonly spawnedAt: number;
  readonly published: Map<string, PublishDiagnosticsParams>;
  readonly arrived: Map<string, number>;
  /** Every publishDiagnostics, oldest first. */
  readonly history: PublishDiagnosticsParams[];
  readonly notifications: { method: string; params: unknown }[];
  readonly logs: { type: number; message: string }[];
  readonly errors: string[];
  readonly outOfOrder: number;
  stderr: string;
  readonly exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  readonly initializeResult: InitializeResult | undefined;
  readonly initializedAt: number | undefined;
  initialize(): Promise<void>;
  until<T>(check: () => T | undefined | false | null, what: string, timeoutMs?: number, also?: Promise<unknown>): Promise<T>;
  diagnostics(uri: string, version: number, timeoutMs?: number): Promise<{ params: PublishDiagnosticsParams; at: number }>;
  open(uri: string, text: string, languageId?: string, version?: number): Promise<void>;
  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void>;
  stop(): Promise<void>;
}
