import type { Sandbox } from 'intercom-ts/sandbox';

/** A raw answer of the sandbox: status, body text, and the parsed JSON (undefined for an empty body). */
export interface RawAnswer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
}

/** Sends one request to a sandbox over HTTP, as any Intercom client would, and returns the raw answer. */
export async function raw(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(new URL(path, sandbox.url), {
    method,
    headers,
    body: body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text === '' ? undefined : JSON.parse(text) };
}

/** Resolves after `ms` milliseconds. */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
