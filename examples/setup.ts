/**
 * The client every example uses. `intercom demo` and the test suite point it at a sandbox through
 * INTERCOM_BASE_URL and INTERCOM_TOKEN; set them to run an example against any Intercom API.
 */
import { Client } from 'intercom-ts';

export const intercom = new Client({
  token: process.env.INTERCOM_TOKEN ?? 'sandbox-token',
  baseUrl: process.env.INTERCOM_BASE_URL ?? 'http://127.0.0.1:4010',
});

/** Prints one line of what happened. */
export function show(what: string, result: unknown): void {
  console.log(`  ${what} -> ${typeof result === 'string' ? result : JSON.stringify(result)}`);
}
