import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { RequestAbortedError } from '../../src/core/errors.js';
import {
  appKeyOf,
  type GateReservation,
  type GateTicket,
  IDLE_APP_MS,
  InProcessRateLimitStore,
  PROCESS_RATE_LIMIT_STORE,
  RateLimitGate,
  type RateLimitGrant,
  type RateLimitReservation,
  type RateLimitStore,
  type WarningEvent,
} from '../../src/core/rate-limit-store.js';

const T0 = 1_700_000_000_000;
const AUTH = 'Bearer tok_store_test';
let baseUrlCount = 0;
/** A base URL no other test uses: the process-wide store keeps each app's bookkeeping. */
const freshBaseUrl = () => `https://store-test-${++baseUrlCount}.example/`;
const windowOf = (remaining: number, resetMs: number) => ({ limit: 100, remaining, resetAt: new Date(resetMs) });

beforeEach(() => mock.timers.enable({ apis: ['Date'], now: T0 }));
afterEach(() => mock.timers.reset());

function granted(reservation: GateReservation): GateTicket {
  assert.equal(reservation.granted, true, JSON.stringify(reservation));
  return (reservation as { ticket: GateTicket }).ticket;
}

/** A store that asks an in-process store, records what it was asked, and fails while `down` says so. */
class RemoteStore implements RateLimitStore {
  readonly inner = new InProcessRateLimitStore();
  readonly calls: string[] = [];
  readonly apps = new Set<string>();
  down: unknown;
  recordDown: unknown;
  reserve(app: string, now: number): Promise<RateLimitReservation> {
    this.calls.push('reserve');
    this.apps.add(app);
    if (this.down !== undefined) return Promise.reject(this.down);
    return this.inner.reserve(app, now);
  }
  record(app: string, grant: RateLimitGrant, answer: Parameters<RateLimitStore['record']>[2], now: number): Promise<void> {
    this.calls.push('record');
    if (this.recordDown !== undefined) return Promise.reject(this.recordDown);
    return this.inner.record(app, grant, answer, now);
  }
  pause(app: string, untilMs: number, now: number): Promise<void> {
    this.calls.push(`pause ${untilMs - now}`);
    return this.inner.pause(app, untilMs, now);
  }
}

test('in-process store: the first call of a window probes, the others wait for its answer, then spend what it reported', async () => {
  const store = new InProcessRateLimitStore();
  assert.deepEqual(store.reserveNow('app', T0), { granted: true, window: 0 });
  const held = store.reserveNow('app', T0);
  assert.equal(held.granted, false);
  assert.equal((held as { reason: string }).reason, 'probe');
  assert.equal((held as { waitMs: number }).waitMs, 1000);
  assert.ok((held as { wake?: Promise<void> }).wake instanceof Promise);
  await store.record('app', { granted: true, window: 0 }, windowOf(2, T0 + 10_000), T0);
  assert.equal(store.reserveNow('app', T0).granted, true);
  assert.equal(store.reserveNow('app', T0).granted, true);
  assert.deepEqual(store.reserveNow('app', T0 + 4_000), { granted: false, reason: 'spent', waitMs: 6_000 });
  assert.equal((await store.reserve('other-app', T0)).granted, true, 'each app has its own budget');
});

test('in-process store: a pause holds the app until its end (not a millisecond more), and a shorter pause does not shorten it', async () => {
  const store = new InProcessRateLimitStore();
  await store.pause('app', T0 + 5_000);
  await store.pause('app', T0 + 2_000);
  assert.deepEqual(store.reserveNow('app', T0 + 1_000), { granted: false, reason: 'paused', waitMs: 4_000 });
  assert.deepEqual(store.reserveNow('app', T0 + 5_000), { granted: true, window: 0 });
  assert.equal(store.reserveNow('other-app', T0 + 1_000).granted, true, 'only the app that got the 429 is held');
});

test('appKeyOf: SHA-256 of the base URL and the credentials, as hex', async () => {
  const expected = createHash('sha256').update(`https://api.intercom.io/\n${AUTH}`).digest('hex');
  assert.equal(await appKeyOf('https://api.intercom.io/', AUTH), expected);
});

test('appKeyOf without Web Crypto: FNV-1a 64 of the same text, still never the token', async () => {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true, writable: true });
  try {
    const key = await appKeyOf('https://api.intercom.io', 'Bearer tok_1');
    assert.equal(key, 'fnv-7be55589d604b9cc');
    assert.notEqual(await appKeyOf('https://api.intercom.io', 'Bearer tok_2'), key);
  } finally {
    if (descriptor !== undefined) Object.defineProperty(globalThis, 'crypto', descriptor);
  }
});

test('gate: two clients of one app on one store share the budget; other credentials have their own', async () => {
  const store = new InProcessRateLimitStore();
  const url = freshBaseUrl();
  const first = new RateLimitGate(store, url, AUTH, () => assert.fail('no warning'));
  const second = new RateLimitGate(store, url, AUTH, () => assert.fail('no warning'));
  const probe = granted(await first.reserve(undefined));
  assert.equal(probe.store, store);
  first.record(probe, windowOf(1, T0 + 30_000), 200, 0);
  // The second client spends the last call the first one learnt of.
  second.record(granted(await second.reserve(undefined)), windowOf(0, T0 + 30_000), 200, 0);
  assert.deepEqual(await first.reserve(undefined), { granted: false, reason: 'spent', waitMs: 30_000 });
  assert.deepEqual(await second.reserve(undefined), { granted: false, reason: 'spent', waitMs: 30_000 });
  const other = new RateLimitGate(store, url, 'Bearer tok_other_app', () => undefined);
  assert.equal((await other.reserve(undefined)).granted, true);
});

test('gate: the reset is moved onto our clock by the skew (server ahead: the window ends sooner for us)', async () => {
  const store = new InProcessRateLimitStore();
  const gate = new RateLimitGate(store, freshBaseUrl(), AUTH, () => undefined);
  gate.record(granted(await gate.reserve(undefined)), windowOf(0, T0 + 60_000), 200, 20_000);
  assert.deepEqual(await gate.reserve(undefined), { granted: false, reason: 'spent', waitMs: 40_000 });
  const behind = new RateLimitGate(store, freshBaseUrl(), AUTH, () => undefined);
  behind.record(granted(await behind.reserve(undefined)), windowOf(0, T0 + 60_000), 200, -20_000);
  assert.deepEqual(await behind.reserve(undefined), { granted: false, reason: 'spent', waitMs: 80_000 });
});

test('gate: a 429 with a reset pauses the app until then; a 200, or a 429 without a reset, does not', async () => {
  const store = new InProcessRateLimitStore();
  const gate = new RateLimitGate(store, freshBaseUrl(), AUTH, () => undefined);
  gate.record(granted(await gate.reserve(undefined)), windowOf(5, T0 + 10_000), 200, 0);
  gate.record(granted(await gate.reserve(undefined)), { remaining: 5 }, 429, 0);
  gate.record(granted(await gate.reserve(undefined)), windowOf(5, T0 + 10_000), 200, 0);
  assert.equal((await gate.reserve(undefined)).granted, true, 'not paused');
  gate.record(granted(await gate.reserve(undefined)), windowOf(5, T0 + 8_000), 429, 2_000);
  assert.deepEqual(await gate.reserve(undefined), { granted: false, reason: 'paused', waitMs: 6_000 });
});

test('gate over a remote store: a 429 pauses the app in the store and in this process (where calls go while the store is down)', async () => {
  const remote = new RemoteStore();
  const url = freshBaseUrl();
  const gate = new RateLimitGate(remote, url, AUTH, () => undefined);
  const ticket = granted(await gate.reserve(undefined));
  assert.equal(ticket.store, remote);
  gate.record(ticket, windowOf(0, T0 + 9_000), 429, 0);
  assert.deepEqual(remote.calls, ['reserve', 'pause 9000', 'record']);
  const app = await appKeyOf(url, AUTH);
  assert.equal(remote.apps.has(app), true, 'the store sees the app key');
  assert.deepEqual(PROCESS_RATE_LIMIT_STORE.reserveNow(app, T0), { granted: false, reason: 'paused', waitMs: 9_000 });
});

test('gate: a store that rejects: calls go through the process store, one warning without the password, the store asked again a second later', async () => {
  const remote = new RemoteStore();
  const warnings: WarningEvent[] = [];
  const gate = new RateLimitGate(remote, freshBaseUrl(), AUTH, (event) => warnings.push(event));
  remote.down = new Error('connect ECONNREFUSED redis://default:hunter2@127.0.0.1:6379');
  const ticket = granted(await gate.reserve(undefined));
  assert.equal(ticket.store, PROCESS_RATE_LIMIT_STORE);
  gate.record(ticket, undefined, undefined, 0);
  assert.deepEqual(warnings, [
    {
      code: 'rate_limit_store_unavailable',
      message:
        'The rate-limit store did not answer (Error: connect ECONNREFUSED redis://[redacted]@127.0.0.1:6379); pacing in this process until it does',
    },
  ]);
  // Within the second the store is not asked; the calls pace in the process.
  mock.timers.tick(999);
  gate.record(granted(await gate.reserve(undefined)), undefined, undefined, 0);
  assert.deepEqual(remote.calls, ['reserve']);
  mock.timers.tick(1);
  gate.record(granted(await gate.reserve(undefined)), undefined, undefined, 0);
  assert.deepEqual(remote.calls, ['reserve', 'reserve'], 'asked again after a second');
  assert.equal(warnings.length, 1, 'still down: no second warning');
  remote.down = undefined;
  mock.timers.tick(1_000);
  const back = granted(await gate.reserve(undefined));
  assert.equal(back.store, remote);
  assert.deepEqual(
    warnings.map((w) => w.code),
    ['rate_limit_store_unavailable', 'rate_limit_store_recovered'],
  );
  assert.equal(warnings[1]?.message, 'The rate-limit store answers again; pacing through it');
  gate.record(back, undefined, undefined, 0);
  granted(await gate.reserve(undefined));
  assert.equal(warnings.length, 2, 'recovered once');
});

test('gate: a store whose record rejects warns once; the next calls pace in the process until it is tried again', async () => {
  const remote = new RemoteStore();
  const warnings: WarningEvent[] = [];
  const gate = new RateLimitGate(remote, freshBaseUrl(), AUTH, (event) => warnings.push(event));
  remote.recordDown = 'rediss://:pw@cache.example down';
  gate.record(granted(await gate.reserve(undefined)), undefined, 200, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(warnings, [
    {
      code: 'rate_limit_store_unavailable',
      message:
        'The rate-limit store did not answer (rediss://[redacted]@cache.example down); pacing in this process until it does',
    },
  ]);
  assert.equal(granted(await gate.reserve(undefined)).store, PROCESS_RATE_LIMIT_STORE);
});

test('gate: what a warning repeats of a failure: user info of every URL removed, other text kept, at most 300 characters', async () => {
  const cases: Array<[unknown, string]> = [
    ['REDIS://u:p@h1 and redis://v:q@h2', 'REDIS://[redacted]@h1 and redis://[redacted]@h2'],
    ['redis://host:6379/0 and redis://host/path@x', 'redis://host:6379/0 and redis://host/path@x'],
    ['redis://host me@example.com', 'redis://host me@example.com'],
    ['mail to a@b', 'mail to a@b'],
    [new TypeError('x'.repeat(400)), `TypeError: ${'x'.repeat(289)}`],
  ];
  for (const [failure, shown] of cases) {
    const remote = new RemoteStore();
    remote.down = failure;
    const warnings: WarningEvent[] = [];
    const gate = new RateLimitGate(remote, freshBaseUrl(), AUTH, (event) => warnings.push(event));
    await gate.reserve(undefined);
    assert.equal(
      warnings[0]?.message,
      `The rate-limit store did not answer (${shown}); pacing in this process until it does`,
      String(failure),
    );
  }
});

test('gate: while another call learns the window a call waits for its answer (or its signal); a spent window is returned, not waited for', async () => {
  const store = new InProcessRateLimitStore();
  const url = freshBaseUrl();
  const first = new RateLimitGate(store, url, AUTH, () => undefined);
  const second = new RateLimitGate(store, url, AUTH, () => undefined);
  const probe = granted(await first.reserve(undefined));
  const controller = new AbortController();
  const aborted = second.reserve(controller.signal);
  const waiting = second.reserve(undefined);
  controller.abort();
  await assert.rejects(aborted, RequestAbortedError);
  first.record(probe, windowOf(1, T0 + 5_000), 200, 0);
  const ticket = granted(await waiting);
  second.record(ticket, windowOf(0, T0 + 5_000), 200, 0);
  assert.deepEqual(await first.reserve(undefined), { granted: false, reason: 'spent', waitMs: 5_000 });
});

/** Lets every pending promise callback run (no timer involved). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

test('gate: a remote store that says "probe" without a wake is asked again after its wait, not before', async () => {
  mock.timers.reset();
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: T0 });
  const answers: RateLimitReservation[] = [
    { granted: false, reason: 'probe', waitMs: 500 },
    { granted: true, window: 7 },
  ];
  let firstAsked = (): void => {};
  const asked = new Promise<void>((resolve) => {
    firstAsked = resolve;
  });
  const store: RateLimitStore = {
    reserve: () => {
      firstAsked();
      return Promise.resolve(answers.shift() as RateLimitReservation);
    },
    record: () => Promise.resolve(),
    pause: () => Promise.resolve(),
  };
  const gate = new RateLimitGate(store, freshBaseUrl(), AUTH, () => undefined);
  const reserved = gate.reserve(undefined);
  await asked;
  await settle();
  assert.equal(answers.length, 1, 'asked once, then waiting');
  mock.timers.tick(499);
  await settle();
  assert.equal(answers.length, 1);
  mock.timers.tick(1);
  assert.deepEqual(granted(await reserved).grant, { granted: true, window: 7 });
});

test('gate: a call waiting for the probe of an in-process store goes as soon as the answer is in, without a timer', async () => {
  mock.timers.reset();
  mock.timers.enable({ apis: ['Date', 'setTimeout'], now: T0 });
  const store = new InProcessRateLimitStore();
  const gate = new RateLimitGate(store, freshBaseUrl(), AUTH, () => undefined);
  const probe = granted(await gate.reserve(undefined));
  const waiting = gate.reserve(undefined);
  await settle();
  gate.record(probe, windowOf(5, T0 + 5_000), 200, 0);
  const first = await Promise.race([waiting, new Promise((resolve) => setImmediate(() => resolve('still waiting')))]);
  assert.notEqual(first, 'still waiting', 'no timer had to fire');
  assert.equal(granted(await waiting).store, store);
});

test('gate: a 429 on a store of its own pauses that store only, not the process-wide one', async () => {
  const store = new InProcessRateLimitStore();
  const url = freshBaseUrl();
  const gate = new RateLimitGate(store, url, AUTH, () => undefined);
  gate.record(granted(await gate.reserve(undefined)), windowOf(0, T0 + 9_000), 429, 0);
  const app = await appKeyOf(url, AUTH);
  assert.deepEqual(store.reserveNow(app, T0), { granted: false, reason: 'paused', waitMs: 9_000 });
  assert.equal(PROCESS_RATE_LIMIT_STORE.reserveNow(app, T0).granted, true);
});

test('gate: a 429 without rate-limit details pauses nothing; a store whose pause rejects is taken as down', async () => {
  const remote = new RemoteStore();
  remote.pause = () => Promise.reject(new Error('pause failed'));
  const warnings: WarningEvent[] = [];
  const gate = new RateLimitGate(remote, freshBaseUrl(), AUTH, (event) => warnings.push(event));
  gate.record(granted(await gate.reserve(undefined)), undefined, 429, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(warnings.length, 0);
  gate.record(granted(await gate.reserve(undefined)), windowOf(0, T0 + 9_000), 429, 0);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(
    warnings.map((w) => w.message),
    ['The rate-limit store did not answer (Error: pause failed); pacing in this process until it does'],
  );
});

test('InProcessRateLimitStore forgets an app unused for a minute whose window is over, keeps one with a call in flight, a window or a pause', () => {
  const store = new InProcessRateLimitStore();
  const grant = (app: string, now: number): RateLimitGrant => {
    const reservation = store.reserveNow(app, now);
    assert.equal(reservation.granted, true, JSON.stringify(reservation));
    return reservation as RateLimitGrant;
  };
  const SWEEP = T0 + IDLE_APP_MS + 10;
  for (let i = 0; i < 100; i++) {
    const app = `tenant-${i}`;
    void store.record(app, grant(app, T0), windowOf(99, T0 + 10_000), T0 + 5);
  }
  // The probe of an app still out, and a call out in a known window.
  const probing = grant('probing', T0);
  void store.record('in-flight', grant('in-flight', T0), windowOf(50, T0 + 10_000), T0 + 5);
  const inFlight = grant('in-flight', T0 + 6);
  // A window that resets after the sweep (spent: forgetting it would send into a 429), one that ends at it.
  void store.record('spent', grant('spent', T0), windowOf(0, SWEEP + 1), T0 + 5);
  void store.record('ends-at-sweep', grant('ends-at-sweep', T0), windowOf(3, SWEEP), T0 + 5);
  // Pauses: one past the sweep, one ending at it.
  void store.pause('paused', T0 + 120_000, T0);
  void store.pause('pause-ends-at-sweep', SWEEP, T0);
  assert.equal(store.appCount, 106);
  // A minute on, the tenants' windows are over and nobody used them: a reservation sweeps them.
  const late = grant('late', SWEEP);
  assert.equal(store.appCount, 5, 'probing, in-flight, spent, paused and late stay');
  assert.equal(store.reserveNow('probing', SWEEP).granted, false, 'still waiting on its probe');
  assert.equal(store.reserveNow('spent', SWEEP).granted, false, 'still spent');
  assert.equal(store.reserveNow('paused', SWEEP).granted, false, 'still paused');
  const inFlightAgain = grant('in-flight', SWEEP);
  for (const [app, grantOf] of [
    ['probing', probing],
    ['in-flight', inFlight],
    ['in-flight', inFlightAgain],
    ['late', late],
  ] as const) {
    void store.record(app, grantOf, undefined, SWEEP + 20);
  }
  // Another minute on: every call has finished, every window and pause has ended.
  grant('later', SWEEP + 2 * IDLE_APP_MS + 200_000);
  assert.equal(store.appCount, 1);
  // A forgotten app starts afresh: its first call learns the window again.
  assert.deepEqual(store.reserveNow('tenant-0', SWEEP + 2 * IDLE_APP_MS + 200_001), { granted: true, window: 0 });
});

test('InProcessRateLimitStore sweeps at most once a minute, and never an app used within the minute', () => {
  const store = new InProcessRateLimitStore();
  const finish = (app: string, now: number) => {
    const reservation = store.reserveNow(app, now) as RateLimitGrant;
    void store.record(app, reservation, windowOf(50, now + 1_000), now + 1);
  };
  finish('a', T0); // the first reservation sweeps (nothing to forget)
  finish('b', T0 + IDLE_APP_MS - 1);
  assert.equal(store.appCount, 2);
  finish('c', T0 + IDLE_APP_MS); // sweeps: 'a' was used at T0 + 1, less than a minute ago
  assert.equal(store.appCount, 3);
  finish('d', T0 + IDLE_APP_MS + 100); // 'a' is idle now, but the last sweep was less than a minute ago
  assert.equal(store.appCount, 4);
  finish('d', T0 + 2 * IDLE_APP_MS); // sweeps: 'a' and 'b' (used at T0 + IDLE_APP_MS) go, 'c' and 'd' stay
  assert.equal(store.appCount, 2);
  assert.deepEqual(store.reserveNow('c', T0 + 2 * IDLE_APP_MS + 1).granted, true);
});
