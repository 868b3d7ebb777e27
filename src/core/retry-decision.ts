/**
 * The retry policy as one pure function: after a failed attempt, retry after how long, or stop and
 * say whether the request may have been applied (`outcomeUnknown`). The request pipeline asks it
 * after every failure; the README's retry table is tested against it directly.
 *
 * @module
 */
import { type IntercomError, RateLimitExceeded } from './errors.js';

/** How safe a request is to send again. */
export interface RequestSafety {
  /**
   * True when sending the request twice has the effect of sending it once (GETs, PUTs, DELETEs,
   * searches, upserts keyed by an identifier): it is repeated after a retryable error answer or a
   * lost answer. False for creates, replies, merges, conversions, sends: never repeated once they may
   * have reached the server.
   */
  idempotent: boolean;
  /**
   * True for a read that moves a cursor kept by the server (a scroll page): repeated after an error
   * answer (the cursor did not move), never after a lost answer (it may have moved: a page would be
   * skipped).
   */
  advancesCursor?: boolean | undefined;
}

/** How one attempt failed. */
export type AttemptFailure =
  /** The server answered with an error (an error status, or a body that is not what the API promises). */
  | { kind: 'answer'; error: IntercomError }
  /**
   * No answer arrived (connection refused or dropped, connect or read timeout). `written`: the request
   * may have reached the server.
   */
  | { kind: 'lost'; error: IntercomError; written: boolean }
  /**
   * The attempt was stopped and must not be repeated: aborted by the caller or the call's deadline,
   * a response too large, a transport that broke its contract. `written`: the request may have
   * reached the server.
   */
  | { kind: 'stopped'; error: IntercomError; written: boolean };

/** The retries a call has made so far. */
export interface RetriesMade {
  /** Retries counted against `maxRetries`. */
  retries: number;
  /** Retries of a 429 made by `handleRateLimit` (at most {@link RATE_LIMIT_RETRIES}). */
  rateLimitRetries: number;
}

/** The client's settings and the clock the decision reads. */
export interface RetryContext {
  maxRetries: number;
  handleRateLimit: boolean;
  /** `Date.now()` at the failure. */
  now: number;
  /** When the call's `timeout` runs out (epoch ms); `Infinity` without one. */
  deadline: number;
  /** How far the server's clock is ahead of ours (ms), for `X-RateLimit-Reset`. */
  skewMs: number;
  /** Source of the backoff's jitter. Default: `Math.random`. */
  random?: (() => number) | undefined;
}

/** Why a failed call is not retried. */
export type StopReason =
  /** The failure is not one that may be repeated for this request. */
  | 'not-retryable'
  /** `maxRetries` retries were made. */
  | 'retries-spent'
  /** `handleRateLimit` made its 3 retries of a 429 and `maxRetries` were spent too. */
  | 'rate-limit-retries-spent'
  /** The server asked for a wait longer than {@link MAX_SERVER_WAIT_MS}. */
  | 'wait-too-long'
  /** The wait would end after the call's deadline. */
  | 'past-deadline';

/** What to do after a failed attempt. */
export type RetryDecision =
  | {
      retry: true;
      /** How long to wait before the next attempt. */
      delayMs: number;
      /** Which count the retry spends. */
      spends: keyof RetriesMade;
    }
  | {
      retry: false;
      /** True when the request may have been applied although it failed: reconcile before sending it again. */
      outcomeUnknown: boolean;
      reason: StopReason;
    };

/** Retries a 429 gets with `handleRateLimit`, as in the gem. */
export const RATE_LIMIT_RETRIES = 3;
/** The longest wait a `Retry-After` or `X-RateLimit-Reset` may impose before a retry. */
export const MAX_SERVER_WAIT_MS = 60_000;
/** Statuses after which an idempotent request is sent again. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/** Whether a request whose answer was lost may be sent again. */
export function repeatableAfterLostAnswer(safety: RequestSafety): boolean {
  return safety.idempotent && safety.advancesCursor !== true;
}

/**
 * Whether a failure leaves the request's outcome unknown: an error status of 500 or more on a request
 * that is not idempotent (the server may have applied it before failing), or a request that may have
 * been written and whose answer was lost or cut off, when it is not safe to repeat.
 */
export function outcomeUnknownAfter(failure: AttemptFailure, safety: RequestSafety): boolean {
  if (failure.kind === 'answer') {
    const status = failure.error.httpCode;
    return !safety.idempotent && status !== undefined && status >= 500;
  }
  return failure.written && !repeatableAfterLostAnswer(safety);
}

/** Milliseconds to wait before retry number `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

/** Milliseconds until `X-RateLimit-Reset` (plus a small margin), when the header is there. */
export function untilReset(
  headers: Readonly<Record<string, string>> | undefined,
  skewMs: number,
  now: number,
): number | undefined {
  const reset = Number.parseInt(headers?.['x-ratelimit-reset'] ?? '', 10);
  if (!Number.isFinite(reset)) return undefined;
  return Math.max(0, reset * 1000 - skewMs - now) + 50;
}

/**
 * The retry decision after a failed attempt:
 * - a 429 was not acted upon, so any request is retried after it: with `handleRateLimit` up to
 *   {@link RATE_LIMIT_RETRIES} times, then within `maxRetries`, each after the rate-limit reset (or
 *   the backoff when no reset header came);
 * - an idempotent request is retried within `maxRetries` after 408, 500, 502, 503, 504 (after
 *   `Retry-After` when the server sent one, else the backoff);
 * - a request that never reached the server is retried within `maxRetries`, and one whose answer was
 *   lost too when it is {@link repeatableAfterLostAnswer};
 * - a stopped attempt (abort, deadline, response too large) is never retried;
 * - no wait longer than {@link MAX_SERVER_WAIT_MS}, and none that would end after the call's deadline.
 */
export function decideRetry(
  failure: AttemptFailure,
  made: RetriesMade,
  safety: RequestSafety,
  context: RetryContext,
): RetryDecision {
  const stop = (reason: StopReason): RetryDecision => ({
    retry: false,
    outcomeUnknown: outcomeUnknownAfter(failure, safety),
    reason,
  });
  const random = context.random ?? Math.random;
  const error = failure.error;
  let delayMs: number;
  let spends: keyof RetriesMade;
  if (failure.kind === 'answer' && error instanceof RateLimitExceeded) {
    delayMs =
      untilReset(error.headers, context.skewMs, context.now) ?? backoffDelay(made.rateLimitRetries + made.retries, random);
    if (context.handleRateLimit && made.rateLimitRetries < RATE_LIMIT_RETRIES) spends = 'rateLimitRetries';
    else if (made.retries < context.maxRetries) spends = 'retries';
    else return stop(context.handleRateLimit ? 'rate-limit-retries-spent' : 'retries-spent');
  } else {
    if (!mayRepeat(failure, safety)) return stop('not-retryable');
    if (made.retries >= context.maxRetries) return stop('retries-spent');
    const retryAfter = Number(error.headers?.['retry-after']);
    delayMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(made.retries, random);
    spends = 'retries';
  }
  // A server asking for a longer wait than a minute is not waited for: the caller decides.
  if (delayMs > MAX_SERVER_WAIT_MS) return stop('wait-too-long');
  if (context.now + delayMs > context.deadline) return stop('past-deadline');
  return { retry: true, delayMs, spends };
}

/** Whether a failure other than a 429 may be repeated for a request this safe. */
function mayRepeat(failure: AttemptFailure, safety: RequestSafety): boolean {
  switch (failure.kind) {
    case 'stopped':
      return false;
    case 'lost':
      // Nothing reached the server, or repeating is harmless.
      return !failure.written || repeatableAfterLostAnswer(safety);
    case 'answer': {
      const status = failure.error.httpCode;
      return safety.idempotent && status !== undefined && RETRYABLE_STATUSES.has(status);
    }
  }
}
