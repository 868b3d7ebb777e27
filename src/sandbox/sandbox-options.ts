/**
 * The options of a sandbox, their defaults and their checks.
 *
 * @module
 */
import { API_VERSIONS, type ApiVersion, apiFamilyOf } from './api-version.js';
import type { FaultOptions } from './faults.js';
import type { RateLimit } from './rate-limiter.js';
import { DEFAULT_MAX_RECORDED_BYTES, DEFAULT_MAX_RECORDED_REQUESTS } from './request-log.js';
import type { SeedName } from './seed.js';
import type { WebhookOptions } from './webhooks.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** Port to listen on; `0` picks a free one. Default: 0. */
  port?: number;
  /** Address to listen on. Default: `127.0.0.1`. */
  host?: string;
  /** The access token clients must present. Default: `sandbox-token`. */
  token?: string;
  /**
   * An API key for the legacy credentials: HTTP Basic `base64(app_id:api_key)`, with the app id that
   * `GET /me` reports as `app.id_code` (`sandbox1`). Default: none (legacy credentials are refused).
   */
  apiKey?: string;
  /** Initial data. Default: `demo`. */
  seed?: SeedName;
  /** Request budget per window. Default: 1,666 per 10 s (10,000 a minute). */
  rateLimit?: RateLimit;
  /** Milliseconds added before every answer (and before every dropped connection). Default: 0. */
  latencyMs?: number;
  /** Faults by rate, for reliability tests. Default: none. Scripted faults: {@link Sandbox.inject}. */
  faults?: FaultOptions;
  /** API version served when a request names none (a 1.x or 2.x one, or `Unstable`). Default: `1.0`. */
  defaultVersion?: ApiVersion;
  /**
   * API version webhook notifications are rendered in, for subscriptions that set none (`api_version`):
   * a 1.x one (`user.created`, a user) or a 2.x one (`contact.user.created`, a contact). Default: `defaultVersion`.
   */
  webhookApiVersion?: ApiVersion;
  /** Checks 2.x answers against the description, into {@link Sandbox.responseViolations}. Default: false (true when the env `INTERCOM_SANDBOX_VALIDATE_RESPONSES` names a directory: failures also go to its `violations.jsonl`). */
  validateResponses?: boolean;
  /** Milliseconds a scroll param lives after its last use. Default: 60,000. */
  scrollTtlMs?: number;
  /** Largest request body accepted, in bytes; larger ones get 413. Default: 4 MiB. */
  maxBodyBytes?: number;
  /** Most requests kept in {@link Sandbox.requests}; the oldest go first; `0` keeps none. Default: 50,000. */
  maxRecordedRequests?: number;
  /**
   * Most body bytes (as sent) kept across {@link Sandbox.requests}, each entry counted 512 bytes more
   * for its path and headers; the oldest go first. Default: 32 MiB. Bodies of requests that fail
   * authentication are never kept.
   */
  maxRecordedBytes?: number;
  /**
   * Milliseconds a client has to send a whole request (headers and body) before it gets 408 and the
   * connection is closed. Default: 30,000.
   */
  requestTimeoutMs?: number;
  /** Milliseconds a client has to send the request headers. Default: 10,000 (never more than `requestTimeoutMs`). */
  headersTimeoutMs?: number;
  /** How webhook notifications are delivered: default 5 attempts, retries after 1 s, 2 s, 4 s, 8 s (at most 60 s), 5 s to answer. */
  webhooks?: WebhookOptions;
}

/** Default of {@link SandboxOptions.requestTimeoutMs}: a test client sends a request in far less. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Default of {@link SandboxOptions.headersTimeoutMs}. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/**
 * How long an idle kept-alive connection stays open: longer than the idle timeout of client pools
 * (Node's agent, undici: 4-5 s), so a client never writes into a connection the sandbox is closing.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** {@link SandboxOptions} with their defaults, checked: a bad option throws a `TypeError` before anything listens. */
export interface SandboxSettings {
  token: string;
  apiKey: string | undefined;
  seed: SeedName;
  latencyMs: number;
  defaultVersion: ApiVersion;
  webhookApiVersion: ApiVersion;
  maxBodyBytes: number;
  maxRecorded: number;
  maxRecordedBytes: number;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
}

/** The settings of a sandbox started with `options`. */
export function sandboxSettings(options: SandboxOptions): SandboxSettings {
  const token = options.token ?? 'sandbox-token';
  const seed = options.seed ?? 'demo';
  const latencyMs = options.latencyMs ?? 0;
  const defaultVersion = options.defaultVersion ?? '1.0';
  const webhookApiVersion = options.webhookApiVersion ?? defaultVersion;
  const maxBodyBytes = options.maxBodyBytes ?? 4 * 1024 * 1024;
  const maxRecorded = options.maxRecordedRequests ?? DEFAULT_MAX_RECORDED_REQUESTS;
  const maxRecordedBytes = options.maxRecordedBytes ?? DEFAULT_MAX_RECORDED_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headersTimeoutMs = Math.min(options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS, requestTimeoutMs);
  const apiKey = options.apiKey;
  if (typeof token !== 'string' || token === '' || /\s/.test(token))
    throw new TypeError('token must be a non-empty string without spaces');
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new TypeError(`latencyMs must be a number >= 0 (got ${latencyMs})`);
  if (!Number.isInteger(maxRecorded) || maxRecorded < 0) throw new TypeError('maxRecordedRequests must be an integer >= 0');
  if (!Number.isInteger(maxRecordedBytes) || maxRecordedBytes < 0)
    throw new TypeError('maxRecordedBytes must be an integer >= 0');
  for (const [name, value] of [
    ['requestTimeoutMs', requestTimeoutMs],
    ['headersTimeoutMs', headersTimeoutMs],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new TypeError(`${name} must be an integer >= 1 (got ${value})`);
  }
  for (const [name, value] of [
    ['defaultVersion', defaultVersion],
    ['webhookApiVersion', webhookApiVersion],
  ] as const) {
    if (apiFamilyOf(value) === undefined)
      throw new TypeError(`${name} must be one of ${API_VERSIONS.join(', ')} (got '${value}')`);
  }
  if (apiKey !== undefined && (typeof apiKey !== 'string' || apiKey === '' || /\s/.test(apiKey)))
    throw new TypeError('apiKey must be a non-empty string without spaces');
  return {
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
  };
}
