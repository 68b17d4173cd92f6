// Review stages (config `stages`, issue 18): a doc's front matter `status` names its stage,
// and the sections and topics of that stage and every earlier one become required. The
// analysis runs with the stage's configuration: the same catalogue with those sections
// required and the others recommended, those topics required, and placeholder-text at the
// stage's severity. Without stages, or for a status that is no stage, the configuration
// applies as written.
import type { ResolvedConfig, RuleSeverity, SectionDef, StageDef } from './config/types';
import { escapeMarkdown } from './guidance';

/** The index of the stage a front matter `status` names (case ignored), or -1. */
export function stageIndex(config: ResolvedConfig, status: unknown): number {
  if (!config.stages || typeof status !== 'string') return -1;
  const key = status.trim().toLowerCase();
  return config.stages.findIndex((s) => s.status.toLowerCase() === key);
}

/** A doc's front matter `status`, and the review stage it names when the config has stages:
 * what a reviewer reads next to the doc's coverage (at `review`, fewer sections are required
 * than at `approved`). */
export interface DocStatus {
  /** As written, trimmed (at most MAX_STATUS_CHARS). */
  value: string;
  /** The stage it names: its 1-based place among the config's stages. */
  stage?: { n: number; of: number };
}

/** Longer is no status a team would write; the report's column stays narrow. */
const MAX_STATUS_CHARS = 40;

/** The doc's status, when its front matter has a `status` that is a non-empty string. */
export function docStatus(config: ResolvedConfig, frontMatter: Record<string, unknown> | undefined): DocStatus | undefined {
  const raw = frontMatter?.['status'];
  if (typeof raw !== 'string' || !raw.trim()) return undefined;
  const value = raw.trim();
  const index = stageIndex(config, value);
  return {
    value: value.length > MAX_STATUS_CHARS ? `${value.slice(0, MAX_STATUS_CHARS - 1)}…` : value,
    ...(index === -1 ? {} : { stage: { n: index + 1, of: config.stages!.length } }),
  };
}

/** What a doc at stage `index` must have: every stage up to it, together. */
export interface StageRequirements {
  /** Section ids, in catalogue order. */
  sections: string[];
  /** `section/topic` ids. */
  topics: string[];
  placeholders?: RuleSeverity;
}

export function requirementsAt(staged: ResolvedConfig, index: number): StageRequirements {
  const config = base(staged);
  const stages = (config.stages ?? []).slice(0, index + 1);
  const listed = new Set(stages.flatMap((s) => (Array.isArray(s.sections) ? s.sections : [])));
  const all = stages.some((s) => s.sections === 'all');
  const sections = config.sections.filter((s) => listed.has(s.id) || (all && s.level === 'required')).map((s) => s.id);
  const topics = [...new Set(stages.flatMap((s) => s.topics))];
  const placeholders = stages.reduce<RuleSeverity | undefined>((sev, s) => s.placeholders ?? sev, undefined);
  return { sections, topics, ...(placeholders ? { placeholders } : {}) };
}

// One staged configuration per configuration and stage: its section list keeps its identity
// from one analysis to the next, so the matcher and template pieces cached per catalogue are
// built once per stage, not on every keystroke.
const staged = new WeakMap<ResolvedConfig, Map<number, ResolvedConfig>>();
/** Each staged configuration's own: what `sections: all` and the hover read (a staged one
 * has its later stages' sections lowered to recommended). */
const baseOf = new WeakMap<ResolvedConfig, ResolvedConfig>();
const base = (config: ResolvedConfig) => baseOf.get(config) ?? config;

/** The configuration a doc with this front matter is analysed with. */
export function configForStage(config: ResolvedConfig, frontMatter: Record<string, unknown> | undefined): ResolvedConfig {
  const index = stageIndex(config, frontMatter?.['status']);
  if (index === -1) return config;
  let byStage = staged.get(config);
  if (!byStage) staged.set(config, (byStage = new Map<number, ResolvedConfig>()));
  let result = byStage.get(index);
  if (!result) {
    byStage.set(index, (result = stageConfig(config, requirementsAt(config, index))));
    baseOf.set(result, config);
  }
  return result;
}

function stageConfig(config: ResolvedConfig, req: StageRequirements): ResolvedConfig {
  const required = new Set(req.sections);
  const sections = config.sections.map((s): SectionDef => {
    const level = required.has(s.id) ? 'required' : 'recommended';
    const topicIds = new Set(req.topics.filter((t) => t.startsWith(`${s.id}/`)).map((t) => t.slice(s.id.length + 1)));
    if (level === s.level && !s.topics.some((t) => topicIds.has(t.id) && !t.required)) return s;
    return { ...s, level, topics: s.topics.map((t) => (topicIds.has(t.id) ? { ...t, required: true } : t)) };
  });
  const rules = req.placeholders
    ? { ...config.rules, 'placeholder-text': { severity: req.placeholders, options: config.rules['placeholder-text']?.options ?? {} } }
    : config.rules;
  return { ...config, sections, rules };
}

/** The severity a doc's stage sets for a rule, which wins over the `status` severity map
 * (the stage is the more specific word); undefined when the stage sets none. */
export function stageSeverity(
  config: ResolvedConfig,
  frontMatter: Record<string, unknown> | undefined,
  ruleId: string,
): RuleSeverity | undefined {
  if (ruleId !== 'placeholder-text') return undefined;
  const index = stageIndex(config, frontMatter?.['status']);
  return index === -1 ? undefined : requirementsAt(config, index).placeholders;
}

/** Markdown for a hover on the front matter `status`: what this stage requires, and what
 * the next one adds. */
export function stageHelp(staged: ResolvedConfig, status: unknown): string | undefined {
  const config = base(staged);
  const stages = config.stages;
  if (!stages) return undefined;
  const index = stageIndex(config, status);
  const names = stages.map((s) => `\`${code(s.status)}\``).join(' → ');
  if (index === -1) return `**Review stages**: ${names}\n\n'${escapeMarkdown(typeof status === 'string' ? status : '')}' is none of them.`;
  const stage = stages[index]!;
  const now = requirementsAt(config, index);
  const lines = [
    `**Stage ${index + 1} of ${stages.length}: ${escapeMarkdown(stage.status)}**${stage.description ? ` · ${escapeMarkdown(stage.description)}` : ''}`,
    '',
    `Requires: ${describe(config, now, { sections: [], topics: [] })}`,
  ];
  const next: StageDef | undefined = stages[index + 1];
  if (next) lines.push('', `Next, **${escapeMarkdown(next.status)}** adds: ${describe(config, requirementsAt(config, index + 1), now)}`);
  else lines.push('', 'This is the last stage.');
  lines.push('', `Stages: ${names}`);
  return lines.join('\n');
}

/** What `req` asks beyond `before`, in words. */
function describe(config: ResolvedConfig, req: StageRequirements, before: StageRequirements): string {
  const title = (id: string) => escapeMarkdown(config.sections.find((s) => s.id === id)?.title ?? id);
  const topicTitle = (path: string) => {
    const [sectionId, topicId] = path.split('/');
    const section = config.sections.find((s) => s.id === sectionId);
    const topic = section?.topics.find((t) => t.id === topicId);
    return topic && section ? `${escapeMarkdown(topic.title)} (${escapeMarkdown(section.title)})` : escapeMarkdown(path);
  };
  const sections = req.sections.filter((s) => !before.sections.includes(s));
  const topics = req.topics.filter((t) => !before.topics.includes(t));
  const parts: string[] = [];
  if (sections.length) parts.push(`sections ${sections.map(title).join(', ')}`);
  if (topics.length) parts.push(`topics ${topics.map(topicTitle).join(', ')}`);
  if (req.placeholders && req.placeholders !== before.placeholders)
    parts.push(req.placeholders === 'off' ? 'placeholders allowed' : `placeholder text reported as ${req.placeholders}`);
  return parts.length ? parts.join('; ') : 'nothing more';
}

function code(text: string): string {
  return text.replace(/`/g, "'");
}
