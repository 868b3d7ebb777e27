import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, errorBody, newRequestId } from './api-error.js';
import { DEFAULT_RATE_LIMIT, type RateLimit, RateLimiter } from './rate-limiter.js';
import { API_VERSIONS, type ApiVersion, type RouteContext, type RouteResult, Router } from './router.js';
import { adminRoutes } from './routes/admins.js';
import { bulkRoutes } from './routes/bulk.js';
import { companyRoutes } from './routes/companies.js';
import { contactRoutes } from './routes/contacts.js';
import { conversationRoutes } from './routes/conversations.js';
import { countRoutes } from './routes/counts.js';
import { customerRoutes } from './routes/customers.js';
import { eventRoutes } from './routes/events.js';
import { messageRoutes } from './routes/messages.js';
import { noteRoutes } from './routes/notes.js';
import { segmentRoutes } from './routes/segments.js';
import { subscriptionRoutes } from './routes/subscriptions.js';
import { tagRoutes } from './routes/tags.js';
import { userRoutes } from './routes/users.js';
import { visitorRoutes } from './routes/visitors.js';
import { SEED_ADMINS, type SeedName, seedStore } from './seed.js';
import { Store } from './store.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; `0` picks a free one. Default: 0. */
  port?: number;
  /** Address to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** The access token clients must present. Default: `sandbox-token`. */
  token?: string;
  /** Initial data. Default: `demo`. */
  seed?: SeedName;
  /** Request budget per window. Default: 1,666 per 10 s (10,000 a minute). */
  rateLimit?: RateLimit;
  /** Milliseconds added before every response. Default: 0. */
  latencyMs?: number;
  /** API version served when a request names none. Default: `1.0`. */
  defaultVersion?: ApiVersion;
  /** Milliseconds a scroll param lives after its last use. Default: 60,000. */
  scrollTtlMs?: number;
  /** Largest request body accepted, in bytes. Default: 4 MiB. */
  maxBodyBytes?: number;
}

/** A request as the sandbox received it. */
export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Request headers, lower-case names; `authorization` shows only its scheme. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined. */
  body: unknown;
  /** The status answered. */
  status: number;
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`: use it as the client's `baseUrl`. */
  readonly url: string;
  /** The token clients must send. */
  readonly token: string;
  /** The in-memory state, for assertions. */
  readonly store: Store;
  /** Every request received since start or the last {@link Sandbox.reset}. */
  readonly requests: RecordedRequest[];
  /** Back to the seed data; clears recorded requests, scrolls and the rate-limit window. */
  reset(): void;
  /** Stops listening and closes every connection. */
  close(): Promise<void>;
}

const MAX_RECORDED = 200_000;
const ACCEPTABLE = /(^|,)\s*(application\/json|application\/vnd\.intercom\.[^,;]*|application\/\*|\*\/\*)\s*(;|,|$)/i;

/** Starts an Intercom API 1.x sandbox on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const token = options.token ?? 'sandbox-token';
  const seed = options.seed ?? 'demo';
  const latencyMs = options.latencyMs ?? 0;
  const defaultVersion = options.defaultVersion ?? '1.0';
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const storeOptions = options.scrollTtlMs === undefined ? {} : { scrollTtlMs: options.scrollTtlMs };
  let store = new Store(storeOptions);
  seedStore(store, seed);
  const requests: RecordedRequest[] = [];
  const router = new Router();
  userRoutes(router);
  conversationRoutes(router);
  messageRoutes(router);
  countRoutes(router);
  contactRoutes(router);
  visitorRoutes(router);
  noteRoutes(router);
  customerRoutes(router);
  adminRoutes(router);
  companyRoutes(router);
  tagRoutes(router);
  segmentRoutes(router);
  eventRoutes(router);
  bulkRoutes(router);
  subscriptionRoutes(router);
  const basic = Buffer.from(`${token}:`).toString('base64');
  let origin = '';

  const authorized = (header: string | undefined): boolean => {
    if (header === undefined) return false;
    if (header === `Bearer ${token}`) return true;
    if (!header.startsWith('Basic ')) return false;
    const encoded = header.slice(6).trim();
    if (encoded === basic) return true;
    // Basic with the token as user and any password.
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    return decoded.slice(0, decoded.indexOf(':')) === token;
  };

  const handle = (
    req: http.IncomingMessage,
    parsedBody: unknown,
  ): { status: number; headers: Record<string, string>; body: string } => {
    const requestId = newRequestId();
    const decision = limiter.take();
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8',
      'x-request-id': requestId,
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-reset': String(decision.reset),
    };
    const fail = (error: ApiError): { status: number; headers: Record<string, string>; body: string } => ({
      status: error.status,
      headers: { ...headers, ...error.headers },
      body: JSON.stringify(errorBody(requestId, error.code, error.message, error.field)),
    });
    try {
      if (!decision.allowed) throw new ApiError(429, 'rate_limit_exceeded', 'Exceeded rate limit of requests per window');
      if (!authorized(req.headers.authorization)) throw new ApiError(401, 'unauthorized', 'Access Token Invalid');
      const accept = req.headers.accept;
      if (accept === undefined || !ACCEPTABLE.test(accept)) {
        throw new ApiError(406, 'media_type_not_acceptable', 'The Accept header should send a media type of application/json');
      }
      const versionHeader = req.headers['intercom-version'];
      const version = (versionHeader ?? defaultVersion) as ApiVersion;
      if (!API_VERSIONS.includes(version)) {
        throw new ApiError(400, 'intercom_version_invalid', `Intercom-Version '${String(versionHeader)}' is not a valid version`);
      }
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (match === undefined || 'methodMismatch' in match) throw new ApiError(404, 'not_found', 'Resource Not Found');
      if (parsedBody === MALFORMED) throw new ApiError(400, 'parameter_invalid', 'The request body is not valid JSON');
      const body = parsedBody;
      const ctx: RouteContext = {
        method: req.method ?? 'GET',
        params: match.params,
        query: url.searchParams,
        body,
        version,
        store,
        origin,
        adminId: SEED_ADMINS[0].id,
      };
      const result: RouteResult = match.handler(ctx);
      return { status: result.status, headers, body: result.body === undefined ? '' : JSON.stringify(result.body) };
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      if (error instanceof URIError)
        return fail(new ApiError(400, 'parameter_invalid', 'Malformed percent-encoding in the path'));
      console.error('intercom sandbox: unexpected error', error);
      return fail(new ApiError(500, 'server_error', 'Request failed due to an internal network error'));
    }
  };

  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const parsedBody = parseBody(rawBody);
      const answer = tooLarge
        ? {
            status: 413,
            headers: { 'content-type': 'application/json; charset=utf-8' },
            body: JSON.stringify(errorBody(newRequestId(), 'client_error', `The request body exceeds ${maxBodyBytes} bytes`)),
          }
        : handle(req, parsedBody);
      if (requests.length < MAX_RECORDED) requests.push(record(req, rawBody, parsedBody, answer.status));
      const send = (): void => {
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      };
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  origin = `http://${host}:${address.port}`;

  return {
    url: origin,
    token,
    get store() {
      return store;
    },
    requests,
    reset() {
      store = new Store(storeOptions);
      seedStore(store, seed);
      requests.length = 0;
      limiter.reset();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

const MALFORMED = Symbol('malformed JSON');

function parseBody(rawBody: string): unknown {
  if (rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(rawBody);
  } catch {
    return MALFORMED;
  }
}

function record(req: http.IncomingMessage, rawBody: string, parsedBody: unknown, status: number): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers.authorization !== undefined) headers.authorization = `${headers.authorization.split(' ')[0]} [redacted]`;
  const body = parsedBody === MALFORMED ? rawBody : parsedBody;
  return { method: req.method ?? '', path: req.url ?? '', headers, body, status };
}
