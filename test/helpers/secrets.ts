/**
 * The token most of the suite authenticates with. scripts/test.mjs fails the run if it ever shows
 * up in the suite's output (an error message, a log line, an inspected object): the token must never
 * leak from the client.
 */
export const SUITE_TOKEN = 'tok_SUITE_SECRET_7f3a9c2e';
