// Runs every rule's fixtures: findings must equal the fixture's inline expectations; the
// fix-all result is snapshotted, keeps every original line, and lints clean of what it fixed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, applyFix, inFixAll, RULES, type ResolvedConfig } from '../../server/src/core';
import { actualFindings, fixtureConfig, fixtureFiles, keepsAllLines, readExpectations, sortExpectations } from '../helpers/fixtures';

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
