import type { Sandbox } from 'intercom-ts/sandbox';

export { firstError } from './sandbox-http.js';

/** A raw answer of the sandbox: status, body text, and the parsed JSON (undefined for an empty body). */
export interface RawAnswer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
  /** The same as `json`. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

/**
 * Sends one request to a sandbox over HTTP, as any Intercom client would (Bearer token, JSON), and
 * returns the raw answer. A string body is sent as is (for malformed-JSON tests).
 */
export async function raw(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, sandbox.url), {
    method,
    headers,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text === '' ? undefined : JSON.parse(text);
  return { status: response.status, text, json, body: json };
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
