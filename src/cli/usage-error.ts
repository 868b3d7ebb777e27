/** A mistake in the command line: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  /**
   * Whether the message ends with "(add --help for usage)": true for a wrong command line, false
   * when the command line was right and the environment was not (a port already taken).
   */
  readonly helpHint: boolean;

  constructor(message: string, options: { helpHint?: boolean } = {}) {
    super(message);
    this.helpHint = options.helpHint ?? true;
  }
}

/**
 * A command that ran but did not fully succeed (rows that did not land, a record that is not there):
 * exit code 1, like an API error. Its message has been printed, or is printed as `intercom: <message>`.
 */
export class CommandFailed extends Error {
  override name = 'CommandFailed';
  constructor(
    message: string,
    /** True when the details were already printed: only the exit code is left to set. */
    readonly reported = false,
  ) {
    super(message);
  }
}

/**
 * A command stopped by SIGINT or SIGTERM: exit code 128 + the signal's number (130, 143), as a
 * shell reports a process the signal ended. What it left behind has been said on stderr.
 */
export class CommandInterrupted extends Error {
  override name = 'CommandInterrupted';
  readonly exitCode: number;
  constructor(readonly signal: NodeJS.Signals) {
    super(`stopped by ${signal}`);
    this.exitCode = signal === 'SIGINT' ? 130 : 143;
  }
}
