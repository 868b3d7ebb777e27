/**
 * Waits that a caller's signal can cut short.
 *
 * @module
 */
import { RequestAbortedError } from './errors.js';

/** The longest delay a timer takes (2^31 - 1 ms); a longer one fires at once, so every wait is clamped to it. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Waits `ms` milliseconds (at most {@link MAX_TIMER_MS}); rejects with {@link RequestAbortedError} (saying `abortMessage`) when `signal` fires. */
export function sleep(
  ms: number,
  signal: AbortSignal | undefined,
  abortMessage = 'The request was aborted while waiting to retry',
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new RequestAbortedError('The request was aborted'));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RequestAbortedError(abortMessage));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(ms, MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Waits for `promise`; rejects with {@link RequestAbortedError} when `signal` fires first. */
export function untilSettled(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new RequestAbortedError('The request was aborted'));
      return;
    }
    const onAbort = (): void => reject(new RequestAbortedError('The request was aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, reject);
  });
}
