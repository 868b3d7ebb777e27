/**
 * The one request pipeline every resource goes through: URL and headers, authentication, the
 * transport call, rate-limit bookkeeping, error mapping and the retry policy.
 *
 * @module
 */
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
import { parseRateLimitHeaders, type RateLimitDetails } from './rate-limit.js';
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
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
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
  transport: Transport;
}

/** Retries a 429 gets with `handleRateLimit`, as in the gem. */
export const RATE_LIMIT_RETRIES = 3;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;
const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
const HEADER_VALUE_FORBIDDEN = /[\r\n\0]/;

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

/** Sends API requests for one client. */
export class RequestPipeline {
  readonly #settings: PipelineSettings;
  readonly #baseHeaders: Readonly<Record<string, string>>;
  readonly #origin: string;
  readonly #prefix: string;
  #rateLimit: RateLimitDetails = {};

  constructor(settings: PipelineSettings) {
    this.#settings = settings;
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
   * The URL of a request. Absolute URLs (`pages.next`, job links) are re-based onto the client's own
   * origin: their path and query are kept, their host never receives the credentials.
   */
  urlFor(path: string, query: QueryParams | undefined): URL {
    let relative = path;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const absolute = new URL(path);
      relative = `${absolute.pathname}${absolute.search}`;
      if (this.#prefix !== '' && relative.startsWith(`${this.#prefix}/`)) relative = relative.slice(this.#prefix.length);
    }
    const queryString = encodeQuery(query);
    const joined =
      queryString === '' ? relative : `${relative}${relative.includes('?') ? `&${queryString.slice(1)}` : queryString}`;
    return new URL(`${this.#origin}${this.#prefix}${joined}`);
  }

  /** Sends one request and returns the parsed JSON body (`null` for an empty body). */
  async send(request: ApiRequest): Promise<unknown> {
    const options = request.options ?? {};
    validateHeaders(options.headers);
    const url = this.urlFor(request.path, request.query);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { ...this.#baseHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.headers) {
      for (const name in options.headers) headers[name.toLowerCase()] = options.headers[name] as string;
    }
    const settings = this.#settings;
    const maxRetries = options.maxRetries ?? settings.maxRetries;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      throw new InvalidParameterError('maxRetries', 'must be a whole number >= 0');
    }
    const deadline = options.timeout === undefined ? Number.POSITIVE_INFINITY : Date.now() + options.timeout;
    let retries = 0;
    let rateLimitRetries = 0;

    for (;;) {
      const remaining = deadline - Date.now();
      let response: TransportResponse;
      try {
        response = await settings.transport.request({
          method: request.method,
          url,
          headers,
          body,
          connectTimeout: Math.max(1, Math.min(settings.connectTimeout, remaining)),
          readTimeout: Math.max(1, Math.min(settings.readTimeout, remaining)),
          maxResponseBytes: settings.maxResponseBytes,
          signal: options.signal,
        });
      } catch (caught) {
        const error = this.#transportFailure(caught, request.idempotent);
        // Nothing reached the server, or repeating is harmless: try again.
        const repeatable =
          caught instanceof TransportError &&
          caught.failure !== 'aborted' &&
          caught.failure !== 'response_too_large' &&
          (request.idempotent || !caught.requestMayHaveBeenSent);
        if (repeatable && retries < maxRetries) {
          await this.#wait(backoffDelay(retries), deadline, options.signal, error);
          retries++;
          continue;
        }
        throw error;
      }

      this.#rateLimit = parseRateLimitHeaders(response.headers);
      const result = this.#interpret(response, request.idempotent);
      if (!(result instanceof IntercomError)) return result;

      const error = result;
      if (error instanceof RateLimitExceeded) {
        // A 429 was not acted upon, so every request may be repeated.
        const wait = this.#untilReset(response.headers) ?? backoffDelay(rateLimitRetries + retries);
        if (settings.handleRateLimit && rateLimitRetries < RATE_LIMIT_RETRIES) {
          await this.#wait(wait, deadline, options.signal, error);
          rateLimitRetries++;
          continue;
        }
        if (retries < maxRetries) {
          await this.#wait(wait, deadline, options.signal, error);
          retries++;
          continue;
        }
        if (settings.handleRateLimit) {
          throw new RateLimitExceeded('Rate limit retries exceeded. Please examine current API Usage.', {
            httpCode: error.httpCode,
            applicationErrorCode: error.applicationErrorCode,
            requestId: error.requestId,
            headers: error.headers,
          });
        }
        throw error;
      }
      if (request.idempotent && RETRYABLE_STATUSES.has(response.status) && retries < maxRetries) {
        const retryAfter = Number(response.headers['retry-after']);
        const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(retries);
        await this.#wait(wait, deadline, options.signal, error);
        retries++;
        continue;
      }
      throw error;
    }
  }

  /** Parses a response: the JSON value, or the error it stands for. */
  #interpret(response: TransportResponse, idempotent: boolean): unknown {
    const { status, headers, body } = response;
    const ok = status >= 200 && status < 300;
    if (body.trim() === '') {
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

  #transportFailure(caught: unknown, idempotent: boolean): IntercomError {
    if (!(caught instanceof TransportError)) {
      return new ServiceConnectionError(`Failed to connect to service [${String(caught)}]`, { cause: caught });
    }
    const outcomeUnknown = caught.requestMayHaveBeenSent && !idempotent;
    const context = { cause: caught, outcomeUnknown };
    switch (caught.failure) {
      case 'aborted':
        return new RequestAbortedError('The request was aborted', context);
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

  #untilReset(headers: Readonly<Record<string, string>>): number | undefined {
    const reset = Number.parseInt(headers['x-ratelimit-reset'] ?? '', 10);
    if (!Number.isFinite(reset)) return undefined;
    return Math.max(0, reset * 1000 - Date.now()) + 50;
  }

  async #wait(ms: number, deadline: number, signal: AbortSignal | undefined, lastError: IntercomError): Promise<void> {
    if (Date.now() + ms > deadline) throw lastError;
    try {
      await sleep(ms, signal);
    } catch (aborted) {
      if (aborted instanceof RequestAbortedError) throw aborted;
      throw lastError;
    }
  }
}
