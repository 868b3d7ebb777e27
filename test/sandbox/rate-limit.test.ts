import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RATE_LIMIT, parseRateLimit, type RateLimit, type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { RateLimiter } from '../../src/sandbox/rate-limiter.js';
import { assertError, client, ok, pause, type RawAnswer } from '../helpers/raw-http.js';

const remaining = (res: RawAnswer): number => Number(res.headers['x-ratelimit-remaining']);

/** Waits until a fresh window has just started, so that a short burst falls in one window. */
async function startOfWindow(rate: RateLimit): Promise<void> {
  await pause(rate.windowMs - (Date.now() % rate.windowMs) + 5);
}

async function withLimit(rateLimit: RateLimit, run: (sandbox: Sandbox) => Promise<void>): Promise<void> {
  const sandbox = await startSandbox({ port: 0, rateLimit });
  try {
    await run(sandbox);
  } finally {
    await sandbox.close();
  }
}

test('default budget: 1,666 per 10 s window, headers on every answer, Reset = end of the window', async () => {
  assert.deepEqual(DEFAULT_RATE_LIMIT, { limit: 1666, windowMs: 10_000 });
  const sandbox = await startSandbox({ port: 0 });
  try {
    const call = client(sandbox);
    const first = await call('GET', '/me');
    const second = await call('GET', '/nowhere');
    assert.equal(first.headers['x-ratelimit-limit'], '1666');
    assert.ok(remaining(first) < 1666 && remaining(first) >= 1664);
    assert.ok(remaining(second) <= remaining(first), 'every answered request counts, errors too');
    const reset = Number(first.headers['x-ratelimit-reset']);
    assert.ok(Number.isInteger(reset));
    assert.equal((reset * 1000) % 10_000, 0, 'windows are aligned to the epoch');
    assert.ok(reset * 1000 > Date.now() - 10_000 && reset * 1000 <= Date.now() + 10_000);
    assert.deepEqual(sandbox.rateLimit, DEFAULT_RATE_LIMIT);
  } finally {
    await sandbox.close();
  }
});

test('over budget: 429 rate_limit_exceeded with Remaining 0; after the window the budget is back', async () => {
  const rate = { limit: 5, windowMs: 1000 };
  await withLimit(rate, async (sandbox) => {
    const call = client(sandbox);
    await startOfWindow(rate);
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await call('GET', '/me'));
    assert.deepEqual(
      answers.map((r) => [r.status, remaining(r)]),
      [
        [200, 4],
        [200, 3],
        [200, 2],
        [200, 1],
        [200, 0],
        [429, 0],
        [429, 0],
      ],
    );
    const limited = answers[5] as RawAnswer;
    assertError(limited, 429, 'rate_limit_exceeded');
    assert.equal(limited.headers['x-ratelimit-limit'], '5');
    assert.equal(limited.headers['x-ratelimit-reset'], (answers[0] as RawAnswer).headers['x-ratelimit-reset']);
    // A request refused for its rate is not applied.
    const before = sandbox.store.users.size;
    assertError(await call('POST', '/users', { user_id: 'limited' }), 429, 'rate_limit_exceeded');
    assert.equal(sandbox.store.users.size, before);

    await startOfWindow(rate);
    const again = await call('GET', '/me');
    ok(again);
    assert.equal(remaining(again), 4);
  });
});

test('unauthenticated requests do not spend the budget (the limit is the app’s)', async () => {
  const rate = { limit: 3, windowMs: 60_000 };
  await withLimit(rate, async (sandbox) => {
    const call = client(sandbox);
    for (let i = 0; i < 5; i++) {
      const denied = await call('GET', '/me', undefined, { authorization: 'Bearer wrong' });
      assertError(denied, 401, 'unauthorized');
      assert.equal(denied.headers['x-ratelimit-limit'], '3');
    }
    const res = await call('GET', '/me');
    ok(res);
    // Still a full budget before this one, unless a window boundary passed (then it is full again).
    assert.equal(remaining(res), 2);
  });
});

test('setRateLimit changes the budget at runtime with a fresh count; reset() refills it', async () => {
  await withLimit({ limit: 100, windowMs: 60_000 }, async (sandbox) => {
    const call = client(sandbox);
    ok(await call('GET', '/me'));
    sandbox.setRateLimit({ limit: 2, windowMs: 60_000 });
    assert.deepEqual(sandbox.rateLimit, { limit: 2, windowMs: 60_000 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call('GET', '/me')).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    sandbox.reset();
    ok(await call('GET', '/me'));
    assert.throws(() => sandbox.setRateLimit({ limit: -1, windowMs: 1000 }), TypeError);
  });
});

test('RateLimiter: fixed windows aligned to the epoch, Reset in seconds rounded up', () => {
  const limiter = new RateLimiter({ limit: 2, windowMs: 10_000 });
  const t = 1_700_000_003_000; // 3 s into a 10 s window
  assert.deepEqual(limiter.take(t), { allowed: true, limit: 2, remaining: 1, reset: 1_700_000_010 });
  assert.deepEqual(limiter.peek(t + 1), { allowed: true, limit: 2, remaining: 1, reset: 1_700_000_010 });
  assert.deepEqual(limiter.take(t + 2), { allowed: true, limit: 2, remaining: 0, reset: 1_700_000_010 });
  assert.deepEqual(limiter.take(t + 6_999), { allowed: false, limit: 2, remaining: 0, reset: 1_700_000_010 });
  assert.deepEqual(limiter.take(t + 7_000), { allowed: true, limit: 2, remaining: 1, reset: 1_700_000_020 });
  const fast = new RateLimiter({ limit: 1, windowMs: 300 });
  const w = 1_000_000_200; // a multiple of 300
  assert.equal(fast.take(w).reset, 1_000_001, 'a sub-second window ends within the next second');
  assert.equal(fast.take(w + 299).allowed, false);
  assert.equal(fast.take(w + 300).allowed, true);
});

test('parseRateLimit reads the CLI form', () => {
  assert.deepEqual(parseRateLimit('1666/10s'), { limit: 1666, windowMs: 10_000 });
  assert.deepEqual(parseRateLimit('5/500ms'), { limit: 5, windowMs: 500 });
  assert.deepEqual(parseRateLimit('10000/1m'), { limit: 10_000, windowMs: 60_000 });
  for (const bad of ['', '10', '10/s', '0/10s', '10/0s', '-1/10s', '1.5/10s', '10/10h', 'x/10s']) {
    assert.throws(() => parseRateLimit(bad), Error, bad);
  }
});
