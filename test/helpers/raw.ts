import type { Sandbox } from 'intercom-ts/sandbox';

/** A raw answer of the sandbox: status and parsed JSON body (null when empty). */
export interface RawAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test code reads arbitrary JSON answers
  body: any;
}

/**
 * Sends one request to the sandbox as any HTTP client would (Bearer token, JSON), for tests of the
 * sandbox's own behaviour: exact statuses and bodies, without the client's mapping.
 */
export async function raw(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

/** Asserts an Intercom error answer and returns its first error. */
export function firstError(answer: RawAnswer): { code: string; message: string; field?: string } {
  if (answer.body?.type !== 'error.list') throw new Error(`expected an error.list, got ${JSON.stringify(answer.body)}`);
  return answer.body.errors[0];
}
