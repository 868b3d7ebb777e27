import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Client,
  IntercomError,
  InvalidParameterError,
  RateLimitExceeded,
  RequestAbortedError,
  ServiceConnectionError,
  ServiceUnavailableError,
} from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';

const ADMIN = { type: 'admin', id: '1' };

test('a JSON body goes with content-type: application/json; a request without a body sends none', async () => {
  const server = await scriptedServer(() => ({ body: { type: 'user', id: 'u1' } }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await intercom.users.create({ user_id: 'u1' });
    await intercom.users.find({ id: 'u1' });
    await intercom.users.find({ id: 'u1' }, { headers: { 'X-Trace': 'abc' } });
    const [post, get, traced] = server.received;
    assert.equal(post?.headers['content-type'], 'application/json');
    assert.equal((JSON.parse(post?.rawBody ?? '{}') as { user_id?: string }).user_id, 'u1');
    assert.equal(get?.headers['content-type'], undefined);
    assert.equal(traced?.headers['content-type'], undefined);
    assert.equal(traced?.headers['x-trace'], 'abc', 'extra headers are sent');
    assert.equal(traced?.headers.authorization, 'Bearer t', 'with the credential still there');
  } finally {
    intercom.close();
    await server.close();
  }
});

test('request headers: valid names and values pass; CR, LF, NUL, bad names and non-strings are refused before sending', async () => {
  const server = await scriptedServer(() => ({ body: ADMIN }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await intercom.admins.me({ headers: { "x-ok!#$%&'*+.^_`|~09": 'any value: with, punctuation; "quotes"' } });
    assert.equal(server.received.length, 1);
    for (const headers of [
      { 'x-a': 'one\r\ntwo' },
      { 'x-a': 'one\ntwo' },
      { 'x-a': 'nul\0' },
      { 'bad name': 'v' },
      { 'bad:name': 'v' },
      { 'x-a': 5 as unknown as string },
    ]) {
      await assert.rejects(intercom.admins.me({ headers }), InvalidParameterError, JSON.stringify(headers));
    }
    assert.equal(server.received.length, 1, 'nothing more was sent');
  } finally {
    intercom.close();
    await server.close();
  }
});

test("a caller's abort reaches a call that also has a timeout (RequestAbortedError, not a timeout)", async () => {
  const server = await scriptedServer(() => ({ hang: true }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    const controller = new AbortController();
    const call = intercom.admins.me({ signal: controller.signal, timeout: 60_000 });
    while (server.received.length === 0) await new Promise((r) => setImmediate(r));
    controller.abort();
    await assert.rejects(call, RequestAbortedError);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a call timeout fired while the answer is awaited is a ServiceUnavailableError; never sent, a ServiceConnectionError', async () => {
  const server = await scriptedServer(() => ({ hang: true }));
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0, pacing: false });
  try {
    // The server never answers: the request is written long before the deadline fires.
    await assert.rejects(intercom.notes.create({ body: 'x', user: { user_id: '1' } }, { timeout: 2_000 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError, String(error));
      assert.equal(error.outcomeUnknown, true, 'a note may have been created');
      return true;
    });
  } finally {
    intercom.close();
    await server.close();
  }
  const refused = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  await assert.rejects(refused.notes.create({ body: 'x', user: { user_id: '1' } }), (error: unknown) => {
    assert.ok(error instanceof ServiceConnectionError, String(error));
    assert.equal(error.outcomeUnknown, false, 'refused: nothing was sent');
    return true;
  });
  refused.close();
});

test("a 429's wait until X-RateLimit-Reset follows the server's clock (Date header), not ours", async () => {
  const skewMs = 30_000;
  const server = await scriptedServer(() => {
    const serverNow = Date.now() + skewMs;
    return {
      status: 429,
      body: '',
      headers: {
        date: new Date(serverNow).toUTCString(),
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.ceil(serverNow / 1000) + 2),
      },
    };
  });
  const controller = new AbortController();
  const delays: number[] = [];
  const intercom = new Client({
    token: 't',
    baseUrl: server.url,
    pacing: false,
    onRetry: (e) => {
      delays.push(e.delayMs);
      controller.abort();
    },
  });
  try {
    await assert.rejects(intercom.admins.me({ signal: controller.signal }), RequestAbortedError);
    assert.equal(delays.length, 1);
    const [delay = Number.NaN] = delays;
    assert.ok(delay >= 1_000 && delay <= 4_100, `waits about 2 s on the server's clock, not 32 s: ${delay}`);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a persistent 429 ends: handleRateLimit makes 3 retries, then maxRetries, then RateLimitExceeded (POSTs included)', async () => {
  const server = await scriptedServer(() => ({
    status: 429,
    body: '',
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1' },
  }));
  const intercom = new Client({ token: 't', baseUrl: server.url, handleRateLimit: true, maxRetries: 1, pacing: false });
  try {
    await assert.rejects(intercom.notes.create({ body: 'x', user: { user_id: '1' } }), (error: unknown) => {
      assert.ok(error instanceof RateLimitExceeded, String(error));
      assert.match(error.message, /Rate limit retries exceeded/);
      assert.equal(error.httpCode, 429, 'the last answer is described');
      return true;
    });
    assert.equal(server.received.length, 5, 'the first attempt, 3 rate-limit retries, 1 retry');
  } finally {
    intercom.close();
    await server.close();
  }
});

const NOTE = { body: 'x', user: { user_id: '1' } };

test('a POST stopped by pacing before it was sent says outcomeUnknown: false (too long, past the deadline, aborted)', async () => {
  const resetIn = (s: number) => String(Math.floor(Date.now() / 1000) + s);
  const server = await scriptedServer((req) => ({
    body: ADMIN,
    headers: {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': resetIn(req.path === '/me' ? 3600 : 20),
    },
  }));
  const far = new Client({ token: 't', baseUrl: server.url });
  // Its own budget: clients of one app share theirs by default.
  const near = new Client({ token: 't', baseUrl: server.url, rateLimitStore: false });
  try {
    await far.admins.me();
    await assert.rejects(far.notes.create(NOTE), (error: unknown) => {
      assert.ok(error instanceof RateLimitExceeded, String(error));
      assert.equal(error.outcomeUnknown, false);
      return true;
    });
    await near.admins.find({ id: '1' });
    await assert.rejects(near.notes.create(NOTE, { timeout: 1_000 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError, String(error));
      assert.equal(error.outcomeUnknown, false);
      return true;
    });
    const controller = new AbortController();
    const held = near.notes.create(NOTE, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await assert.rejects(held, (error: unknown) => {
      assert.ok(error instanceof RequestAbortedError, String(error));
      assert.equal(error.outcomeUnknown, false);
      return true;
    });
    assert.equal(server.received.length, 2, 'no note was sent');
  } finally {
    far.close();
    near.close();
    await server.close();
  }
});

test('a transport that throws a plain error during a POST: sent once, outcomeUnknown: true', async () => {
  let calls = 0;
  const intercom = new Client({
    token: 't',
    baseUrl: 'http://127.0.0.1:9',
    maxRetries: 3,
    transport: {
      request: async () => {
        calls++;
        throw new Error('socket exploded');
      },
      close: () => {},
    },
  });
  await assert.rejects(intercom.notes.create(NOTE), (error: unknown) => {
    assert.ok(error instanceof ServiceConnectionError, String(error));
    assert.equal(error.outcomeUnknown, true);
    assert.match(error.message, /socket exploded/);
    return true;
  });
  assert.equal(calls, 1, 'never repeated');
  await assert.rejects(intercom.admins.me(), ServiceConnectionError);
  assert.equal(calls, 2, 'not even a GET: the transport broke its contract');
});

test('a call aborted while waiting for the first answer of a window does not free a slot of the budget', async () => {
  let release = (): void => {};
  const released = new Promise<void>((r) => {
    release = r;
  });
  const server = await scriptedServer(async (_req, index) => {
    if (index === 0) await released;
    return {
      body: ADMIN,
      headers: {
        'x-ratelimit-limit': '10',
        'x-ratelimit-remaining': '1',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30),
      },
    };
  });
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    const first = intercom.admins.me();
    while (server.received.length === 0) await new Promise((r) => setImmediate(r));
    const controller = new AbortController();
    const waiting = intercom.admins.me({ signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, RequestAbortedError);
    release();
    await first;
    const results = await Promise.allSettled([intercom.admins.me({ timeout: 2_000 }), intercom.admins.me({ timeout: 2_000 })]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected'],
      'one left in the window: one goes, the other would wait past its deadline',
    );
    assert.equal(server.received.length, 2);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('bodies: empty or blank 2xx reads as null; an empty 3xx is an error; the rate limit and hooks see every answer', async () => {
  const answers: Array<{ status: number; body: string }> = [
    { status: 200, body: '' },
    { status: 200, body: ' \n\t ' },
    { status: 299, body: '' },
    { status: 300, body: '' },
  ];
  const server = await scriptedServer((_req, index) => ({
    ...answers[index],
    headers: { 'x-ratelimit-limit': '500', 'x-ratelimit-remaining': String(400 - index), 'x-ratelimit-reset': '2000000000' },
  }));
  const durations: number[] = [];
  const intercom = new Client({
    token: 't',
    baseUrl: server.url,
    apiVersion: '1.4',
    pacing: false,
    onResponse: (e) => durations.push(e.durationMs),
  });
  try {
    assert.equal(await intercom.get('/a'), null);
    assert.equal(await intercom.get('/b'), null);
    assert.equal(await intercom.get('/c'), null);
    await assert.rejects(intercom.get('/d'), IntercomError);
    assert.deepEqual(intercom.rateLimitDetails, { limit: 500, remaining: 397, resetAt: new Date(2_000_000_000_000) });
    assert.equal(server.received[0]?.headers['intercom-version'], '1.4');
    assert.equal(durations.length, 4);
    for (const d of durations) assert.ok(d >= 0 && d < 60_000, `a duration, not a timestamp: ${d}`);
  } finally {
    intercom.close();
    await server.close();
  }
});

test("a caller's header replaces the client's whatever its case; a timeout of exactly MAX_TIMER_MS is accepted", async () => {
  const server = await scriptedServer(() => ({ body: ADMIN }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await intercom.admins.me({ headers: { 'User-Agent': 'mine/1.0' }, timeout: 2_147_483_647 });
    assert.equal(server.received[0]?.headers['user-agent'], 'mine/1.0');
    await assert.rejects(intercom.admins.me({ timeout: 2_147_483_648 }), InvalidParameterError);
  } finally {
    intercom.close();
    await server.close();
  }
});
