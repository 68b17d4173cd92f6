// The npm package as a user gets it: `npm pack` of this repository, installed from the tarball
// into an empty project with no network, then `npx mldesign lint` there. README's install
// lines are these commands.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { tempDir } from '../helpers/tmp';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const TARBALL = `mldesign-${pkg.version}.tgz`;

/** npm as a user runs it: none of the npm_* variables `npm test` sets for its scripts (they
 * would point npm at this repository), and a cache of its own, so nothing comes from ours. */
function npm(args: string[], cwd: string, cache: string, command = 'npm') {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env['npm_config_cache'] = cache;
  env['npm_config_update_notifier'] = 'false';
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const DOC = `# Search ranking

## Goals

Raise click-through by 3 % on the results page.

## Data

Click logs, 90 days, labelled by clicks.

## Serving

Online, p99 under 80 ms.
`;

describe('npm pack', () => {
  it('installs from the tarball offline into an empty project, and `npx mldesign lint` runs there', () => {
    const work = tempDir('mldesign-pack-');
    const cache = path.join(work, 'npm-cache');
    const packed = path.join(work, 'pack');
    fs.mkdirSync(packed);
    // --ignore-scripts: `npm test` has just built dist/, and prepack's build would rewrite
    // the bundles under the CLI tests running beside this one.
    const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packed], ROOT, cache);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[]; size: number }[];
    expect(info!.filename).toBe(TARBALL);
    // Only what runs: the CLI, the language server for other editors, the config schema.
    expect(info!.files.map((f) => f.path).sort()).toEqual([
      'LICENSE',
      'README.md',
      'dist/cli.js',
      'dist/server.js',
      'package.json',
      'schemas/mldesign.schema.json',
    ]);

    const project = path.join(work, 'project');
    fs.mkdirSync(path.join(project, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(project, 'docs', 'search-ranking-design.md'), DOC);
    const install = npm(['install', '--save-dev', '--offline', '--no-audit', '--no-fund', path.join(packed, TARBALL)], project, cache);
    expect(install.code, install.stderr).toBe(0);
    // Nothing else was installed: the package has no runtime dependencies.
    const lock = JSON.parse(fs.readFileSync(path.join(project, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
    expect(Object.keys(lock.packages).sort()).toEqual(['', 'node_modules/mldesign']);

    const lint = npm(['mldesign', 'lint', '--format', 'text', 'docs/'], project, cache, 'npx');
    expect(lint.stderr).toBe('');
    expect(lint.stdout.split('\n').filter((l) => / warning /.test(l))).toEqual([
      "docs/search-ranking-design.md:1:1 warning No 'Monitoring' section missing-section",
      "docs/search-ranking-design.md:1:1 warning No 'Model updates' section missing-section",
    ]);
    expect(lint.code).toBe(0);
  }, 240_000);

  it("README's install lines are the ones this test runs", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain('npm ci && npm pack ');
    expect(readme).toContain(`npm install --save-dev /path/to/${TARBALL} `);
    expect(readme).toContain('npx mldesign lint docs/');
  });
});
