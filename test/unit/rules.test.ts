// Runs every rule's fixtures: findings must equal the fixture's inline expectations; the
// fix-all result is snapshotted, keeps every original line, and lints clean of what it fixed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { analyze, applyFix, builtinConfig, inFixAll, RULES, type ResolvedConfig } from '../../server/src/core';
import { validateConfig } from '../../server/src/core/config/validate';
import {
  actualFindings,
  configFromText,
  docExamples,
  fencedBlocks,
  fixtureConfig,
  fixtureFiles,
  keepsAllLines,
  readExpectations,
  sortExpectations,
} from '../helpers/fixtures';

for (const rule of RULES) {
  const id = rule.meta.id;
  describe(`rule ${id}`, () => {
    const files = fixtureFiles(id);
    const config: ResolvedConfig = fixtureConfig(id);
    const lint = (text: string, file: string) => analyze(text, { config, path: file, detection: 'all' });

    it('has fixtures that fire and fixtures that must not', () => {
      const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
      expect(
        texts.some((t) => readExpectations(t).some((e) => e.ruleId === id)),
        'a fixture where it fires',
      ).toBe(true);
      expect(
        texts.some((t) => readExpectations(t).every((e) => e.ruleId !== id)),
        'a fixture where it must not fire',
      ).toBe(true);
    });

    it('has a doc page', () => {
      const page = path.resolve(__dirname, '../../docs/rules', `${id}.md`);
      expect(fs.existsSync(page), page).toBe(true);
      expect(fs.readFileSync(page, 'utf8')).toMatch(new RegExp(`^# ${id}\\b`));
    });

    // The page's examples are documentation of the shipped preset, so they run against it
    // (on purpose: the fixtures above use the test preset), with this rule on.
    it("its doc page's Bad example fires and its Good example does not", () => {
      const examples = docExamples(fs.readFileSync(path.resolve(__dirname, '../../docs/rules', `${id}.md`), 'utf8'));
      const { bad, good } = examples;
      expect(bad, 'a ```markdown block under ## Bad').toBeDefined();
      expect(good, 'a ```markdown block under ## Good').toBeDefined();
      // A page whose rule needs a team's config shows it (extending a preset) above Bad.
      const shipped = withRuleOn(examples.config ? configFromText(examples.config) : builtinConfig('recommended'), id);
      // An excerpt of a doc ("## Goals ...") is read as part of one, under a title.
      const asDoc = (text: string) => (/^# /m.test(text) ? text : `# Example design\n\n${text}`);
      const fired = (text: string) =>
        analyze(asDoc(text), { config: shipped, path: 'example-design.md', detection: 'all' }).findings.filter((f) => f.ruleId === id);
      expect(fired(bad!).length, 'Bad fires').toBeGreaterThan(0);
      expect(
        fired(good!).map((f) => f.message),
        'Good does not fire',
      ).toEqual([]);
    });

    it("its doc page's YAML examples are valid configurations", () => {
      const page = fs.readFileSync(path.resolve(__dirname, '../../docs/rules', `${id}.md`), 'utf8');
      for (const block of fencedBlocks(page).filter((b) => b.info === 'yaml')) {
        expect(validateConfig(parseYaml(block.body)), block.body).toEqual([]);
      }
    });

    for (const file of files) {
      const name = path.basename(file);
      describe(name, () => {
        const text = fs.readFileSync(file, 'utf8');
        const analysis = lint(text, name);

        it('reports exactly the expected findings', () => {
          expect(sortExpectations(actualFindings(analysis))).toEqual(sortExpectations(readExpectations(text)));
        });

        it('fixes by inserting only, and the result lints clean of what was fixed', async () => {
          if (!analysis.fixAll) {
            expect(analysis.findings.filter(inFixAll)).toEqual([]);
            return;
          }
          const fixed = applyFix(text, analysis.fixAll);
          expect(keepsAllLines(text, fixed)).toBe(true);
          await expect(fixed).toMatchFileSnapshot(path.join(path.dirname(file), '__fixed__', name));
          const again = lint(fixed, name);
          expect(again.findings.filter(inFixAll).map((f) => f.message)).toEqual([]);
          // Fix-all is idempotent: nothing left to do.
          expect(again.fixAll).toBeUndefined();
        });

        it('applies every quick fix alone: it only inserts, and lints again without the finding', () => {
          for (const f of analysis.findings) {
            for (const fix of f.fixes) {
              const fixed = applyFix(text, fix);
              expect(keepsAllLines(text, fixed), fix.title).toBe(true);
              const count = (a: typeof analysis) =>
                a.findings.filter((x) => x.ruleId === f.ruleId && (x.sectionId ?? '') === (f.sectionId ?? '')).length;
              const after = count(lint(fixed, name));
              // A scaffold leaves the finding for the author to resolve; every other fix resolves it.
              if (fix.scaffold) expect(after, fix.title).toBe(count(analysis));
              else expect(after, `${fix.title} on line ${f.range.start.line + 1}`).toBeLessThan(count(analysis));
            }
          }
        });
      });
    }
  });
}

function withRuleOn(config: ResolvedConfig, id: string): ResolvedConfig {
  const setting = config.rules[id];
  const meta = RULES.find((r) => r.meta.id === id)!.meta;
  if (setting && setting.severity !== 'off') return config;
  return { ...config, rules: { ...config.rules, [id]: { severity: meta.defaultSeverity, options: setting?.options ?? {} } } };
}
