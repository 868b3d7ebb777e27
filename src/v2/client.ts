/**
 * The 2.x client: the official SDK's constructor options, mapped onto the core pipeline.
 *
 * @module
 */

import { constants } from 'node:buffer';
import { inspect } from 'node:util';
import { credential, FORBIDDEN_IN_HEADER, misconfigured, positive, validBaseUrl } from '../core/client-options.js';
import { NodeHttpTransport } from '../core/node-http-transport.js';
import type { RateLimitDetails } from '../core/rate-limit.js';
import { type Hooks, MAX_TIMER_MS, RequestPipeline } from '../core/request-pipeline.js';
import type { Transport } from '../core/transport.js';
import { VERSION } from '../version.js';
import { ResourceGroups } from './generated/resource-groups.js';
import { type ApiVersion, checkedVersion, DEFAULT_API_VERSION, type RequestOptions } from './request-options.js';

/** Intercom's regions, as the official SDK names them. */
export const IntercomEnvironment = Object.freeze({
  UsProduction: 'https://api.intercom.io',
  EuProduction: 'https://api.eu.intercom.io',
  AuProduction: 'https://api.au.intercom.io',
} as const);
/** One of Intercom's regions. */
export type IntercomEnvironment = (typeof IntercomEnvironment)[keyof typeof IntercomEnvironment];

/**
 * Options of {@link IntercomClient}: the official SDK's (`token`, `environment`, `baseUrl`, `version`,
 * `headers`, `timeoutInSeconds`, `maxRetries`), then the core's own.
 */
export interface IntercomClientOptions {
  /** Access token, sent as `Authorization: Bearer <token>`. Default: the `INTERCOM_API_KEY` environment variable, as in the official SDK. */
  token?: string | undefined;
  /** The region: an {@link IntercomEnvironment} or a URL. Default: `IntercomEnvironment.UsProduction`. */
  environment?: IntercomEnvironment | string | undefined;
  /** Where the API is; wins over `environment`. Plain `http://` only for loopback hosts, unless `allowInsecureHttp`. */
  baseUrl?: string | undefined;
  /** `Intercom-Version` of every call (`2.7` to `2.16`, or `Unstable`). Default: `2.16`, the version the types follow. */
  version?: ApiVersion | undefined;
  /** Headers sent with every call; a call's own `headers` win. `null` and `undefined` values are left out. */
  headers?: Record<string, string | null | undefined> | undefined;
  /** Seconds a call may take, retries and waits included. Default: no limit beyond `connectTimeout` and `readTimeout`. */
  timeoutInSeconds?: number | undefined;
  /** Retries after a retryable failure (README, "Retries"). Default: 2. */
  maxRetries?: number | undefined;
  /** Milliseconds to establish a connection. Default: 30,000. */
  connectTimeout?: number | undefined;
  /** Milliseconds to wait for response progress once connected. Default: 90,000. */
  readTimeout?: number | undefined;
  /** On a 429, wait until `X-RateLimit-Reset` and send again, up to 3 times. Default: false (the 429 is retried as `maxRetries` allows). */
  handleRateLimit?: boolean | undefined;
  /** Hold requests back when the rate-limit window's budget is spent, instead of sending them into a 429. Default: true. */
  pacing?: boolean | undefined;
  /** Most requests of this client in flight at once; more wait their turn. Default: 10. */
  maxConcurrency?: number | undefined;
  /** Largest response body accepted, in bytes. Default: 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Appended to the `User-Agent` header. */
  userAgent?: string | undefined;
  /** Called before every attempt is sent. Receives no credentials. */
  onRequest?: Hooks['onRequest'] | undefined;
  /** Called for every response, error statuses included. */
  onResponse?: Hooks['onResponse'] | undefined;
  /** Called before waiting to retry. */
  onRetry?: Hooks['onRetry'] | undefined;
  /** Called when a request waits for the rate-limit window to refill. */
  onRateLimit?: Hooks['onRateLimit'] | undefined;
  /** Allow a plain `http://` `baseUrl` on a host that is not loopback. Default: false. */
  allowInsecureHttp?: boolean | undefined;
  /** How requests are sent. Default: a `NodeHttpTransport` (keep-alive, one pool per client). */
  transport?: Transport | undefined;
}

/** Defaults of {@link IntercomClientOptions}. */
export const DEFAULTS = Object.freeze({
  environment: IntercomEnvironment.UsProduction,
  version: DEFAULT_API_VERSION,
  connectTimeout: 30_000,
  readTimeout: 90_000,
  maxRetries: 2,
  handleRateLimit: false,
  pacing: true,
  maxConcurrency: 10,
  maxResponseBytes: 32 * 1024 * 1024,
});

/** Each client's pipeline, out of reach of inspection and serialisation (it holds the token). */
const PIPELINES = new WeakMap<IntercomClient, RequestPipeline>();

function pipelineOf(client: IntercomClient): RequestPipeline {
  return PIPELINES.get(client) as RequestPipeline;
}

function clientHeaders(headers: IntercomClientOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string' || FORBIDDEN_IN_HEADER.test(value))
      misconfigured(`headers.${name} must be a string without CR, LF or NUL`);
    if (name.toLowerCase() === 'authorization') misconfigured('headers must not set Authorization: give token');
    out[name] = value;
  }
  return out;
}

/**
 * The Intercom API 2.x client: every operation of API 2.16, grouped and named as in the official
 * SDK (`intercom-client`), on intercom-ts's pipeline (retries by each operation's safety, pacing,
 * hooks, timeouts).
 *
 * ```ts
 * import { IntercomClient } from 'intercom-ts/v2';
 * const client = new IntercomClient({ token: process.env.INTERCOM_TOKEN });
 * const contact = await client.contacts.find({ contact_id: '63a07ddf05a32042dffac965' });
 * ```
 *
 * The token is kept private: it never appears in errors, `util.inspect(client)` or `JSON.stringify(client)`.
 */
export class IntercomClient extends ResourceGroups {
  /** The API's base URL. */
  readonly baseUrl: string;
  /** The `Intercom-Version` sent unless a call sets its own. */
  readonly version: ApiVersion;
  /** Default retries per call. */
  readonly maxRetries: number;

  constructor(options: IntercomClientOptions = {}) {
    if (typeof options !== 'object' || options === null) misconfigured('options must be an object');
    const token = options.token ?? process.env.INTERCOM_API_KEY;
    if (token === undefined) misconfigured('a token is required (the token option, or INTERCOM_API_KEY)');
    const authorization = `Bearer ${credential(token, 'token')}`;
    const base = validBaseUrl(options.baseUrl ?? options.environment ?? DEFAULTS.environment, options.allowInsecureHttp === true);
    const version = options.version === undefined ? DEFAULTS.version : checkedVersionOption(options.version);
    const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) misconfigured('maxRetries must be a whole number >= 0');
    const maxConcurrency = options.maxConcurrency ?? DEFAULTS.maxConcurrency;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) misconfigured('maxConcurrency must be a whole number >= 1');
    const timeoutInSeconds =
      options.timeoutInSeconds === undefined
        ? undefined
        : positive(options.timeoutInSeconds, 'timeoutInSeconds', 0, MAX_TIMER_MS / 1000);
    for (const hook of ['onRequest', 'onResponse', 'onRetry', 'onRateLimit'] as const) {
      if (options[hook] !== undefined && typeof options[hook] !== 'function') misconfigured(`${hook} must be a function`);
    }
    if (
      options.userAgent !== undefined &&
      (typeof options.userAgent !== 'string' || FORBIDDEN_IN_HEADER.test(options.userAgent))
    ) {
      misconfigured('userAgent must be a string without CR, LF or NUL');
    }
    const pipeline = new RequestPipeline({
      baseUrl: base,
      authorization,
      userAgent: `intercom-ts/${VERSION} node/${process.version}${options.userAgent ? ` ${options.userAgent}` : ''}`,
      apiVersion: version,
      connectTimeout: positive(options.connectTimeout, 'connectTimeout', DEFAULTS.connectTimeout, MAX_TIMER_MS),
      readTimeout: positive(options.readTimeout, 'readTimeout', DEFAULTS.readTimeout, MAX_TIMER_MS),
      maxRetries,
      handleRateLimit: options.handleRateLimit ?? DEFAULTS.handleRateLimit,
      maxResponseBytes: positive(options.maxResponseBytes, 'maxResponseBytes', DEFAULTS.maxResponseBytes, constants.MAX_LENGTH),
      maxConcurrency,
      pacing: options.pacing ?? DEFAULTS.pacing,
      hooks: {
        onRequest: options.onRequest,
        onResponse: options.onResponse,
        onRetry: options.onRetry,
        onRateLimit: options.onRateLimit,
      },
      transport: options.transport ?? new NodeHttpTransport(),
    });
    super(pipeline, {
      headers: clientHeaders(options.headers),
      timeoutMs: timeoutInSeconds === undefined ? undefined : timeoutInSeconds * 1000,
    });
    PIPELINES.set(this, pipeline);
    this.baseUrl = base.href.replace(/\/$/, '');
    this.version = version;
    this.maxRetries = maxRetries;
  }

  /** The app's rate limit as the last response reported it: `{ limit, remaining, resetAt }`; `{}` before the first. */
  get rateLimitDetails(): RateLimitDetails {
    return pipelineOf(this).rateLimitDetails;
  }

  /** Closes pooled keep-alive connections. The client can still be used; it opens new ones. */
  close(): void {
    pipelineOf(this).close();
  }

  /** What `util.inspect` shows: the options, never the token. */
  [inspect.custom](): string {
    return `IntercomClient ${inspect(this.toJSON())}`;
  }

  /** What `JSON.stringify` shows: the options, never the token. */
  toJSON(): Record<string, unknown> {
    return { baseUrl: this.baseUrl, version: this.version, maxRetries: this.maxRetries, token: '[redacted]' };
  }
}

function checkedVersionOption(version: unknown): ApiVersion {
  try {
    return checkedVersion(version, 'version');
  } catch {
    return misconfigured(`version must be one of 2.7 ... 2.16 or Unstable`);
  }
}

/** Types of {@link IntercomClient}'s options under the official SDK's names. */
export declare namespace IntercomClient {
  /** The client's options. */
  type Options = IntercomClientOptions;
  /** Per-call options. */
  type RequestOptions = import('./request-options.js').RequestOptions;
}

export type { RequestOptions };
