/**
 * The `intercom` command. Commands are declared with commander (nested subcommands, `--help` on
 * each); each family registers itself from its own file through {@link COMMAND_FAMILIES}.
 *
 * Exit codes: 0 success, 1 an API error or a command that did not fully succeed, 2 a usage error
 * (or a command with no API 2.x equivalent, on `--api-version 2.x`), 130/143 a command (an export) stopped by SIGINT/SIGTERM.
 * Data goes to stdout; progress, notes and errors to stderr.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { IntercomError, InvalidParameterError, UnavailableOnApi2Error, VERSION } from '../index.js';
import { finishLeaves, GROUPS, group } from './command-kit.js';
import { addGlobalOptions, Cli, type CliIO, type Output } from './context.js';
import { registerConversationCommands } from './conversations-command.js';
import { demoCommand } from './demo.js';
import { registerExportCommands } from './export-command.js';
import { registerImportCommands } from './import-command.js';
import { OutputClosed } from './output.js';
import { registerReadCommands } from './read-commands.js';
import { registerSandboxCommand } from './sandbox-command.js';
import { registerSearchCommand } from './search-command.js';
import { CommandFailed, CommandInterrupted, UsageError } from './usage-error.js';
import { registerWebhookCommands } from './webhooks-command.js';
import { registerWriteCommands } from './write-commands.js';

/** Registers a family of commands on the program. */
export type RegisterCommands = (cli: Cli, program: Command) => void;

function registerDemoCommand(cli: Cli, program: Command): void {
  program
    .command('demo')
    .description('the README tour against an embedded sandbox (no token needed)')
    .action(async () => {
      await demoCommand(cli.io.stdout);
    });
}

/**
 * Every family of commands. A new family is a file with a {@link RegisterCommands} function, listed
 * here. `intercom webhooks ...` is one: src/cli/webhooks-command.ts exports
 * `registerWebhookCommands(cli, program)`, which declares `leaf(group(program, 'webhooks'), 'verify',
 * '...')` and `leaf(..., 'listen', ...)`; `webhooks` is in `GROUPS` of command-kit.ts (help lists the
 * groups in that order). `leaf()` gives a command the global options; in its handler (`handler()`),
 * `cli.globals(command)` are their values, `cli.client(command)` is the client they describe,
 * `cli.requestOptions(command)` the per-call options (`--request-timeout`), `cli.print`/`cli.printOne`
 * write records to stdout in the chosen format, and `cli.note`/`cli.warn` write messages to stderr.
 */
export const COMMAND_FAMILIES: readonly RegisterCommands[] = [
  registerReadCommands,
  registerSearchCommand,
  registerExportCommands,
  registerImportCommands,
  registerWriteCommands,
  registerConversationCommands,
  registerSandboxCommand,
  registerWebhookCommands,
  registerDemoCommand,
];

/** The program with every command, writing through `cli.io`. */
export function buildProgram(cli: Cli): Command {
  const program = new Command('intercom')
    .description(
      'The Intercom REST API 1.x from a terminal: read, search, export, import and write; on API 2.x too (--api-version 2.16).',
    )
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .helpCommand(false)
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (text) => cli.io.stdout.write(text),
      writeErr: (text) => cli.io.stderr.write(text),
      outputError: (text, write) => write(`intercom: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText(
      'after',
      '\nExit codes: 0 success, 1 API error (or rows that did not land), 2 usage error (or no API 2.x equivalent).\n' +
        'Data goes to stdout, progress and messages to stderr.\n',
    );
  addGlobalOptions(program);
  // The groups first, so that help lists them in the order of GROUPS.
  for (const name of Object.keys(GROUPS) as Array<keyof typeof GROUPS>) group(program, name);
  for (const register of COMMAND_FAMILIES) register(cli, program);
  finishLeaves(program);
  // `intercom help [command]`, at the top only (groups have --help).
  program.helpCommand('help [command]', 'show help for a command');
  return program;
}

/** The message of an API error, with Intercom's code and request id. */
function apiErrorText(error: IntercomError): string {
  const details = [
    error.httpCode === undefined ? undefined : `HTTP ${error.httpCode}`,
    error.applicationErrorCode,
    error.field === undefined ? undefined : `field ${error.field}`,
    error.requestId === undefined ? undefined : `request ${error.requestId}`,
  ].filter(Boolean);
  return `intercom: ${error.name}: ${error.message}${details.length ? ` (${details.join(', ')})` : ''}\n`;
}

/** Runs the CLI; resolves to the exit code (0 success, 1 API error, 2 usage error, 130/143 stopped by a signal). */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
  env: CliIO['env'] = process.env,
  more: Pick<CliIO, 'stdin' | 'clock'> = {},
): Promise<number> {
  const cli = new Cli({ stdout: out as Output, stderr: err as Output, env, ...more });
  // A closed pipe destroys stdout; the next write throws OutputClosed and the command stops.
  const ignore = (): void => {};
  out.on('error', ignore);
  const program = buildProgram(cli);
  try {
    if (argv.length === 0) {
      cli.io.stderr.write(program.helpInformation());
      return 2;
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return exitCode(cli, error);
  } finally {
    out.off('error', ignore);
    await cli.close();
  }
}

function exitCode(cli: Cli, error: unknown): number {
  const write = (text: string): void => {
    cli.clearProgress();
    cli.io.stderr.write(text);
  };
  // Whoever read stdout stopped reading (`intercom users export | head`): nothing is wrong.
  if (error instanceof OutputClosed) return 0;
  if (error instanceof CommanderError) {
    // Help and version asked for: success (exit code 0). Help shown because a command is missing,
    // or any parse error: usage error.
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof UsageError) {
    write(`intercom: ${error.message}\n${error.helpHint ? '(add --help for usage)\n' : ''}`);
    return 2;
  }
  // Caught by the client before anything was sent: a bad value on the command line.
  if (error instanceof InvalidParameterError) {
    write(`intercom: ${error.message}\n`);
    return 2;
  }
  // A command (or one of its options) with no API 2.x equivalent, refused before anything was sent.
  if (error instanceof UnavailableOnApi2Error) {
    // Its message names what 2.x lacks and what to use instead: "API 2.x has no <capability>: <alternative>".
    write(`intercom: ${error.message}\n`);
    return 2;
  }
  if (error instanceof IntercomError) {
    write(apiErrorText(error));
    return 1;
  }
  if (error instanceof CommandInterrupted) {
    write(`intercom: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof CommandFailed) {
    if (!error.reported) write(`intercom: ${error.message}\n`);
    return 1;
  }
  throw error;
}
