// Fixtures carry their expectations in place: an HTML comment
//   <!-- expect missing-section(monitoring) empty-section -->
// states the findings expected on the line just above it (rule id, and the section id in
// parentheses when the finding names one). A fixture without such comments expects none.
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Analysis, type ResolvedConfig } from '../../server/src/core';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export interface Expectation {
  /** 0-based line the finding must be on. */
  line: number;
  ruleId: string;
  sectionId?: string;
}

const EXPECT = /<!--\s*expect\s+([^>]*?)\s*-->/g;

export function readExpectations(text: string): Expectation[] {
  const out: Expectation[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    for (const m of line.matchAll(EXPECT)) {
      for (const item of m[1]!.split(/\s+/)) {
        const parsed = /^([a-z0-9-]+)(?:\(([a-z0-9-]+)\))?$/.exec(item);
        if (!parsed) throw new Error(`bad expectation '${item}' on line ${i + 1}`);
        out.push({ line: i - 1, ruleId: parsed[1]!, ...(parsed[2] ? { sectionId: parsed[2] } : {}) });
      }
    }
  });
  return out;
}

/** Findings in the same shape as expectations, for one readable toEqual. */
export function actualFindings(analysis: Analysis): Expectation[] {
  return analysis.findings.map((f) => ({ line: f.range.start.line, ruleId: f.ruleId, ...(f.sectionId ? { sectionId: f.sectionId } : {}) }));
}

export function sortExpectations(list: Expectation[]): string[] {
  return list.map((e) => `${e.line + 1}: ${e.ruleId}${e.sectionId ? `(${e.sectionId})` : ''}`).sort();
}

export function fixtureFiles(ruleId: string): string[] {
  const dir = path.join(FIXTURES, 'rules', ruleId);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

/** Every line of `before` appears in `after`, in order: what a fix must guarantee. */
export function keepsAllLines(before: string, after: string): boolean {
  const want = before.split(/\r\n|\n|\r/);
  const have = after.split(/\r\n|\n|\r/);
  let j = 0;
  for (const line of want) {
    while (j < have.length && have[j] !== line) j++;
    if (j === have.length) return false;
    j++;
  }
  return true;
}

/** A config file of the fixtures, loaded through the real config loader (the fixtures
 * folder is its workspace). */
function fixturesConfigFile(file: string): ResolvedConfig {
  const read = (p: string) => (fs.existsSync(p) ? { text: fs.readFileSync(p, 'utf8') } : { missing: true as const });
  const loaded = loadConfig({ read, trusted: false }, file, FIXTURES);
  if (loaded.problems.length) throw new Error(`${file}: ${loaded.problems.map((p) => p.message).join('; ')}`);
  return loaded.config;
}

/** The config a rule's fixtures run with: its folder's config.yaml, else rules/base.yaml. */
export function fixtureConfig(ruleId: string): ResolvedConfig {
  const own = path.join(FIXTURES, 'rules', ruleId, 'config.yaml');
  return fixturesConfigFile(fs.existsSync(own) ? own : path.join(FIXTURES, 'rules', 'base.yaml'));
}

/** The test preset with missing recommended sections and content rules off
 * (test/fixtures/rules/base.yaml): what structure tests run with. */
export function requiredOnlyConfig(): ResolvedConfig {
  return fixtureConfig('__base__');
}

/** The test preset (test/fixtures/preset/preset.yaml): a small catalogue of the tests' own,
 * so tests do not change when the shipped catalogue does. Every rule at its default. */
export function testPreset(): ResolvedConfig {
  return fixturesConfigFile(path.join(FIXTURES, 'preset', 'preset.yaml'));
}

/** How many sections of a config are required. */
export function requiredCount(config: ResolvedConfig): number {
  return config.sections.filter((s) => s.level === 'required').length;
}

/** The fenced blocks of a Markdown page (``` or ~~~, any length), each with the `## `
 * heading it stands under and its info string. Headings inside fences are text. */
export function fencedBlocks(page: string): { heading: string; info: string; body: string }[] {
  const out: { heading: string; info: string; body: string }[] = [];
  let heading = '';
  let open: { fence: string; info: string; lines: string[] } | undefined;
  for (const line of page.split('\n')) {
    if (open) {
      if (line.trim() === open.fence) {
        out.push({ heading, info: open.info, body: open.lines.join('\n') + '\n' });
        open = undefined;
      } else open.lines.push(line);
      continue;
    }
    const fence = /^(`{3,}|~{3,})\s*(\S*)/.exec(line);
    if (fence) open = { fence: fence[1]!, info: fence[2]!, lines: [] };
    else if (line.startsWith('## ')) heading = line.slice(3).trim();
  }
  return out;
}

/** A rule page's runnable examples: the first ```markdown block under "## Bad" and under
 * "## Good", and the config both run with when the rule needs one to say anything (a
 * ```yaml block under "## Bad", e.g. a team's template version). */
export function docExamples(page: string): { bad?: string; good?: string; config?: string } {
  const blocks = fencedBlocks(page);
  const under = (heading: string, info: string) => blocks.find((b) => b.heading === heading && b.info === info)?.body;
  const config = under('Bad', 'yaml');
  return { bad: under('Bad', 'markdown'), good: under('Good', 'markdown'), ...(config ? { config } : {}) };
}

/** A config file's text resolved by the real loader, as if it were the workspace's
 * .mldesign.yaml (it may extend the presets, nothing on disk). */
export function configFromText(text: string): ResolvedConfig {
  const file = '/example/.mldesign.yaml';
  const loaded = loadConfig({ read: (p) => (p === file ? { text } : { missing: true as const }), trusted: false }, file, '/example');
  if (loaded.problems.length) throw new Error(loaded.problems.map((p) => p.message).join('; '));
  return loaded.config;
}

/** The first YAML block under a heading of docs/configuration.md, and the page from that
 * heading on: the examples the page shows are loaded by tests, so they stay valid. */
export function configurationExample(heading: string): { yaml: string; part: string } {
  const page = fs.readFileSync(path.resolve(__dirname, '../../docs/configuration.md'), 'utf8');
  const part = page.slice(page.indexOf(heading));
  return { yaml: /```yaml\n([\s\S]*?)```/.exec(part)![1]!, part };
}

/** A built-in preset's YAML as written (the bundles carry it parsed: scripts/builtin-files.mjs). */
export function presetYaml(name: string): string {
  return fs.readFileSync(path.resolve(__dirname, '../../server/presets', `${name}.yaml`), 'utf8');
}
