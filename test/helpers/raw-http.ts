/**
 * Raw HTTP on the loopback interface, without our client in between: requests to a server (the
 * sandbox, a CLI-started sandbox) answered as {@link RawAnswer}, and a {@link scriptedServer} that
 * records what a client sends and answers what a test says.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A JSON object as a server answered it. */
export type Json = Record<string, unknown>;

/** An answer as it came over the wire. */
export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  json: any;
  /** The same as `json` (the name the sandbox's route tests read). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
  body: any;
}

/** Where raw requests go (its origin), with the token they carry: a `Sandbox` is one. */
export interface RawTarget {
  url: string;
  /** Sent as `Authorization: Bearer <token>`; without one (a webhook receiver), no Authorization. */
  token?: string;
}

/** One raw request. */
export interface RawRequest {
  method?: string;
  /** Path with query string. */
  path: string;
  /** A string is sent as is (for malformed-JSON tests); anything else as JSON. */
  body?: unknown;
  /** Replaces the defaults (Bearer auth, JSON Accept); a `null` value removes a header. */
  headers?: Record<string, string | null>;
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Sends one request on a fresh connection (no keep-alive, so a dropped connection never poisons the
 * next request), as any Intercom client would send it: Bearer token, JSON. Rejects when the
 * connection is dropped.
 */
export function rawRequest(target: RawTarget, request: RawRequest): Promise<RawAnswer> {
  const url = new URL(target.url);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (target.token !== undefined) headers.authorization = `Bearer ${target.token}`;
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
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
          const json = parseJson(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json, body: json });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** {@link rawRequest} with positional arguments: `raw(sandbox, 'POST', '/users', { email })`. */
export function raw(
  target: RawTarget,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string | null>,
): Promise<RawAnswer> {
  return rawRequest(target, {
    method,
    path,
    ...(body === undefined ? {} : { body }),
    ...(headers === undefined ? {} : { headers }),
  });
}

/** {@link raw} bound to one target: `const api = client(sandbox); await api('GET', '/me')`. */
export function client(target: RawTarget) {
  return (method: string, path: string, body?: unknown, headers?: Record<string, string | null>): Promise<RawAnswer> =>
    raw(target, method, path, body, headers);
}

/** Asserts an Intercom `error.list` answer with one error of `code` (and `field`), and a request id. */
export function assertError(res: RawAnswer, status: number, code: string, field?: string): void {
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
export function ok<T = Json>(res: RawAnswer, status = 200): T {
  assert.equal(res.status, status, `status (body: ${res.text})`);
  return res.json as T;
}

/** The first error of an `error.list` answer. */
export function firstError(answer: RawAnswer): { code?: string; message?: string; field?: string } {
  const errors = answer.json?.errors;
  if (answer.json?.type !== 'error.list' || !Array.isArray(errors)) {
    throw new Error(`expected an error.list, got ${answer.status} ${answer.text}`);
  }
  return errors[0] as { code?: string; message?: string; field?: string };
}

/** The items of a `X.list` answer under `key`. */
export function itemsOf(answer: RawAnswer, key: string): Json[] {
  const items = answer.json?.[key];
  if (!Array.isArray(items)) throw new Error(`expected a list under '${key}', got ${answer.status} ${answer.text}`);
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

/** Resolves after `ms` milliseconds (for polling until something happened, never for timing assertions). */
export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A request as the scripted server received it. */
export interface Received {
  method: string;
  /** Path with query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** The client's port: the same port means the same (kept-alive) connection. */
  remotePort: number | undefined;
}

/** What the scripted server answers. `body` objects are sent as JSON. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object | null;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection instead of answering (after reading the request). */
  destroy?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface ScriptedServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers what `respond` says: for wire tests
 * (exact method, path, headers, body) and for scripted failures.
 */
export async function scriptedServer(
  respond: (req: Received, index: number) => Scripted | Promise<Scripted>,
): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
      const entry: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body,
        remotePort: req.socket.remotePort,
      };
      received.push(entry);
      const answer = await respond(entry, received.length - 1);
      if (answer.hang) return;
      if (answer.delayMs) await pause(answer.delayMs);
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      const payload =
        answer.body === undefined || answer.body === null
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
