/**
 * The one request pipeline every resource goes through: URL and headers, authentication, the
 * transport call, rate-limit bookkeeping, error mapping and the retry policy.
 *
 * @module
 */

import { ConcurrencyLimiter } from './concurrency.js';
import {
  errorFromErrorList,
  errorFromStatus,
  excerpt,
  IntercomError,
  InvalidParameterError,
  isErrorList,
  RateLimitExceeded,
  RequestAbortedError,
  ServiceConnectionError,
  ServiceUnavailableError,
  UnexpectedResponseError,
} from './errors.js';
import { parseRateLimitHeaders, type RateLimitDetails, RateLimitPacer } from './rate-limit.js';
import { type Transport, TransportError, type TransportResponse } from './transport.js';
import { encodeQuery, type QueryParams } from './url.js';

/** Options every method accepts as its last argument. They override the client's options for one call. */
export interface RequestOptions {
  /** Milliseconds the whole call may take, retries and waits included. Default: no limit beyond the client's timeouts. */
  timeout?: number;
  /** Cancels the call, also while it waits between retries. */
  signal?: AbortSignal;
  /** Retries after a retryable failure (see the README's retry table). Default: the client's `maxRetries` (2). */
  maxRetries?: number;
  /** Extra request headers. Values must not contain CR or LF. */
  headers?: Readonly<Record<string, string>>;
}

/** One API call as a resource describes it. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path such as `/users/abc` (built with `apiPath`), or an absolute URL taken from `pages.next`. */
  path: string;
  query?: QueryParams | undefined;
  /** JSON-serialisable body. */
  body?: unknown;
  /**
   * True when sending the request twice has the same effect as sending it once, so that it may be
   * repeated after an answer was lost (GETs, PUTs, DELETEs, upserts keyed by an identifier).
   */
  idempotent: boolean;
  /**
   * Whether an attempt whose answer was lost (connection dropped after the request was written, read
   * timeout) may be sent again. Default: `idempotent`. Scroll pages are idempotent for error answers
   * but not for lost ones: the server may have moved the scroll on.
   */
  retryLostAnswers?: boolean | undefined;
  options?: RequestOptions | undefined;
}

/** Settings of a {@link RequestPipeline}; the client fills them from its options. */
export interface PipelineSettings {
  baseUrl: URL;
  authorization: string;
  userAgent: string;
  apiVersion: string | undefined;
  connectTimeout: number;
  readTimeout: number;
  maxRetries: number;
  handleRateLimit: boolean;
  maxResponseBytes: number;
  /** Most requests in flight at once. */
  maxConcurrency: number;
  /** Hold requests back when the rate-limit window's budget is spent. */
  pacing: boolean;
  hooks: Hooks;
  transport: Transport;
}

/** A request about to be sent (`onRequest`). Never carries credentials. */
export interface RequestEvent {
  method: ApiRequest['method'];
  /** Path and query below the base URL. */
  path: string;
  /** 0 for the first attempt, 1 for the first retry... */
  attempt: number;
}

/** A response received (`onResponse`), error statuses included. */
export interface ResponseEvent extends RequestEvent {
  status: number;
  durationMs: number;
  requestId: string | undefined;
}

/** A retry about to wait (`onRetry`). */
export interface RetryEvent extends RequestEvent {
  /** How long it waits before the next attempt. */
  delayMs: number;
  /** Why: the failure of the attempt that is retried. */
  error: IntercomError;
}

/** A request held back until the rate-limit window refills (`onRateLimit`). */
export interface RateLimitEvent {
  method: ApiRequest['method'];
  path: string;
  waitMs: number;
  /** The details that made it wait. */
  rateLimit: RateLimitDetails;
}

/** Observability hooks. They must not throw; an exception in a hook is ignored. */
export interface Hooks {
  onRequest?: ((event: RequestEvent) => void) | undefined;
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  onRateLimit?: ((event: RateLimitEvent) => void) | undefined;
}

function emit<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // A hook's failure must not change the call's outcome.
  }
}

/** Why an internal deadline signal fired. */
const DEADLINE = Symbol('deadline');

/** Retries a 429 gets with `handleRateLimit`, as in the gem. */
export const RATE_LIMIT_RETRIES = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
/** The longest delay a Node timer takes (2^31 - 1 ms); longer ones fire at once. */
export const MAX_TIMER_MS = 2_147_483_647;
/** The longest wait a `Retry-After` or `X-RateLimit-Reset` may impose before a retry. */
const MAX_SERVER_WAIT_MS = 60_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;
const NO_OPTIONS: RequestOptions = Object.freeze({});
const BLANK = /^\s*$/;

/** Milliseconds until `X-RateLimit-Reset` (plus a small margin), when the header is there. */
function untilReset(headers: Readonly<Record<string, string>> | undefined, skewMs: number): number | undefined {
  const reset = Number.parseInt(headers?.['x-ratelimit-reset'] ?? '', 10);
  if (!Number.isFinite(reset)) return undefined;
  return Math.max(0, reset * 1000 - skewMs - Date.now()) + 50;
}

/**
 * How far the server's clock is ahead of ours (ms), from the response's `Date` header; 0 within the
 * header's one-second resolution. `X-RateLimit-Reset` is the server's time: waits must use ours.
 */
function clockSkew(headers: Readonly<Record<string, string>>, now: number): number | undefined {
  const date = Date.parse(headers.date ?? '');
  if (!Number.isFinite(date)) return undefined;
  const skew = date - now;
  return Math.abs(skew) < 2000 ? 0 : skew;
}

/** Milliseconds to wait before retry number `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

function validateHeaders(headers: Readonly<Record<string, string>> | undefined): void {
  if (headers === undefined) return;
  for (const name in headers) {
    const value = headers[name];
    if (typeof value !== 'string') throw new InvalidParameterError(`headers.${name}`, 'must be a string');
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new InvalidParameterError('headers', `'${name}' is not a valid header name`);
    }
    if (HEADER_VALUE_FORBIDDEN.test(value)) {
      throw new InvalidParameterError(`headers.${name}`, 'must not contain CR, LF or NUL');
    }
  }
}

/** Waits `ms` milliseconds; rejects with {@link RequestAbortedError} (saying `abortMessage`) when `signal` fires. */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  abortMessage = 'The request was aborted while waiting to retry',
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new RequestAbortedError('The request was aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RequestAbortedError(abortMessage));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `promise`; rejects with {@link RequestAbortedError} when `signal` fires first. */
function untilSettled(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new RequestAbortedError('The request was aborted'));
      return;
    }
    const onAbort = (): void => reject(new RequestAbortedError('The request was aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}

/** Sends API requests for one client. */
export class RequestPipeline {
  readonly #settings: PipelineSettings;
  readonly #baseHeaders: Readonly<Record<string, string>>;
  readonly #origin: string;
  readonly #prefix: string;
  #rateLimit: RateLimitDetails = {};
  readonly #pacer = new RateLimitPacer();
  /** How far the server's clock is ahead of ours (ms), from the last `Date` header. */
  #skewMs = 0;
  readonly #slots: ConcurrencyLimiter;

  constructor(settings: PipelineSettings) {
    this.#settings = settings;
    this.#slots = new ConcurrencyLimiter(settings.maxConcurrency);
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': settings.userAgent,
      authorization: settings.authorization,
      'accept-encoding': 'gzip',
    };
    if (settings.apiVersion !== undefined) headers['intercom-version'] = settings.apiVersion;
    this.#baseHeaders = headers;
    this.#origin = settings.baseUrl.origin;
    this.#prefix = settings.baseUrl.pathname.replace(/\/+$/, '');
  }

  /** The rate limit reported by the last response. */
  get rateLimitDetails(): RateLimitDetails {
    return { ...this.#rateLimit };
  }

  /** Releases pooled connections. */
  close(): void {
    this.#settings.transport.close();
  }

  /**
   * The path and query of a request, below the client's origin. Absolute URLs (`pages.next`, job
   * links) are re-based onto the client's own origin: their path and query are kept, their host
   * never receives the credentials.
   */
  pathFor(path: string, query: QueryParams | undefined): string {
    let relative = path;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      let absolute: URL;
      try {
        absolute = new URL(path);
      } catch {
        throw new InvalidParameterError('path', 'is not a valid URL');
      }
      relative = `${absolute.pathname}${absolute.search}`;
      if (this.#prefix !== '' && relative.startsWith(`${this.#prefix}/`)) relative = relative.slice(this.#prefix.length);
    }
    const queryString = encodeQuery(query);
    const joined =
      queryString === '' ? relative : `${relative}${relative.includes('?') ? `&${queryString.slice(1)}` : queryString}`;
    return `${this.#prefix}${joined}`;
  }

  /** Sends one request and returns the parsed JSON body (`null` for an empty body). */
  async send(request: ApiRequest): Promise<unknown> {
    const options = request.options ?? NO_OPTIONS;
    validateHeaders(options.headers);
    const settings = this.#settings;
    const maxRetries = options.maxRetries ?? settings.maxRetries;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new InvalidParameterError('maxRetries', 'must be a whole number >= 0');
    }
    if (
      options.timeout !== undefined &&
      (!Number.isFinite(options.timeout) || options.timeout <= 0 || options.timeout > MAX_TIMER_MS)
    ) {
      throw new InvalidParameterError('timeout', `must be a positive number of milliseconds, at most ${MAX_TIMER_MS}`);
    }
    if (options.signal?.aborted) throw new RequestAbortedError('The request was aborted before it was sent');
    const path = this.pathFor(request.path, request.query);
    let body: string | undefined;
    try {
      body = request.body === undefined ? undefined : JSON.stringify(request.body);
    } catch (cause) {
      throw new InvalidParameterError('body', `cannot be sent as JSON (${(cause as Error).message})`);
    }
    // Most calls send the client's headers as they are: share them (nothing below writes to them).
    let headers = this.#baseHeaders;
    if (body !== undefined || options.headers !== undefined) {
      const own: Record<string, string> = { ...headers };
      if (body !== undefined) own['content-type'] = 'application/json';
      if (options.headers) {
        for (const name in options.headers) own[name.toLowerCase()] = options.headers[name] as string;
      }
      headers = own;
    }
    // One signal for the caller's cancellation and the call's deadline. (Not AbortSignal.any: on
    // Node 20 it keeps every combined signal alive as long as a long-lived caller signal lives.)
    let deadline = Number.POSITIVE_INFINITY;
    let signal = options.signal;
    let deadlineTimer: NodeJS.Timeout | undefined;
    let forward: (() => void) | undefined;
    if (options.timeout !== undefined) {
      deadline = Date.now() + options.timeout;
      const combined = new AbortController();
      deadlineTimer = setTimeout(() => combined.abort(DEADLINE), options.timeout);
      const caller = options.signal;
      if (caller !== undefined) {
        forward = () => combined.abort(caller.reason);
        caller.addEventListener('abort', forward, { once: true });
      }
      signal = combined.signal;
    }
    try {
      return await this.#attempts(request, path, headers, body, maxRetries, deadline, signal);
    } finally {
      clearTimeout(deadlineTimer);
      if (forward !== undefined) options.signal?.removeEventListener('abort', forward);
    }
  }

  async #attempts(
    request: ApiRequest,
    path: string,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
    maxRetries: number,
    deadline: number,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const settings = this.#settings;
    const hooks = settings.hooks;
    let retries = 0;
    let rateLimitRetries = 0;
    const retryLostAnswers = request.retryLostAnswers ?? request.idempotent;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(request, path, headers, body, deadline, signal, attempt);
      if (!(outcome instanceof IntercomError)) return outcome.value;
      const error = outcome;
      let delay: number | undefined;
      if (error instanceof RateLimitExceeded) {
        // A 429 was not acted upon, so any request may be repeated after it.
        const wait = untilReset(error.headers, this.#skewMs) ?? backoffDelay(rateLimitRetries + retries);
        if (settings.handleRateLimit && rateLimitRetries < RATE_LIMIT_RETRIES) {
          rateLimitRetries++;
          delay = wait;
        } else if (retries < maxRetries) {
          retries++;
          delay = wait;
        } else if (settings.handleRateLimit) {
          throw new RateLimitExceeded('Rate limit retries exceeded. Please examine current API Usage.', {
            httpCode: error.httpCode,
            applicationErrorCode: error.applicationErrorCode,
            requestId: error.requestId,
            headers: error.headers,
          });
        }
      } else if (retries < maxRetries && this.#repeatable(error, request.idempotent, retryLostAnswers)) {
        const retryAfter = Number(error.headers?.['retry-after']);
        delay = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(retries);
        retries++;
      }
      // A server asking for a longer wait than a minute is not waited for: the caller decides.
      if (delay !== undefined && delay > MAX_SERVER_WAIT_MS) throw error;
      if (delay === undefined || Date.now() + delay > deadline) throw error;
      emit(hooks.onRetry, { method: request.method, path, attempt, delayMs: delay, error });
      try {
        await sleep(delay, signal);
      } catch {
        throw this.#abortError(signal, false, request.idempotent);
      }
    }
  }

  /** Whether a failed attempt may be sent again. */
  #repeatable(error: IntercomError, idempotent: boolean, retryLostAnswers: boolean): boolean {
    if (error instanceof RequestAbortedError) return false;
    const transport = error.cause instanceof TransportError ? error.cause : undefined;
    if (transport !== undefined) {
      if (transport.failure === 'aborted' || transport.failure === 'response_too_large') return false;
      // Nothing reached the server, or repeating is harmless.
      return !transport.requestMayHaveBeenSent || retryLostAnswers;
    }
    return idempotent && error.httpCode !== undefined && RETRYABLE_STATUSES.has(error.httpCode);
  }

  /** One attempt: wait for a slot and the rate-limit budget, send, interpret. */
  async #attempt(
    request: ApiRequest,
    path: string,
    headers: Readonly<Record<string, string>>,
    body: string | undefined,
    deadline: number,
    signal: AbortSignal | undefined,
    attempt: number,
  ): Promise<{ value: unknown } | IntercomError> {
    const settings = this.#settings;
    const hooks = settings.hooks;
    // A free slot is taken at once; only a full client waits (and pays for the promise).
    if (!this.#slots.tryAcquire()) {
      try {
        await this.#slots.acquire(signal);
      } catch {
        return this.#abortError(signal, false, request.idempotent);
      }
    }
    let paced = false;
    let details: RateLimitDetails | undefined;
    try {
      while (settings.pacing) {
        const reserved = this.#pacer.reserve();
        if (reserved === 0) {
          paced = true;
          break;
        }
        if (typeof reserved !== 'number') {
          // Another request is out to learn this window's budget: wait for its answer, then ask again.
          try {
            await untilSettled(reserved, signal);
          } catch {
            return this.#abortError(signal, false, request.idempotent);
          }
          continue;
        }
        emit(hooks.onRateLimit, { method: request.method, path, waitMs: reserved, rateLimit: this.rateLimitDetails });
        if (Date.now() + reserved > deadline) {
          return new ServiceUnavailableError('Service Unavailable [request timed out waiting for the rate limit to reset]');
        }
        try {
          await sleep(reserved, signal);
        } catch {
          return this.#abortError(signal, false, request.idempotent);
        }
      }
      // Events are built only for the hooks that were given.
      if (hooks.onRequest !== undefined) emit(hooks.onRequest, { method: request.method, path, attempt });
      const started = Date.now();
      const remaining = deadline - started;
      let response: TransportResponse;
      try {
        response = await settings.transport.request({
          method: request.method,
          origin: this.#origin,
          path,
          headers,
          body,
          connectTimeout: Math.max(1, Math.min(settings.connectTimeout, remaining)),
          readTimeout: Math.max(1, Math.min(settings.readTimeout, remaining)),
          maxResponseBytes: settings.maxResponseBytes,
          signal,
        });
      } catch (caught) {
        return this.#transportFailure(caught, request.retryLostAnswers ?? request.idempotent, signal);
      }
      details = parseRateLimitHeaders(response.headers);
      this.#rateLimit = details;
      this.#skewMs = clockSkew(response.headers, Date.now()) ?? this.#skewMs;
      if (hooks.onResponse !== undefined) {
        emit(hooks.onResponse, {
          method: request.method,
          path,
          attempt,
          status: response.status,
          durationMs: Date.now() - started,
          requestId: response.headers['x-request-id'],
        });
      }
      const result = this.#interpret(response, request.idempotent);
      return result instanceof IntercomError ? result : { value: result };
    } finally {
      if (paced) {
        // The pacer counts windows on our clock.
        const local =
          this.#skewMs !== 0 && details?.resetAt !== undefined
            ? { ...details, resetAt: new Date(details.resetAt.getTime() - this.#skewMs) }
            : details;
        this.#pacer.done(local);
      }
      this.#slots.release();
    }
  }

  /** The error for a signal that fired: the caller's abort, or the call's deadline. */
  #abortError(signal: AbortSignal | undefined, written: boolean, idempotent: boolean): IntercomError {
    const outcomeUnknown = written && !idempotent;
    if (signal?.reason === DEADLINE) {
      return written
        ? new ServiceUnavailableError('Service Unavailable [request timed out]', { outcomeUnknown })
        : new ServiceConnectionError('Failed to connect to service [request timed out]', { outcomeUnknown });
    }
    return new RequestAbortedError('The request was aborted', { outcomeUnknown });
  }

  /** Parses a response: the JSON value, or the error it stands for. */
  #interpret(response: TransportResponse, idempotent: boolean): unknown {
    const { status, headers, body } = response;
    const ok = status >= 200 && status < 300;
    if (body.length === 0 || BLANK.test(body)) {
      return ok ? null : this.#withOutcome(errorFromStatus(status, headers, body), status, idempotent);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (cause) {
      if (ok) {
        return new UnexpectedResponseError(
          `Expected a JSON response body. Instead got '${excerpt(body)}' with status code '${status}'.`,
          { httpCode: status, requestId: headers['x-request-id'], headers, cause },
        );
      }
      return this.#withOutcome(errorFromStatus(status, headers, body), status, idempotent);
    }
    if (isErrorList(parsed)) return this.#withOutcome(errorFromErrorList(parsed, status, headers), status, idempotent);
    if (!ok) return this.#withOutcome(errorFromStatus(status, headers, body), status, idempotent);
    return parsed;
  }

  /** A 5xx on a request that is not safe to repeat may have been applied: say so. */
  #withOutcome(error: IntercomError, status: number, idempotent: boolean): IntercomError {
    if (idempotent || status < 500) return error;
    Object.defineProperty(error, 'outcomeUnknown', { value: true });
    return error;
  }

  /** `repeatable`: whether sending the request again after a lost answer is harmless. */
  #transportFailure(caught: unknown, repeatable: boolean, signal: AbortSignal | undefined): IntercomError {
    if (!(caught instanceof TransportError)) {
      // A transport that broke its contract: the request may have gone out.
      return new ServiceConnectionError(`Failed to connect to service [${String(caught)}]`, {
        cause: caught,
        outcomeUnknown: !repeatable,
      });
    }
    const idempotent = repeatable;
    const outcomeUnknown = caught.requestMayHaveBeenSent && !idempotent;
    const context = { cause: caught, outcomeUnknown };
    switch (caught.failure) {
      case 'aborted': {
        const error = this.#abortError(signal, caught.requestMayHaveBeenSent, idempotent);
        Object.defineProperty(error, 'cause', { value: caught, configurable: true, writable: true });
        return error;
      }
      case 'read_timeout':
        return new ServiceUnavailableError('Service Unavailable [request timed out]', context);
      case 'response_too_large':
        return new UnexpectedResponseError(caught.message, context);
      case 'connect_timeout':
        return new ServiceConnectionError('Failed to connect to service [connection attempt timed out]', context);
      default:
        return new ServiceConnectionError(caught.message, context);
    }
  }
}
