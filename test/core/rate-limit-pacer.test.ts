import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, RequestAbortedError } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { RateLimitPacer } from '../../src/core/rate-limit.js';
import { scriptedServer } from '../helpers/raw-http.js';

const T0 = 1_700_000_000_000;
const windowEndingAt = (ms: number, remaining: number) => ({ limit: 100, remaining, resetAt: new Date(ms) });

test('pacer: while the window is unknown one request goes alone; its answer opens the budget', async () => {
  const pacer = new RateLimitPacer();
  assert.equal(pacer.reserve(T0), 0, 'the first request goes');
  const waiting = pacer.reserve(T0);
  assert.ok(waiting instanceof Promise, 'the second waits for the first answer');
  assert.equal(pacer.reserve(T0), waiting, 'every waiter waits for the same answer');
  let answered = false;
  void waiting.then(() => {
    answered = true;
  });
  pacer.done(windowEndingAt(T0 + 5_000, 3), T0);
  await waiting;
  assert.ok(answered);
  assert.deepEqual(
    [pacer.reserve(T0), pacer.reserve(T0), pacer.reserve(T0)],
    [0, 0, 0],
    'three left in the window: three go at once',
  );
  assert.equal(pacer.reserve(T0 + 1_000), 4_000, 'the fourth waits for the reset');
});

test('pacer: in-flight requests count against what is left', () => {
  const pacer = new RateLimitPacer();
  pacer.reserve(T0);
  pacer.done(windowEndingAt(T0 + 5_000, 2), T0);
  assert.equal(pacer.reserve(T0), 0);
  assert.equal(pacer.reserve(T0), 0);
  assert.equal(typeof pacer.reserve(T0), 'number');
  assert.notEqual(pacer.reserve(T0), 0, 'two in flight, two left: hold');
  pacer.done(windowEndingAt(T0 + 5_000, 1), T0);
  assert.notEqual(pacer.reserve(T0), 0, 'lowest remaining 1, one still in flight: hold');
});

test('pacer: after the reset the next window is unknown again and one request probes it', () => {
  const pacer = new RateLimitPacer();
  pacer.reserve(T0);
  pacer.done(windowEndingAt(T0 + 5_000, 0), T0);
  assert.equal(pacer.reserve(T0 + 4_999), 1);
  assert.equal(pacer.reserve(T0 + 5_000), 0, 'the window ended: one goes');
  assert.ok(pacer.reserve(T0 + 5_000) instanceof Promise, 'the others wait for its answer');
  pacer.done(windowEndingAt(T0 + 10_000, 99), T0 + 5_020);
  assert.equal(pacer.reserve(T0 + 5_020), 0);
});

test('pacer: no rate-limit headers, or no answer at all, hold nothing back', () => {
  const pacer = new RateLimitPacer();
  pacer.reserve(T0);
  const waiting = pacer.reserve(T0);
  assert.ok(waiting instanceof Promise);
  pacer.done({}, T0);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0), pacer.reserve(T0)], [0, 0, 0]);

  const failed = new RateLimitPacer();
  failed.reserve(T0);
  failed.done(undefined, T0);
  assert.deepEqual([failed.reserve(T0), failed.reserve(T0)], [0, 0], 'a probe that got no answer does not serialise the client');
});

test('pacing: a client starting mid-window in a budget another client nearly spent sends no request into a 429', async () => {
  const windowMs = 2_000;
  const sandbox = await startSandbox({ seed: 'empty', rateLimit: { limit: 20, windowMs } });
  const other = new Client({ token: sandbox.token, baseUrl: sandbox.url });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 });
  try {
    // Start of a fresh window, then the other client spends 18 of its 20 requests.
    await new Promise((resolve) => setTimeout(resolve, windowMs - (Date.now() % windowMs) + 10));
    for (let i = 0; i < 18; i++) await other.admins.me();
    sandbox.requests.length = 0;
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => intercom.admins.me()));
    assert.deepEqual(
      results.map((r) => r.status),
      Array(8).fill('fulfilled'),
    );
    assert.deepEqual([...new Set(sandbox.requests.map((r) => r.status))], [200], 'no request was answered 429');
  } finally {
    other.close();
    intercom.close();
    await sandbox.close();
  }
});

test('pacing: a call waiting for the first answer of a window can be aborted', async () => {
  const server = await scriptedServer(() => ({ body: { type: 'admin', id: '1' }, delayMs: 300 }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    const first = intercom.admins.me();
    const controller = new AbortController();
    const second = intercom.admins.me({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(second, RequestAbortedError);
    assert.equal(server.received.length, 1, 'the aborted call was never sent');
    assert.equal((await first).id, '1');
  } finally {
    intercom.close();
    await server.close();
  }
});
