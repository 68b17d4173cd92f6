// Entry of dist/cli.js: `mldesign lint PATH...`. Reads files, calls the core, prints.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze, applySettings, readSettings, reportOf, RULES_BY_ID, TOOL_VERSION, type DesignDocDetection } from '../core';
import { ConfigCache, NodeConfigHost, toPosix } from '../node/config-cache';
import { collectFiles, UsageError } from './files';
import { formatJson } from './formats/json';
import { formatText } from './formats/text';
import type { Formatter, LintResult } from './formats/types';

const FORMATS: Record<string, Formatter> = { text: formatText, json: formatJson };

const HELP = `mldesign ${TOOL_VERSION}: checks ML system design docs for the production concerns they leave out.

Usage:
  mldesign lint [PATH...]   Lint Markdown files and folders (default: .)

Options:
  -f, --format FORMAT       text (default) or json
      --all                 Lint every Markdown file, not only detected design docs
      --rule ID=SEVERITY    Set a rule's severity (error, warning, info, hint, off); repeatable
  -c, --config FILE         Use this config file instead of the nearest .mldesign.yaml
  -h, --help                Show this help
  -v, --version             Show the version

Exit codes: 0 no errors, 1 errors found, 2 usage or configuration error.
`;

export function main(argv: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        all: { type: 'boolean', default: false },
        rule: { type: 'string', multiple: true, default: [] },
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (e) {
    err(`mldesign: ${(e as Error).message}\nRun 'mldesign --help' for usage.\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(HELP);
    return 0;
  }
  if (values.version) {
    out(`${TOOL_VERSION}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command !== 'lint') {
    err(command ? `mldesign: unknown command '${command}'. Run 'mldesign --help'.\n` : HELP);
    return 2;
  }
  const formatter = FORMATS[values.format!];
  if (!formatter) {
    err(`mldesign: unknown format '${values.format}' (use ${Object.keys(FORMATS).join(' or ')}).\n`);
    return 2;
  }
  let files: string[];
  try {
    files = collectFiles(paths.length ? paths : ['.'], cwd);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`mldesign: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const rules: Record<string, string> = {};
  for (const r of values.rule ?? []) {
    const m = /^([a-z0-9-]+)=(error|warning|info|hint|off)$/.exec(r);
    if (!m || !RULES_BY_ID.has(m[1]!)) {
      err(`mldesign: bad --rule '${r}': use ID=SEVERITY with a known rule id (${[...RULES_BY_ID.keys()].join(', ')}) and error, warning, info, hint or off.\n`);
      return 2;
    }
    rules[m[1]!] = m[2]!;
  }
  const settings = readSettings({ rules });
  const root = toPosix(cwd);
  const explicit = values.config ? toPosix(path.resolve(cwd, values.config)) : undefined;
  if (explicit && !fs.existsSync(explicit)) {
    err(`mldesign: config file not found: ${values.config}\n`);
    return 2;
  }
  const configs = new ConfigCache(new NodeConfigHost(true));
  const detection: DesignDocDetection = values.all ? 'all' : 'auto';
  const results: LintResult[] = [];
  for (const file of files) {
    const shown = displayPath(file, cwd);
    const abs = toPosix(file);
    const fileRoot = abs.startsWith(root + '/') ? root : path.posix.dirname(abs);
    const config = applySettings(configs.forDocument(abs, fileRoot, explicit).config, settings);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`mldesign: cannot read ${shown}: ${(e as Error).message}\n`);
      return 2;
    }
    results.push({ path: shown, ...reportOf(analyze(text, { config, path: abs.slice(fileRoot.length + 1), detection })) });
  }
  out(formatter(results));
  // A broken config is a usage error: say where, lint with the defaults, exit 2.
  const problems = [...configs.problemsByFile().values()].flat();
  for (const p of problems) {
    err(`${displayPath(p.file, cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1} error ${p.message} (config; the built-in defaults were used)\n`);
  }
  if (problems.length) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
