/**
 * Intercom's rate-limit headers.
 *
 * @module
 */
import { MAX_SERVER_WAIT_MS } from './retry-decision.js';

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
  const n = Number.parseInt(value ?? '', 10);
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

/** How long calls wait for the answer that teaches an unknown window's budget. */
const PROBE_WAIT_MS = 1000;

/**
 * Paces requests so that a client spends its rate-limit window's budget without running into 429s.
 *
 * Every response says how many requests were left in its window (`X-RateLimit-Remaining`) and
 * when the window refills (`X-RateLimit-Reset`). The lowest `Remaining` seen in a window counts
 * every request the server had taken when it answered; requests still in flight may not be
 * counted yet, so the pacer assumes they are not: left = lowest remaining - in flight. At zero,
 * callers wait for the reset.
 *
 * While the current window's budget is unknown (before the first answer, and again once a window
 * has ended), one request goes out alone and the others wait for its answer: a client that starts
 * in the middle of a window another client has nearly spent learns that from one request instead
 * of sending a burst into 429s. It costs one round trip per window, not budget. When answers carry
 * no rate-limit headers, or a request got no answer, nothing is held back.
 */
export class RateLimitPacer {
  /** The lowest `Remaining` reported for the window that ends at `#resetMs`. */
  #lowestRemaining = Number.POSITIVE_INFINITY;
  /** When the current window ends (epoch ms); 0 while unknown. */
  #resetMs = 0;
  /** Requests let through whose responses have not arrived. */
  #inFlight = 0;
  /** The request out to learn an unknown window's budget, and the callers waiting for its answer. */
  #probe: { answered: Promise<void>; resolve: () => void } | undefined;
  /** The last answer taught nothing (no rate-limit headers, or no answer at all): do not probe. */
  #blind = false;
  /** When a call last reserved or finished (epoch ms). */
  #lastUsed = 0;

  /**
   * 0 to send now (the request is counted: call {@link RateLimitPacer.done} after); else ms to wait
   * for the window to refill, or a promise that settles when the request learning an unknown
   * window's budget has its answer (then ask again).
   */
  reserve(now = Date.now()): number | Promise<void> {
    this.#lastUsed = now;
    if (now >= this.#resetMs) {
      // The window has ended (or none is known): the next one's budget is unknown until an answer from it.
      this.#lowestRemaining = Number.POSITIVE_INFINITY;
      this.#resetMs = 0;
    }
    if (this.#resetMs === 0 && !this.#blind) {
      if (this.#probe !== undefined) return this.#probe.answered;
      let resolve = (): void => {};
      const answered = new Promise<void>((r) => {
        resolve = r;
      });
      const probe = { answered, resolve };
      this.#probe = probe;
      // A slow first answer must not hold every other call back for long: after a while, go blind
      // (send without pacing) until an answer teaches the window.
      const timer: unknown = setTimeout(() => {
        if (this.#probe !== probe) return;
        this.#probe = undefined;
        this.#blind = true;
        resolve();
      }, PROBE_WAIT_MS);
      // Node's timers can be unref'd; Deno's and workerd's are plain numbers.
      (timer as { unref?: () => void }).unref?.();
    } else if (this.#lowestRemaining - this.#inFlight <= 0) {
      return Math.max(1, this.#resetMs - now);
    }
    this.#inFlight++;
    return 0;
  }

  /**
   * True when nothing is in flight (a probe is a call in flight), the window is over, and no call
   * has used the pacer for `idleMs`: a new pacer would know as much (only a blind pacer's blindness
   * is lost, which costs one probe).
   */
  isIdle(now: number, idleMs: number): boolean {
    return this.#inFlight === 0 && now >= this.#resetMs && now - this.#lastUsed >= idleMs;
  }

  /** A reserved request finished: `details` from its response's headers, if it got one. */
  done(details: RateLimitDetails | undefined, now = Date.now()): void {
    this.#inFlight--;
    this.#lastUsed = Math.max(this.#lastUsed, now);
    const probe = this.#probe;
    this.#probe = undefined;
    if (details?.remaining === undefined || details.resetAt === undefined) {
      this.#blind = true;
    } else {
      this.#blind = false;
      const resetMs = details.resetAt.getTime();
      if (resetMs > now && resetMs >= this.#resetMs) {
        if (resetMs > this.#resetMs) {
          this.#resetMs = resetMs;
          this.#lowestRemaining = details.remaining;
        } else {
          this.#lowestRemaining = Math.min(this.#lowestRemaining, details.remaining);
        }
      }
    }
    probe?.resolve();
  }
}

/** Why a request held back by the pacer is not sent: the wait is too long, or ends after the call's deadline. */
export type PacingStop = 'wait-too-long' | 'past-deadline';

/**
 * Whether a request may wait `waitMs` for the rate-limit window to refill: not when the server's
 * reset is more than {@link MAX_SERVER_WAIT_MS} away (the same cap as a retry's wait), nor when the
 * wait would end after the call's deadline. `undefined`: wait.
 */
export function pacingStop(waitMs: number, now: number, deadline: number): PacingStop | undefined {
  if (waitMs > MAX_SERVER_WAIT_MS) return 'wait-too-long';
  if (now + waitMs > deadline) return 'past-deadline';
  return undefined;
}
