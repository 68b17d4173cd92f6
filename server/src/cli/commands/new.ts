import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { declaredFields, fieldLine, snippetToText, TEMPLATE_VERSION_KEY, yamlScalar } from '../../core';
import { ConfigCache, NodeConfigHost, toPosix } from '../../node/config-cache';
import { UsageError } from '../files';
import { lookupRoot } from '../run';
import { checkTarget, configOption, printConfigProblems, writeChecked, type Io } from './common';

export const NEW_HELP = `Usage: mldesign new PATH [--title TITLE] [--force]

Creates a design doc at PATH with every section of the configuration in force there
(the team's templates when it has them), ready to fill in. Its front matter starts at the
first review stage and holds every field the configuration requires, to fill in; when the
configuration has a templateVersion, it records it (template-version).

Options:
      --title TITLE   The doc's title (default: from the file name)
  -c, --config FILE   Use this config file instead of the nearest .mldesign.yaml
      --force         Overwrite an existing file
`;

export function newCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      title: { type: 'string' },
      config: { type: 'string', short: 'c' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(NEW_HELP);
    return 0;
  }
  const [target, ...extra] = positionals;
  if (!target || extra.length) throw new UsageError("'mldesign new' takes one PATH, e.g. mldesign new docs/churn-design.md");
  const abs = path.resolve(io.cwd, /\.(md|markdown)$/i.test(target) ? target : `${target}.md`);
  if (fs.existsSync(abs) && !values.force)
    throw new UsageError(`${path.relative(io.cwd, abs)} exists already; use --force to overwrite it`);
  const root = toPosix(io.cwd);
  const posix = toPosix(abs);
  const configs = new ConfigCache(new NodeConfigHost(true));
  const { config, loaded } = configs.forDocument(posix, lookupRoot(posix, root), configOption(values.config, io.cwd));
  if (printConfigProblems(io, loaded.problems, 'config')) return 2;
  const title = values.title ?? titleFromName(path.basename(abs));
  const body = config.sections.map((s) => `## ${s.title}\n\n${snippetToText(s.template).trim()}\n`).join('\n');
  // The template version it was written from, so the template-version rule and the report
  // can tell later what the set gained since. Quoted: YAML reads 2.10 as the number 2.1.
  const version = config.templateVersion === undefined ? '' : `${TEMPLATE_VERSION_KEY}: '${config.templateVersion}'\n`;
  // The first review stage (a doc starts there), and every field the team requires, each
  // with a placeholder the metadata rule reports until it is filled in.
  const status = config.stages?.[0]?.status ?? 'draft';
  const fields = declaredFields(config)
    .filter((f) => f.required && f.name !== 'status' && f.name !== 'mldesign' && f.name !== TEMPLATE_VERSION_KEY)
    .map((f) => fieldLine(config, f).text + '\n')
    .join('');
  const text = `---\nmldesign: true\nstatus: ${yamlScalar(status)}\n${fields}${version}---\n\n# ${title}\n\n${body}`;
  const shown = path.relative(io.cwd, abs);
  writeChecked(io, checkTarget(io, abs, shown, false), text, shown);
  const from = config.templateVersion === undefined ? '' : ` from template ${config.templateVersion}`;
  io.out(`Created ${path.relative(io.cwd, abs)} with ${config.sections.length} sections${from}.\n`);
  return 0;
}

function titleFromName(file: string): string {
  const words = file
    .replace(/\.(md|markdown)$/i, '')
    .replace(/[-_.]+/g, ' ')
    .trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Design doc';
}
