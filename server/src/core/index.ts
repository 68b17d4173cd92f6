// The core's public surface: lsp/ and cli/ import from here only.
export { analyze, DEFAULT_MAX_SIZE, fixHead, inFixAll, skippedAnalysis, type Analysis, type AnalyzeOptions } from './analyze';
export { applyFix, applyInsertions } from './apply';
export { deadlineSkip, DEFAULT_DEADLINE_MS, SLOW_DOCUMENT_CHARS } from './deadline';
export { builtinConfig, builtinFile, builtinPresetNames, DEFAULT_PRESET } from './config/builtin';
export type { ConfigProblem, ResolvedConfig, RuleSeverity, SectionDef } from './config/types';
export {
  CONFIG_FILE_NAMES,
  DEFAULT_TEMPLATES_DIR,
  findConfigFile,
  loadConfig,
  type ConfigHost,
  type HostRead,
  type LoadedConfig,
} from './config/load';
export { ConfigCache, isConfigFile, MAX_CONFIG_FILE_BYTES, type CachingConfigHost, type DocumentConfig } from './config/cache';
export { REPOSITORY_URL, ruleDocsUrl, TOOL_NAME, TOOL_VERSION } from './meta';
export type { CoverageEntry, DocModel } from './model';
export { RULES, RULES_BY_ID } from './rules';
export { PRESET_NAMES, type PresetName, type Rule, type RuleMeta } from './rules/types';
export { escapeSnippet, snippetToText } from './snippet';
export { comparePositions, editSpan, LineIndex, type EditSpan } from './text';
export * from './types';
export { applySettings, DEFAULT_SETTINGS, readSettings, type DesignDocDetection, type Settings } from './settings';
export {
  headingAtLine,
  headingCompletions,
  findingsHelp,
  sectionHelp,
  teamSnippets,
  templatePieces,
  type GuidanceCompletion,
} from './guidance';
export {
  countFindings,
  reportOf,
  requiredCoverage,
  topicDepth,
  type CoverageSummary,
  type FileReport,
  type TemplateSummary,
} from './result';
export type { Mention, TopicCoverage } from './topics';
export { COVERAGE_STATES, isSatisfied, SECTION_LEVELS, type CoverageState, type SectionLevel } from './coverage-state';
export { IncrementalParser } from './incremental';
export { declaredFields, fieldLine, frontMatterHelp, yamlScalar } from './metadata';
export { disableRuleTitle } from './fixes';
export { compareVersions, templateStatus, TEMPLATE_VERSION_KEY, type TemplateState, type TemplateStatus } from './template-version';
export type { DocStatus } from './stages';
export { isInside, joinPath, normalizePath } from './paths';
export { teachOffer, MAX_TEACH_SECTIONS, type TeachOffer } from './teach';
export { newConfigText, planConfigAddition, type ConfigAddition, type SectionListKey, type TextInsertion } from './config/edit';
