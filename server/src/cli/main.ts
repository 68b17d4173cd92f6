// Entry of dist/cli.js: `mldesign lint|report|init|new`. Parses arguments, calls the
// commands, turns usage errors into exit code 2. The same file runs as a lint worker process.
import v8 from 'node:v8';
import { TOOL_VERSION } from '../core';
import { initCommand } from './commands/init';
import { lintCommand } from './commands/lint';
import { newCommand } from './commands/new';
import { reportCommand } from './commands/report';
import type { Io } from './commands/common';
import { visible } from './escape';
import { UsageError } from './files';
import { WORKER_ENV, workerMain, YOUNG_GENERATION_MB } from './run';
import { readAtMostFrom } from './stdin';

const HELP = `mldesign ${TOOL_VERSION}: checks ML system design docs for the production concerns they leave out.

Usage:
  mldesign lint [PATH|GLOB...]     Lint design docs (default: the current folder)
  mldesign report [PATH|GLOB...]   Coverage matrix of every design doc (md, html, json)
  mldesign init                    Write a starter .mldesign.yaml and the templates to edit
  mldesign new PATH                Create a design doc from the templates

Run 'mldesign COMMAND --help' for a command's options.
  -h, --help       Show this help
  -v, --version    Show the version
`;

const COMMANDS: Record<string, { run: (argv: string[], io: Io) => number | Promise<number> }> = {
  lint: { run: lintCommand },
  report: { run: reportCommand },
  init: { run: initCommand },
  new: { run: newCommand },
};

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.out(HELP);
    return command === undefined ? 2 : 0;
  }
  if (command === '-v' || command === '--version') {
    io.out(`${TOOL_VERSION}\n`);
    return 0;
  }
  const cmd = COMMANDS[command];
  if (!cmd) {
    io.err(`mldesign: unknown command '${visible(command)}'. Run 'mldesign --help'.\n`);
    return 2;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (e instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))) {
      // Messages name paths and link targets a repository chose.
      io.err(`mldesign ${command}: ${visible((e as Error).message)}\nRun 'mldesign ${command} --help' for usage.\n`);
      return 2;
    }
    // An I/O error no command expected (the working folder removed, a full disk) is said
    // plainly: it is the system's, not a bug to report with a stack trace.
    if (e instanceof Error && typeof (e as NodeJS.ErrnoException).syscall === 'string') {
      io.err(`mldesign ${command}: ${visible(e.message)}\n`);
      return 2;
    }
    throw e;
  }
}

if (process.env[WORKER_ENV] === '1' && process.send) {
  workerMain({ on: (e, f) => process.on(e, f), send: (v) => process.send!(v) });
} else if (require.main === module) {
  // As for the workers (see run.ts): room for short-lived objects, set before they exist.
  v8.setFlagsFromString(`--max-semi-space-size=${YOUNG_GENERATION_MB / 3}`);
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    readStdin: (max) => readAtMostFrom(process.stdin, max),
  };
  main(process.argv.slice(2), io).then(
    (code) => (process.exitCode = code),
    (e) => {
      process.stderr.write(`mldesign: internal error: ${(e as Error).stack ?? e}\nPlease report it with the command you ran.\n`);
      process.exitCode = 2;
    },
  );
}
