import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { builtinConfig, builtinPresetNames, DEFAULT_PRESET, DEFAULT_TEMPLATES_DIR } from '../../core';
import { UsageError } from '../files';
import { checkTarget, writeChecked, type Io } from './common';

export const INIT_HELP = `Usage: mldesign init [--preset NAME] [--force]

Writes a starter .mldesign.yaml and copies the built-in section templates into
${DEFAULT_TEMPLATES_DIR}/ for the team to edit. Never overwrites a file without --force.

Options:
      --preset NAME   Preset to extend: ${builtinPresetNames().join(', ')} (default ${DEFAULT_PRESET})
      --force         Overwrite existing files
`;

function starterConfig(preset: string): string {
  return `# mldesign team configuration: see docs/configuration.md for every key.
# The JSON Schema gives completion and validation in editors that read it.
# yaml-language-server: $schema=https://raw.githubusercontent.com/mldesign/mldesign/main/schemas/mldesign.schema.json
extends: ${preset}

# Section templates live in ${DEFAULT_TEMPLATES_DIR}/<section-id>.md: edit them there.

# Which Markdown files are design docs (default: detected automatically).
# include: ["docs/design/**/*.md"]
# exclude: ["**/drafts/**"]

# Add, rename or remove sections.
# sections:
#   - id: privacy-review
#     title: Privacy review
#     level: required
#     aliases: [Privacy, Data protection]
#     guidance: How personal data is collected, stored, retained and protected.
#     template: ${DEFAULT_TEMPLATES_DIR}/privacy-review.md

# Rule severities: off, hint, info, warning, error.
# rules:
#   missing-section: error

# Severity of every finding by the doc's front matter status.
# status:
#   draft: hint
#   approved: error
`;
}

export function initCommand(argv: string[], io: Io): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      preset: { type: 'string', default: DEFAULT_PRESET },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.out(INIT_HELP);
    return 0;
  }
  if (!builtinPresetNames().includes(values.preset))
    throw new UsageError(`unknown preset '${values.preset}' (use ${builtinPresetNames().join(', ')})`);
  const files = new Map<string, string>([['.mldesign.yaml', starterConfig(values.preset)]]);
  for (const s of builtinConfig(values.preset).sections) files.set(`${DEFAULT_TEMPLATES_DIR}/${s.id}.md`, s.template.trimEnd() + '\n');
  const existing = [...files.keys()].filter((f) => fs.existsSync(path.join(io.cwd, f)));
  if (existing.length && !values.force) {
    io.err(`mldesign: not written, these exist already: ${existing.join(', ')}\nRun 'mldesign init --force' to overwrite them.\n`);
    return 2;
  }
  // Every place checked before anything is written: a repository's links must not send a
  // template out of it, and a failure must not leave half a setup.
  const targets = [...files].map(([rel, text]) => ({ rel, text, target: checkTarget(io, rel, rel, false) }));
  for (const { rel, text, target } of targets) writeChecked(io, target, text, rel);
  io.out(
    `Wrote .mldesign.yaml and ${files.size - 1} templates in ${DEFAULT_TEMPLATES_DIR}/.\nEdit them, commit them, and every editor and CI run will use them.\n`,
  );
  return 0;
}
