/**
 * What a failure to listen on a port means to someone at a terminal (`intercom sandbox`, `intercom
 * webhooks listen`).
 *
 * @module
 */
import { UsageError } from './usage-error.js';

/**
 * A listen error as a usage error (exit 2) that says what happened and what to do, or the error
 * itself when it is none of the expected ones. The command line was right: no "add --help" hint.
 */
export function listenErrorOf(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new UsageError(
        `port ${port} on ${host} is taken by another program (EADDRINUSE): pass --port 0 to pick a free one`,
        {
          helpHint: false,
        },
      );
    case 'EACCES':
      return new UsageError(`not allowed to listen on ${where} (EACCES): pick a port above 1023, or --port 0 for a free one`, {
        helpHint: false,
      });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UsageError(`cannot listen on ${where} (${error.code}): --host must be an address of this machine`, {
        helpHint: false,
      });
    default:
      return error;
  }
}
