import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Client,
  InProcessRateLimitStore,
  MisconfiguredClientError,
  type RateLimitReservation,
  type RateLimitStore,
  type WarningEvent,
} from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { IntercomClient } from 'intercom-ts/v2';
import { appKeyOf } from '../../src/core/rate-limit-store.js';
import { awayFromWindowEdge } from '../helpers/sandbox.js';

const LIMIT = 20;

/** Two clients on one app, each with `perClient` calls in flight 8 at a time; the statuses the sandbox answered. */
async function twoClients(
  makeClient: (url: string, token: string) => { call(): Promise<unknown>; close(): void },
  windowMs: number,
  perClient: number,
): Promise<number[]> {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', rateLimit: { limit: LIMIT, windowMs } });
  const clients = [makeClient(sandbox.url, sandbox.token), makeClient(sandbox.url, sandbox.token)];
  try {
    await Promise.all(
      clients.map(async (client) => {
        let started = 0;
        const worker = async (): Promise<void> => {
          while (started < perClient) {
            started++;
            await client.call().catch(() => undefined);
          }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
      }),
    );
    return sandbox.requests.map((r) => r.status);
  } finally {
    for (const client of clients) client.close();
    await sandbox.close();
  }
}

const v1 = (url: string, token: string) => {
  const client = new Client({ token, baseUrl: url, maxRetries: 0 });
  return { call: () => client.admins.me(), close: () => client.close() };
};

test('two clients of one app in one process share its budget: no request goes into a 429', async () => {
  const statuses = await twoClients(v1, 500, 30);
  assert.equal(statuses.length, 60);
  assert.deepEqual([...new Set(statuses)], [200]);
});

test('with rateLimitStore: false each client paces alone, and together they run into 429s (the test above can fail)', async () => {
  // The test takes a few seconds and must not straddle a window's reset.
  const windowMs = 3_600_000;
  await awayFromWindowEdge(windowMs, 10_000);
  // Answers come a second after the sandbox counts a request, so each client's burst is out before
  // any of its answers could tell it what the other client spent.
  const sandbox = await startSandbox({ port: 0, seed: 'empty', rateLimit: { limit: LIMIT, windowMs }, latencyMs: 1_000 });
  const [a, b] = [0, 1].map(
    () => new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0, maxConcurrency: 50, rateLimitStore: false }),
  ) as [Client, Client];
  try {
    await a.admins.me(); // a learns: 19 left
    await b.admins.me(); // b learns: 18 left; a still believes 19
    const burst = (client: Client, calls: number) =>
      Array.from({ length: calls }, () =>
        client.admins.me().then(
          () => 200,
          (error: { httpCode?: number }) => error.httpCode,
        ),
      );
    const statuses = await Promise.all([...burst(a, LIMIT - 2), ...burst(b, LIMIT - 2)]);
    // Each client sends its 18: 36 requests for the 18 the window has left.
    assert.equal(statuses.filter((s) => s === 429).length, LIMIT - 2, JSON.stringify(statuses));
    assert.equal(sandbox.requests.length, 2 + 2 * (LIMIT - 2));
  } finally {
    a.close();
    b.close();
    await sandbox.close();
  }
});

test('a 1.x Client and a 2.x IntercomClient of one app share its budget', async () => {
  let turn = 0;
  const statuses = await twoClients(
    (url, token) => {
      if (turn++ % 2 === 0) return v1(url, token);
      const client = new IntercomClient({ token, baseUrl: url, maxRetries: 0 });
      return { call: () => client.admins.identify(), close: () => client.close() };
    },
    500,
    30,
  );
  assert.equal(statuses.length, 60);
  assert.deepEqual([...new Set(statuses)], [200]);
});

test('the app key is a digest of the base URL and credentials: the same for both, different otherwise, never the token', async () => {
  const key = await appKeyOf('https://api.intercom.io/', 'Bearer tok_KEY_SECRET');
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(await appKeyOf('https://api.intercom.io/', 'Bearer tok_KEY_SECRET'), key);
  assert.notEqual(await appKeyOf('https://api.intercom.io/', 'Bearer tok_OTHER'), key);
  assert.notEqual(await appKeyOf('https://api.eu.intercom.io/', 'Bearer tok_KEY_SECRET'), key);
  assert.doesNotMatch(key, /KEY_SECRET/);
});

/** A store that records what the client asks of it, and fails while `down`. */
class ProbingStore implements RateLimitStore {
  readonly inner = new InProcessRateLimitStore();
  readonly apps = new Set<string>();
  readonly calls: string[] = [];
  down = false;
  reserve(app: string, now: number): Promise<RateLimitReservation> {
    this.calls.push('reserve');
    this.apps.add(app);
    if (this.down) return Promise.reject(new Error('connect ECONNREFUSED redis://:hunter2@127.0.0.1:1'));
    return this.inner.reserve(app, now);
  }
  record(...args: Parameters<RateLimitStore['record']>): Promise<void> {
    this.calls.push('record');
    if (this.down) return Promise.reject(new Error('down'));
    return this.inner.record(...args);
  }
  pause(...args: Parameters<RateLimitStore['pause']>): Promise<void> {
    this.calls.push('pause');
    return this.inner.pause(...args);
  }
}

test('rateLimitStore: a custom store is asked before every send and told every answer', async () => {
  const sandbox = await startSandbox({ port: 0, seed: 'empty' });
  const store = new ProbingStore();
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, rateLimitStore: store });
  try {
    await intercom.admins.me();
    await intercom.admins.me();
    assert.deepEqual(store.calls, ['reserve', 'record', 'reserve', 'record']);
    assert.equal(store.apps.size, 1);
    assert.doesNotMatch([...store.apps].join(), new RegExp(sandbox.token));
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a store that fails: calls still succeed, paced in the process; one warning, then one when it recovers', async () => {
  const sandbox = await startSandbox({ port: 0, seed: 'empty' });
  const store = new ProbingStore();
  const warnings: WarningEvent[] = [];
  const intercom = new Client({
    token: sandbox.token,
    baseUrl: sandbox.url,
    rateLimitStore: store,
    onWarning: (event) => warnings.push(event),
  });
  try {
    store.down = true;
    for (let i = 0; i < 3; i++) await intercom.admins.me();
    assert.deepEqual(
      warnings.map((w) => w.code),
      ['rate_limit_store_unavailable'],
    );
    assert.match(warnings[0]?.message ?? '', /ECONNREFUSED/);
    assert.doesNotMatch(warnings[0]?.message ?? '', /hunter2/, 'a password in a URL is not repeated');
    store.down = false;
    // The store is tried again a second after it failed.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await intercom.admins.me();
    assert.deepEqual(
      warnings.map((w) => w.code),
      ['rate_limit_store_unavailable', 'rate_limit_store_recovered'],
    );
    assert.equal(sandbox.requests.filter((r) => r.status === 200).length, 4);
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a 429 pauses the app in the store until its reset', async () => {
  await awayFromWindowEdge(60_000);
  const sandbox = await startSandbox({ port: 0, seed: 'empty', rateLimit: { limit: 1, windowMs: 60_000 } });
  const store = new ProbingStore();
  const other = new Client({ token: sandbox.token, baseUrl: sandbox.url, rateLimitStore: false, maxRetries: 0 });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, rateLimitStore: store, maxRetries: 0 });
  try {
    await other.admins.me();
    await assert.rejects(intercom.admins.me(), { name: 'RateLimitExceeded' });
    assert.ok(store.calls.includes('pause'), store.calls.join());
    const [app] = store.apps;
    const held = await store.inner.reserve(app as string, Date.now());
    assert.equal(held.granted, false);
    assert.ok(!held.granted && held.reason === 'paused' && held.waitMs > 0, JSON.stringify(held));
  } finally {
    other.close();
    intercom.close();
    await sandbox.close();
  }
});

test('rateLimitStore must be a store or false', () => {
  for (const bad of [true, 'redis://x', {}, { reserve() {} }]) {
    assert.throws(
      () => new Client({ token: 't', rateLimitStore: bad as never }),
      (error: unknown) => error instanceof MisconfiguredClientError && /rateLimitStore/.test(error.message),
    );
  }
  assert.throws(() => new IntercomClient({ token: 't', rateLimitStore: 1 as never }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', onWarning: 'x' as never }), /onWarning must be a function/);
});
