/**
 * Intercom's rate-limit headers.
 *
 * @module
 */

/**
 * The app's rate limit as the last response reported it (`X-RateLimit-*` headers). A key is absent
 * when its header was.
 */
export interface RateLimitDetails {
  /** Requests allowed in the current window (`X-RateLimit-Limit`). */
  limit?: number;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining?: number;
  /** When the window refills (`X-RateLimit-Reset`, epoch seconds). */
  resetAt?: Date;
}

const toInteger = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number.parseInt(value, 10);
  return Number.isFinite(n) ? n : undefined;
};

/** Reads the `X-RateLimit-*` headers of a response (lower-case names). */
export function parseRateLimitHeaders(headers: Readonly<Record<string, string>>): RateLimitDetails {
  const details: RateLimitDetails = {};
  const limit = toInteger(headers['x-ratelimit-limit']);
  const remaining = toInteger(headers['x-ratelimit-remaining']);
  const reset = toInteger(headers['x-ratelimit-reset']);
  if (limit !== undefined) details.limit = limit;
  if (remaining !== undefined) details.remaining = remaining;
  if (reset !== undefined) details.resetAt = new Date(reset * 1000);
  return details;
}
