import type { Sandbox } from 'intercom-ts/sandbox';

/** A JSON object as the sandbox answered it. */
export type Json = Record<string, unknown>;

/** An answer of the sandbox: status and parsed JSON body (undefined when empty). */
export interface RawAnswer {
  status: number;
  body: Json | undefined;
}

/**
 * Sends one raw HTTP request to a sandbox, as any Intercom client would (Bearer token, JSON), and
 * returns the status and parsed body. For testing the sandbox itself, without our client in between.
 */
export async function call(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<RawAnswer> {
  const headers: Record<string, string> = { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as Json) };
}

/** The first error of an `error.list` answer. */
export function firstError(answer: RawAnswer): { code?: string; message?: string; field?: string } {
  const errors = answer.body?.errors;
  if (answer.body?.type !== 'error.list' || !Array.isArray(errors)) {
    throw new Error(`expected an error.list, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return errors[0] as { code?: string; message?: string; field?: string };
}

/** The items of a `X.list` answer under `key`. */
export function itemsOf(answer: RawAnswer, key: string): Json[] {
  const items = answer.body?.[key];
  if (!Array.isArray(items))
    throw new Error(`expected a list under '${key}', got ${answer.status} ${JSON.stringify(answer.body)}`);
  return items as Json[];
}

/** The value at `path` inside a parsed body (`pick(body, 'pages', 'next')`), or undefined. */
export function pick(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}
