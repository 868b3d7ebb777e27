/**
 * Fault injection for reliability tests: failures by rate (a seeded random generator, so a run is
 * reproducible) and scripted ones (`inject`: the next N matching requests get a given fault).
 */

/**
 * What can go wrong with a request:
 * - `500`: 500 `server_error` (error.list), the request not applied;
 * - `503`: 503 `service_unavailable` (error.list), not applied;
 * - `429`: 429 `rate_limit_exceeded` with `X-RateLimit-Remaining: 0`, not applied;
 * - `reset-before`: the connection is dropped without applying the request;
 * - `reset-after`: the request IS applied, then the connection is dropped without an answer (the
 *   client cannot know it was applied);
 * - `html502`: a 502 with an HTML page, as a load balancer sends it (no JSON, no `X-RateLimit-*`), not applied;
 * - `slow`: the request is applied at once and answered after a delay (default 2 s).
 */
export const FAULT_KINDS = ['500', '503', '429', 'reset-before', 'reset-after', 'html502', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Kinds drawn by rate when none are named: every kind but `429` (ask for that one explicitly). */
export const DEFAULT_FAULT_KINDS: readonly FaultKind[] = Object.freeze([
  '500',
  '503',
  'reset-before',
  'reset-after',
  'html502',
  'slow',
]);

/** Default delay of a `slow` answer, in milliseconds. */
export const DEFAULT_SLOW_MS = 2000;
/** Default seed of the fault generator. */
export const DEFAULT_FAULT_SEED = 1;

/** Faults by rate. */
export interface FaultOptions {
  /** Probability, from 0 to 1, that an authenticated request gets a fault. Default: 0 (none). */
  rate?: number;
  /** Kinds to draw from, with equal odds. Default: {@link DEFAULT_FAULT_KINDS}. */
  kinds?: readonly FaultKind[];
  /** Seed of the random generator: the same seed and request sequence give the same faults. Default: 1. */
  seed?: number;
  /** Delay of a `slow` answer in milliseconds. Default: 2,000. */
  slowMs?: number;
}

/**
 * A scripted fault: the next `times` requests matching `path` (and `method`) get `kind`.
 *
 * `path` is compared with the request's path without its query string, as sent (percent-encoded):
 * `/users` matches exactly `/users`; a trailing `*` makes it a prefix, so `/users*` matches `/users`,
 * `/users/scroll` and `/users/5d4c...`, and `*` alone matches every path.
 */
export interface InjectOptions {
  path: string;
  /** HTTP method to match (case-insensitive). Default: any. */
  method?: string;
  /** How many matching requests get the fault. Default: 1. */
  times?: number;
  kind: FaultKind;
  /** Delay of a `slow` answer in milliseconds. Default: the sandbox's `faults.slowMs` (2,000). */
  slowMs?: number;
}

/** The fault a request gets. */
export interface Fault {
  kind: FaultKind;
  /** Delay of a `slow` answer. */
  slowMs: number;
}

interface Scripted {
  method: string | undefined;
  path: string;
  prefix: boolean;
  remaining: number;
  kind: FaultKind;
  slowMs: number;
}

/** Mulberry32: a small, fast, seedable 32-bit generator; returns numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function checkKind(kind: unknown, where: string): FaultKind {
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`${where}: unknown fault kind '${String(kind)}' (one of ${FAULT_KINDS.join(', ')})`);
  }
  return kind as FaultKind;
}

function checkDelay(ms: unknown, where: string): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new TypeError(`${where} must be a number >= 0`);
  return ms;
}

/** Decides which requests get a fault. */
export class FaultInjector {
  #rate = 0;
  #kinds: readonly FaultKind[] = DEFAULT_FAULT_KINDS;
  #seed = DEFAULT_FAULT_SEED;
  #slowMs = DEFAULT_SLOW_MS;
  #random: () => number = generator(DEFAULT_FAULT_SEED);
  #scripted: Scripted[] = [];

  constructor(options: FaultOptions = {}) {
    this.configure(options);
  }

  /** Replaces the rate settings and restarts the generator from the seed. Scripted faults are kept. */
  configure(options: FaultOptions): void {
    const rate = options.rate ?? 0;
    if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
      throw new TypeError(`faults.rate must be a number from 0 to 1 (got ${String(rate)})`);
    }
    const kinds = (options.kinds ?? DEFAULT_FAULT_KINDS).map((kind) => checkKind(kind, 'faults.kinds'));
    if (kinds.length === 0) throw new TypeError('faults.kinds must name at least one kind');
    const seed = options.seed ?? DEFAULT_FAULT_SEED;
    if (!Number.isInteger(seed)) throw new TypeError(`faults.seed must be an integer (got ${String(seed)})`);
    this.#rate = rate;
    this.#kinds = kinds;
    this.#seed = seed;
    this.#slowMs = checkDelay(options.slowMs ?? DEFAULT_SLOW_MS, 'faults.slowMs');
    this.#random = generator(seed);
  }

  /** Queues a scripted fault (after the ones already queued). */
  inject(options: InjectOptions): void {
    if (typeof options !== 'object' || options === null) throw new TypeError('inject() needs { path, kind }');
    const { path, method } = options;
    if (typeof path !== 'string' || (path !== '*' && !path.startsWith('/'))) {
      throw new TypeError(`inject: path must start with '/' or be '*' (got '${String(path)}')`);
    }
    if (method !== undefined && (typeof method !== 'string' || method === ''))
      throw new TypeError('inject: method must be a string');
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1)
      throw new TypeError(`inject: times must be a positive integer (got ${String(times)})`);
    const prefix = path.endsWith('*');
    this.#scripted.push({
      method: method?.toUpperCase(),
      path: prefix ? path.slice(0, -1) : path,
      prefix,
      remaining: times,
      kind: checkKind(options.kind, 'inject'),
      slowMs: checkDelay(options.slowMs ?? this.#slowMs, 'inject: slowMs'),
    });
  }

  /**
   * The fault for an authenticated request, if any: the first scripted fault that matches (which
   * uses one of its `times`), else a draw by rate.
   */
  pick(method: string, path: string): Fault | undefined {
    if (this.#scripted.length > 0) {
      const index = this.#scripted.findIndex(
        (s) => (s.method === undefined || s.method === method) && (s.prefix ? path.startsWith(s.path) : path === s.path),
      );
      const scripted = this.#scripted[index];
      if (scripted !== undefined) {
        scripted.remaining -= 1;
        if (scripted.remaining === 0) this.#scripted.splice(index, 1);
        return { kind: scripted.kind, slowMs: scripted.slowMs };
      }
    }
    if (this.#rate === 0 || this.#random() >= this.#rate) return undefined;
    const kind = this.#kinds[Math.floor(this.#random() * this.#kinds.length)] as FaultKind;
    return { kind, slowMs: this.#slowMs };
  }

  /** Drops the scripted faults and restarts the generator from its seed. */
  reset(): void {
    this.#scripted = [];
    this.#random = generator(this.#seed);
  }
}

/**
 * Parses a comma-separated list of kinds, as the CLI takes it (`500,503,reset,html502,slow`); `reset`
 * means both `reset-before` and `reset-after`.
 */
export function parseFaultKinds(text: string): FaultKind[] {
  const kinds: FaultKind[] = [];
  for (const raw of text.split(',')) {
    const name = raw.trim();
    if (name === '') continue;
    if (name !== 'reset' && !(FAULT_KINDS as readonly string[]).includes(name)) {
      throw new TypeError(`unknown fault kind '${name}' (one of ${FAULT_KINDS.join(', ')}, reset)`);
    }
    const expanded = name === 'reset' ? (['reset-before', 'reset-after'] as const) : [name as FaultKind];
    for (const kind of expanded) if (!kinds.includes(kind)) kinds.push(kind);
  }
  if (kinds.length === 0) throw new TypeError('name at least one fault kind');
  return kinds;
}
