import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { DEFAULT_WEBHOOK_OPTIONS, type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { retryDelay } from '../../src/sandbox/webhooks.js';
import { raw } from '../helpers/raw-http.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = 'sandbox-hub-secret';
const hmac = (body: Buffer | string, secret = SECRET) => `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;

describe('sandbox: live webhook subscriptions', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'demo', webhooks: { retryDelayMs: 20, maxRetryDelayMs: 40, maxAttempts: 3 } });
  });
  beforeEach(async () => {
    sandbox.reset();
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());
  after(() => sandbox.close());

  const subscribe = async (body: Record<string, unknown>) => {
    const answer = await raw(sandbox, 'POST', '/subscriptions', { url: receiver.url, ...body });
    assert.equal(answer.status, 200, answer.text);
    return answer.json;
  };

  test('creating a user POSTs a signed user.created notification_event, as Intercom sends it', async () => {
    const sub = await subscribe({ topics: ['user.created'], hub_secret: SECRET });
    const created = await raw(sandbox, 'POST', '/users', { user_id: 'wh-1', email: 'wh1@example.com', name: 'Webhook One' });
    assert.equal(created.status, 200);
    await sandbox.waitForDeliveries();
    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.equal(request?.method, 'POST');
    assert.equal(request?.path, '/hooks');
    assert.equal(request?.headers['content-type'], 'application/json');
    assert.equal(request?.headers['user-agent'], 'intercom-parrot-service-client/1.0');
    assert.equal(request?.headers['x-hub-signature'], hmac(request?.body as Buffer));
    const n = request?.json;
    assert.deepEqual(Object.keys(n), [
      'type',
      'app_id',
      'data',
      'links',
      'id',
      'topic',
      'delivery_status',
      'delivery_attempts',
      'delivered_at',
      'first_sent_at',
      'created_at',
      'self',
    ]);
    assert.equal(n.type, 'notification_event');
    assert.match(n.id, /^notif_[0-9a-f-]{36}$/);
    assert.equal(n.topic, 'user.created');
    assert.equal(n.app_id, sandbox.store.appId);
    assert.equal(n.delivery_status, 'pending');
    assert.equal(n.delivery_attempts, 1);
    assert.equal(n.delivered_at, 0);
    assert.ok(n.first_sent_at >= n.created_at);
    assert.equal(n.data.type, 'notification_event_data');
    assert.deepEqual(n.data.item, created.json, 'the item is the user as the API renders it');

    const [delivery] = sandbox.deliveries;
    assert.equal(delivery?.state, 'delivered');
    assert.equal(delivery?.subscriptionId, sub.id);
    assert.equal(delivery?.id, n.id);
    assert.deepEqual(
      delivery?.attempts.map((a) => [a.number, a.status, a.error]),
      [[1, 200, null]],
    );
    assert.equal(delivery?.attempts[0]?.signature, request?.headers['x-hub-signature']);

    // Updating the user is not a creation.
    await raw(sandbox, 'POST', '/users', { user_id: 'wh-1', name: 'Renamed' });
    await sandbox.waitForDeliveries();
    assert.equal(receiver.received.length, 1);
  });

  test('deliveries never delay the API answer: a receiver that hangs does not hold the request', async () => {
    await subscribe({ topics: ['user.created'] });
    receiver.script('hang');
    const created = await raw(sandbox, 'POST', '/users', { email: 'hang@example.com' });
    assert.equal(created.status, 200);
    await receiver.waitFor(1);
    assert.equal(sandbox.deliveries[0]?.state, 'pending', 'still waiting for the receiver');
    receiver.release();
    await sandbox.waitForDeliveries();
    assert.equal(sandbox.deliveries[0]?.state, 'delivered');
  });

  test('without a hub_secret there is no X-Hub-Signature', async () => {
    await subscribe({ topics: ['user'] });
    await raw(sandbox, 'POST', '/users', { email: 'nosig@example.com' });
    await sandbox.waitForDeliveries();
    assert.equal(receiver.received[0]?.headers['x-hub-signature'], undefined);
    assert.equal(sandbox.deliveries[0]?.attempts[0]?.signature, null);
  });

  test('only subscriptions of the topic (or a prefix of it) get it, each its own notification; paused ones none', async () => {
    const other = await startReceiver();
    try {
      const users = await subscribe({ topics: ['user.created'] });
      const companies = await subscribe({ topics: ['company'] });
      const both = (await raw(sandbox, 'POST', '/subscriptions', { url: other.url, topics: ['user', 'company.created'] })).json;
      await raw(sandbox, 'POST', '/companies', { company_id: 'wh-co', name: 'Hooks Inc' });
      await raw(sandbox, 'POST', '/users', { email: 'topics@example.com' });
      await sandbox.waitForDeliveries();
      const bySub = (id: string) => sandbox.deliveries.filter((d) => d.subscriptionId === id).map((d) => d.topic);
      assert.deepEqual(bySub(users.id), ['user.created']);
      assert.deepEqual(bySub(companies.id), ['company.created']);
      assert.deepEqual(bySub(both.id), ['company.created', 'user.created']);
      // The demo seed's subscription (user.created) is paused (active: false): it gets nothing.
      const seeded = [...sandbox.store.subscriptions.values()].find((s) => !s.active);
      assert.ok(seeded?.topics.includes('user.created'));
      assert.equal(sandbox.deliveries.filter((d) => d.subscriptionId === seeded?.id).length, 0);
      const ids = sandbox.deliveries.map((d) => d.id);
      assert.equal(new Set(ids).size, ids.length, 'one notification id per subscription and change');
      assert.equal(receiver.received.length, 2);
      assert.equal(other.received.length, 2);
    } finally {
      await other.close();
    }
  });

  test('event.created goes only to subscriptions that name the event', async () => {
    await subscribe({ topics: ['event.created'], metadata: { event_names: ['Placed.Order'] } });
    const at = Math.floor(Date.now() / 1000);
    assert.equal(
      (await raw(sandbox, 'POST', '/events', { event_name: 'placed-order', created_at: at, user_id: '1' })).status,
      202,
    );
    assert.equal(
      (await raw(sandbox, 'POST', '/events', { event_name: 'viewed-page', created_at: at, user_id: '1' })).status,
      202,
    );
    await sandbox.waitForDeliveries();
    assert.equal(receiver.received.length, 1);
    const item = receiver.received[0]?.json.data.item;
    assert.equal(item.type, 'event');
    assert.equal(item.event_name, 'placed-order');
    assert.equal(item.user_id, '1');
    assert.equal(item.created_at, at);
  });

  test('a failing receiver is retried with exponential backoff; every attempt is recorded and re-signed', async () => {
    const sub = await subscribe({ topics: ['user.created'], hub_secret: SECRET });
    receiver.script(500, 503);
    await raw(sandbox, 'POST', '/users', { email: 'retry@example.com' });
    await sandbox.waitForDeliveries();
    const [delivery] = sandbox.deliveries;
    assert.equal(delivery?.state, 'delivered');
    assert.deepEqual(
      delivery?.attempts.map((a) => [a.number, a.status]),
      [
        [1, 500],
        [2, 503],
        [3, 200],
      ],
    );
    assert.match(delivery?.attempts[0]?.error ?? '', /answered 500/);
    const bodies = receiver.received.map((r) => r.json);
    assert.deepEqual(
      bodies.map((b) => b.delivery_attempts),
      [1, 2, 3],
    );
    assert.equal(new Set(bodies.map((b) => b.id)).size, 1, 'the same notification each time');
    assert.equal(new Set(bodies.map((b) => b.first_sent_at)).size, 1, 'first_sent_at is the first attempt');
    for (const r of receiver.received) assert.equal(r.headers['x-hub-signature'], hmac(r.body));
    // Backoff: the retries waited about 20 ms, then about 40 ms (lower bounds only, with room for timer granularity).
    const [a1, a2, a3] = delivery?.attempts ?? [];
    assert.ok((a2?.sentAt ?? 0) - (a1?.sentAt ?? 0) >= 15);
    assert.ok((a3?.sentAt ?? 0) - (a2?.sentAt ?? 0) >= 35);

    // The feeds: the failed attempts in /error (newest first), the delivery in /sent.
    const errors = (await raw(sandbox, 'GET', `/subscriptions/${sub.id}/error`)).json;
    assert.equal(errors.type, 'notification.list');
    assert.deepEqual(
      errors.notifications.map((n: { delivery_attempts: number }) => n.delivery_attempts),
      [2, 1],
    );
    const failed = errors.notifications[1];
    assert.equal(failed.http_request.request_method, 'POST');
    assert.equal(failed.http_request.request_uri, receiver.url);
    assert.equal(failed.http_request.request_headers['user-agent'], 'intercom-parrot-service-client/1.0');
    assert.equal(failed.http_request.request_entity, receiver.received[0]?.body.toString('utf8'));
    assert.equal(failed.http_request.response_status_code, 500);
    assert.equal(failed.http_request.response_entity, 'failing with 500');
    assert.equal(failed.http_request.response_headers['content-type'], 'text/plain');
    const sent = (await raw(sandbox, 'GET', `/subscriptions/${sub.id}/sent`)).json;
    assert.equal(sent.notifications.length, 1);
    assert.equal(sent.notifications[0].id, delivery?.id);
    assert.equal(sent.notifications[0].delivery_status, 'delivered');
    assert.equal(sent.notifications[0].delivery_attempts, 3);
    assert.ok(sent.notifications[0].delivered_at > 0);
  });

  test('retries are bounded: after maxAttempts the delivery has failed', async () => {
    await subscribe({ topics: ['user.created'] });
    receiver.script(500, 500, 500, 500);
    await raw(sandbox, 'POST', '/users', { email: 'failing@example.com' });
    await sandbox.waitForDeliveries();
    assert.equal(sandbox.deliveries[0]?.state, 'failed');
    assert.equal(sandbox.deliveries[0]?.attempts.length, 3);
    assert.equal(receiver.received.length, 3);
  });

  test('a receiver that is not listening or does not answer in time counts as a failed attempt', async () => {
    const closed = await startReceiver();
    const url = closed.url;
    await closed.close();
    const sub = (await raw(sandbox, 'POST', '/subscriptions', { url, topics: ['user.created'] })).json;
    await raw(sandbox, 'POST', '/users', { email: 'refused@example.com' });
    await sandbox.waitForDeliveries();
    const delivery = sandbox.deliveries.find((d) => d.subscriptionId === sub.id);
    assert.equal(delivery?.state, 'failed');
    assert.ok(delivery?.attempts.every((a) => a.status === null && /ECONNREFUSED/.test(a.error ?? '')));
    const feed = (await raw(sandbox, 'GET', `/subscriptions/${sub.id}/error`)).json;
    assert.equal(feed.notifications[0].http_request.response_status_code, null);

    const slow = await startSandbox({ port: 0, seed: 'empty', webhooks: { timeoutMs: 30, maxAttempts: 1 } });
    try {
      receiver.script('hang');
      await raw(slow, 'POST', '/subscriptions', { url: receiver.url, topics: ['user.created'] });
      await raw(slow, 'POST', '/users', { email: 'slow@example.com' });
      await slow.waitForDeliveries();
      assert.equal(slow.deliveries[0]?.state, 'failed');
      assert.equal(slow.deliveries[0]?.attempts[0]?.error, 'no answer within 30 ms');
    } finally {
      await slow.close();
    }
  });

  test('the documented defaults: 5 attempts, retries after 1 s doubling up to 60 s, 5 s to answer', () => {
    assert.deepEqual(DEFAULT_WEBHOOK_OPTIONS, { maxAttempts: 5, retryDelayMs: 1000, maxRetryDelayMs: 60_000, timeoutMs: 5000 });
  });

  test('the backoff doubles from retryDelayMs and stops growing at maxRetryDelayMs', () => {
    const options = { retryDelayMs: 1000, maxRetryDelayMs: 60_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => retryDelay(n, options)),
      [1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000],
    );
  });

  test('reset and subscription deletion cancel pending retries; waitForDeliveries resolves', async () => {
    const slow = await startSandbox({ port: 0, seed: 'empty', webhooks: { retryDelayMs: 60_000 } });
    try {
      receiver.script(500, 500);
      const sub = (await raw(slow, 'POST', '/subscriptions', { url: receiver.url, topics: ['user.created'] })).json;
      await raw(slow, 'POST', '/users', { email: 'a@example.com' });
      await receiver.waitFor(1);
      assert.equal(slow.deliveries[0]?.state, 'pending', 'a retry is due in a minute');
      await raw(slow, 'DELETE', `/subscriptions/${sub.id}`, {});
      assert.equal(slow.deliveries[0]?.state, 'cancelled', 'the deletion ends it at once');
      await slow.waitForDeliveries();

      await raw(slow, 'POST', '/subscriptions', { url: receiver.url, topics: ['user.created'] });
      await raw(slow, 'POST', '/users', { email: 'b@example.com' });
      await receiver.waitFor(2);
      assert.equal(slow.deliveries[1]?.state, 'pending');
      slow.reset();
      await slow.waitForDeliveries();
      assert.equal(slow.deliveries.length, 0, 'reset forgets the deliveries');
      assert.equal(receiver.received.length, 2, 'no retry was sent');
    } finally {
      await slow.close();
    }
  });

  test('close does not wait for pending retries', async () => {
    const slow = await startSandbox({ port: 0, seed: 'empty', webhooks: { retryDelayMs: 60_000 } });
    receiver.script(500);
    await raw(slow, 'POST', '/subscriptions', { url: receiver.url, topics: ['user.created'] });
    await raw(slow, 'POST', '/users', { email: 'c@example.com' });
    await receiver.waitFor(1);
    await slow.close();
    await slow.waitForDeliveries();
    assert.equal(slow.deliveries[0]?.state, 'cancelled');
  });

  test('POST /subscriptions/{id}/ping delivers a ping to that subscription only, whatever its topics', async () => {
    const sub = await subscribe({ topics: ['company.created'], hub_secret: SECRET });
    await subscribe({ topics: ['user.created'] });
    const answer = await raw(sandbox, 'POST', `/subscriptions/${sub.id}/ping`, {});
    assert.equal(answer.status, 200);
    await sandbox.waitForDeliveries();
    assert.equal(receiver.received.length, 1);
    const [ping] = receiver.received;
    assert.equal(ping?.headers['x-hub-signature'], hmac(ping?.body as Buffer));
    assert.equal(ping?.json.topic, 'ping');
    assert.equal(ping?.json.id, null, 'Intercom sends pings without an id');
    assert.equal(ping?.json.delivery_status, null);
    assert.deepEqual(ping?.json.data.item, { type: 'ping', message: 'something something interzen' });
    assert.equal((await raw(sandbox, 'POST', '/subscriptions/nsub_unknown/ping', {})).status, 404);
    assert.equal((await raw(sandbox, 'GET', '/subscriptions/nsub_unknown/sent')).status, 404);
    assert.equal((await raw(sandbox, 'GET', '/subscriptions/nsub_unknown/error')).status, 404);
  });

  test('the sandbox start refuses impossible webhook options', async () => {
    await assert.rejects(startSandbox({ port: 0, webhooks: { maxAttempts: 0 } }), /webhooks\.maxAttempts/);
    await assert.rejects(startSandbox({ port: 0, webhooks: { retryDelayMs: -1 } }), /webhooks\.retryDelayMs/);
  });
});

describe('sandbox: subscriptions point at loopback addresses only', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
  });
  after(() => sandbox.close());

  test('anything but 127.0.0.0/8, ::1 and localhost is refused with 400 on url, saying why', async () => {
    for (const url of [
      'http://example.com/hooks',
      'https://10.0.0.1/hooks',
      'http://192.168.1.20:8080/',
      'http://[::2]/',
      'http://[fe80::1]/',
      'http://0.0.0.0:8080/',
      'http://localhost.example.com/',
      'http://127.0.0.1.nip.io/',
      'http://169.254.169.254/latest/meta-data',
    ]) {
      const answer = await raw(sandbox, 'POST', '/subscriptions', { url, topics: ['user.created'] });
      assert.equal(answer.status, 400, url);
      assert.equal(answer.json.errors[0].code, 'parameter_invalid');
      assert.equal(answer.json.errors[0].field, 'url');
      assert.match(answer.json.errors[0].message, /only to loopback addresses \(127\.0\.0\.0\/8, ::1 or localhost\)/);
    }
    assert.equal(sandbox.store.subscriptions.size, 0);
  });

  test('loopback forms are accepted', async () => {
    for (const url of [
      'http://127.0.0.1:8080/hooks',
      'http://127.45.6.7/',
      'http://localhost:3000/hooks',
      'https://LOCALHOST/hooks',
      'http://[::1]:8080/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      const answer = await raw(sandbox, 'POST', '/subscriptions', { url, topics: ['user.created'] });
      assert.equal(answer.status, 200, `${url}: ${answer.text}`);
    }
  });

  test('an update to another host is refused and changes nothing', async () => {
    const sub = (await raw(sandbox, 'POST', '/subscriptions', { url: 'http://127.0.0.1:9/x', topics: ['ping'] })).json;
    const answer = await raw(sandbox, 'POST', `/subscriptions/${sub.id}`, { url: 'https://hooks.example.org/x' });
    assert.equal(answer.status, 400);
    assert.equal(answer.json.errors[0].field, 'url');
    assert.equal(sandbox.store.subscriptions.get(sub.id)?.url, 'http://127.0.0.1:9/x');
  });
});
