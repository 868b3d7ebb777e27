/**
 * Per-call options of the 2.x client, under the official SDK's names, and the `Intercom-Version`
 * values the client accepts.
 *
 * @module
 */

import { API_VERSIONS_2X } from '../core/api-version.js';
import { InvalidParameterError } from '../core/errors.js';
import type { RequestOptions as CoreRequestOptions } from '../core/request-pipeline.js';

/** The `Intercom-Version` values the 2.x client sends: `2.7` to `2.16`, and `Unstable`. */
export const API_VERSIONS = [...API_VERSIONS_2X, 'Unstable'] as const;
/** An `Intercom-Version` the 2.x client sends. */
export type ApiVersion = (typeof API_VERSIONS)[number];
/** The version sent when neither the client nor the call sets one; the types follow it. */
export const DEFAULT_API_VERSION: ApiVersion = '2.16';

/** Options every 2.x method accepts as its last argument (the official SDK's names). */
export interface RequestOptions {
  /** Seconds the whole call may take, retries and waits included. Default: the client's `timeoutInSeconds`, else no limit beyond its timeouts. */
  timeoutInSeconds?: number | undefined;
  /** Retries after a retryable failure. Default: the client's `maxRetries` (2). */
  maxRetries?: number | undefined;
  /** Cancels the call, also while it waits between retries. */
  abortSignal?: AbortSignal | undefined;
  /** Extra query parameters, sent after the operation's own. */
  queryParams?: Record<string, unknown> | undefined;
  /** Extra request headers; `null` and `undefined` values are left out. */
  headers?: Record<string, string | null | undefined> | undefined;
  /** `Intercom-Version` for this call. Default: the client's `version` (2.16). */
  version?: ApiVersion | undefined;
}

/** The version, checked: a typed error before anything is sent when it is not one the client sends. */
export function checkedVersion(version: unknown, name: string): ApiVersion {
  if (typeof version === 'string' && (API_VERSIONS as readonly string[]).includes(version)) return version as ApiVersion;
  throw new InvalidParameterError(name, `must be one of ${API_VERSIONS.join(', ')}`);
}

/** The core pipeline's options for one call, over the client's `headers` and `timeoutInSeconds`. */
export function coreOptions(
  options: RequestOptions | undefined,
  client: { readonly headers: Readonly<Record<string, string>>; readonly timeoutMs: number | undefined },
): CoreRequestOptions {
  const defaultTimeoutMs = client.timeoutMs;
  const core: CoreRequestOptions = {};
  const timeoutInSeconds = options?.timeoutInSeconds;
  if (timeoutInSeconds !== undefined) {
    if (typeof timeoutInSeconds !== 'number' || !Number.isFinite(timeoutInSeconds) || timeoutInSeconds <= 0) {
      throw new InvalidParameterError('timeoutInSeconds', 'must be a positive number of seconds');
    }
    core.timeout = timeoutInSeconds * 1000;
  } else if (defaultTimeoutMs !== undefined) {
    core.timeout = defaultTimeoutMs;
  }
  if (options?.maxRetries !== undefined) core.maxRetries = options.maxRetries;
  if (options?.abortSignal !== undefined) core.signal = options.abortSignal;
  const headers: Record<string, string> = { ...client.headers };
  let any = Object.keys(headers).length > 0;
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (value === null || value === undefined) continue;
    headers[name] = value;
    any = true;
  }
  if (options?.version !== undefined) {
    headers['intercom-version'] = checkedVersion(options.version, 'version');
    any = true;
  }
  if (any) core.headers = headers;
  return core;
}
