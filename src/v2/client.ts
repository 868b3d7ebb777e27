/**
 * The 2.x client: the official SDK's constructor options, mapped onto the core pipeline.
 *
 * @module
 */

import {
  credential,
  FORBIDDEN_IN_HEADER,
  misconfigured,
  PIPELINE_DEFAULTS,
  type PipelineOptions,
  pipelineSettings,
  positive,
  validBaseUrl,
} from '../core/client-options.js';
import type { RateLimitDetails } from '../core/rate-limit.js';
import { MAX_TIMER_MS, RequestPipeline } from '../core/request-pipeline.js';
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
export interface IntercomClientOptions extends PipelineOptions {
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
}

/** Defaults of {@link IntercomClientOptions}. */
export const DEFAULTS = Object.freeze({
  environment: IntercomEnvironment.UsProduction,
  version: DEFAULT_API_VERSION,
  ...PIPELINE_DEFAULTS,
});

/** `util.inspect.custom`, by its registered name: the client entry imports no `node:` module. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** `INTERCOM_API_KEY` from the environment, as the official SDK reads it; none where there is no `process`. */
function environmentToken(): string | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.INTERCOM_API_KEY;
}

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
    const token = options.token ?? environmentToken();
    if (token === undefined) misconfigured('a token is required (the token option, or INTERCOM_API_KEY)');
    const authorization = `Bearer ${credential(token, 'token')}`;
    const base = validBaseUrl(options.baseUrl ?? options.environment ?? DEFAULTS.environment, options.allowInsecureHttp === true);
    const version = options.version === undefined ? DEFAULTS.version : checkedVersionOption(options.version);
    const timeoutInSeconds =
      options.timeoutInSeconds === undefined
        ? undefined
        : positive(options.timeoutInSeconds, 'timeoutInSeconds', 0, MAX_TIMER_MS / 1000);
    const settings = pipelineSettings(options, { baseUrl: base, authorization, apiVersion: version });
    const pipeline = new RequestPipeline(settings);
    super(pipeline, {
      headers: clientHeaders(options.headers),
      timeoutMs: timeoutInSeconds === undefined ? undefined : timeoutInSeconds * 1000,
    });
    PIPELINES.set(this, pipeline);
    this.baseUrl = base.href.replace(/\/$/, '');
    this.version = version;
    this.maxRetries = settings.maxRetries;
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
  [INSPECT](_depth: number, options: object, inspect?: (value: unknown, options: object) => string): string {
    return `IntercomClient ${typeof inspect === 'function' ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON())}`;
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
