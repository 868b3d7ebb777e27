import { IntercomError } from '../core/errors.js';
import { VERSION } from '../version.js';
import { demoCommand } from './demo.js';
import { sandboxCommand } from './sandbox-command.js';
import { UsageError } from './usage-error.js';
import { webhooksCommand } from './webhooks-command.js';

const HELP = `Usage: intercom <command> [options]

Commands:
  sandbox     run an Intercom API 1.x sandbox on loopback
  demo        the README tour against an embedded sandbox (no token needed)

Options:
  --version   print the version
  -h, --help  this help; 'intercom <command> --help' for a command's options
`;

/** Runs the CLI; resolves to the exit code (0 success, 1 API error, 2 usage error). */
export async function main(
  argv: string[],
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'sandbox':
        return await sandboxCommand(rest, out);
      case 'demo':
        return await demoCommand(out);
      case 'webhooks':
        return await webhooksCommand(rest, out, err);
      case '--version':
      case '-v':
        out.write(`${VERSION}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        out.write(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}'`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      err.write(`intercom: ${(error as Error).message}\n${command === undefined ? HELP : "Run 'intercom --help' for usage.\n"}`);
      return 2;
    }
    if (error instanceof IntercomError) {
      const details = [error.httpCode, error.applicationErrorCode, error.requestId && `request ${error.requestId}`].filter(
        Boolean,
      );
      err.write(`intercom: ${error.name}: ${error.message}${details.length ? ` (${details.join(', ')})` : ''}\n`);
      return 1;
    }
    throw error;
  }
}
