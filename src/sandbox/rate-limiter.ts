/** A request budget per fixed window, as Intercom enforces it (windows aligned to the epoch). */
export interface RateLimit {
  /** Requests allowed per window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Default: 1,666 requests per 10 s window, that is 10,000 a minute. */
export const DEFAULT_RATE_LIMIT: RateLimit = Object.freeze({ limit: 1666, windowMs: 10_000 });

/** Parses `1666/10s`, `500/5s`, `100/500ms`, `10000/1m`. */
export function parseRateLimit(text: string): RateLimit {
  const m = /^(\d+)\/(\d+)(ms|s|m)$/.exec(text.trim());
  if (m === null) throw new Error(`rate limit must look like 1666/10s (got '${text}')`);
  const unit = m[3] === 'ms' ? 1 : m[3] === 's' ? 1000 : 60_000;
  const limit = Number(m[1]);
  const windowMs = Number(m[2]) * unit;
  if (limit < 1 || windowMs < 1) throw new Error(`rate limit must be positive (got '${text}')`);
  return { limit, windowMs };
}

/** The state of the window a request fell in. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds when the window ends (rounded up). */
  reset: number;
}

/** Checks a budget: a positive integer per a positive integer number of milliseconds. */
export function checkRateLimit(rate: RateLimit): RateLimit {
  const { limit, windowMs } = (rate ?? {}) as Partial<RateLimit>;
  const positive = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1;
  if (!positive(limit) || !positive(windowMs)) {
    throw new TypeError(`rateLimit must be { limit, windowMs } with positive integers (got ${JSON.stringify(rate)})`);
  }
  return { limit, windowMs };
}

/**
 * Counts requests in fixed windows aligned to the epoch (a 10 s window starts at every multiple of
 * 10 s), as Intercom splits its per-minute allowance.
 */
export class RateLimiter {
  #rate: RateLimit;
  #windowStart = 0;
  #used = 0;

  constructor(rate: RateLimit) {
    this.#rate = checkRateLimit(rate);
  }

  /** A new budget applies at once, with a fresh count. */
  set rate(rate: RateLimit) {
    this.#rate = checkRateLimit(rate);
    this.#used = 0;
  }

  get rate(): RateLimit {
    return this.#rate;
  }

  /** Counts one request against the window it falls in. */
  take(now = Date.now()): RateLimitDecision {
    return this.#decide(now, true);
  }

  /** The window's state without counting a request (for answers that never reached the app: 401, 413). */
  peek(now = Date.now()): RateLimitDecision {
    return this.#decide(now, false);
  }

  #decide(now: number, count: boolean): RateLimitDecision {
    const { limit, windowMs } = this.#rate;
    const start = now - (now % windowMs);
    if (start !== this.#windowStart) {
      this.#windowStart = start;
      this.#used = 0;
    }
    const allowed = this.#used < limit;
    if (allowed && count) this.#used++;
    return { allowed, limit, remaining: limit - this.#used, reset: Math.ceil((start + windowMs) / 1000) };
  }

  reset(): void {
    this.#used = 0;
  }
}
