// The HTML report (dist/cli.js report --format html) opened in headless Chromium: it loads
// nothing from anywhere, logs no error (a Content-Security-Policy violation would be one),
// runs no injected handler, shows hostile text as text, and its sort script works under
// its own CSP. Skipped when Debian's Chromium is not installed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.mjs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { tempWorkspace } from '../helpers/tmp';

const HAVE_CHROMIUM = fs.existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`report-browser.test.ts: skipped, no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const tmpdir = (files: Record<string, string>) => tempWorkspace(files, 'mldesign-report-browser-');

const ALERT = '<img src=x onerror=alert(1)>';
const FLAG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';

/** Worse than the hostile doc, so worst first and by path differ. */
const PARTIAL = `# Churn

## Goals

Keep 2% more subscribers.
`;

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!HAVE_CHROMIUM)('makes no request, logs no error, runs nothing injected and sorts on a click', async () => {
    const dir = tmpdir({
      '.mldesign.yaml': `extends: recommended\nsections:\n  - id: privacy\n    title: '${FLAG} Privacy'\n    level: recommended\n    guidance: How personal data is handled.\n`,
      [`${ALERT} design.md`]: `# Hostile ${SCRIPT}\n\n## Goals \\${FLAG}\n\nBe good.\n\n<!-- mldesign-not-applicable deployment: batch ${ALERT} only -->\n\n## Monitoring \\${ALERT}\n\nDashboards.\n`,
      'z-partial-design.md': PARTIAL,
    });
    const r = runCli(['report', '--format', 'html', '--title', `Review ${SCRIPT}`, '--output', 'report.html'], dir, {
      MLDESIGN_REPORT_DATE: '2026-01-01',
    });
    expect(r.code, r.stderr).toBe(0);
    const url = pathToFileURL(path.join(dir, 'report.html')).href;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (req) => requests.push(req.url()));
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('dialog', (d) => {
        problems.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(300); // late requests (favicon, prefetch) would show up here

      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
      expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
      expect(await page.locator('img, iframe, object, embed, link').count()).toBe(0);
      expect(await page.locator('script').count()).toBe(1);
      // Hostile text shows as text: in the title, the file name, a heading tooltip, a config section.
      expect(await page.title()).toBe(`Review ${SCRIPT}`);
      expect(await page.locator('tbody th', { hasText: `${ALERT} design.md` }).count()).toBe(1);
      expect(await page.locator(`td[title*='Monitoring ${ALERT}']`).count()).toBe(1);
      expect(await page.locator('.bars .name', { hasText: `${FLAG} Privacy` }).count()).toBe(1);

      // Worst first; a click on "Design doc" sorts by path, a second click reverses.
      const paths = () => page.locator('tbody th').allTextContents();
      expect(await paths()).toEqual(['z-partial-design.md', `${ALERT} design.md`]);
      const byPath = page.locator('thead button', { hasText: 'Design doc' });
      await byPath.click();
      expect(await paths()).toEqual([`${ALERT} design.md`, 'z-partial-design.md']);
      expect(await page.locator('thead th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
      await byPath.click();
      expect(await paths()).toEqual(['z-partial-design.md', `${ALERT} design.md`]);
      expect(await page.locator('thead th[aria-sort]').getAttribute('aria-sort')).toBe('descending');

      expect(requests).toEqual([url]);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
