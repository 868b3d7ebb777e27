/**
 * Checks of client options that every client entry shares: credentials, positive numbers, the base
 * URL. Each failure is a {@link MisconfiguredClientError} thrown before anything is sent.
 *
 * @module
 */

import { VERSION } from '../version.js';
import { MisconfiguredClientError } from './errors.js';
import { FetchTransport } from './fetch-transport.js';
import { NodeHttpTransport } from './node-http-transport.js';
import { InProcessRateLimitStore, PROCESS_RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store.js';
import { type Hooks, MAX_TIMER_MS, type PipelineSettings } from './request-pipeline.js';
import { hasNodeHttp, runtimeTag } from './runtime.js';
import type { Transport } from './transport.js';

/** Characters a header value must not carry. */
export const FORBIDDEN_IN_HEADER = /[\r\n\0]/;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Throws the {@link MisconfiguredClientError} for a bad option. */
export function misconfigured(message: string): never {
  throw new MisconfiguredClientError(message);
}

/** A credential option: a non-empty string fit for a header. */
export function credential(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') misconfigured(`${name} must be a non-empty string`);
  if (FORBIDDEN_IN_HEADER.test(value)) misconfigured(`${name} must not contain CR, LF or NUL`);
  return value;
}

/** A positive number option at most `max`, or `fallback` when not given. */
export function positive(value: unknown, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    misconfigured(`${name} must be a positive number, at most ${max}`);
  }
  return value;
}

/** The base URL option: http(s), no credentials, query or fragment; plain http only on loopback unless allowed. */
export function validBaseUrl(value: unknown, allowInsecureHttp: boolean): URL {
  if (typeof value !== 'string') misconfigured('baseUrl must be a string');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // The value is not repeated: it may carry credentials.
    return misconfigured('baseUrl is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') misconfigured('baseUrl must be an http(s) URL');
  if (url.username !== '' || url.password !== '') misconfigured('baseUrl must not carry credentials');
  if (url.search !== '' || url.hash !== '') misconfigured('baseUrl must not have a query or fragment');
  if (url.protocol === 'http:' && !allowInsecureHttp && !LOOPBACK.test(url.hostname)) {
    misconfigured('baseUrl uses plain http on a host that is not loopback; use https or set allowInsecureHttp');
  }
  return url;
}

/**
 * The options every client entry (1.x `Client`, 2.x `IntercomClient`) takes for the core pipeline:
 * timeouts, retries, rate limits, concurrency, hooks and the transport.
 */
export interface PipelineOptions {
  /** Milliseconds to establish a connection. Default: 30,000. */
  connectTimeout?: number | undefined;
  /** Milliseconds to wait for response progress once connected. Default: 90,000. */
  readTimeout?: number | undefined;
  /** Retries after a retryable failure (README, "Retries"). Default: 2. */
  maxRetries?: number | undefined;
  /** On a 429, wait until `X-RateLimit-Reset` and send again, up to 3 times. Default: false. */
  handleRateLimit?: boolean | undefined;
  /**
   * Hold requests back when the rate-limit window's budget (from `X-RateLimit-*`) is spent, until
   * the window refills, instead of sending them into a 429. Default: true.
   */
  pacing?: boolean | undefined;
  /**
   * Where the rate-limit budget that `pacing` spends is kept. Default: one store per process, shared
   * by every client with the same base URL and credentials (they pace as one). A store shared by
   * processes: `RedisRateLimitStore` from `intercom-ts/redis`. `false`: this client paces alone.
   */
  rateLimitStore?: RateLimitStore | false | undefined;
  /** Most requests of this client in flight at once; more wait their turn. Default: 10. */
  maxConcurrency?: number | undefined;
  /** Largest response body accepted, in bytes. Default: 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Appended to the `User-Agent` header (`intercom-ts/<version> <runtime>/<version> <userAgent>`). */
  userAgent?: string | undefined;
  /** Called before every attempt is sent. Receives no credentials. */
  onRequest?: Hooks['onRequest'] | undefined;
  /** Called for every response, error statuses included. */
  onResponse?: Hooks['onResponse'] | undefined;
  /** Called before waiting to retry. */
  onRetry?: Hooks['onRetry'] | undefined;
  /** Called when a request waits for the rate-limit window to refill. */
  onRateLimit?: Hooks['onRateLimit'] | undefined;
  /** Called when the rate-limit store stops answering (calls then pace in this process) and when it answers again. */
  onWarning?: Hooks['onWarning'] | undefined;
  /** Allow a plain `http://` `baseUrl` on a host that is not loopback. Default: false. */
  allowInsecureHttp?: boolean | undefined;
  /**
   * How requests are sent. Default: a {@link NodeHttpTransport} (keep-alive, one pool per client)
   * where `node:http` is the runtime's own (Node.js, Bun, Deno), else a {@link FetchTransport}
   * (Cloudflare Workers, service workers).
   */
  transport?: Transport | undefined;
}

/** The `rateLimitStore` option: the process's shared store by default, a private one for `false`. */
function rateLimitStoreOf(option: PipelineOptions['rateLimitStore']): RateLimitStore {
  if (option === undefined) return PROCESS_RATE_LIMIT_STORE;
  if (option === false) return new InProcessRateLimitStore();
  const store = option as Partial<RateLimitStore> | null;
  if (
    typeof store !== 'object' ||
    store === null ||
    typeof store.reserve !== 'function' ||
    typeof store.record !== 'function' ||
    typeof store.pause !== 'function'
  ) {
    misconfigured('rateLimitStore must be a RateLimitStore (reserve, record, pause) or false');
  }
  return option;
}

/** Defaults of {@link PipelineOptions}, the same for both API families. */
export const PIPELINE_DEFAULTS = Object.freeze({
  connectTimeout: 30_000,
  readTimeout: 90_000,
  maxRetries: 2,
  handleRateLimit: false,
  pacing: true,
  maxConcurrency: 10,
  maxResponseBytes: 32 * 1024 * 1024,
});

/**
 * Largest `maxResponseBytes`: 4 GiB, Node 20's largest Buffer (a response body that large could not
 * become a string anyway).
 */
const MAX_RESPONSE_BYTES = 2 ** 32;

/** What the client entry itself decides: where, as whom, which version. */
export interface PipelineIdentity {
  baseUrl: URL;
  authorization: string;
  apiVersion: string | undefined;
}

/**
 * Checks {@link PipelineOptions} and builds the pipeline's settings; every failure is a
 * {@link MisconfiguredClientError} thrown before anything is sent.
 */
export function pipelineSettings(options: PipelineOptions, identity: PipelineIdentity): PipelineSettings {
  const maxRetries = options.maxRetries ?? PIPELINE_DEFAULTS.maxRetries;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) misconfigured('maxRetries must be a whole number >= 0');
  const maxConcurrency = options.maxConcurrency ?? PIPELINE_DEFAULTS.maxConcurrency;
  if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) misconfigured('maxConcurrency must be a whole number >= 1');
  for (const hook of ['onRequest', 'onResponse', 'onRetry', 'onRateLimit', 'onWarning'] as const) {
    if (options[hook] !== undefined && typeof options[hook] !== 'function') misconfigured(`${hook} must be a function`);
  }
  if (options.userAgent !== undefined && (typeof options.userAgent !== 'string' || FORBIDDEN_IN_HEADER.test(options.userAgent))) {
    misconfigured('userAgent must be a string without CR, LF or NUL');
  }
  return {
    ...identity,
    userAgent: `intercom-ts/${VERSION} ${runtimeTag()}${options.userAgent ? ` ${options.userAgent}` : ''}`,
    connectTimeout: positive(options.connectTimeout, 'connectTimeout', PIPELINE_DEFAULTS.connectTimeout, MAX_TIMER_MS),
    readTimeout: positive(options.readTimeout, 'readTimeout', PIPELINE_DEFAULTS.readTimeout, MAX_TIMER_MS),
    maxRetries,
    handleRateLimit: options.handleRateLimit ?? PIPELINE_DEFAULTS.handleRateLimit,
    maxResponseBytes: positive(
      options.maxResponseBytes,
      'maxResponseBytes',
      PIPELINE_DEFAULTS.maxResponseBytes,
      MAX_RESPONSE_BYTES,
    ),
    maxConcurrency,
    pacing: options.pacing ?? PIPELINE_DEFAULTS.pacing,
    hooks: {
      onRequest: options.onRequest,
      onResponse: options.onResponse,
      onRetry: options.onRetry,
      onRateLimit: options.onRateLimit,
      onWarning: options.onWarning,
    },
    rateLimitStore: rateLimitStoreOf(options.rateLimitStore),
    transport: options.transport ?? (hasNodeHttp() ? new NodeHttpTransport() : new FetchTransport()),
  };
}
