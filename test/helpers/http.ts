import assert from 'node:assert/strict';
import http from 'node:http';

/** An answer as it came over the wire. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON, or undefined when it is empty or not JSON. */
  json: unknown;
}

export interface RawRequest {
  method?: string;
  /** Path with query string. */
  path: string;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Replaces the defaults (Bearer auth, JSON Accept); a `null` value removes a header. */
  headers?: Record<string, string | null>;
}

/**
 * One HTTP request on a fresh connection (no keep-alive, so a dropped connection never poisons the
 * next request), as any Intercom client would send it. Rejects when the connection is dropped.
 */
export function rawRequest(baseUrl: string, token: string, request: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
  }
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (value === null) delete headers[name.toLowerCase()];
    else headers[name.toLowerCase()] = value;
  }
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, method: request.method ?? 'GET', path: request.path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text === '' ? undefined : JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** A request function bound to a sandbox's URL and token. */
export function client(sandbox: { url: string; token: string }) {
  return (method: string, path: string, body?: unknown, headers?: Record<string, string | null>): Promise<RawResponse> =>
    rawRequest(sandbox.url, sandbox.token, {
      method,
      path,
      ...(body === undefined ? {} : { body }),
      ...(headers === undefined ? {} : { headers }),
    });
}

/** Asserts an Intercom `error.list` answer with one error of `code` (and `field`), and a request id. */
export function assertError(res: RawResponse, status: number, code: string, field?: string): void {
  assert.equal(res.status, status, `status (body: ${res.text})`);
  const body = res.json as { type?: unknown; request_id?: unknown; errors?: Array<Record<string, unknown>> };
  assert.equal(body?.type, 'error.list', res.text);
  assert.equal(typeof body.request_id, 'string');
  assert.match(body.request_id as string, /^[a-z2-7]{20}$/);
  assert.equal(res.headers['x-request-id'], body.request_id, 'the header and the body carry the same request id');
  assert.equal(body.errors?.length, 1, res.text);
  const error = body.errors?.[0] as Record<string, unknown>;
  assert.equal(error.code, code, res.text);
  assert.equal(typeof error.message, 'string');
  if (field !== undefined) assert.equal(error.field, field, res.text);
}

/** The body of a JSON answer, asserting its status. */
export function ok<T = Record<string, unknown>>(res: RawResponse, status = 200): T {
  assert.equal(res.status, status, `status (body: ${res.text})`);
  return res.json as T;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
