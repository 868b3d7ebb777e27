/**
 * intercom-ts/sandbox: an Intercom API 1.x server on loopback, with state, for tests and demos.
 *
 * ```ts
 * import { startSandbox } from 'intercom-ts/sandbox';
 * const sandbox = await startSandbox();
 * const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url });
 * ```
 *
 * @packageDocumentation
 */

export { API_VERSIONS, type ApiVersion } from './api-version.js';
export type { Store } from './domain/store.js';
export {
  DEFAULT_FAULT_KINDS,
  DEFAULT_FAULT_SEED,
  DEFAULT_SLOW_MS,
  FAULT_KINDS,
  type FaultKind,
  type FaultOptions,
  type InjectOptions,
  parseFaultKinds,
} from './faults.js';
export { DEFAULT_RATE_LIMIT, parseRateLimit, type RateLimit } from './rate-limiter.js';
export { DEFAULT_MAX_RECORDED_BYTES, DEFAULT_MAX_RECORDED_REQUESTS, type RecordedRequest } from './request-log.js';
export {
  DEFAULT_HEADERS_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  KEEP_ALIVE_TIMEOUT_MS,
  type SandboxOptions,
} from './sandbox-options.js';
export type { SeedName } from './seed.js';
export { type Sandbox, startSandbox } from './server.js';
export { DEFAULT_WEBHOOK_OPTIONS, type WebhookAttempt, type WebhookDelivery, type WebhookOptions } from './webhooks.js';
