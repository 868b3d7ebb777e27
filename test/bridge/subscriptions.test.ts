/** Webhook subscriptions on 2.16: every call says where they moved, and nothing is sent. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { UnavailableOnApi2Error } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './rest-fixture.js';

let fx: BridgeFixture;
before(async () => {
  fx = await withBridge();
});
after(() => fx.done());

test('every subscription call throws UnavailableOnApi2Error naming the Developer Hub, before any request', async () => {
  const subscriptions = fx.v2.subscriptions;
  const calls: Array<() => Promise<unknown>> = [
    () => subscriptions.create({ url: 'https://example.org/hooks', topics: ['user.created'] }),
    () => subscriptions.find({ id: 'nsub_1' }),
    () => subscriptions.update({ id: 'nsub_1', url: 'https://example.org/other' }),
    () => subscriptions.ping({ id: 'nsub_1' }),
    () => subscriptions.delete({ id: 'nsub_1' }),
    () => subscriptions.all().toArray(),
  ];
  for (const call of calls) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof UnavailableOnApi2Error);
      assert.equal(error.capability, 'webhook subscriptions');
      assert.match(error.alternative, /Webhooks page in the Intercom Developer Hub/);
      return true;
    });
  }
  assert.deepEqual(fx.sent(), []);
  assert.deepEqual(fx.sandbox.requests, []);
});
