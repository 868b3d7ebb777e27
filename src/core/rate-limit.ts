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

/**
 * Paces requests so that a client spends its rate-limit window's budget without running into 429s.
 *
 * Every response says how many requests were left in its window (`X-RateLimit-Remaining`) and
 * when the window refills (`X-RateLimit-Reset`). The lowest `Remaining` seen in a window counts
 * every request the server had taken when it answered; requests still in flight may not be
 * counted yet, so the pacer assumes they are not: left = lowest remaining - in flight. At zero,
 * callers wait for the reset. Before the first response nothing is known and nothing is held back.
 */
export class RateLimitPacer {
  #limit: number | undefined;
  /** The lowest `Remaining` reported for the window that ends at `#resetMs`. */
  #lowestRemaining = Number.POSITIVE_INFINITY;
  /** When the current window ends (epoch ms); 0 while unknown. */
  #resetMs = 0;
  /** Requests let through whose responses have not arrived. */
  #inFlight = 0;

  /** 0 to send now (the request is counted: call {@link RateLimitPacer.done} after), else ms to wait. */
  reserve(now = Date.now()): number {
    if (this.#resetMs !== 0 && now >= this.#resetMs) {
      // The window has refilled.
      this.#lowestRemaining = this.#limit ?? Number.POSITIVE_INFINITY;
      this.#resetMs = 0;
    }
    if (this.#lowestRemaining - this.#inFlight <= 0) return Math.max(1, this.#resetMs - now);
    this.#inFlight++;
    return 0;
  }

  /** A reserved request finished: `details` from its response's headers, if it got one. */
  done(details: RateLimitDetails | undefined, now = Date.now()): void {
    this.#inFlight--;
    if (details?.remaining === undefined || details.resetAt === undefined) return;
    const resetMs = details.resetAt.getTime();
    if (resetMs <= now || resetMs < this.#resetMs) return; // an older window
    if (details.limit !== undefined) this.#limit = details.limit;
    if (resetMs > this.#resetMs) {
      this.#resetMs = resetMs;
      this.#lowestRemaining = details.remaining;
    } else {
      this.#lowestRemaining = Math.min(this.#lowestRemaining, details.remaining);
    }
  }
}
