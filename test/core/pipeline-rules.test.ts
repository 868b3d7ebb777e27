import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Client,
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
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    await assert.rejects(intercom.notes.create({ body: 'x', user: { user_id: '1' } }, { timeout: 50 }), (error: unknown) => {
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
      return true;
    });
    assert.equal(server.received.length, 5, 'the first attempt, 3 rate-limit retries, 1 retry');
  } finally {
    intercom.close();
    await server.close();
  }
});
