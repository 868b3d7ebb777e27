import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { Client, IntercomError, RateLimitExceeded, RateLimitWaitTooLongError, UnexpectedResponseError } from 'intercom-ts';
import { createWebhookHandler, signatureOf } from 'intercom-ts/webhooks';
import { scriptedServer } from '../helpers/raw-http.js';

const ADMIN = { type: 'admin', id: '1' };
const nowSeconds = (): number => Math.floor(Date.now() / 1000);

test('pacing: a window whose reset is an hour ahead fails the next call at once with the reset time', async () => {
  const reset = nowSeconds() + 3600;
  const rateLimit = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) };
  const server = await scriptedServer(() => ({ body: ADMIN, headers: rateLimit }));
  const waits: number[] = [];
  const intercom = new Client({ token: 't', baseUrl: server.url, onRateLimit: (e) => waits.push(e.waitMs) });
  try {
    await intercom.admins.me();
    await assert.rejects(intercom.admins.me(), (error: unknown) => {
      assert.ok(error instanceof RateLimitWaitTooLongError, String(error));
      assert.ok(error instanceof RateLimitExceeded, 'a rate-limit error, as before');
      assert.equal(error.resetAt?.getTime(), reset * 1000);
      assert.ok(error.waitMs > 60_000);
      assert.equal(error.outcomeUnknown, false, 'nothing was sent');
      assert.match(error.message, new RegExp(new Date(reset * 1000).toISOString()));
      return true;
    });
    assert.equal(server.received.length, 1, 'the second call was never sent');
    assert.deepEqual(waits, [], 'no wait was announced: none was made');
  } finally {
    intercom.close();
    await server.close();
  }
});

test('pacing: a reset 30 days ahead (past the timer limit) fails at once instead of busy-looping', async () => {
  const reset = nowSeconds() + 30 * 24 * 3600;
  const rateLimit = { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) };
  const server = await scriptedServer(() => ({ body: ADMIN, headers: rateLimit }));
  let events = 0;
  const intercom = new Client({ token: 't', baseUrl: server.url, onRateLimit: () => void events++ });
  try {
    await intercom.admins.me();
    await assert.rejects(intercom.admins.me(), RateLimitWaitTooLongError);
    assert.equal(events, 0);
    assert.equal(server.received.length, 1);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a 429 whose reset is an hour ahead is not waited for: RateLimitWaitTooLongError with the reset time', async () => {
  const reset = nowSeconds() + 3600;
  const server = await scriptedServer(() => ({
    status: 429,
    body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'Slow down' }] },
    headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
  }));
  const intercom = new Client({ token: 't', baseUrl: server.url, handleRateLimit: true, pacing: false });
  try {
    await assert.rejects(intercom.users.create({ user_id: 'u1' }), (error: unknown) => {
      assert.ok(error instanceof RateLimitWaitTooLongError, String(error));
      assert.equal(error.resetAt?.getTime(), reset * 1000);
      assert.equal(error.httpCode, 429);
      assert.equal(error.applicationErrorCode, 'rate_limit_exceeded');
      assert.ok(error.waitMs > 3_500_000 && error.waitMs <= 3_601_050, `the wait asked for: ${error.waitMs}`);
      assert.match(error.message, /longer than the 60 s this client waits/);
      return true;
    });
    assert.equal(server.received.length, 1);
  } finally {
    intercom.close();
    await server.close();
  }
});

/** Everything an error shows: message, stack, inspect (causes included), JSON, headers, body. */
function everythingShown(error: unknown): string {
  const e = error as IntercomError;
  return [
    e.message,
    e.stack,
    inspect(e, { depth: 10 }),
    JSON.stringify(e),
    JSON.stringify(e.headers),
    JSON.stringify(e.body),
  ].join('\n');
}

test('a server echoing the credential: no form of it survives in the error', async () => {
  const token = 'tok_ECHOED_8c1d2f';
  const appId = 'app_echo';
  const apiKey = 'key_ECHOED_3b9a71';
  const basic = Buffer.from(`${appId}:${apiKey}`).toString('base64');
  const server = await scriptedServer((req) => {
    const authorization = String(req.headers.authorization);
    const raw = authorization.replace(/^\S+ /, '');
    const decoded = authorization.startsWith('Basic ') ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    const echo = `${authorization} | ${raw} | ${decoded}`;
    if (req.path === '/me') {
      // An HTML error page from a proxy: the message carries a body excerpt.
      return { status: 502, body: `<html>bad gateway for ${echo}</html>`, headers: { 'x-echo': echo } };
    }
    return {
      status: 401,
      body: { type: 'error.list', errors: [{ code: 'unauthorized', message: `bad credential ${echo}`, [raw]: echo }] },
      headers: { 'x-echo': echo, 'x-request-id': 'req1' },
    };
  });
  const clients = [
    { client: new Client({ token, baseUrl: server.url, maxRetries: 0 }), secrets: [token] },
    { client: new Client({ appId, apiKey, baseUrl: server.url, maxRetries: 0 }), secrets: [basic, apiKey] },
  ];
  try {
    for (const { client, secrets } of clients) {
      for (const call of [() => client.users.find({ user_id: 'x' }), () => client.admins.me()]) {
        const error = await call().then(
          () => assert.fail('the call should fail'),
          (e: unknown) => e,
        );
        assert.ok(error instanceof IntercomError);
        const shown = everythingShown(error);
        for (const secret of secrets) assert.ok(!shown.includes(secret), `'${secret}' leaked:\n${shown}`);
        assert.match(shown, /\[REDACTED\]/, 'the echo is still visible, redacted');
        assert.equal((error as IntercomError).headers?.['x-echo']?.includes('[REDACTED]'), true);
      }
    }
  } finally {
    for (const { client } of clients) client.close();
    await server.close();
  }
});

const deep = (levels: number): string => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

test('a 200 entity nested 5,000 levels deep gives UnexpectedResponseError, not a bare RangeError', async () => {
  const server = await scriptedServer((_req, index) => ({
    body: index === 0 ? deep(5000) : `{"type":"admin","id":"1","x":${deep(500)}}`,
  }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await assert.rejects(intercom.admins.me(), (error: unknown) => {
      assert.ok(error instanceof UnexpectedResponseError, String(error));
      assert.match(error.message, /512 levels/);
      assert.equal(error.httpCode, 200);
      return true;
    });
    const shallow = await intercom.admins.find({ id: '1' });
    assert.equal(shallow.id, '1', 'nesting within the limit is read as before');
  } finally {
    intercom.close();
    await server.close();
  }
});

test('webhooks: a signed notification whose item nests 5,000 levels answers 400, not 500', async () => {
  const body = JSON.stringify({
    type: 'notification_event',
    id: 'notif_1',
    topic: 'user.created',
    app_id: 'sandbox1',
    created_at: 1700000000,
    delivery_attempts: 1,
    first_sent_at: 1700000000,
    data: { type: 'notification_event_data', item: { type: 'user', id: 'u1', custom_attributes: '__DEEP__' } },
  }).replace('"__DEEP__"', deep(5000));
  const webhooks = createWebhookHandler({ secret: 's3cret', onError: () => {} });
  const result = await webhooks.handle(body, signatureOf(body, 's3cret'));
  assert.equal(result.status, 400);
  assert.match(String((result.error as Error).message), /512 levels/);
});
