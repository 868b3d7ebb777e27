/**
 * The one request pipeline every resource goes through: URL and headers, authentication, the
 * transport call, rate-limit bookkeeping, error mapping and the retry policy.
 *
 * @module
 */

import { interpret, resetOf, waitTooLong } from './answers.js';
import { CallDeadline, deadlineError, deadlineMessage } from './call-deadline.js';
import { ConcurrencyLimiter } from './concurrency.js';
import {
  IntercomError,
  InvalidParameterError,
  RateLimitExceeded,
  RequestAbortedError,
  ServiceConnectionError,
  ServiceUnavailableError,
  UnexpectedResponseError,
} from './errors.js';
import { pacingStop, parseRateLimitHeaders, type RateLimitDetails } from './rate-limit.js';
import { type GateTicket, RateLimitGate, type RateLimitStore, type WarningEvent } from './rate-limit-store.js';
import { credentialSecrets, redactError } from './redaction.js';
import {
  type AttemptFailure,
  decideRetry,
  MAX_SERVER_WAIT_MS,
  type RequestSafety,
  type RetriesMade,
  type RetryDecision,
  untilReset,
} from './retry-decision.js';
import { type Transport, TransportError, type TransportResponse } from './transport.js';
import { encodeQuery, type QueryParams } from './url.js';
import { MAX_TIMER_MS, sleep } from './waits.js';

export { MAX_TIMER_MS };

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

/**
 * One API call as a resource describes it. Its safety ({@link RequestSafety}: `idempotent`, and
 * `advancesCursor` for scroll pages) decides whether it is sent again after a failure.
 */
export interface ApiRequest extends RequestSafety {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path such as `/users/abc` (built with `apiPath`), or an absolute URL taken from `pages.next`. */
  path: string;
  query?: QueryParams | undefined;
  /** JSON-serialisable body. */
  body?: unknown;
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
  /** Where the rate-limit budget is kept (shared with the clients of the same app). */
  rateLimitStore: RateLimitStore;
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
  onWarning?: ((event: WarningEvent) => void) | undefined;
}

function emit<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    hook(event);
  } catch {
    // A hook's failure must not change the call's outcome.
  }
}

const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;
const NO_OPTIONS: RequestOptions = Object.freeze({});

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

/** One call on its way: the request and what `send` derived from it for every attempt. */
interface Call {
  request: ApiRequest;
  /** Path and query below the origin. */
  path: string;
  headers: Readonly<Record<string, string>>;
  /** The JSON body, serialised. */
  body: string | undefined;
  maxRetries: number;
  /** When the call's `timeout` runs out (epoch ms); `Infinity` without one. */
  deadline: number;
  /** The call's `timeout` (ms), when it has one. */
  timeoutMs: number | undefined;
  /** The caller's signal, combined with the deadline's when there is a `timeout`. */
  signal: AbortSignal | undefined;
}

/** A failed attempt whose outcome is unknown says so. */
function markOutcomeUnknown(error: IntercomError, decision: RetryDecision): IntercomError {
  if (!decision.retry && decision.outcomeUnknown && !error.outcomeUnknown) {
    Object.defineProperty(error, 'outcomeUnknown', { value: true });
  }
  return error;
}

/** Sends API requests for one client. */
export class RequestPipeline {
  readonly #settings: PipelineSettings;
  readonly #baseHeaders: Readonly<Record<string, string>>;
  readonly #origin: string;
  /** `host:port` of the API, for messages. */
  readonly #hostPort: string;
  readonly #prefix: string;
  #rateLimit: RateLimitDetails = {};
  readonly #gate: RateLimitGate;
  /** How far the server's clock is ahead of ours (ms), from the last `Date` header. */
  #skewMs = 0;
  readonly #slots: ConcurrencyLimiter;
  /** The credential's forms that must never appear in an error (see {@link credentialSecrets}). */
  readonly #secrets: readonly string[];

  constructor(settings: PipelineSettings) {
    this.#settings = settings;
    this.#secrets = credentialSecrets(settings.authorization);
    this.#slots = new ConcurrencyLimiter(settings.maxConcurrency);
    this.#gate = new RateLimitGate(settings.rateLimitStore, settings.baseUrl.href, settings.authorization, (event) =>
      emit(settings.hooks.onWarning, event),
    );
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': settings.userAgent,
      authorization: settings.authorization,
      'accept-encoding': 'gzip',
    };
    if (settings.apiVersion !== undefined) headers['intercom-version'] = settings.apiVersion;
    this.#baseHeaders = headers;
    this.#origin = settings.baseUrl.origin;
    const { hostname, port, protocol } = settings.baseUrl;
    this.#hostPort = `${hostname}:${port === '' ? (protocol === 'https:' ? '443' : '80') : port}`;
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
    const timeoutMs = options.timeout;
    if (timeoutMs !== undefined) {
      deadline = Date.now() + timeoutMs;
      const combined = new AbortController();
      deadlineTimer = setTimeout(() => combined.abort(new CallDeadline(timeoutMs)), timeoutMs);
      const caller = options.signal;
      if (caller !== undefined) {
        forward = () => combined.abort(caller.reason);
        caller.addEventListener('abort', forward, { once: true });
      }
      signal = combined.signal;
    }
    try {
      return await this.#attempts({ request, path, headers, body, maxRetries, deadline, timeoutMs, signal });
    } catch (error) {
      // Server text is copied into errors: a server or proxy echoing the credential must not leak it.
      throw error instanceof Error ? redactError(error, this.#secrets) : error;
    } finally {
      clearTimeout(deadlineTimer);
      if (forward !== undefined) options.signal?.removeEventListener('abort', forward);
    }
  }

  /** Attempts until one succeeds or {@link decideRetry} says stop. */
  async #attempts(call: Call): Promise<unknown> {
    const settings = this.#settings;
    const made: RetriesMade = { retries: 0, rateLimitRetries: 0 };
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.#attempt(call, attempt);
      if (!('kind' in outcome)) return outcome.value;
      const decision = decideRetry(outcome, made, call.request, {
        maxRetries: call.maxRetries,
        handleRateLimit: settings.handleRateLimit,
        now: Date.now(),
        deadline: call.deadline,
        skewMs: this.#skewMs,
      });
      const error = outcome.error;
      if (!decision.retry) {
        if (decision.reason === 'wait-too-long' && error instanceof RateLimitExceeded) {
          const waitMs = untilReset(error.headers, this.#skewMs, Date.now()) ?? MAX_SERVER_WAIT_MS;
          throw waitTooLong(waitMs, resetOf(error.headers), error);
        }
        if (decision.reason === 'rate-limit-retries-spent') {
          throw new RateLimitExceeded('Rate limit retries exceeded. Please examine current API Usage.', {
            httpCode: error.httpCode,
            applicationErrorCode: error.applicationErrorCode,
            requestId: error.requestId,
            headers: error.headers,
            body: error.body,
          });
        }
        throw markOutcomeUnknown(error, decision);
      }
      made[decision.spends]++;
      emit(settings.hooks.onRetry, { method: call.request.method, path: call.path, attempt, delayMs: decision.delayMs, error });
      try {
        await sleep(decision.delayMs, call.signal);
      } catch {
        throw this.#abortError(call.signal, 'not-sent');
      }
    }
  }

  /** One attempt: wait for a slot and the rate-limit budget, send, interpret. */
  async #attempt(call: Call, attempt: number): Promise<{ value: unknown } | AttemptFailure> {
    const { request, path, signal } = call;
    const settings = this.#settings;
    const hooks = settings.hooks;
    // A free slot is taken at once; only a full client waits (and pays for the promise).
    if (!this.#slots.tryAcquire()) {
      try {
        await this.#slots.acquire(signal);
      } catch {
        return { kind: 'stopped', error: this.#abortError(signal, 'not-sent'), written: false };
      }
    }
    let ticket: GateTicket | undefined;
    let details: RateLimitDetails | undefined;
    let status: number | undefined;
    try {
      while (settings.pacing) {
        // Waits while another request learns an unknown window's budget (for its answer, or a second).
        const held = await this.#gate.reserve(signal).catch(() => undefined);
        if (held === undefined) return { kind: 'stopped', error: this.#abortError(signal, 'not-sent'), written: false };
        if (held.granted) {
          ticket = held.ticket;
          break;
        }
        const reserved = held.waitMs;
        const stop = pacingStop(reserved, Date.now(), call.deadline);
        if (stop === 'wait-too-long') {
          return { kind: 'stopped', error: waitTooLong(reserved, this.#rateLimit.resetAt), written: false };
        }
        emit(hooks.onRateLimit, { method: request.method, path, waitMs: reserved, rateLimit: this.rateLimitDetails });
        if (stop === 'past-deadline') {
          const error = new ServiceUnavailableError(
            deadlineMessage(call.timeoutMs ?? 0, 'before the rate limit resets; the request was not sent'),
          );
          return { kind: 'stopped', error, written: false };
        }
        try {
          await sleep(reserved, signal);
        } catch {
          return { kind: 'stopped', error: this.#abortError(signal, 'not-sent'), written: false };
        }
      }
      // Events are built only for the hooks that were given.
      if (hooks.onRequest !== undefined) emit(hooks.onRequest, { method: request.method, path, attempt });
      const started = Date.now();
      const remaining = call.deadline - started;
      let response: TransportResponse;
      try {
        response = await settings.transport.request({
          method: request.method,
          origin: this.#origin,
          path,
          headers: call.headers,
          body: call.body,
          connectTimeout: Math.max(1, Math.min(settings.connectTimeout, remaining)),
          readTimeout: Math.max(1, Math.min(settings.readTimeout, remaining)),
          maxResponseBytes: settings.maxResponseBytes,
          signal,
        });
      } catch (caught) {
        return this.#transportFailure(caught, signal, call);
      }
      status = response.status;
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
      const result = interpret(response);
      return result instanceof IntercomError ? { kind: 'answer', error: result } : { value: result };
    } finally {
      if (ticket !== undefined) this.#gate.record(ticket, details, status, this.#skewMs);
      this.#slots.release();
    }
  }

  /**
   * The error for a signal that fired: the caller's abort, or the call's deadline. After the request
   * may have been written, a deadline is a timeout of the answer, not of the connection.
   */
  #abortError(signal: AbortSignal | undefined, stage: 'not-sent' | 'maybe-sent'): IntercomError {
    const reason: unknown = signal?.reason;
    if (reason instanceof CallDeadline) return deadlineError(reason.timeoutMs, stage);
    return new RequestAbortedError('The request was aborted');
  }

  /** What a transport's failure means for the attempt. */
  #transportFailure(caught: unknown, signal: AbortSignal | undefined, call: Call): AttemptFailure {
    if (!(caught instanceof TransportError)) {
      // A transport that broke its contract: the request may have gone out.
      const error = new ServiceConnectionError(`Failed to connect to service [${String(caught)}]`, { cause: caught });
      return { kind: 'stopped', error, written: true };
    }
    const written = caught.requestMayHaveBeenSent;
    const context = { cause: caught };
    const timedOut = caught.failure === 'read_timeout' || caught.failure === 'connect_timeout';
    if (timedOut && call.timeoutMs !== undefined && Date.now() >= call.deadline) {
      // The transport's timeout was cut to what was left of the call's: the call's timeout ran out.
      const error = deadlineError(call.timeoutMs, written ? 'maybe-sent' : 'not-sent');
      Object.defineProperty(error, 'cause', { value: caught, configurable: true, writable: true });
      return { kind: 'stopped', error, written };
    }
    switch (caught.failure) {
      case 'aborted': {
        const error = this.#abortError(signal, written ? 'maybe-sent' : 'not-sent');
        Object.defineProperty(error, 'cause', { value: caught, configurable: true, writable: true });
        return { kind: 'stopped', error, written };
      }
      case 'response_too_large':
        return { kind: 'stopped', error: new UnexpectedResponseError(caught.message, context), written };
      case 'read_timeout':
        return { kind: 'lost', error: new ServiceUnavailableError('Service Unavailable [request timed out]', context), written };
      case 'connect_timeout': {
        const error = new ServiceConnectionError('Failed to connect to service [connection attempt timed out]', context);
        return { kind: 'lost', error, written };
      }
      case 'connect':
        return { kind: 'lost', error: new ServiceConnectionError(`${caught.message} at ${this.#hostPort}`, context), written };
      default:
        return { kind: 'lost', error: new ServiceConnectionError(caught.message, context), written };
    }
  }
}
