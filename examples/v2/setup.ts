/**
 * The 2.x client every 2.x example uses. The test suite points it at a sandbox (`intercom sandbox`)
 * through INTERCOM_BASE_URL and INTERCOM_TOKEN; set them to run an
 * example against any Intercom API 2.x.
 */
import { IntercomClient } from 'intercom-ts/v2';

export const client = new IntercomClient({
  token: process.env.INTERCOM_TOKEN ?? 'sandbox-token',
  baseUrl: process.env.INTERCOM_BASE_URL ?? 'http://127.0.0.1:4010',
});

/** Prints one line of what happened. */
export function show(what: string, result: unknown): void {
  console.log(`  ${what} -> ${typeof result === 'string' ? result : JSON.stringify(result)}`);
}
