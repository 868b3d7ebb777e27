/**
 * A counting semaphore: at most `limit` holders at once, the rest wait in order.
 *
 * @module
 */
export class ConcurrencyLimiter {
  readonly limit: number;
  #active = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(limit: number) {
    this.limit = limit;
  }

  /** Requests currently holding a slot. */
  get active(): number {
    return this.#active;
  }

  /** Takes a slot if one is free and nobody waits: true when taken (call {@link release} after). */
  tryAcquire(): boolean {
    if (this.#active < this.limit && this.#waiting.length === 0) {
      this.#active++;
      return true;
    }
    return false;
  }

  /** Waits for a slot. Call {@link release} exactly once afterwards. Rejects if `signal` fires first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#active < this.limit) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        this.#active++;
        resolve();
      };
      const onAbort = (): void => {
        const index = this.#waiting.indexOf(grant);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(signal?.reason);
      };
      this.#waiting.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  release(): void {
    this.#active--;
    this.#waiting.shift()?.();
  }
}
