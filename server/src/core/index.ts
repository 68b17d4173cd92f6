// The core's public surface: lsp/ and cli/ import from here only.
export { analyze, type Analysis, type AnalyzeOptions } from './analyze';
export { applyFix, applyInsertions } from './apply';
export { builtinConfig, builtinFile, builtinPresetNames, DEFAULT_PRESET } from './config/builtin';
export type { ResolvedConfig, SectionDef } from './config/types';
export { ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from './meta';
export type { CoverageEntry, DocModel } from './model';
export { RULES, RULES_BY_ID } from './rules';
export { escapeSnippet, snippetToText } from './snippet';
export { comparePositions, LineIndex } from './text';
export * from './types';
export { applySettings, DEFAULT_SETTINGS, readSettings, type DesignDocDetection, type Settings } from './settings';
export { headingAtLine, headingCompletions, sectionHelp, type HeadingCompletion } from './guidance';
