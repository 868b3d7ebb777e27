import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { InvalidParameterError, User } from 'intercom-ts';
import {
  createWebhookHandler,
  type Notification,
  type NotificationOf,
  signatureOf,
  type WebhookResult,
  WebhookSignatureError,
} from 'intercom-ts/webhooks';
import { type RawAnswer, rawRequest } from '../helpers/raw-http.js';

const SECRET = 'receiver-secret';

function notificationBody(topic: string, item: unknown): string {
  return JSON.stringify({
    type: 'notification_event',
    id: `notif_${topic}`,
    topic,
    app_id: 'sandbox1',
    created_at: 1700000000,
    delivery_attempts: 1,
    first_sent_at: 1700000000,
    data: { type: 'notification_event_data', item },
  });
}

/** POSTs (or sends `method`) to the receiver; resolves with the status and body text. */
function send(url: string, body: string, headers: Record<string, string> = {}, method = 'POST'): Promise<RawAnswer> {
  const { origin, pathname, search } = new URL(url);
  return rawRequest({ url: origin }, { method, path: `${pathname}${search}`, body, headers });
}

const signed = (body: string, secret = SECRET) => ({ 'x-hub-signature': signatureOf(body, secret) });

describe('createWebhookHandler as a node:http listener', () => {
  let server: http.Server;
  let url: string;
  const received: Notification[] = [];
  const users: NotificationOf<'user.created'>[] = [];
  const errors: Array<{ error: unknown; status: number }> = [];

  before(async () => {
    const webhooks = createWebhookHandler({
      secret: SECRET,
      on: {
        'user.created': (notification) => {
          users.push(notification);
        },
        'company.created': async () => {
          throw new Error('the database is down');
        },
        '*': (notification) => {
          received.push(notification);
        },
      },
      onError: (error, result) => errors.push({ error, status: result.status }),
      maxBodyBytes: 64 * 1024,
    });
    server = http.createServer(webhooks);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('a signed notification: 200, the topic handler gets a typed User, then "*"', async () => {
    const body = notificationBody('user.created', { type: 'user', id: 'u1', email: 'joe@example.com', created_at: '1700000000' });
    const answer = await send(url, body, signed(body));
    assert.equal(answer.status, 200);
    assert.equal(users.length, 1);
    const user = users[0]?.data.item;
    assert.ok(user instanceof User);
    assert.equal(user.email, 'joe@example.com');
    assert.equal(user.created_at, 1700000000);
    assert.equal(received.at(-1)?.id, 'notif_user.created');
  });

  test('a topic without its own handler (and an unknown topic) is acknowledged; "*" still sees it', async () => {
    for (const topic of ['ping', 'ticket.created', 'constructor', '__defineGetter__', '*']) {
      const body = notificationBody(topic, { type: topic });
      const answer = await send(url, body, signed(body));
      assert.equal(answer.status, 200, topic);
      assert.equal(received.at(-1)?.topic, topic);
    }
  });

  test('a wrong, missing or garbled signature: 401 saying why, and no handler runs', async () => {
    const body = notificationBody('user.created', { type: 'user', id: 'u2' });
    const before = users.length;
    const cases: Array<[Record<string, string>, RegExp]> = [
      [signed(body, 'not-the-secret'), /does not match/],
      [{}, /missing/],
      [{ 'x-hub-signature': 'sha1=nothex' }, /40 hex digits/],
    ];
    for (const [headers, why] of cases) {
      const answer = await send(url, body, headers);
      assert.equal(answer.status, 401);
      assert.match(answer.text, why);
      assert.ok(errors.at(-1)?.error instanceof WebhookSignatureError);
      assert.equal(errors.at(-1)?.status, 401);
    }
    // A tampered body with the original signature.
    const tampered = await send(url, body.replace('u2', 'u3'), signed(body));
    assert.equal(tampered.status, 401);
    assert.equal(users.length, before, 'no handler ran for a refused notification');
  });

  test('a signed body that is not a notification: 400', async () => {
    for (const body of ['not json', '{"type":"user"}']) {
      const answer = await send(url, body, signed(body));
      assert.equal(answer.status, 400, body);
      assert.match(answer.text, /^Bad Request: /);
    }
  });

  test('a handler that throws: 500 (so Intercom retries), details kept private, onError told', async () => {
    const body = notificationBody('company.created', { type: 'company', id: 'c1', company_id: '6' });
    const answer = await send(url, body, signed(body));
    assert.equal(answer.status, 500);
    assert.doesNotMatch(answer.text, /database/);
    assert.equal((errors.at(-1)?.error as Error | undefined)?.message, 'the database is down');
  });

  test('not a POST: 405 with Allow; a body over maxBodyBytes: 413', async () => {
    const get = await send(url, '', {}, 'GET');
    assert.equal(get.status, 405);
    assert.equal(get.headers.allow, 'POST');
    const big = 'x'.repeat(70 * 1024);
    assert.equal((await send(url, big, signed(big))).status, 413);
  });
});

describe('handle(rawBody, signature) for other frameworks', () => {
  const body = notificationBody('user.created', { type: 'user', id: 'u1' });

  test('resolves with the status and the notification; never rejects', async () => {
    const seen: string[] = [];
    const webhooks = createWebhookHandler({ secret: SECRET, on: { 'user.created': (n) => void seen.push(n.data.item.id) } });
    const ok: WebhookResult = await webhooks.handle(Buffer.from(body), signatureOf(body, SECRET));
    assert.equal(ok.status, 200);
    assert.equal(ok.notification?.topic, 'user.created');
    assert.deepEqual(seen, ['u1']);
    assert.equal((await webhooks.handle(body, undefined)).status, 401);
    assert.equal((await webhooks.handle('{}', signatureOf('{}', SECRET))).status, 400);
  });

  test('a body already parsed (express.json() upstream): 500 with the raw-body hint, reported', async () => {
    const reported: unknown[] = [];
    const webhooks = createWebhookHandler({ secret: SECRET, onError: (error) => reported.push(error) });
    const result = await webhooks.handle(JSON.parse(body) as string, signatureOf(body, SECRET));
    assert.equal(result.status, 500);
    assert.ok(result.error instanceof InvalidParameterError);
    assert.match((result.error as Error).message, /express\.raw/);
    assert.equal(reported[0], result.error);
  });

  test('as Express-style middleware: a raw req.body Buffer is used; a parsed req.body is refused', async () => {
    const webhooks = createWebhookHandler({ secret: SECRET, onError: () => {} });
    const server = http.createServer((req, res) => {
      // What express.raw() or express.json() leave on the request.
      (req as http.IncomingMessage & { body?: unknown }).body = req.url === '/raw' ? Buffer.from(body) : JSON.parse(body);
      webhooks(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      assert.equal((await send(`${base}/raw`, '', signed(body))).status, 200);
      assert.equal((await send(`${base}/parsed`, '', signed(body))).status, 500);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('the node:http listener reads at most 5 MiB by default', async () => {
    const webhooks = createWebhookHandler({ secret: SECRET, onError: () => {} });
    const server = http.createServer(webhooks);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const limit = 5 * 1024 * 1024;
      const atLimit = `{"pad":"${'x'.repeat(limit - 10)}"}`;
      assert.equal(Buffer.byteLength(atLimit), limit);
      assert.equal((await send(base, atLimit, signed(atLimit))).status, 400, 'read and refused as not a notification');
      assert.equal((await send(base, `${atLimit} `, signed(`${atLimit} `))).status, 413);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  test('bad options throw InvalidParameterError before any request', () => {
    assert.throws(() => createWebhookHandler({ secret: '' }), /options\.secret/);
    assert.throws(
      () => createWebhookHandler({ secret: 's', on: { 'user.created': 'nope' as unknown as () => void } }),
      /options\.on\['user\.created'\]/,
    );
    assert.throws(() => createWebhookHandler({ secret: 's', maxBodyBytes: 0 }), InvalidParameterError);
  });
});
