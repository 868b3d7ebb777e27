/**
 * The client every example uses. `intercom demo` and the test suite point it at a sandbox through
 * INTERCOM_BASE_URL and INTERCOM_TOKEN; set them to run an example against any Intercom API.
 * INTERCOM_API_VERSION picks the API version: `2.16` runs the same code on API 2.x (each call translated).
 */
import { type ApiVersion1x, type ApiVersion2x, Client } from 'intercom-ts';

/** The API version the examples speak: INTERCOM_API_VERSION (`'1.4'`, `'2.16'`...), else the app's default. */
export const apiVersion = (process.env.INTERCOM_API_VERSION || undefined) as ApiVersion1x | ApiVersion2x | undefined;

export const intercom = new Client({
  token: process.env.INTERCOM_TOKEN ?? 'sandbox-token',
  baseUrl: process.env.INTERCOM_BASE_URL ?? 'http://127.0.0.1:4010',
  apiVersion,
});

/** Prints one line of what happened. */
export function show(what: string, result: unknown): void {
  console.log(`  ${what} -> ${typeof result === 'string' ? result : JSON.stringify(result)}`);
}
