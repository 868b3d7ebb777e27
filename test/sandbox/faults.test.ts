import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type FaultKind, type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok, rawRequest } from '../helpers/raw-http.js';

const userExists = (sandbox: Sandbox, userId: string): boolean => sandbox.store.userByUserId(userId, 'user') !== undefined;

describe('scripted faults, one kind at a time', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
    call = client(sandbox);
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  const upsert = (userId: string) => call('POST', '/users', { user_id: userId, email: `${userId}@example.com` });

  test("'500' answers 500 server_error and does not apply the request", async () => {
    sandbox.inject({ path: '/users', kind: '500' });
    assertError(await upsert('f500'), 500, 'server_error');
    assert.equal(userExists(sandbox, 'f500'), false);
    assert.deepEqual(
      sandbox.requests.map((r) => [r.status, r.fault]),
      [[500, '500']],
    );
  });

  test("'503' answers 503 service_unavailable and does not apply the request", async () => {
    sandbox.inject({ path: '/users', kind: '503' });
    const res = await upsert('f503');
    assertError(res, 503, 'service_unavailable');
    assert.ok(res.headers['x-ratelimit-remaining'], 'an API error still carries the rate-limit headers');
    assert.equal(userExists(sandbox, 'f503'), false);
  });

  test("'429' answers rate_limit_exceeded with Remaining 0 and a Reset at the window's end", async () => {
    sandbox.inject({ path: '/users', kind: '429' });
    const res = await upsert('f429');
    assertError(res, 429, 'rate_limit_exceeded');
    assert.equal(res.headers['x-ratelimit-remaining'], '0');
    assert.equal(res.headers['x-ratelimit-limit'], '1666');
    const reset = Number(res.headers['x-ratelimit-reset']);
    assert.equal((reset * 1000) % 10_000, 0, 'the reset is the end of an epoch-aligned 10 s window');
    assert.ok(reset * 1000 > Date.now() - 1000 && reset * 1000 <= Date.now() + 10_000);
    assert.equal(userExists(sandbox, 'f429'), false);
  });

  test("'html502' answers a load balancer's HTML 502 page and does not apply the request", async () => {
    sandbox.inject({ path: '/users', kind: 'html502' });
    const res = await upsert('f502');
    assert.equal(res.status, 502);
    assert.match(String(res.headers['content-type']), /^text\/html/);
    assert.match(res.text, /<html>[\s\S]*502 Bad Gateway/);
    assert.equal(res.json, undefined, 'the body is not JSON');
    assert.equal(res.headers['x-ratelimit-limit'], undefined, 'a load balancer sends no rate-limit headers');
    assert.equal(userExists(sandbox, 'f502'), false);
  });

  test("'reset-before' drops the connection and the request was NOT applied", async () => {
    sandbox.inject({ path: '/users', kind: 'reset-before' });
    await assert.rejects(upsert('reset-before'), (error: NodeJS.ErrnoException) => {
      assert.match(String(error.code ?? error.message), /ECONNRESET|socket hang up/);
      return true;
    });
    assert.equal(userExists(sandbox, 'reset-before'), false);
    assert.deepEqual(
      sandbox.requests.map((r) => [r.status, r.fault]),
      [[0, 'reset-before']],
    );
  });

  test("'reset-after' applies the request, then drops the connection: the state WAS changed", async () => {
    sandbox.inject({ path: '/users', kind: 'reset-after' });
    await assert.rejects(upsert('reset-after'));
    assert.equal(userExists(sandbox, 'reset-after'), true);
    assert.deepEqual(
      sandbox.requests.map((r) => [r.status, r.fault]),
      [[0, 'reset-after']],
    );
    // A retry of an upsert finds the same user: no duplicate.
    ok(await upsert('reset-after'));
    assert.equal(sandbox.store.users.size, 1);
  });

  test("'slow' applies the request and answers after the delay", async () => {
    sandbox.inject({ path: '/users', kind: 'slow', slowMs: 80 });
    const started = performance.now();
    const user = ok(await upsert('slow'));
    assert.ok(performance.now() - started >= 75, 'the answer waited');
    assert.equal(user.user_id, 'slow');
    assert.equal(userExists(sandbox, 'slow'), true);
    assert.equal(sandbox.requests[0]?.fault, 'slow');
  });

  test("a 'slow' fault uses faults.slowMs by default", async () => {
    const slow = await startSandbox({ port: 0, faults: { slowMs: 60 } });
    try {
      slow.inject({ path: '/me', kind: 'slow' });
      const started = performance.now();
      ok(await client(slow)('GET', '/me'));
      assert.ok(performance.now() - started >= 55);
    } finally {
      await slow.close();
    }
  });

  test('inject: times counts matching requests, then requests are served normally', async () => {
    sandbox.inject({ path: '/admins', kind: '503', times: 3 });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('GET', '/admins')).status);
    assert.deepEqual(statuses, [503, 503, 503, 200, 200]);
  });

  test('inject: path matches exactly, without the query string', async () => {
    sandbox.inject({ path: '/admins', kind: '500' });
    ok(await call('GET', '/admins/394051')); // a longer path does not match
    ok(await call('GET', '/me'));
    assertError(await call('GET', '/admins?x=1'), 500, 'server_error');
  });

  test('inject: a trailing * matches by prefix; * alone matches every path', async () => {
    sandbox.inject({ path: '/admins*', kind: '500', times: 2 });
    ok(await call('GET', '/me'));
    assertError(await call('GET', '/admins/394051'), 500, 'server_error');
    assertError(await call('GET', '/admins'), 500, 'server_error');
    ok(await call('GET', '/admins'));
    sandbox.inject({ path: '*', kind: '503' });
    assertError(await call('GET', '/teams'), 503, 'service_unavailable');
  });

  test('inject: method filters (case-insensitive); scripted faults apply in the order queued', async () => {
    sandbox.inject({ path: '/users', method: 'post', kind: '500' });
    sandbox.inject({ path: '/users', kind: '503' });
    assertError(await call('GET', '/users'), 503, 'service_unavailable');
    assertError(await upsert('m1'), 500, 'server_error');
    ok(await upsert('m1'));
  });

  test('faults never apply to a request that failed auth; the fault waits for an authenticated one', async () => {
    sandbox.inject({ path: '/me', kind: '500' });
    const denied = await call('GET', '/me', undefined, { authorization: 'Bearer nope' });
    assertError(denied, 401, 'unauthorized');
    assertError(await call('GET', '/me'), 500, 'server_error');
    assert.deepEqual(
      sandbox.requests.map((r) => r.fault),
      [null, '500'],
    );
  });

  test('inject rejects bad scripts', () => {
    assert.throws(() => sandbox.inject({ path: '/me', kind: 'boom' as FaultKind }), TypeError);
    assert.throws(() => sandbox.inject({ path: 'me', kind: '500' }), TypeError);
    assert.throws(() => sandbox.inject({ path: '/me', kind: '500', times: 0 }), TypeError);
    assert.throws(() => sandbox.inject({ path: '/me', kind: 'slow', slowMs: -5 }), TypeError);
  });

  test('reset() drops scripted faults', async () => {
    sandbox.inject({ path: '/me', kind: '500', times: 10 });
    sandbox.reset();
    ok(await call('GET', '/me'));
  });

  test('latency and faults together: the fault is still answered after the latency', async () => {
    const slowed = await startSandbox({ port: 0, latencyMs: 20 });
    try {
      slowed.inject({ path: '/me', kind: '503' });
      assertError(await client(slowed)('GET', '/me'), 503, 'service_unavailable');
      slowed.inject({ path: '/me', kind: 'reset-before' });
      await assert.rejects(client(slowed)('GET', '/me'));
      ok(await client(slowed)('GET', '/me'));
    } finally {
      await slowed.close();
    }
  });
});

describe('faults by rate', () => {
  /** The fault each of `n` sequential requests got. */
  async function faultSequence(options: Parameters<typeof startSandbox>[0], n: number): Promise<Array<string | null>> {
    const sandbox = await startSandbox({ port: 0, ...options });
    try {
      for (let i = 0; i < n; i++) {
        await rawRequest(sandbox, { path: '/me' }).catch(() => undefined);
      }
      return sandbox.requests.map((r) => r.fault);
    } finally {
      await sandbox.close();
    }
  }

  test('the same seed gives the same faults; another seed other faults; the rate is roughly kept', async () => {
    const options = { faults: { rate: 0.3, seed: 42, slowMs: 1, kinds: ['500', '503', 'reset-before', 'slow'] as FaultKind[] } };
    const first = await faultSequence(options, 200);
    const second = await faultSequence(options, 200);
    const other = await faultSequence({ faults: { ...options.faults, seed: 7 } }, 200);
    assert.equal(first.length, 200);
    assert.deepEqual(second, first);
    assert.notDeepEqual(other, first);
    const faulted = first.filter((f) => f !== null);
    assert.ok(faulted.length > 30 && faulted.length < 90, `about 30% faulted (got ${faulted.length})`);
    assert.deepEqual(new Set(faulted), new Set(['500', '503', 'reset-before', 'slow']), 'every kind asked for, and only those');
  });

  test('rate 1 faults every authenticated request, never an unauthenticated one', async () => {
    const sandbox = await startSandbox({ port: 0, faults: { rate: 1, kinds: ['503'] } });
    try {
      const call = client(sandbox);
      assertError(await call('GET', '/me'), 503, 'service_unavailable');
      assertError(await call('GET', '/me', undefined, { authorization: null }), 401, 'unauthorized');
      sandbox.setFaults({ rate: 0 });
      ok(await call('GET', '/me'));
    } finally {
      await sandbox.close();
    }
  });

  test('the default kinds are every kind but 429', async () => {
    const sandbox = await startSandbox({ port: 0, faults: { rate: 1, slowMs: 1 } });
    try {
      for (let i = 0; i < 120; i++) await rawRequest(sandbox, { path: '/me' }).catch(() => undefined);
      const kinds = new Set(sandbox.requests.map((r) => r.fault));
      assert.deepEqual(kinds, new Set(['500', '503', 'reset-before', 'reset-after', 'html502', 'slow']));
    } finally {
      await sandbox.close();
    }
  });

  test('reset() and setFaults() restart the generator from its seed', async () => {
    const sandbox = await startSandbox({ port: 0, faults: { rate: 0.5, kinds: ['500'], seed: 3 } });
    try {
      const run = async (): Promise<number[]> => {
        const out = [];
        for (let i = 0; i < 30; i++) out.push((await rawRequest(sandbox, { path: '/me' })).status);
        return out;
      };
      const first = await run();
      sandbox.reset();
      assert.deepEqual(await run(), first);
      sandbox.setFaults({ rate: 0.5, kinds: ['500'], seed: 3 });
      assert.deepEqual(await run(), first);
      assert.ok(first.includes(500) && first.includes(200));
    } finally {
      await sandbox.close();
    }
  });

  test('scripted faults come before faults by rate', async () => {
    const sandbox = await startSandbox({ port: 0, faults: { rate: 1, kinds: ['500'] } });
    try {
      sandbox.inject({ path: '/me', kind: '503' });
      assertError(await client(sandbox)('GET', '/me'), 503, 'service_unavailable');
      assertError(await client(sandbox)('GET', '/me'), 500, 'server_error');
    } finally {
      await sandbox.close();
    }
  });
});
