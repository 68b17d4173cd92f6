// mldesign's additions to LSP, in one place for both ends: the server and the VS Code
// client, which bundles this file alone (so it imports nothing).

/** Pushed after each lint so a client can show coverage ("ML design 4/5"). */
export const COVERAGE_METHOD = 'mldesign/coverage';

export interface CoverageParams {
  uri: string;
  version: number;
  designDoc: boolean;
  reason: string;
  covered: number;
  required: number;
  sections: { id: string; title: string; level: string; state: string; line?: number }[];
  config: { file?: string; problems: number; fallback?: string };
}

/** Sent by a client when the workspace becomes trusted (packages may then be loaded). */
export const WORKSPACE_TRUST_METHOD = 'mldesign/workspaceTrust';

export interface WorkspaceTrustParams {
  trusted: boolean;
}

export interface InitializationOptions {
  /** false in an untrusted workspace (VS Code's Restricted Mode); trusted when absent. */
  workspaceTrusted?: boolean;
}

/** The code action kind of fix-all (LSP's source.fixAll, then the tool's name). */
export const FIX_ALL_KIND = 'source.fixAll.mldesign';
