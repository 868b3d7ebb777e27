/**
 * The sandbox under hostile requests: deep bodies, `__proto__` attribute names, floods of large
 * unauthenticated bodies and slow clients. A 5xx never follows a write that was applied.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok } from '../helpers/raw-http.js';

/** Stands for a deep value in a body given to {@link withDeep}. */
const DEEP = '<deep>';

/**
 * The JSON text of `body` with every {@link DEEP} string replaced by `{"a": {"a": ... 1}}`, `levels`
 * objects deep (as text: `JSON.stringify` itself overflows on such values).
 */
function withDeep(body: Record<string, unknown>, levels: number): string {
  const deep = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return JSON.stringify(body).replaceAll(JSON.stringify(DEEP), deep);
}

/** Every collection still answers 200 after a refused write (a stored deep value would make it 500). */
async function assertCollectionsAnswer(call: ReturnType<typeof client>): Promise<void> {
  for (const path of ['/users', '/contacts', '/companies', '/subscriptions', '/tags', '/events?type=user&user_id=deep-1']) {
    const res = await call('GET', path);
    assert.equal(res.status, 200, `GET ${path} answers 200 (body: ${res.text.slice(0, 200)})`);
  }
}

describe('deep bodies are refused with 400 before anything is stored', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
    sandbox.store.jobDelayMs = 0;
    call = client(sandbox);
    ok(await call('POST', '/users', { user_id: 'deep-1', email: 'deep-1@example.com' }));
  });
  after(() => sandbox.close());

  test('subscription metadata nested 4,200 levels: 400 naming metadata, nothing stored, GET /subscriptions still 200', async () => {
    const before = sandbox.store.subscriptions.size;
    const body = withDeep({ url: 'http://127.0.0.1:9/hook', topics: ['user.created'], metadata: DEEP }, 4200);
    const res = await call('POST', '/subscriptions', body);
    assertError(res, 400, 'parameter_invalid', 'metadata');
    assert.equal(sandbox.store.subscriptions.size, before);
    ok(await call('GET', '/subscriptions'));
  });

  test('a bulk item with deep data: 400, no job, and every job error feed still answers', async () => {
    const jobs = sandbox.store.jobs.size;
    const item = { method: 'post', data_type: 'user', data: { user_id: 'bulk-deep', custom_attributes: DEEP } };
    const res = await call('POST', '/bulk/users', withDeep({ items: [item] }, 4200));
    assertError(res, 400, 'parameter_invalid', 'items');
    assert.equal(sandbox.store.jobs.size, jobs);
    for (const id of sandbox.store.jobs.keys()) ok(await call('GET', `/jobs/${id}/error`));
  });

  test('a 5xx never follows an applied write: deep bodies on every write route answer 400 and change nothing', async () => {
    const deep = DEEP;
    const writes: Array<[string, string, Record<string, unknown>]> = [
      ['POST', '/users', { user_id: 'deep-new', custom_attributes: deep }],
      ['POST', '/users', { user_id: 'deep-1', companies: [deep] }],
      ['POST', '/contacts', { email: 'deep-lead@example.com', custom_attributes: deep }],
      ['POST', '/companies', { company_id: 'deep-co', custom_attributes: deep }],
      ['POST', '/events', { event_name: 'deep', created_at: 1_500_000_000, user_id: 'deep-1', metadata: deep }],
      ['POST', '/tags', { name: 'deep', users: [deep] }],
      ['POST', '/subscriptions', { url: 'http://127.0.0.1:9/h', topics: ['user.created'], metadata: deep }],
      ['POST', '/bulk/events', { items: [{ method: 'post', data_type: 'event', data: deep }] }],
      ['POST', '/messages', { message_type: 'inapp', body: 'x', from: deep, to: { type: 'user', user_id: 'deep-1' } }],
      ['POST', '/notes', { user: { user_id: 'deep-1' }, body: 'x', admin_id: deep }],
      ['DELETE', '/users', { user_id: 'deep-1', extra: deep }],
    ];
    const counts = () => [
      sandbox.store.users.size,
      sandbox.store.companies.size,
      sandbox.store.subscriptions.size,
      sandbox.store.jobs.size,
      sandbox.store.tags.size,
      [...sandbox.store.events.values()].reduce((n, list) => n + list.length, 0),
      sandbox.store.conversations.size,
    ];
    const before = counts();
    for (const [method, path, body] of writes) {
      const res = await call(method, path, withDeep(body, 5000));
      assert.ok(res.status < 500, `${method} ${path} answered ${res.status}`);
      assertError(res, 400, 'parameter_invalid');
    }
    assert.deepEqual(counts(), before);
    ok(await call('GET', '/users?user_id=deep-1'));
    await assertCollectionsAnswer(call);
  });

  test('a body nested 32 levels (metadata 31) is still served', async () => {
    const body = withDeep({ url: 'http://127.0.0.1:9/hook', topics: ['user.created'], metadata: DEEP }, 31);
    const res = await call('POST', '/subscriptions', body);
    ok(res);
  });
});

describe('custom attribute named __proto__', () => {
  test('is refused with 400 naming it (users and companies), never dropped silently', async () => {
    const sandbox = await startSandbox({ port: 0, seed: 'empty' });
    try {
      const call = client(sandbox);
      const userBody = '{"user_id":"proto-1","custom_attributes":{"plan":"pro","__proto__":"x"}}';
      assertError(await call('POST', '/users', userBody), 400, 'parameter_invalid', 'custom_attributes.__proto__');
      assertError(await call('GET', '/users?user_id=proto-1'), 404, 'not_found');
      const companyBody = '{"company_id":"proto-co","custom_attributes":{"__proto__":{"polluted":true}}}';
      assertError(await call('POST', '/companies', companyBody), 400, 'parameter_invalid', 'custom_attributes.__proto__');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    } finally {
      await sandbox.close();
    }
  });
});

describe('request log', () => {
  test('keeps no bodies of unauthenticated requests', async () => {
    const sandbox = await startSandbox({ port: 0 });
    try {
      const body = { email: 'x@example.com', padding: 'p'.repeat(100_000) };
      assertError(await client(sandbox)('POST', '/users', body, { authorization: 'Bearer wrong' }), 401, 'unauthorized');
      const entry = sandbox.requests.at(-1);
      assert.equal(entry?.status, 401);
      assert.equal(entry?.body, undefined, 'the body of a request that failed authentication is not kept');
      assert.ok((entry?.bodyBytes ?? 0) > 100_000, 'its size is');
    } finally {
      await sandbox.close();
    }
  });

  test('is bounded in body bytes: a flood of large bodies keeps at most maxRecordedBytes', async () => {
    const maxRecordedBytes = 256 * 1024;
    const sandbox = await startSandbox({ port: 0, seed: 'empty', maxRecordedBytes });
    try {
      const call = client(sandbox);
      for (let i = 0; i < 20; i++) await call('POST', '/events', { event_name: 'big', padding: 'p'.repeat(50_000), i });
      const kept = sandbox.requests.reduce((sum, entry) => sum + (entry.body === undefined ? 0 : entry.bodyBytes), 0);
      assert.ok(kept <= maxRecordedBytes, `${kept} body bytes kept`);
      assert.ok(sandbox.requests.length < 20, 'the oldest were dropped');
      assert.equal((sandbox.requests.at(-1)?.body as { i?: number } | undefined)?.i, 19, 'the newest is kept');
    } finally {
      await sandbox.close();
    }
  });

  test('a body larger than the whole budget is counted, not kept', async () => {
    const sandbox = await startSandbox({ port: 0, seed: 'empty', maxRecordedBytes: 10_000 });
    try {
      await client(sandbox)('POST', '/users', { user_id: 'big', name: 'n'.repeat(20_000) });
      assert.equal(sandbox.requests.at(-1)?.body, undefined);
      assert.ok((sandbox.requests.at(-1)?.bodyBytes ?? 0) > 20_000);
    } finally {
      await sandbox.close();
    }
  });

  test('maxRecordedRequests 0 keeps none', async () => {
    const sandbox = await startSandbox({ port: 0, maxRecordedRequests: 0 });
    try {
      ok(await client(sandbox)('GET', '/me'));
      assert.equal(sandbox.requests.length, 0);
    } finally {
      await sandbox.close();
    }
  });
});

describe('slow clients', () => {
  test('a client that never finishes its body gets 408 and the connection closed after requestTimeoutMs', async () => {
    const sandbox = await startSandbox({ port: 0, requestTimeoutMs: 300, headersTimeoutMs: 200 });
    try {
      const url = new URL(sandbox.url);
      const outcome = await new Promise<string>((resolve) => {
        const req = http.request({
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/users',
          agent: false,
          headers: { authorization: `Bearer ${sandbox.token}`, 'content-length': '1000', 'content-type': 'application/json' },
        });
        req.on('response', (res) => resolve(`status ${res.statusCode}`));
        req.on('error', () => resolve('closed'));
        req.write('{"user_id": "slo');
      });
      assert.match(outcome, /^(status 408|closed)$/);
      ok(await client(sandbox)('GET', '/me'));
    } finally {
      await sandbox.close();
    }
  });

  test('bad timeout options are a TypeError', async () => {
    await assert.rejects(startSandbox({ port: 0, requestTimeoutMs: 0 }), TypeError);
    await assert.rejects(startSandbox({ port: 0, headersTimeoutMs: 1.5 }), TypeError);
  });
});
