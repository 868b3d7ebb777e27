import {
  API_VERSIONS_2X,
  type ApiVersion1x,
  type ApiVersion2x,
  compareApiVersions,
  parseApiVersion,
  UNSTABLE,
} from './core/api-version.js';
import {
  credential,
  misconfigured,
  PIPELINE_DEFAULTS,
  type PipelineOptions,
  pipelineSettings,
  validBaseUrl,
} from './core/client-options.js';
import { InvalidParameterError } from './core/errors.js';
import type { RateLimitDetails } from './core/rate-limit.js';
import { type RequestOptions, RequestPipeline } from './core/request-pipeline.js';
import type { RequestSender } from './core/request-sender.js';
import { ResourceHttp } from './core/resource.js';
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

/**
 * Options of {@link Client}. Give either `token`, or `appId` and `apiKey`. Every option may be
 * `undefined` (its default), so `token: process.env.INTERCOM_TOKEN` type-checks and fails clearly at
 * run time when the variable is not set.
 */
export interface ClientOptions extends PipelineOptions {
  /** A personal access token or OAuth token, sent as `Authorization: Bearer <token>`. */
  token?: string | undefined;
  /** Legacy app id, sent with `apiKey` as HTTP Basic credentials (as the Ruby gem allowed). */
  appId?: string | undefined;
  /** Legacy API key, with `appId`. */
  apiKey?: string | undefined;
  /** Where the API is. Default: `https://api.intercom.io`. Plain `http://` only for loopback hosts, unless `allowInsecureHttp`. */
  baseUrl?: string | undefined;
  /**
   * Sent as `Intercom-Version`: an API 1.x version (`'1.0'` to `'1.4'`) or `'Unstable'`. Default: not
   * sent (the app's own version). With a 2.x version (`'2.7'` to `'2.16'`) every call is translated to
   * API 2.x and answers the same 1.x models (README: "Moving to API 2.x"); for the 2.x API itself, use
   * the client of `intercom-ts/v2`.
   */
  apiVersion?: ApiVersion1x | ApiVersion2x | undefined;
}

/** Defaults of {@link ClientOptions}. */
export const DEFAULTS = Object.freeze({ baseUrl: 'https://api.intercom.io', ...PIPELINE_DEFAULTS });

/** `util.inspect.custom`, by its registered name: the client entry imports no `node:` module. */
const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function authorizationOf(options: ClientOptions): string {
  const hasToken = options.token !== undefined;
  const hasLegacy = options.appId !== undefined || options.apiKey !== undefined;
  if (hasToken && hasLegacy) misconfigured('give either token, or appId and apiKey, not both');
  if (hasToken) return `Bearer ${credential(options.token, 'token')}`;
  if (hasLegacy) {
    const appId = credential(options.appId, 'appId');
    const apiKey = credential(options.apiKey, 'apiKey');
    return `Basic ${base64Utf8(`${appId}:${apiKey}`)}`;
  }
  return misconfigured('a token (or appId and apiKey) is required');
}

/** Base64 of the UTF-8 bytes of `text` (as `Buffer.from(text).toString('base64')`, in any runtime). */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** `'Unstable'`, a dotted numeric 1.x version, or a 2.x version the bridge translates to. */
function validApiVersion(version: unknown): string | undefined {
  if (version === undefined) return undefined;
  const parts = parseApiVersion(version);
  if (parts === undefined || (parts !== UNSTABLE && compareApiVersions(version as string, '1.0') < 0)) {
    return misconfigured("apiVersion must be 'Unstable' or a valid API version >= 1.0");
  }
  if (isApi2(version as string) && !(API_VERSIONS_2X as readonly string[]).includes(version as string)) {
    return misconfigured(`apiVersion ${version as string} is not an API 2.x version Intercom has: give 2.7 to 2.16`);
  }
  return version as string;
}

/** Whether the seed-style client translates its calls to API 2.x. */
function isApi2(version: string | undefined): boolean {
  return version !== undefined && version !== UNSTABLE && compareApiVersions(version, '2.0') >= 0;
}

/**
 * The bridge to API 2.x, loaded on the first call: a 1.x program never loads the translation.
 * (`src/bridge/api-v2-bridge.ts`.)
 */
function lazyApiV2Bridge(v2: RequestSender, baseUrl: string, apiVersion: string): RequestSender {
  let bridge: Promise<RequestSender> | undefined;
  return {
    send(request) {
      bridge ??= import('./bridge/api-v2-bridge.js').then(({ ApiV2Bridge }) => new ApiV2Bridge(v2, baseUrl, apiVersion));
      return bridge.then((loaded) => loaded.send(request));
    },
  };
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
  readonly #http: ResourceHttp;

  constructor(options: ClientOptions) {
    if (typeof options !== 'object' || options === null) misconfigured('options must be an object');
    const authorization = authorizationOf(options);
    const baseUrl = validBaseUrl(options.baseUrl ?? DEFAULTS.baseUrl, options.allowInsecureHttp === true);
    this.apiVersion = validApiVersion(options.apiVersion);
    const settings = pipelineSettings(options, { baseUrl, authorization, apiVersion: this.apiVersion });
    this.handleRateLimit = settings.handleRateLimit;
    this.timeouts = Object.freeze({ connectTimeout: settings.connectTimeout, readTimeout: settings.readTimeout });
    this.maxRetries = settings.maxRetries;
    this.maxConcurrency = settings.maxConcurrency;
    this.baseUrl = baseUrl.href.replace(/\/$/, '');
    this.#pipeline = new RequestPipeline(settings);
    this.#http = new ResourceHttp(this.#pipeline);
    // On API 2.x the resources send their 1.x requests to the bridge, which translates them.
    const sender = isApi2(this.apiVersion)
      ? lazyApiV2Bridge(this.#pipeline, this.baseUrl, this.apiVersion as string)
      : this.#pipeline;
    this.users = new Users(sender);
    this.admins = new Admins(sender);
    this.conversations = new Conversations(sender);
    this.messages = new Messages(sender);
    this.counts = new Counts(sender);
    this.companies = new Companies(sender);
    this.tags = new Tags(sender);
    this.segments = new Segments(sender);
    this.teams = new Teams(sender);
    this.events = new Events(sender);
    this.jobs = new Jobs(sender);
    this.subscriptions = new Subscriptions(sender);
    this.contacts = new Contacts(sender);
    this.visitors = new Visitors(sender);
    this.notes = new Notes(sender);
    this.customers = new Customers(sender);
  }

  /**
   * The app's rate limit as the last response reported it: `{ limit, remaining, resetAt }`. Updated
   * after every response, errors included; `{}` before the first.
   */
  get rateLimitDetails(): RateLimitDetails {
    return this.#pipeline.rateLimitDetails;
  }

  /**
   * `GET path?params`: the parsed JSON body, or `null` for an empty one. The raw verbs are never
   * translated: on API 2.x, give 2.x paths.
   */
  get(path: string, params?: QueryParams, options?: RequestOptions): Promise<unknown> {
    return this.#http.get(rooted(path), { query: params, options });
  }

  /** `POST path` with a JSON body. Not repeated once it may have reached the server. */
  post(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#http.post(rooted(path), { body, options });
  }

  /** `PUT path` with a JSON body. */
  put(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#http.put(rooted(path), { body, options });
  }

  /** `DELETE path` with a JSON body (`{}` by default, as the gem sends). */
  delete(path: string, body: unknown = {}, options?: RequestOptions): Promise<unknown> {
    return this.#http.delete(rooted(path), { body, options });
  }

  /** Closes pooled keep-alive connections. The client can still be used; it opens new ones. */
  close(): void {
    this.#pipeline.close();
  }

  /** What `util.inspect` shows: the options, never the credentials. */
  [INSPECT](_depth: number, options: object, inspect?: (value: unknown, options: object) => string): string {
    return `Client ${typeof inspect === 'function' ? inspect(this.toJSON(), options) : JSON.stringify(this.toJSON())}`;
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
