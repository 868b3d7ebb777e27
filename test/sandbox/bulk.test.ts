import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { pause, type RawAnswer, raw } from '../helpers/raw-http.js';

const now = (): number => Math.floor(Date.now() / 1000);

describe('sandbox: bulk jobs', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.store.newUser('user', { user_id: '314159', email: 'frodo@example.com', name: 'Frodo', custom_attributes: { a: 1 } });
  });
  after(() => sandbox.close());

  const post = (path: string, body: unknown) => raw(sandbox, 'POST', path, body);
  const userItem = (method: 'post' | 'delete', data: Record<string, unknown>) => ({ method, data_type: 'user', data });
  const eventItem = (data: Record<string, unknown>) => ({ method: 'post', data_type: 'event', data });

  /** Polls the job until it is no longer running (bounded: fails rather than hangs). */
  async function finished(id: string): Promise<RawAnswer> {
    for (let i = 0; i < 400; i++) {
      const job = await raw(sandbox, 'GET', `/jobs/${id}`);
      if (job.json.state !== 'running') return job;
      await pause(5);
    }
    throw new Error(`job ${id} never finished`);
  }

  test('a bulk request creates a job that is running, then completed; post items upsert users', async () => {
    const submitted = await post('/bulk/users', {
      items: [
        userItem('post', { user_id: 25, email: 'alice@example.com', custom_attributes: { plan: 'pro' } }),
        userItem('post', { user_id: '314159', name: 'Frodo Baggins', custom_attributes: { b: 2 } }),
      ],
    });
    assert.equal(submitted.status, 202);
    const job = submitted.json;
    assert.match(job.id, /^job_[0-9a-f]+(_[0-9a-f]+)+$/);
    assert.equal(job.type, undefined, 'the API sends no type on jobs');
    assert.equal(job.app_id, sandbox.store.appId);
    assert.equal(job.name, 'api_bulk_job');
    assert.equal(job.state, 'running');
    assert.equal(job.completed_at, null);
    assert.equal(job.closing_at, job.created_at + 900);
    assert.equal(job.links.self, `${sandbox.url}/jobs/${job.id}`);
    assert.equal(job.links.error, `${sandbox.url}/jobs/${job.id}/error`);

    const done = (await finished(job.id)).json;
    assert.equal(done.state, 'completed');
    assert.equal(typeof done.completed_at, 'number');
    assert.equal(done.tasks.length, 1);
    assert.equal(done.tasks[0].item_count, 2);
    assert.equal(done.tasks[0].state, 'completed');
    const alice = sandbox.store.userByUserId('25', 'user');
    assert.equal(alice?.email, 'alice@example.com');
    assert.deepEqual(alice?.custom_attributes, { plan: 'pro' });
    const frodo = sandbox.store.userByUserId('314159', 'user');
    assert.equal(frodo?.name, 'Frodo Baggins');
    assert.deepEqual(frodo?.custom_attributes, { a: 1, b: 2 }, 'custom attributes merge as in POST /users');
    assert.deepEqual((await raw(sandbox, 'GET', `/jobs/${job.id}/error`)).json.items, []);
  });

  test('GET /jobs/{id} says running while the items wait', async () => {
    sandbox.store.jobDelayMs = 60_000;
    const job = (await post('/bulk/users', { items: [userItem('post', { email: 'late@example.com' })] })).json;
    const read = (await raw(sandbox, 'GET', `/jobs/${job.id}`)).json;
    assert.equal(read.state, 'running');
    assert.equal(read.tasks[0].state, 'pending');
    assert.equal(read.tasks[0].started_at, null);
    assert.deepEqual(sandbox.store.usersByEmail('late@example.com', 'user'), [], 'nothing is applied before the job runs');
  });

  test('failed items end the job completed_with_errors and are listed with reasons in the error feed', async () => {
    const submitted = await post('/bulk/users', {
      items: [
        userItem('post', { email: 'ok@example.com' }),
        userItem('post', { name: 'No identifier' }),
        userItem('post', { email: 'nested@example.com', custom_attributes: { deep: { a: 1 } } }),
        userItem('delete', { user_id: 'nobody' }),
        userItem('delete', { email: 'frodo@example.com' }),
      ],
    });
    const job = (await finished(submitted.json.id)).json;
    assert.equal(job.state, 'completed_with_errors');
    assert.equal(job.tasks[0].state, 'completed_with_errors');
    assert.ok(sandbox.store.usersByEmail('ok@example.com', 'user').length === 1, 'valid items are applied');
    assert.equal(sandbox.store.userByUserId('314159', 'user'), undefined, 'the delete item archived frodo');
    assert.equal(sandbox.store.usersByEmail('nested@example.com', 'user').length, 0);

    const feed = (await raw(sandbox, 'GET', `/jobs/${job.id}/error`)).json;
    assert.equal(feed.app_id, sandbox.store.appId);
    assert.equal(feed.job_id, job.id);
    assert.deepEqual(feed.pages, {});
    assert.deepEqual(
      feed.items.map((item: { data: unknown; error: { code: string } }) => [item.data, item.error.code]),
      [
        [{ name: 'No identifier' }, 'missing_parameter'],
        [{ email: 'nested@example.com', custom_attributes: { deep: { a: 1 } } }, 'parameter_invalid'],
        [{ user_id: 'nobody' }, 'not_found'],
      ],
    );
    for (const item of feed.items) {
      assert.equal(typeof item.id, 'string');
      assert.ok(item.error.message.length > 0);
    }
  });

  test('job.id appends a task to an open job; it runs again, then completes', async () => {
    const first = (await post('/bulk/users', { items: [userItem('post', { email: 'one@example.com' })] })).json;
    await finished(first.id);
    const appended = await post('/bulk/users', {
      items: [userItem('post', { email: 'two@example.com' }), userItem('post', { email: 'three@example.com' })],
      job: { id: first.id },
    });
    assert.equal(appended.status, 202);
    assert.equal(appended.json.id, first.id);
    assert.equal(appended.json.state, 'running');
    assert.equal(appended.json.completed_at, null);
    const job = (await finished(first.id)).json;
    assert.equal(job.state, 'completed');
    assert.deepEqual(
      job.tasks.map((t: { item_count: number }) => t.item_count),
      [1, 2],
    );
    for (const email of ['one@example.com', 'two@example.com', 'three@example.com']) {
      assert.equal(sandbox.store.usersByEmail(email, 'user').length, 1, email);
    }
  });

  test('a closed job answers 400 job_closed; an unknown job 404', async () => {
    const job = (await post('/bulk/users', { items: [userItem('post', { email: 'one@example.com' })] })).json;
    const record = sandbox.store.jobs.get(job.id);
    assert.ok(record);
    record.closing_at = now() - 1;
    const closed = await post('/bulk/users', { items: [userItem('post', { email: 'x@example.com' })], job: { id: job.id } });
    assert.equal(closed.status, 400);
    assert.equal(closed.json.errors[0].code, 'job_closed');
    const unknown = await post('/bulk/users', { items: [userItem('post', { email: 'x@example.com' })], job: { id: 'job_nope' } });
    assert.equal(unknown.status, 404);
    assert.equal((await raw(sandbox, 'GET', '/jobs/job_nope')).status, 404);
    assert.equal((await raw(sandbox, 'GET', '/jobs/job_nope/error')).status, 404);
    assert.equal(record.tasks.length, 1, 'nothing was appended');
  });

  test('bulk events record events like POST /events; unknown users go to the error feed', async () => {
    const t = now();
    const submitted = await post('/bulk/events', {
      items: [
        eventItem({
          event_name: 'ordered-item',
          created_at: t,
          user_id: '314159',
          metadata: { order_date: t, stripe_invoice: 'inv_3434343434' },
        }),
        eventItem({ event_name: 'ordered-item', created_at: t, user_id: 'nobody' }),
        eventItem({ event_name: 'ordered-item', created_at: t, user_id: '314159', metadata: { bad: [1] } }),
      ],
    });
    assert.equal(submitted.status, 202);
    const job = (await finished(submitted.json.id)).json;
    assert.equal(job.state, 'completed_with_errors');
    const events = (await raw(sandbox, 'GET', '/events?type=user&user_id=314159')).json.events;
    assert.equal(events.length, 1);
    assert.deepEqual(events[0].metadata, { order_date: t, stripe_invoice: 'inv_3434343434' });
    const feed = (await raw(sandbox, 'GET', `/jobs/${job.id}/error`)).json;
    assert.deepEqual(
      feed.items.map((i: { error: { code: string; message: string } }) => i.error),
      [
        { code: 'not_found', message: 'User Not Found' },
        {
          code: 'parameter_invalid',
          message: "metadata 'bad' must be a string, a number, a rich link {url, value} or an amount {amount, currency}",
        },
      ],
    );
  });

  test('events reject delete items, and malformed requests answer 400 without creating a job', async () => {
    const bad: Array<[string, unknown, string]> = [
      ['/bulk/events', { items: [{ method: 'delete', data_type: 'event', data: { event_name: 'x' } }] }, 'items[0].method'],
      ['/bulk/users', {}, 'items'],
      ['/bulk/users', { items: [] }, 'items'],
      ['/bulk/users', { items: {} }, 'items'],
      ['/bulk/users', { items: ['x'] }, 'items[0]'],
      ['/bulk/users', { items: [{ method: 'put', data_type: 'user', data: {} }] }, 'items[0].method'],
      ['/bulk/users', { items: [{ method: 'post', data_type: 'event', data: {} }] }, 'items[0].data_type'],
      ['/bulk/users', { items: [{ method: 'post', data_type: 'user', data: [1] }] }, 'items[0].data'],
      ['/bulk/users', { items: [userItem('post', { email: 'a@example.com' })], job: 'job_x' }, 'job'],
    ];
    for (const [path, body, field] of bad) {
      const answer = await post(path, body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.errors[0].field, field, JSON.stringify(body));
    }
    assert.equal(sandbox.store.jobs.size, 0);
  });

  test('reset forgets jobs', async () => {
    await post('/bulk/users', { items: [userItem('post', { email: 'one@example.com' })] });
    assert.equal(sandbox.store.jobs.size, 1);
    sandbox.reset();
    assert.equal(sandbox.store.jobs.size, 0);
  });
});
