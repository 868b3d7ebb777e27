import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { pause } from '../helpers/raw-http.js';
import { asTheGem, replay } from '../helpers/replay.js';

/** Reads the job until it has ended. */
async function ended(sandbox: Sandbox, id: string) {
  for (let i = 0; i < 400; i++) {
    const job = await asTheGem(sandbox, { method: 'GET', path: `/jobs/${id}` });
    if (job.json.state !== 'running') return job.json;
    await pause(5);
  }
  throw new Error(`job ${id} never ended`);
}

describe('the gem README steps of events, bulk jobs and subscriptions, replayed against the demo sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());

  test('events.create and events.create rich metadata record events for bob', async () => {
    const [plain] = await replay(sandbox, 'events.create');
    const [rich] = await replay(sandbox, 'events.create rich metadata');
    assert.deepEqual([plain?.status, rich?.status], [202, 202]);
    // The recorded created_at values are years old: listed no more, but counted in the summary.
    const summary = await asTheGem(sandbox, { method: 'GET', path: '/events?type=user&email=bob%40example.com&summary=true' });
    const counts = Object.fromEntries(summary.json.events.map((e: { name: string; count: number }) => [e.name, e.count]));
    assert.equal(counts['invited-friend'], 2, 'the seeded one and the replayed one');
    assert.equal(counts['placed-order'], 2);
  });

  test('events.find_all of an unknown Intercom user is a realistic 404', async () => {
    const [answer] = await replay(sandbox, 'events.find_all');
    assert.equal(answer?.status, 404);
    assert.deepEqual(answer?.json.errors, [{ code: 'not_found', message: 'User Not Found' }]);
  });

  test('users.submit_bulk_job creates users 25 and 26; jobs.find and jobs.errors answer for the job', async () => {
    const [submitted] = await replay(sandbox, 'users.submit_bulk_job');
    assert.equal(submitted?.status, 202);
    const job = await ended(sandbox, submitted?.json.id);
    assert.equal(job.state, 'completed');
    assert.equal(sandbox.store.userByUserId('25', 'user')?.email, 'alice@example.com');
    assert.equal(sandbox.store.userByUserId('26', 'user')?.email, 'bob@example.com');
    const [found] = await replay(sandbox, 'jobs.find');
    const [errors] = await replay(sandbox, 'jobs.errors');
    assert.deepEqual([found?.status, errors?.status], [404, 404], 'the recorded job id is not one of this sandbox');
  });

  test('events.submit_bulk_job for a user the demo does not have ends completed_with_errors', async () => {
    const [submitted] = await replay(sandbox, 'events.submit_bulk_job');
    assert.equal(submitted?.status, 202);
    const job = await ended(sandbox, submitted?.json.id);
    assert.equal(job.state, 'completed_with_errors');
    const feed = await asTheGem(sandbox, { method: 'GET', path: `/jobs/${job.id}/error` });
    assert.equal(feed.json.items[0].error.code, 'not_found');
  });

  test('subscriptions.create of http://example.com is refused (the sandbox delivers to loopback only); find and delete of the recorded id are 404', async () => {
    const before = sandbox.store.subscriptions.size;
    const [created] = await replay(sandbox, 'subscriptions.create');
    assert.equal(created?.status, 400);
    assert.equal(created?.json.errors[0].code, 'parameter_invalid');
    assert.equal(created?.json.errors[0].field, 'url');
    assert.match(created?.json.errors[0].message, /only to loopback addresses .* 'example\.com' is not one/);
    assert.equal(sandbox.store.subscriptions.size, before);
    const [found] = await replay(sandbox, 'subscriptions.find');
    assert.equal(found?.status, 404);
    const deleted = await replay(sandbox, 'subscriptions.delete');
    assert.deepEqual(
      deleted.map((a) => a.status),
      [404, 404],
    );
    assert.deepEqual(await replay(sandbox, 'subscriptions.all'), []);
  });
});
