/** Bulk jobs through the seed-style client on 2.16 against the sandbox: run client-side, reported as 1.x. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { ResourceNotFound } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './rest-fixture.js';

let fx: BridgeFixture;
before(async () => {
  fx = await withBridge();
});
after(() => fx.done());
beforeEach(() => fx.sandbox.reset());

test('a bulk job of 20 users with 2 bad items: completed_with_errors, the error feed lists the 2', async () => {
  const create_items = Array.from({ length: 18 }, (_, i) => ({
    user_id: `bulk-${i}`,
    email: `bulk${i}@example.com`,
    name: `Bulk ${i}`,
  }));
  const delete_items = [{ user_id: 'no-such-user-1' }, { user_id: 'no-such-user-2' }];
  const job = await fx.v2.users.submitBulkJob({ create_items, delete_items });
  assert.match(job.id, /^job_/);
  assert.equal(job.state, 'running');
  const done = await fx.v2.jobs.wait(job, { interval: 5 });
  assert.equal(done.state, 'completed_with_errors');
  assert.equal(done.tasks?.[0]?.item_count, 20);
  const feed = await fx.v2.jobs.errors(done);
  assert.deepEqual(
    feed.items.map((item) => [item.data, item.error.code]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    [
      [{ user_id: 'no-such-user-1' }, 'not_found'],
      [{ user_id: 'no-such-user-2' }, 'not_found'],
    ],
  );
  for (const item of create_items) {
    const found = fx.sandbox.store.userByUserId(item.user_id, 'user');
    assert.equal(found?.email, item.email, `${item.user_id} created once, with its fields`);
  }
  const sent = fx.sent();
  assert.equal(sent.filter((r) => r.method === 'POST' && r.path === '/contacts').length, 18, 'one create per new user');
});

test('events appended to an open job (job_id): each created once with POST /events', async () => {
  const job = await fx.v2.users.submitBulkJob({ create_items: [{ user_id: 'bulk-0', email: 'bulk0@example.com' }] });
  const done = await fx.v2.jobs.wait(job, { interval: 5 });
  fx.sent();
  const more = await fx.v2.events.submitBulkJob({
    create_items: [{ event_name: 'bulk-signed-up', user_id: 'bulk-0', created_at: 1_700_000_000 }],
    job_id: done.id,
  });
  assert.equal(more.id, done.id, 'appended to the open job');
  const again = await fx.v2.jobs.wait(more, { interval: 5 });
  assert.equal(again.tasks?.length, 2);
  assert.equal(again.tasks?.[1]?.state, 'completed');
  assert.deepEqual(
    fx.sent().filter((r) => r.path === '/events'),
    [{ method: 'POST', path: '/events', body: { event_name: 'bulk-signed-up', user_id: 'bulk-0', created_at: 1_700_000_000 } }],
  );
});

test('a bulk delete archives the user it names (looked up, then DELETE /users/{id} through the bridge)', async () => {
  const job = await fx.v2.users.submitBulkJob({ delete_items: [{ email: 'carol@example.com' }] });
  const done = await fx.v2.jobs.wait(job, { interval: 5 });
  assert.equal(done.state, 'completed');
  assert.equal(fx.sandbox.store.usersByEmail('carol@example.com', 'user')[0]?.archived, true, 'carol is archived');
  const sent = fx.sent();
  assert.ok(
    sent.some((r) => r.method === 'POST' && /^\/contacts\/[^/]+\/archive$/.test(r.path)),
    'archived with the 2.x archive',
  );
});

test('a job is known only to the client that runs it', async () => {
  await assert.rejects(
    fx.v2.jobs.find({ id: 'job_0000' }),
    (error: unknown) => error instanceof ResourceNotFound && error.httpCode === 404,
  );
  assert.deepEqual(fx.sent(), []);
});
