// docs/team-example/ is the repository README.md shows under "Team standards as code": a
// config with metadata, review stages, a template version and taught headings, and two docs.
// What README says the CLI prints there is what it prints, and its config is the one shown.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The body of README's code block that opens with `first` as its first line. */
function block(first: string): string {
  const start = README.indexOf('\n' + first + '\n');
  expect(start, `README has a block starting with ${first}`).toBeGreaterThan(-1);
  const body = start + first.length + 2;
  return README.slice(body, README.indexOf('\n```', body) + 1);
}

describe('the team example in README', () => {
  it('prints what README shows', () => {
    const r = runCli(['lint', 'docs/team-example'], ROOT, { NO_COLOR: '1', FORCE_COLOR: undefined });
    expect(r.stderr).toBe('');
    // One error: the approved doc's placeholder.
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(block('$ mldesign lint docs/team-example'));
    // Each part of the standard shows in it.
    for (const rule of ['metadata', 'template-version', 'missing-topic', 'placeholder-text']) expect(r.stdout).toContain(` ${rule}\n`);
  });

  it('shows the config it runs with, and the report shows each stage and groups the docs by template version', () => {
    const config = fs.readFileSync(path.join(ROOT, 'docs/team-example/.mldesign.yaml'), 'utf8');
    const shown = README.slice(README.indexOf('### Team standards as code'));
    for (const line of config.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith('$schema'))) expect(shown).toContain(line);
    const r = runCli(['report', 'docs/team-example'], ROOT);
    expect(r.stdout).toContain('| 2 (current) | docs/team-example/design/search-ranking-design.md |');
    // Each doc's review stage beside its coverage, as README says.
    expect(r.stdout).toMatch(/^\| docs\/team-example\/design\/churn-design\.md \| review \(stage 2 of 3\) \| .* \| 4\/4 \|$/m);
    expect(r.stdout).toMatch(/^\| docs\/team-example\/design\/search-ranking-design\.md \| approved \(stage 3 of 3\) \| .* \| 5\/5 \|$/m);
    for (const s of ['"review (stage 2 of 3)": 4/4', '"approved (stage 3 of 3)": 5/5']) expect(README.replace(/\s+/g, ' ')).toContain(s);
    expect(r.stdout).toContain('| 1 | docs/team-example/design/churn-design.md (lacks Model updates) |');
  });
});
