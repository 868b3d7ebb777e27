import { constants } from 'node:buffer';
import { inspect } from 'node:util';
import { credential, FORBIDDEN_IN_HEADER, misconfigured, positive, validBaseUrl } from './core/client-options.js';
import { InvalidParameterError } from './core/errors.js';
import { NodeHttpTransport } from './core/node-http-transport.js';
import type { RateLimitDetails } from './core/rate-limit.js';
import { type Hooks, MAX_TIMER_MS, type RequestOptions, RequestPipeline } from './core/request-pipeline.js';
import type { Transport } from './core/transport.js';
import type { QueryParams } from './core/url.js';
import { Admins } from './resources/admins.js';
import { Companies } from './resources/companies.js';
import { Contacts } from './resources/contacts.js';
import { Conversations } from './resources/conversations.js';
import { Counts } from './resources/counts.js';
import { Customers } from './resources/customers.js';
import { Events } from './resources/events.js';
import { Jobs } from './resources/jobs.js';
import { Messages } from './resources/messages.js';
import { Notes } from './resources/notes.js';
import { Segments } from './resources/segments.js';
import { Subscriptions } from './resources/subscriptions.js';
import { Tags } from './resources/tags.js';
import { Teams } from './resources/teams.js';
import { Users } from './resources/users.js';
import { Visitors } from './resources/visitors.js';
import { VERSION } from './version.js';

/**
 * Options of {@link Client}. Give either `token`, or `appId` and `apiKey`. Every option may be
 * `undefined` (its default), so `token: process.env.INTERCOM_TOKEN` type-checks and fails clearly at
 * run time when the variable is not set.
 */
export interface ClientOptions {
  /** A personal access token or OAuth token, sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Legacy app id, sent with `apiKey` as HTTP Basic credentials (as the Ruby gem allowed). */
  appId?: string | undefined;
  /** Legacy API key, with `appId`. */
  apiKey?: string | undefined;
  /** Where the API is. Default: `https://api.intercom.io`. Plain `http://` only for loopback hosts, unless `allowInsecureHttp`. */
  baseUrl?: string | undefined;
  /** Sent as `Intercom-Version`: `'Unstable'` or a version >= 1.0 such as `'1.4'`. Default: not sent (the app's own version). */
  apiVersion?: string | undefined;
  /** On a 429, wait until `X-RateLimit-Reset` and send again, up to 3 times, before throwing `RateLimitExceeded`. Default: false. */
  handleRateLimit?: boolean | undefined;
  /** Milliseconds to establish a connection. Default: 30,000. */
  connectTimeout?: number | undefined;
  /** Milliseconds to wait for response progress once connected. Default: 90,000. */
  readTimeout?: number | undefined;
  /** Retries after a retryable failure (README, "Retries"). Default: 2. */
  maxRetries?: number | undefined;
  /** Appended to the `User-Agent` header (`intercom-ts/<version> node/<version> <userAgent>`). */
  userAgent?: string | undefined;
  /** Largest response body accepted, in bytes. Default: 32 MiB. */
  maxResponseBytes?: number | undefined;
  /** Most requests of this client in flight at once; more wait their turn. Default: 10. */
  maxConcurrency?: number | undefined;
  /**
   * Hold requests back when the rate-limit window's budget (from `X-RateLimit-*`) is spent, until
   * the window refills, instead of sending them into a 429. Default: true.
   */
  pacing?: boolean | undefined;
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
  /** How requests are sent. Default: a {@link NodeHttpTransport} (keep-alive, one pool per client). */
  transport?: Transport | undefined;
}

/** Defaults of {@link ClientOptions}. */
export const DEFAULTS = Object.freeze({
  baseUrl: 'https://api.intercom.io',
  handleRateLimit: false,
  connectTimeout: 30_000,
  readTimeout: 90_000,
  maxRetries: 2,
  maxResponseBytes: 32 * 1024 * 1024,
  maxConcurrency: 10,
  pacing: true,
});

function authorizationOf(options: ClientOptions): string {
  const hasToken = options.token !== undefined;
  const hasLegacy = options.appId !== undefined || options.apiKey !== undefined;
  if (hasToken && hasLegacy) misconfigured('give either token, or appId and apiKey, not both');
  if (hasToken) return `Bearer ${credential(options.token, 'token')}`;
  if (hasLegacy) {
    const appId = credential(options.appId, 'appId');
    const apiKey = credential(options.apiKey, 'apiKey');
    return `Basic ${Buffer.from(`${appId}:${apiKey}`).toString('base64')}`;
  }
  return misconfigured('a token (or appId and apiKey) is required');
}

/** `'Unstable'`, or a dotted numeric version >= 1.0. */
function validApiVersion(version: unknown): string | undefined {
  if (version === undefined) return undefined;
  if (version === 'Unstable') return version;
  if (typeof version === 'string' && /^\d+(\.\d+)*$/.test(version)) {
    const [major = 0] = version.split('.').map(Number);
    if (major >= 1) return version;
  }
  return misconfigured("apiVersion must be 'Unstable' or a valid API version >= 1.0");
}

/**
 * The Intercom API client.
 *
 * ```ts
 * import { Client } from 'intercom-ts';
 * const intercom = new Client({ token: process.env.INTERCOM_TOKEN });
 * const user = await intercom.users.find({ email: 'bob@example.com' });
 * ```
 *
 * Credentials are kept private: they never appear in errors, `util.inspect(client)` or
 * `JSON.stringify(client)`.
 */
export class Client {
  /** Users. */
  readonly users: Users;
  /** Admins (teammates). */
  readonly admins: Admins;
  /** Conversations: lists, parts, replies, open, close, assign, snooze, mark read. */
  readonly conversations: Conversations;
  /** Messages from admins to users and leads, and from users and leads to the app. */
  readonly messages: Messages;
  /** App-wide and grouped counts. */
  readonly counts: Counts;
  /** Companies. */
  readonly companies: Companies;
  /** Tags of users and companies. */
  readonly tags: Tags;
  /** Segments of users and companies. */
  readonly segments: Segments;
  /** Teams of admins. */
  readonly teams: Teams;
  /** Data events. */
  readonly events: Events;
  /** Bulk jobs (made by `users.submitBulkJob` and `events.submitBulkJob`). */
  readonly jobs: Jobs;
  /** Webhook subscriptions. */
  readonly subscriptions: Subscriptions;
  /** Leads (API 1.x calls them contacts). */
  readonly contacts: Contacts;
  /** Visitors. */
  readonly visitors: Visitors;
  /** Notes on users and leads. */
  readonly notes: Notes;
  /** Search across users and leads. */
  readonly customers: Customers;

  /** The API's base URL. */
  readonly baseUrl: string;
  /** The `Intercom-Version` sent, if any. */
  readonly apiVersion: string | undefined;
  /** Whether 429s wait for the rate-limit reset. */
  readonly handleRateLimit: boolean;
  /** Connect and read timeouts, in milliseconds. */
  readonly timeouts: Readonly<{ connectTimeout: number; readTimeout: number }>;
  /** Default retries per call. */
  readonly maxRetries: number;
  /** Most requests in flight at once. */
  readonly maxConcurrency: number;

  readonly #pipeline: RequestPipeline;

  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) misconfigured('options must be an object');
    const authorization = authorizationOf(options);
    const baseUrl = validBaseUrl(options.baseUrl ?? DEFAULTS.baseUrl, options.allowInsecureHttp === true);
    this.apiVersion = validApiVersion(options.apiVersion);
    this.handleRateLimit = options.handleRateLimit ?? DEFAULTS.handleRateLimit;
    this.timeouts = Object.freeze({
      connectTimeout: positive(options.connectTimeout, 'connectTimeout', DEFAULTS.connectTimeout, MAX_TIMER_MS),
      readTimeout: positive(options.readTimeout, 'readTimeout', DEFAULTS.readTimeout, MAX_TIMER_MS),
    });
    const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
    if (!Number.isInteger(maxRetries) || maxRetries < 0) misconfigured('maxRetries must be a whole number >= 0');
    this.maxRetries = maxRetries;
    const maxConcurrency = options.maxConcurrency ?? DEFAULTS.maxConcurrency;
    if (!Number.isInteger(maxConcurrency) || maxConcurrency < 1) misconfigured('maxConcurrency must be a whole number >= 1');
    this.maxConcurrency = maxConcurrency;
    for (const hook of ['onRequest', 'onResponse', 'onRetry', 'onRateLimit'] as const) {
      if (options[hook] !== undefined && typeof options[hook] !== 'function') misconfigured(`${hook} must be a function`);
    }
    if (
      options.userAgent !== undefined &&
      (typeof options.userAgent !== 'string' || FORBIDDEN_IN_HEADER.test(options.userAgent))
    ) {
      misconfigured('userAgent must be a string without CR, LF or NUL');
    }
    this.baseUrl = baseUrl.href.replace(/\/$/, '');
    this.#pipeline = new RequestPipeline({
      baseUrl,
      authorization,
      userAgent: `intercom-ts/${VERSION} node/${process.version}${options.userAgent ? ` ${options.userAgent}` : ''}`,
      apiVersion: this.apiVersion,
      connectTimeout: this.timeouts.connectTimeout,
      readTimeout: this.timeouts.readTimeout,
      maxRetries,
      handleRateLimit: this.handleRateLimit,
      maxResponseBytes: positive(options.maxResponseBytes, 'maxResponseBytes', DEFAULTS.maxResponseBytes, constants.MAX_LENGTH),
      maxConcurrency: this.maxConcurrency,
      pacing: options.pacing ?? DEFAULTS.pacing,
      hooks: {
        onRequest: options.onRequest,
        onResponse: options.onResponse,
        onRetry: options.onRetry,
        onRateLimit: options.onRateLimit,
      },
      transport: options.transport ?? new NodeHttpTransport(),
    });
    this.users = new Users(this.#pipeline);
    this.admins = new Admins(this.#pipeline);
    this.conversations = new Conversations(this.#pipeline);
    this.messages = new Messages(this.#pipeline);
    this.counts = new Counts(this.#pipeline);
    this.companies = new Companies(this.#pipeline);
    this.tags = new Tags(this.#pipeline);
    this.segments = new Segments(this.#pipeline);
    this.teams = new Teams(this.#pipeline);
    this.events = new Events(this.#pipeline);
    this.jobs = new Jobs(this.#pipeline);
    this.subscriptions = new Subscriptions(this.#pipeline);
    this.contacts = new Contacts(this.#pipeline);
    this.visitors = new Visitors(this.#pipeline);
    this.notes = new Notes(this.#pipeline);
    this.customers = new Customers(this.#pipeline);
  }

  /**
   * The app's rate limit as the last response reported it: `{ limit, remaining, resetAt }`. Updated
   * after every response, errors included; `{}` before the first.
   */
  get rateLimitDetails(): RateLimitDetails {
    return this.#pipeline.rateLimitDetails;
  }

  /** `GET path?params`: the parsed JSON body, or `null` for an empty one. */
  get(path: string, params?: QueryParams, options?: RequestOptions): Promise<unknown> {
    return this.#pipeline.send({ method: 'GET', path: rooted(path), query: params, idempotent: true, options });
  }

  /** `POST path` with a JSON body. Not repeated once it may have reached the server. */
  post(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#pipeline.send({ method: 'POST', path: rooted(path), body, idempotent: false, options });
  }

  /** `PUT path` with a JSON body. */
  put(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#pipeline.send({ method: 'PUT', path: rooted(path), body, idempotent: true, options });
  }

  /** `DELETE path` with a JSON body (`{}` by default, as the gem sends). */
  delete(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#pipeline.send({ method: 'DELETE', path: rooted(path), body, idempotent: true, options });
  }

  /** Closes pooled keep-alive connections. The client can still be used; it opens new ones. */
  close(): void {
    this.#pipeline.close();
  }

  /** What `util.inspect` shows: the options, never the credentials. */
  [inspect.custom](): string {
    return `Client ${inspect(this.toJSON())}`;
  }

  /** What `JSON.stringify` shows: the options, never the credentials. */
  toJSON(): Record<string, unknown> {
    return {
      baseUrl: this.baseUrl,
      apiVersion: this.apiVersion,
      handleRateLimit: this.handleRateLimit,
      timeouts: this.timeouts,
      maxRetries: this.maxRetries,
      maxConcurrency: this.maxConcurrency,
      credentials: '[redacted]',
    };
  }
}

function rooted(path: string): string {
  if (typeof path !== 'string' || path === '') throw new InvalidParameterError('path', 'must be a non-empty string');
  return path.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(path) ? path : `/${path}`;
}
