import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  type CreateSubscriptionParams,
  InvalidParameterError,
  ResourceNotFound,
  type SubscriptionTopic,
  WEBHOOK_TOPICS,
} from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

describe('subscriptions against the sandbox', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await withSandbox({ seed: 'empty' });
  });
  beforeEach(() => fx.sandbox.reset());
  after(() => fx.done());

  test('create, find, all, update and delete change what the sandbox holds', async () => {
    const sub = await fx.intercom.subscriptions.create({ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'] });
    assert.match(sub.id, /^nsub_/);
    assert.equal(sub.active, true);
    assert.deepEqual(sub.topics, ['user.created']);
    assert.equal(sub.links?.sent, `${fx.sandbox.url}/subscriptions/${sub.id}/sent`);
    assert.ok(fx.sandbox.store.subscriptions.has(sub.id));

    assert.deepEqual(await fx.intercom.subscriptions.find({ id: sub.id }), sub);
    assert.deepEqual(
      (await fx.intercom.subscriptions.all().toArray()).map((s) => s.id),
      [sub.id],
    );

    const updated = await fx.intercom.subscriptions.update({
      id: sub.id,
      topics: ['company', 'event.created'],
      metadata: { event_names: ['placed-order'] },
      hub_secret: 's3cret',
    });
    assert.deepEqual(updated.topics, ['company', 'event.created']);
    assert.equal(updated.url, 'http://127.0.0.1:4567/hooks');
    assert.equal(updated.hub_secret, 's3cret');
    assert.deepEqual(fx.sandbox.store.subscriptions.get(sub.id)?.metadata, { event_names: ['placed-order'] });

    await fx.intercom.subscriptions.delete(sub);
    assert.equal(fx.sandbox.store.subscriptions.size, 0);
    await assert.rejects(fx.intercom.subscriptions.find({ id: sub.id }), ResourceNotFound);
    assert.deepEqual(await fx.intercom.subscriptions.all().toArray(), []);
  });

  test('every topic and topic prefix the client knows, the sandbox accepts (API 1.2+)', async () => {
    const topics = WEBHOOK_TOPICS.filter((t) => t !== 'event.created');
    const client = await withSandbox({ seed: 'empty' }, { apiVersion: '1.2' });
    try {
      const sub = await client.intercom.subscriptions.create({
        url: 'http://localhost:4567/hooks',
        topics: [...topics, 'conversation.admin', 'user.tag', 'visitor'],
      });
      assert.equal(sub.topics.length, topics.length + 3);
    } finally {
      await client.done();
    }
  });

  test('bad input throws InvalidParameterError naming the parameter, before any request', async () => {
    const cases: Array<[unknown, string]> = [
      [{ topics: ['user.created'] }, 'params.url'],
      [{ url: 'example.com', topics: ['user.created'] }, 'params.url'],
      [{ url: 'ftp://example.com', topics: ['user.created'] }, 'params.url'],
      [{ url: 'http://127.0.0.1:4567/hooks' }, 'params.topics'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: [] }, 'params.topics'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.exploded'] }, 'params.topics[0]'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created', 3] }, 'params.topics[1]'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['event.created'] }, 'params.metadata.event_names'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['event'], metadata: { event_names: [] } }, 'params.metadata.event_names'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], hub_secret: 1 }, 'params.hub_secret'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], service_type: 'sqs' }, 'params.service_type'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], metadata: [] }, 'params.metadata'],
    ];
    for (const [params, parameter] of cases) {
      await assert.rejects(
        fx.intercom.subscriptions.create(params as CreateSubscriptionParams),
        (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
        JSON.stringify(params),
      );
    }
    await assert.rejects(fx.intercom.subscriptions.find({ id: '' }), InvalidParameterError);
    await assert.rejects(fx.intercom.subscriptions.delete({} as { id: string }), InvalidParameterError);
    await assert.rejects(
      fx.intercom.subscriptions.update({ id: 'nsub_1', topics: ['nope' as SubscriptionTopic] }),
      InvalidParameterError,
    );
    assert.equal(fx.sandbox.requests.length, 0);
  });

  test('the types reject unknown topics', () => {
    const types = (): void => {
      // @ts-expect-error: not a 1.x topic
      void fx.intercom.subscriptions.create({ url: 'http://127.0.0.1:4567/hooks', topics: ['user.exploded'] });
      // @ts-expect-error: url is required
      void fx.intercom.subscriptions.create({ topics: ['user.created'] });
      const prefix: SubscriptionTopic = 'conversation.admin';
      void prefix;
    };
    assert.equal(typeof types, 'function');
  });
});

test('subscriptions.ping asks for a ping delivery to the subscription, whatever its topics', async () => {
  const { intercom, sandbox, done } = await withSandbox({ webhooks: { maxAttempts: 1, timeoutMs: 200 } });
  try {
    const sub = await intercom.subscriptions.create({ url: 'http://127.0.0.1:9/hooks', topics: ['company.created'] });
    await intercom.subscriptions.ping(sub);
    await sandbox.waitForDeliveries();
    const pings = sandbox.deliveries.filter((d) => d.subscriptionId === sub.id && d.topic === 'ping');
    assert.equal(pings.length, 1);
    await assert.rejects(intercom.subscriptions.ping({ id: 'nsub_unknown' }), ResourceNotFound);
  } finally {
    await done();
  }
});
