import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, errorBody, newRequestId, newV2RequestId } from './api-error.js';
import { type ApiVersion, apiFamilyOf, looksLikeV2 } from './api-version.js';
import { MAX_BODY_DEPTH, memberNestedTooDeep } from './body-depth.js';
import { DomainError } from './domain/errors.js';
import { Store } from './domain/store.js';
import { type Fault, FaultInjector, type FaultOptions, type InjectOptions } from './faults.js';
import { journalDirectory, journalListener } from './openapi/response-journal.js';
import { type ResponseViolation, V2Api } from './openapi/v2-app.js';
import { DEFAULT_RATE_LIMIT, type RateLimit, type RateLimitDecision, RateLimiter } from './rate-limiter.js';
import { apiErrorOf } from './renderers/v1/errors.js';
import { v2Failure } from './renderers/v2/errors.js';
import { type RecordedRequest, RequestLog } from './request-log.js';
import { type RouteContext, type RouteResult, Router } from './router.js';
import { registerV1Routes } from './routes/v1/index.js';
import { KEEP_ALIVE_TIMEOUT_MS, type SandboxOptions, sandboxSettings } from './sandbox-options.js';
import { SEED_ADMINS, seedStore } from './seed.js';
import { type WebhookDelivery, WebhookDispatcher } from './webhooks.js';

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:<port>`: use it as the client's `baseUrl`. */
  readonly url: string;
  /** The token clients must send. */
  readonly token: string;
  /** The in-memory state, for assertions. */
  readonly store: Store;
  /**
   * Requests received since start or the last {@link Sandbox.reset}, oldest first: at most
   * `maxRecordedRequests` entries and `maxRecordedBytes` of bodies.
   */
  readonly requests: RecordedRequest[];
  /** The current request budget. */
  readonly rateLimit: RateLimit;
  /** 2.x answers that failed the description's response schema (with `validateResponses` on), oldest first. */
  readonly responseViolations: readonly ResponseViolation[];
  /** Webhook notifications sent (or being sent) since start or the last {@link Sandbox.reset}, oldest first. */
  readonly deliveries: readonly WebhookDelivery[];
  /** Resolves when no webhook delivery is pending: each delivered, failed after its last attempt, or cancelled. */
  waitForDeliveries(): Promise<void>;
  /**
   * Scripts a fault: the next `times` (default 1) authenticated requests whose path matches `path`
   * (exactly, or as a prefix when it ends with `*`) and `method` (default any) get `kind`.
   * Scripted faults come before faults by rate.
   */
  inject(fault: InjectOptions): void;
  /** Replaces the faults by rate (`{ rate: 0 }` stops them); the generator restarts from its seed. */
  setFaults(faults: FaultOptions): void;
  /** Changes the request budget at once; the current window starts a fresh count. */
  setRateLimit(rate: RateLimit): void;
  /**
   * Back to the seed data; clears recorded requests, scrolls, scripted faults and the rate-limit
   * window, and restarts the fault generator from its seed.
   */
  reset(): void;
  /** Stops listening, closes every connection and drops answers still waiting (latency, `slow`). */
  close(): Promise<void>;
}

/** An answer ready to send. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** What happens to a request: an answer, or (`answer` undefined) a dropped connection. */
interface Outcome {
  answer: Answer | undefined;
  fault: Fault | undefined;
  /** False when the request failed before authentication passed (413, 401). */
  authenticated: boolean;
}

const ACCEPTABLE = /(^|,)\s*(application\/json|application\/vnd\.intercom\.[^,;]*|application\/\*|\*\/\*)\s*(;|,|$)/i;
const JSON_TYPE = 'application/json; charset=utf-8';
/** What a load balancer answers when the app behind it failed. */
const BAD_GATEWAY_PAGE =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** Starts a sandbox Intercom on loopback: API 1.x and 2.x over one workspace, the family picked per request by `Intercom-Version`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const {
    token,
    apiKey,
    seed,
    latencyMs,
    defaultVersion,
    webhookApiVersion,
    maxBodyBytes,
    maxRecorded,
    maxRecordedBytes,
    requestTimeoutMs,
    headersTimeoutMs,
  } = sandboxSettings(options);
  const limiter = new RateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const faults = new FaultInjector(options.faults);
  const storeOptions = options.scrollTtlMs === undefined ? {} : { scrollTtlMs: options.scrollTtlMs };
  let origin = '';
  const webhooks = new WebhookDispatcher(options.webhooks, () => ({
    version: webhookApiVersion,
    origin,
    adminId: SEED_ADMINS[0].id,
  }));
  const sink = webhooks.sinkOf(() => store);
  let store = new Store({ ...storeOptions, sink });
  seedStore(store, seed);
  const log = new RequestLog({ maxEntries: maxRecorded, maxBytes: maxRecordedBytes });
  const router = new Router();
  const journal = journalDirectory();
  const v2 = new V2Api({
    validateResponses: options.validateResponses ?? journal !== undefined,
    ...(journal === undefined ? {} : { listener: journalListener(journal) }),
  });
  registerV1Routes(router);
  const basic = Buffer.from(`${token}:`).toString('base64');
  const bearer = `Bearer ${token}`;
  /** Answers waiting for their delay (latency, `slow`), cleared on close. */
  const timers = new Set<NodeJS.Timeout>();

  const authorized = (header: string | undefined): boolean => {
    if (header === undefined) return false;
    if (header === bearer) return true;
    const m = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
    if (m === null) return false;
    const scheme = (m[1] as string).toLowerCase();
    const credentials = m[2] as string;
    if (scheme === 'bearer') return credentials === token;
    if (scheme !== 'basic') return false;
    if (credentials === basic) return true;
    // Basic with the token as user and any password, or the legacy app id and API key.
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const user = decoded.slice(0, colon);
    if (user === token) return true;
    return apiKey !== undefined && user === store.appId && decoded.slice(colon + 1) === apiKey;
  };

  const rateHeaders = (requestId: string, decision: RateLimitDecision): Record<string, string> => ({
    'content-type': JSON_TYPE,
    'x-request-id': requestId,
    'x-ratelimit-limit': String(decision.limit),
    'x-ratelimit-remaining': String(decision.remaining),
    'x-ratelimit-reset': String(decision.reset),
  });

  const failure = (requestId: string, headers: Record<string, string>, error: ApiError): Answer => ({
    status: error.status,
    headers: { ...headers, ...error.headers },
    body: JSON.stringify(errorBody(requestId, error.code, error.message, error.field)),
  });

  /** The API itself: content negotiation, version, routing, the handler. */
  const app = (
    req: http.IncomingMessage,
    url: URL | undefined,
    parsedBody: unknown,
    requestId: string,
    headers: Record<string, string>,
  ): Answer => {
    let v2Shape = false;
    try {
      const accept = req.headers.accept;
      if (accept === undefined || !ACCEPTABLE.test(accept)) {
        throw new ApiError(406, 'media_type_not_acceptable', 'The Accept header should send a media type of application/json');
      }
      const versionHeader = req.headers['intercom-version'];
      const version = (versionHeader ?? defaultVersion) as ApiVersion;
      v2Shape = looksLikeV2(version) || version === 'Unstable';
      if (apiFamilyOf(version) === undefined) {
        throw new ApiError(400, 'intercom_version_invalid', `Intercom-Version '${String(versionHeader)}' is not a valid version`);
      }
      if (url === undefined) throw new ApiError(400, 'parameter_invalid', 'The request path is not a valid URL path');
      // 2.x versions are served by the 2.x API; `Unstable` too, except for 1.x paths 2.x does not have.
      if (apiFamilyOf(version) === 2 && (version !== 'Unstable' || v2.serves(req.method ?? 'GET', url.pathname))) {
        const request = {
          method: req.method ?? 'GET',
          url,
          body: parsedBody,
          version,
          store,
          origin,
          adminId: SEED_ADMINS[0].id,
        };
        let answer: Answer;
        try {
          answer = { headers, ...v2.respond({ ...request, malformed: parsedBody === MALFORMED }) };
        } catch (error) {
          answer = v2Failure(requestId, headers, error);
        }
        v2.checkAnswer(request.method, url, answer, requestId);
        return answer;
      }
      v2Shape = false;
      const match = router.match(req.method ?? 'GET', url.pathname);
      if (match === undefined || 'methodMismatch' in match) throw new ApiError(404, 'not_found', 'Resource Not Found');
      if (parsedBody === MALFORMED) throw new ApiError(400, 'parameter_invalid', 'The request body is not valid JSON');
      const tooDeep = memberNestedTooDeep(parsedBody);
      if (tooDeep !== undefined) {
        const where = tooDeep === '' ? 'The request body' : `'${tooDeep}'`;
        throw new ApiError(
          400,
          'parameter_invalid',
          `${where} is nested more than ${MAX_BODY_DEPTH} levels deep`,
          tooDeep || undefined,
        );
      }
      const ctx: RouteContext = {
        method: req.method ?? 'GET',
        params: match.params,
        query: url.searchParams,
        body: parsedBody,
        version,
        store,
        origin,
        adminId: SEED_ADMINS[0].id,
      };
      const result: RouteResult = match.handler(ctx);
      return { status: result.status, headers, body: result.body === undefined ? '' : JSON.stringify(result.body) };
    } catch (error) {
      if (v2Shape) return v2Failure(requestId, headers, error);
      if (error instanceof ApiError) return failure(requestId, headers, error);
      if (error instanceof DomainError) return failure(requestId, headers, apiErrorOf(error));
      if (error instanceof URIError)
        return failure(requestId, headers, new ApiError(400, 'parameter_invalid', 'Malformed percent-encoding in the path'));
      console.error('intercom sandbox: unexpected error', error);
      return failure(requestId, headers, new ApiError(500, 'server_error', 'Request failed due to an internal network error'));
    }
  };

  /**
   * One request, in the order a real deployment sees it: body size, authentication (a request that
   * fails it is never counted nor faulted), the rate limit, injected faults, then the API.
   */
  const handleRequest = (req: http.IncomingMessage, parsedBody: unknown, tooLarge: boolean): Outcome => {
    const version = String(req.headers['intercom-version'] ?? defaultVersion);
    const requestId = apiFamilyOf(version) === 2 ? newV2RequestId() : newRequestId();
    if (tooLarge) {
      const error = new ApiError(413, 'client_error', `The request body exceeds ${maxBodyBytes} bytes`);
      return {
        answer: failure(requestId, rateHeaders(requestId, limiter.peek()), error),
        fault: undefined,
        authenticated: false,
      };
    }
    if (!authorized(req.headers.authorization)) {
      const error = new ApiError(401, 'unauthorized', 'Access Token Invalid');
      return {
        answer: failure(requestId, rateHeaders(requestId, limiter.peek()), error),
        fault: undefined,
        authenticated: false,
      };
    }
    const decision = limiter.take();
    const headers = rateHeaders(requestId, decision);
    if (!decision.allowed) {
      const error = new ApiError(429, 'rate_limit_exceeded', 'Exceeded rate limit of requests per window');
      return { answer: failure(requestId, headers, error), fault: undefined, authenticated: true };
    }
    const url = parseUrl(req.url);
    const method = req.method ?? 'GET';
    const fault = faults.pick(method, url?.pathname ?? req.url ?? '/');
    switch (fault?.kind) {
      case '500':
        return {
          answer: failure(requestId, headers, new ApiError(500, 'server_error', 'Server Error')),
          fault,
          authenticated: true,
        };
      case '503':
        return {
          answer: failure(requestId, headers, new ApiError(503, 'service_unavailable', 'Service Unavailable')),
          fault,
          authenticated: true,
        };
      case '429': {
        const error = new ApiError(429, 'rate_limit_exceeded', 'Exceeded rate limit of requests per window');
        return { answer: failure(requestId, { ...headers, 'x-ratelimit-remaining': '0' }, error), fault, authenticated: true };
      }
      case 'html502':
        return {
          answer: { status: 502, headers: { 'content-type': 'text/html' }, body: BAD_GATEWAY_PAGE },
          fault,
          authenticated: true,
        };
      case 'reset-before':
        return { answer: undefined, fault, authenticated: true };
      case 'reset-after':
        app(req, url, parsedBody, requestId, headers);
        return { answer: undefined, fault, authenticated: true };
      default:
        // No fault, or `slow`: applied now, answered after the delay.
        return { answer: app(req, url, parsedBody, requestId, headers), fault, authenticated: true };
    }
  };

  const server = http.createServer(
    {
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      requestTimeout: requestTimeoutMs,
      headersTimeout: headersTimeoutMs,
      // How often Node checks those timeouts (its default, 30 s, would let a short one run long).
      connectionsCheckingInterval: Math.min(1000, headersTimeoutMs),
    },
    (req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let tooLarge = false;
      // The body of a request that will answer 401 is counted, never held.
      const holdBody = authorized(req.headers.authorization);
      // A client that goes away mid-body is not an error of the sandbox.
      req.on('error', () => {});
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          tooLarge = true;
          chunks.length = 0;
        } else if (holdBody) chunks.push(chunk);
      });
      req.on('end', () => {
        const rawBody = tooLarge ? '' : Buffer.concat(chunks).toString('utf8');
        const parsedBody = parseBody(rawBody);
        const { answer, fault, authenticated } = handleRequest(req, parsedBody, tooLarge);
        log.record({
          req,
          rawBody,
          bodyBytes: size,
          parsedBody,
          malformed: parsedBody === MALFORMED,
          authenticated,
          status: answer?.status ?? 0,
          fault: fault?.kind ?? null,
        });
        const deliver = (): void => {
          if (req.socket.destroyed) return;
          if (answer === undefined) {
            req.socket.destroy();
            return;
          }
          res.writeHead(answer.status, { ...answer.headers, 'content-length': String(Buffer.byteLength(answer.body)) });
          res.end(answer.body);
        };
        const delay = latencyMs + (fault?.kind === 'slow' ? fault.slowMs : 0);
        if (delay <= 0) {
          deliver();
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          deliver();
        }, delay);
        timers.add(timer);
      });
    },
  );

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
    requests: log.entries,
    get rateLimit() {
      return limiter.rate;
    },
    responseViolations: v2.responseViolations,
    deliveries: webhooks.deliveries,
    waitForDeliveries: () => webhooks.idle(),
    inject(fault) {
      faults.inject(fault);
    },
    setFaults(options) {
      faults.configure(options);
    },
    setRateLimit(rate) {
      limiter.rate = rate;
    },
    reset() {
      webhooks.reset();
      store = new Store({ ...storeOptions, sink });
      seedStore(store, seed);
      log.clear();
      limiter.reset();
      faults.reset();
    },
    close() {
      webhooks.close();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
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

/** The request target as a URL, or undefined when it is not one. */
function parseUrl(target: string | undefined): URL | undefined {
  try {
    return new URL(target ?? '/', 'http://sandbox.invalid');
  } catch {
    return undefined;
  }
}
