import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok, rawRequest } from '../helpers/raw-http.js';

const basic = (user: string, password = ''): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('sandbox HTTP handling', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  before(async () => {
    sandbox = await startSandbox({ port: 0, token: 'secret-token', maxBodyBytes: 1024 });
    call = client(sandbox);
  });
  after(() => sandbox.close());

  test('url is loopback on the chosen port and token is the one given', () => {
    assert.match(sandbox.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(sandbox.token, 'secret-token');
  });

  test('Bearer token is accepted (scheme case-insensitive)', async () => {
    const me = ok(await call('GET', '/me'));
    assert.equal(me.type, 'admin');
    ok(await call('GET', '/me', undefined, { authorization: 'bearer secret-token' }));
  });

  test('Basic base64(token:) is accepted, as the Ruby gem sends it, also with a password', async () => {
    ok(await call('GET', '/me', undefined, { authorization: basic('secret-token') }));
    ok(await call('GET', '/me', undefined, { authorization: basic('secret-token', 'anything') }));
  });

  test('missing or wrong credentials give 401 unauthorized in the error.list shape', async () => {
    const cases: Array<string | null> = [
      null,
      'Bearer wrong',
      'Bearer secret-token-but-longer',
      'Bearer',
      'Token secret-token',
      basic('wrong'),
      basic('', 'secret-token'),
      // The token without the colon: not a Basic user:password pair.
      `Basic ${Buffer.from('secret-token').toString('base64')}`,
      `Basic ${Buffer.from('secret-tokenX').toString('base64')}`,
      'Basic !!!not-base64!!!',
      '',
    ];
    for (const authorization of cases) {
      const res = await call('GET', '/me', undefined, { authorization });
      assertError(res, 401, 'unauthorized');
      assert.equal(res.headers['content-type'], 'application/json; charset=utf-8');
    }
  });

  test('every answer carries X-RateLimit-* and X-Request-Id, errors included', async () => {
    const answers = [
      await call('GET', '/me'),
      await call('GET', '/me', undefined, { authorization: null }),
      await call('GET', '/nowhere'),
      await call('GET', '/me', undefined, { accept: 'text/html' }),
    ];
    for (const res of answers) {
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-request-id']) {
        assert.ok(res.headers[name], `${name} on a ${res.status}`);
      }
    }
  });

  test('a non-JSON Accept gets 406 media_type_not_acceptable; the gem and wildcards are fine', async () => {
    assertError(await call('GET', '/me', undefined, { accept: 'text/html' }), 406, 'media_type_not_acceptable');
    assertError(await call('GET', '/me', undefined, { accept: null }), 406, 'media_type_not_acceptable');
    assertError(await call('GET', '/me', undefined, { accept: 'application/xml' }), 406, 'media_type_not_acceptable');
    for (const accept of [
      'application/vnd.intercom.3+json',
      '*/*',
      'application/json; charset=utf-8',
      'text/html, application/json',
    ]) {
      ok(await call('GET', '/me', undefined, { accept }));
    }
  });

  test('a bad Intercom-Version gets 400 intercom_version_invalid; every 1.x version is served', async () => {
    for (const version of ['9.9', '2.0', '', 'latest', '1']) {
      assertError(await call('GET', '/me', undefined, { 'intercom-version': version }), 400, 'intercom_version_invalid');
    }
    for (const version of ['1.0', '1.1', '1.2', '1.3', '1.4', 'Unstable']) {
      ok(await call('GET', '/me', undefined, { 'intercom-version': version }));
    }
  });

  test('an unknown path gets 404 not_found', async () => {
    for (const path of ['/nowhere', '/users/a/b/c', '/', '/me/too', '//users']) {
      assertError(await call('GET', path), 404, 'not_found');
    }
  });

  test('a wrong method on a known path gets 404 not_found, as the API answers', async () => {
    assertError(await call('PATCH', '/users', {}), 404, 'not_found');
    assertError(await call('DELETE', '/me'), 404, 'not_found');
    assertError(await call('PUT', '/admins'), 404, 'not_found');
    assertError(await call('POST', '/users/scroll', {}), 404, 'not_found');
  });

  test('malformed JSON gets 400 parameter_invalid and changes nothing', async () => {
    const before = sandbox.store.users.size;
    for (const text of ['{', '{"email": "x@example.com",}', 'nope', '{"email": "a@b.c"} trailing', '\u0000']) {
      assertError(await call('POST', '/users', text), 400, 'parameter_invalid');
    }
    assert.equal(sandbox.store.users.size, before);
  });

  test('an oversize body gets 413 and the sandbox keeps answering', async () => {
    const big = JSON.stringify({ email: 'big@example.com', name: 'x'.repeat(5000) });
    const res = await call('POST', '/users', big);
    assertError(res, 413, 'client_error');
    assert.ok(res.headers['x-ratelimit-limit'], 'a 413 carries the rate-limit headers too');
    assert.equal(sandbox.store.usersByEmail('big@example.com', 'user').length, 0);
    ok(await call('GET', '/me'));
  });

  test('malformed percent-encoding in a path gets 400, not a crash', async () => {
    assertError(await call('GET', '/users/%E0%A4%A'), 400, 'parameter_invalid');
    ok(await call('GET', '/me'));
  });

  test('a client that goes away mid-body does not hurt the sandbox', async () => {
    const url = new URL(sandbox.url);
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/users',
        agent: false,
        headers: { authorization: 'Bearer secret-token', 'content-length': '900', 'content-type': 'application/json' },
      });
      req.on('error', () => resolve());
      req.write('{"email": "half');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 20);
    });
    ok(await call('GET', '/me'));
  });

  test('requests records method, path, headers (authorization redacted), body, status and fault', async () => {
    sandbox.requests.length = 0;
    await call('POST', '/users?x=1', { user_id: 'rec-1', email: 'rec@example.com' });
    await call('GET', '/me', undefined, { authorization: basic('secret-token') });
    await call('POST', '/users', '{broken');
    const [post, me, broken] = sandbox.requests;
    assert.deepEqual(
      { method: post?.method, path: post?.path, body: post?.body, status: post?.status, fault: post?.fault },
      { method: 'POST', path: '/users?x=1', body: { user_id: 'rec-1', email: 'rec@example.com' }, status: 200, fault: null },
    );
    assert.equal(post?.headers.authorization, 'Bearer [redacted]');
    assert.equal(me?.headers.authorization, 'Basic [redacted]');
    assert.ok(!JSON.stringify(sandbox.requests).includes('secret-token'), 'the token is never recorded');
    assert.equal(broken?.body, '{broken', 'a body that is not JSON is recorded as text');
    assert.equal(broken?.status, 400);
  });
});

test('reset() goes back to the seed and forgets requests', async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const call = client(sandbox);
    const seeded = sandbox.store.users.size;
    ok(await call('POST', '/users', { user_id: 'new-one' }));
    assert.equal(sandbox.store.users.size, seeded + 1);
    sandbox.reset();
    assert.equal(sandbox.store.users.size, seeded);
    assert.equal(sandbox.requests.length, 0);
    assertError(await call('GET', '/users?user_id=new-one'), 404, 'not_found');
  } finally {
    await sandbox.close();
  }
});

test('maxRecordedRequests keeps the most recent requests', async () => {
  const sandbox = await startSandbox({ port: 0, maxRecordedRequests: 10 });
  try {
    const call = client(sandbox);
    for (let i = 0; i < 25; i++) await call('GET', `/admins?i=${i}`);
    assert.ok(sandbox.requests.length <= 10);
    assert.equal(sandbox.requests.at(-1)?.path, '/admins?i=24');
  } finally {
    await sandbox.close();
  }
});

test('latencyMs delays every answer and still answers', async () => {
  const sandbox = await startSandbox({ port: 0, latencyMs: 40 });
  try {
    const started = performance.now();
    ok(await client(sandbox)('GET', '/me'));
    assert.ok(performance.now() - started >= 35, 'the answer waited for the latency');
  } finally {
    await sandbox.close();
  }
});

test('close() does not wait for delayed answers and drops their connections', async () => {
  const sandbox = await startSandbox({ port: 0, latencyMs: 60_000 });
  const pending = rawRequest(sandbox, { path: '/me' });
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sandbox.close();
  await assert.rejects(pending);
});

test('startSandbox rejects bad options with a TypeError', async () => {
  await assert.rejects(startSandbox({ port: 0, rateLimit: { limit: 0, windowMs: 1000 } }), TypeError);
  await assert.rejects(startSandbox({ port: 0, rateLimit: { limit: 5, windowMs: 1.5 } }), TypeError);
  await assert.rejects(startSandbox({ port: 0, faults: { rate: 1.5 } }), TypeError);
  await assert.rejects(startSandbox({ port: 0, faults: { rate: 0.1, kinds: [] } }), TypeError);
  await assert.rejects(startSandbox({ port: 0, latencyMs: -1 }), TypeError);
  await assert.rejects(startSandbox({ port: 0, token: 'has space' }), TypeError);
});
