import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Client } from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

const RESPONSES = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8'));
/** The gem's fixture wraps the subscription under `request`; the API sends it unwrapped. */
const SUBSCRIPTION = RESPONSES.test_subscription.request;

test('wire: subscriptions.create', async () => {
  await assertWire(
    'subscriptions.create',
    () => ({ body: SUBSCRIPTION }),
    async (intercom) => {
      const sub = await intercom.subscriptions.create({ url: 'http://example.com', topics: ['user.created'] });
      assert.equal(sub.id, 'nsub_123456789');
    },
  );
});

test('wire: subscriptions.find', async () => {
  await assertWire(
    'subscriptions.find',
    () => ({ body: SUBSCRIPTION }),
    async (intercom) => {
      const sub = await intercom.subscriptions.find({ id: 'nsub_123456789' });
      assert.deepEqual(sub.topics, ['user.created', 'conversation.user.replied', 'conversation.admin.replied']);
    },
  );
});

test('wire: subscriptions.delete', async () => {
  await assertWire(
    'subscriptions.delete',
    () => ({ body: SUBSCRIPTION }),
    async (intercom) => {
      const sub = await intercom.subscriptions.find({ id: 'nsub_123456789' });
      await intercom.subscriptions.delete(sub);
    },
  );
});

test('wire: subscriptions.all (lazy: nothing is sent until it is iterated)', async () => {
  await assertWire(
    'subscriptions.all',
    () => ({ body: { type: 'notification_subscription.list', items: [SUBSCRIPTION] } }),
    async (intercom) => intercom.subscriptions.all(),
  );
});

test('subscriptions.all reads the list under items', async () => {
  const server = await scriptedServer(() => ({ body: { type: 'notification_subscription.list', items: [SUBSCRIPTION] } }));
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    const subs = await intercom.subscriptions.all().toArray();
    assert.deepEqual(
      subs.map((s) => s.id),
      ['nsub_123456789'],
    );
    assert.deepEqual(
      server.received.map((r) => `${r.method} ${r.path}`),
      ['GET /subscriptions'],
    );
  } finally {
    intercom.close();
    await server.close();
  }
});
