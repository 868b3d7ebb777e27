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
