/**
 * Where a rate-limit budget lives, so that every client spending one app's budget paces on the same
 * bookkeeping: {@link RateLimitStore} (the interface), {@link InProcessRateLimitStore} (one process),
 * and the gate through which a client's pipeline uses a store and falls back to per-process pacing
 * when the store does not answer.
 *
 * @module
 */
import { type RateLimitDetails, RateLimitPacer } from './rate-limit.js';
import { sleep, untilSettled } from './waits.js';

/** Why a reservation was refused. */
export type RateLimitHoldReason =
  /** The window's budget is spent: wait for its reset. */
  | 'spent'
  /** A 429 paused the app's calls until its reset. */
  | 'paused'
  /** The window's budget is unknown and another call is out to learn it: ask again soon. */
  | 'probe';

/** A call let through: send it, then {@link RateLimitStore.record} its answer with this reservation. */
export interface RateLimitGrant {
  granted: true;
  /** The window the call was counted in (its reset, epoch ms), or 0 while the window was unknown. */
  window: number;
}

/** A call held back. */
export interface RateLimitHold {
  granted: false;
  reason: RateLimitHoldReason;
  /** Milliseconds to wait before asking again. */
  waitMs: number;
  /** Settles when asking again is worth it sooner than `waitMs` (a store in this process knows). */
  wake?: Promise<void> | undefined;
}

/** What {@link RateLimitStore.reserve} answers. */
export type RateLimitReservation = RateLimitGrant | RateLimitHold;

/**
 * The shared bookkeeping of one or many apps' rate-limit budgets. `app` is a digest of the API's
 * base URL and the credentials (never the credentials themselves); times are epoch milliseconds on
 * the caller's clock (the server's `X-RateLimit-Reset` already converted). A store that cannot
 * answer rejects: the client then paces in its own process and warns through `onWarning`.
 */
export interface RateLimitStore {
  /** Counts a call against the app's current window, or says how long to hold it. */
  reserve(app: string, now: number): Promise<RateLimitReservation>;
  /**
   * A call let through by `grant` finished: `answer` is its response's `X-RateLimit-*` (`undefined`
   * when it got no response). The lowest `remaining` of a window, less the calls still in flight,
   * is what the next reservations may spend.
   */
  record(app: string, grant: RateLimitGrant, answer: RateLimitDetails | undefined, now: number): Promise<void>;
  /** A 429 answered: hold every call of the app until `untilMs`. */
  pause(app: string, untilMs: number, now: number): Promise<void>;
}

/**
 * A {@link RateLimitStore} in this process's memory: one {@link RateLimitPacer} per app. Clients of
 * one process that share an app share the default instance; give one to `rateLimitStore` to choose
 * which clients share a budget.
 */
export class InProcessRateLimitStore implements RateLimitStore {
  readonly #pacers = new Map<string, RateLimitPacer>();
  /** Per app: nothing is sent before this time (epoch ms), since a 429 said the budget is spent. */
  readonly #pausedUntil = new Map<string, number>();
  /** When idle apps were last forgotten (epoch ms). */
  #lastSweep = 0;

  /**
   * How many apps the store keeps state for. An app that no call has used for a minute, and whose
   * window is over, is forgotten: a process that serves many workspaces, one token each, does not
   * grow with every workspace it has served.
   */
  get appCount(): number {
    return new Set([...this.#pacers.keys(), ...this.#pausedUntil.keys()]).size;
  }

  /** Forgets idle apps and ended pauses, at most once per {@link IDLE_APP_MS}. */
  #sweep(now: number): void {
    if (now - this.#lastSweep < IDLE_APP_MS) return;
    this.#lastSweep = now;
    for (const [app, pacer] of this.#pacers) if (pacer.isIdle(now, IDLE_APP_MS)) this.#pacers.delete(app);
    for (const [app, until] of this.#pausedUntil) if (until <= now) this.#pausedUntil.delete(app);
  }

  #pacer(app: string): RateLimitPacer {
    let pacer = this.#pacers.get(app);
    if (pacer === undefined) {
      pacer = new RateLimitPacer();
      this.#pacers.set(app, pacer);
    }
    return pacer;
  }

  /** {@inheritDoc RateLimitStore.reserve} */
  reserve(app: string, now: number): Promise<RateLimitReservation> {
    return Promise.resolve(this.reserveNow(app, now));
  }

  /** {@link InProcessRateLimitStore.reserve} without the promise. */
  reserveNow(app: string, now: number): RateLimitReservation {
    this.#sweep(now);
    const pausedUntil = this.#pausedUntil.get(app);
    if (pausedUntil !== undefined) {
      if (now < pausedUntil) return { granted: false, reason: 'paused', waitMs: pausedUntil - now };
      this.#pausedUntil.delete(app);
    }
    const reserved = this.#pacer(app).reserve(now);
    if (reserved === 0) return { granted: true, window: 0 };
    if (typeof reserved === 'number') return { granted: false, reason: 'spent', waitMs: reserved };
    return { granted: false, reason: 'probe', waitMs: PROBE_POLL_MS, wake: reserved };
  }

  /** {@inheritDoc RateLimitStore.record} */
  record(app: string, _grant: RateLimitGrant, answer: RateLimitDetails | undefined, now: number): Promise<void> {
    this.#pacer(app).done(answer, now);
    return Promise.resolve();
  }

  /** {@inheritDoc RateLimitStore.pause} */
  pause(app: string, untilMs: number, _now?: number): Promise<void> {
    this.#pausedUntil.set(app, Math.max(this.#pausedUntil.get(app) ?? 0, untilMs));
    return Promise.resolve();
  }
}

/** How long an app of an {@link InProcessRateLimitStore} stays unused before the store forgets it. */
export const IDLE_APP_MS = 60_000;

/** How long a call waits before asking a store again while another call learns the window. */
const PROBE_POLL_MS = 1000;

/** The store that clients of this process share by default (per app: base URL and credentials). */
export const PROCESS_RATE_LIMIT_STORE = new InProcessRateLimitStore();

/** FNV-1a, 64 bits, as 16 hex digits: the app key where Web Crypto is missing (it never leaves the process). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/** The part of Web Crypto's `SubtleCrypto` used here (the lib has no DOM types). */
interface WebDigest {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * The app's key in a store: SHA-256 (Web Crypto) of the base URL and the credentials, hex. The
 * credentials cannot be read back from it, so it may leave the process (a Redis key).
 */
export async function appKeyOf(baseUrl: string, authorization: string): Promise<string> {
  const material = `${baseUrl}\n${authorization}`;
  const subtle = (globalThis as { crypto?: { subtle?: WebDigest } }).crypto?.subtle;
  if (subtle === undefined) return `fnv-${fnv1a64(material)}`;
  const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(material)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** A store's outage or recovery (`onWarning`). Never carries credentials. */
export interface WarningEvent {
  code: 'rate_limit_store_unavailable' | 'rate_limit_store_recovered';
  message: string;
}

/** A call the gate let through: which store counted it. */
export interface GateTicket {
  store: RateLimitStore;
  grant: RateLimitGrant;
}

/** What {@link RateLimitGate.reserve} answers. */
export type GateReservation = { granted: true; ticket: GateTicket } | RateLimitHold;

/** How long after a store failed the gate tries it again (calls meanwhile pace in this process). */
const STORE_RETRY_MS = 1000;

/** A failure's message without the user info of any URL in it (a Redis URL may carry a password). */
function failureText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1[redacted]@').slice(0, 300);
}

/**
 * One client's way to its rate-limit store: computes the app key once, and when the store rejects
 * (Redis down, timed out) paces on {@link PROCESS_RATE_LIMIT_STORE} instead, warns once, and tries
 * the store again a second later. Never rejects: pacing must not fail a call.
 */
export class RateLimitGate {
  readonly #store: RateLimitStore;
  readonly #warn: (event: WarningEvent) => void;
  /** What the app key is computed from; dropped once it is. */
  #material: { baseUrl: string; authorization: string } | undefined;
  #appKey: Promise<string> | undefined;
  #app: string | undefined;
  /** When the store failed, the time to try it again; 0 while it answers. */
  #retryStoreAt = 0;

  constructor(store: RateLimitStore, baseUrl: string, authorization: string, warn: (event: WarningEvent) => void) {
    this.#store = store;
    this.#warn = warn;
    this.#material = { baseUrl, authorization };
  }

  /** The app key, computed at the first call (no Web Crypto work for a client that sends nothing). */
  async #key(): Promise<string> {
    if (this.#appKey === undefined) {
      const { baseUrl, authorization } = this.#material as { baseUrl: string; authorization: string };
      this.#material = undefined;
      this.#appKey = appKeyOf(baseUrl, authorization);
    }
    this.#app = await this.#appKey;
    return this.#app;
  }

  #storeDown(error: unknown, now: number): void {
    const wasDown = this.#retryStoreAt !== 0;
    this.#retryStoreAt = now + STORE_RETRY_MS;
    if (!wasDown) {
      this.#warn({
        code: 'rate_limit_store_unavailable',
        message: `The rate-limit store did not answer (${failureText(error)}); pacing in this process until it does`,
      });
    }
  }

  /**
   * Counts a call, or says how long to hold it until the window refills. While another call learns
   * an unknown window's budget, waits here (rejects with {@link RequestAbortedError} when `signal` fires).
   */
  async reserve(signal: AbortSignal | undefined): Promise<GateReservation> {
    for (;;) {
      const held = await this.#reserveOnce(Date.now());
      if (held.granted || held.reason !== 'probe') return held;
      await (held.wake === undefined ? sleep(held.waitMs, signal) : untilSettled(held.wake, signal));
    }
  }

  async #reserveOnce(now: number): Promise<GateReservation> {
    const app = this.#app ?? (await this.#key());
    const store = this.#store;
    if (store instanceof InProcessRateLimitStore) return ticketFor(store, store.reserveNow(app, now));
    if (this.#retryStoreAt === 0 || now >= this.#retryStoreAt) {
      try {
        const reserved = await store.reserve(app, now);
        if (this.#retryStoreAt !== 0) {
          this.#retryStoreAt = 0;
          this.#warn({ code: 'rate_limit_store_recovered', message: 'The rate-limit store answers again; pacing through it' });
        }
        return ticketFor(store, reserved);
      } catch (error) {
        this.#storeDown(error, Date.now());
      }
    }
    return ticketFor(PROCESS_RATE_LIMIT_STORE, PROCESS_RATE_LIMIT_STORE.reserveNow(app, now));
  }

  /**
   * A call the gate let through finished: `answer` and `status` from its response, if it got one;
   * `skewMs`: how far the server's clock is ahead of ours. A 429 holds every call of the app (in
   * every process sharing the store) until its reset.
   */
  record(ticket: GateTicket, details: RateLimitDetails | undefined, status: number | undefined, skewMs: number): void {
    const app = this.#app as string;
    const now = Date.now();
    // The stores count windows on our clock.
    const answer =
      skewMs !== 0 && details?.resetAt !== undefined
        ? { ...details, resetAt: new Date(details.resetAt.getTime() - skewMs) }
        : details;
    if (status === 429 && answer?.resetAt !== undefined) this.#pause(app, answer.resetAt.getTime(), now);
    ticket.store.record(app, ticket.grant, answer, now).catch((error: unknown) => this.#storeDown(error, Date.now()));
  }

  #pause(app: string, untilMs: number, now: number): void {
    this.#store.pause(app, untilMs, now).catch((error: unknown) => this.#storeDown(error, Date.now()));
    // While a remote store is down the calls pace in this process: they must be held there too.
    if (!(this.#store instanceof InProcessRateLimitStore)) void PROCESS_RATE_LIMIT_STORE.pause(app, untilMs);
  }
}

function ticketFor(store: RateLimitStore, reserved: RateLimitReservation): GateReservation {
  return reserved.granted ? { granted: true, ticket: { store, grant: reserved } } : reserved;
}
