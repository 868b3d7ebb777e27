import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  BadRequestError,
  Client,
  IntercomError,
  InvalidParameterError,
  JOB_WAIT_DEFAULTS,
  JobWaitTimeoutError,
  RequestAbortedError,
  ResourceNotFound,
  type SubmitEventBulkJobParams,
  type SubmitUserBulkJobParams,
} from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

const now = (): number => Math.floor(Date.now() / 1000);
const fast = { interval: 5, timeout: 10_000 };

describe('bulk jobs against the sandbox', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await withSandbox({ seed: 'empty' });
  });
  beforeEach(() => {
    fx.sandbox.reset();
    fx.sandbox.store.newUser('user', { user_id: '314159', email: 'frodo@example.com', name: 'Frodo' });
  });
  after(() => fx.done());

  test('users.submitBulkJob creates and archives users; jobs.wait returns the completed job', async () => {
    const job = await fx.intercom.users.submitBulkJob({
      create_items: [
        { user_id: 25, email: 'alice@example.com', signed_up_at: new Date(1400000000 * 1000) },
        { email: 'carol@example.com', custom_attributes: { plan: 'pro' } },
      ],
      delete_items: [{ user_id: '314159' }],
    });
    assert.equal(job.state, 'running');
    assert.deepEqual(
      (fx.sandbox.requests[0]?.body as { items: Array<{ method: string }> } | undefined)?.items.map((i) => i.method),
      ['post', 'post', 'delete'],
      'creates first, then deletes',
    );
    const done = await fx.intercom.jobs.wait(job, fast);
    assert.equal(done.id, job.id);
    assert.equal(done.state, 'completed');
    assert.equal(typeof done.completed_at, 'number');
    const alice = await fx.intercom.users.find({ user_id: '25' });
    assert.equal(alice.email, 'alice@example.com');
    assert.equal(alice.signed_up_at, 1400000000);
    assert.equal((await fx.intercom.users.find({ email: 'carol@example.com' })).custom_attributes.plan, 'pro');
    await assert.rejects(fx.intercom.users.find({ user_id: '314159' }), ResourceNotFound);
  });

  test('events.submitBulkJob records events the user then has', async () => {
    const t = now();
    const job = await fx.intercom.events.submitBulkJob({
      create_items: [
        { event_name: 'ordered-item', created_at: new Date(t * 1000), user_id: '314159', metadata: { order_date: t } },
        { event_name: 'ordered-item', created_at: t - 1, email: 'frodo@example.com' },
      ],
    });
    assert.equal((await fx.intercom.jobs.wait(job.id, fast)).state, 'completed');
    const events = await fx.intercom.events.findAll({ type: 'user', user_id: '314159' }).toArray();
    assert.equal(events.length, 2);
    assert.deepEqual(events[0]?.metadata, { order_date: t });
  });

  test('failed items end completed_with_errors and jobs.errors lists them with reasons', async () => {
    const job = await fx.intercom.events.submitBulkJob({
      create_items: [
        { event_name: 'ordered-item', created_at: now(), user_id: '314159' },
        { event_name: 'ordered-item', created_at: now(), user_id: 'nobody' },
      ],
    });
    const done = await fx.intercom.jobs.wait(job, fast);
    assert.equal(done.state, 'completed_with_errors');
    const feed = await fx.intercom.jobs.errors(done);
    assert.equal(feed.job_id, job.id);
    assert.deepEqual(
      feed.items.map((item) => [item.data.user_id, item.error.code, item.error.message]),
      [['nobody', 'not_found', 'User Not Found']],
    );
  });

  test('job_id appends to the open job; jobs.find shows both tasks', async () => {
    const first = await fx.intercom.users.submitBulkJob({ create_items: [{ email: 'one@example.com' }] });
    await fx.intercom.jobs.wait(first, fast);
    const second = await fx.intercom.users.submitBulkJob({ create_items: [{ email: 'two@example.com' }], job_id: first.id });
    assert.equal(second.id, first.id);
    assert.deepEqual((fx.sandbox.requests.at(-1)?.body as { job: unknown } | undefined)?.job, { id: first.id });
    await fx.intercom.jobs.wait(second, fast);
    const job = await fx.intercom.jobs.find({ id: first.id });
    assert.equal(job.tasks?.length, 2);
    assert.equal((await fx.intercom.users.find({ email: 'two@example.com' })).email, 'two@example.com');
  });

  test('a closed job answers BadRequestError job_closed; an unknown one ResourceNotFound', async () => {
    const job = await fx.intercom.users.submitBulkJob({ create_items: [{ email: 'one@example.com' }] });
    const record = fx.sandbox.store.jobs.get(job.id);
    assert.ok(record);
    record.closing_at = now() - 1;
    await assert.rejects(
      fx.intercom.users.submitBulkJob({ create_items: [{ email: 'two@example.com' }], job_id: job.id }),
      (error: unknown) => error instanceof BadRequestError && error.applicationErrorCode === 'job_closed',
    );
    await assert.rejects(fx.intercom.jobs.find({ id: 'job_nope' }), ResourceNotFound);
    await assert.rejects(fx.intercom.jobs.errors({ id: 'job_nope' }), ResourceNotFound);
  });

  test('jobs.wait gives up after its timeout with the last state of the job', async () => {
    fx.sandbox.store.jobDelayMs = 60_000;
    const job = await fx.intercom.users.submitBulkJob({ create_items: [{ email: 'late@example.com' }] });
    await assert.rejects(fx.intercom.jobs.wait(job, { timeout: 30, interval: 5 }), (error: unknown) => {
      assert.ok(error instanceof JobWaitTimeoutError);
      assert.equal(error.job.id, job.id);
      assert.equal(error.job.state, 'running');
      return true;
    });
  });

  test('jobs.wait honours an AbortSignal', async () => {
    fx.sandbox.store.jobDelayMs = 60_000;
    const job = await fx.intercom.users.submitBulkJob({ create_items: [{ email: 'late@example.com' }] });
    const controller = new AbortController();
    const waiting = fx.intercom.jobs.wait(job, { interval: 1_000, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(waiting, RequestAbortedError);
    const aborted = AbortSignal.abort();
    await assert.rejects(fx.intercom.jobs.wait(job, { signal: aborted }), RequestAbortedError);
  });

  test('the documented wait defaults', () => {
    assert.deepEqual({ ...JOB_WAIT_DEFAULTS }, { timeout: 300_000, interval: 1_000 });
  });

  test('bad input throws InvalidParameterError naming the parameter, before any request', async () => {
    const users: Array<[unknown, string]> = [
      [{}, 'params'],
      [{ create_items: [] }, 'params'],
      [{ create_items: 'x' }, 'params.create_items'],
      [{ create_items: [null] }, 'params.create_items[0]'],
      [{ create_items: [{ name: 'No identifier' }] }, 'params.create_items[0]'],
      [
        { create_items: [{ email: 'a@example.com', custom_attributes: { deep: { a: 1 } } }] },
        'params.create_items[0].custom_attributes.deep',
      ],
      [{ create_items: [{ email: 'a@example.com', signed_up_at: new Date('nope') }] }, 'params.create_items[0].signed_up_at'],
      [{ delete_items: [{}] }, 'params.delete_items[0]'],
      [{ delete_items: [{ user_id: '1', email: 'a@example.com' }] }, 'params.delete_items[0]'],
      [{ create_items: [{ email: 'a@example.com' }], job_id: true }, 'params.job_id'],
      [{ create_items: [{ email: 'a@example.com' }], job_id: {} }, 'params.job_id'],
    ];
    for (const [params, parameter] of users) {
      await assert.rejects(
        fx.intercom.users.submitBulkJob(params as SubmitUserBulkJobParams),
        (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
        JSON.stringify(params),
      );
    }
    const events: Array<[unknown, string]> = [
      [{ create_items: [{ event_name: 'x', created_at: 1, user_id: '1' }], delete_items: [] }, 'params.delete_items'],
      [{}, 'params.create_items'],
      [{ create_items: [] }, 'params'],
      [{ create_items: [{ event_name: 'x', created_at: 1 }] }, 'params.create_items[0]'],
      [
        { create_items: [{ event_name: 'x', created_at: 1, user_id: '1', metadata: { a: [1] } }] },
        'params.create_items[0].metadata.a',
      ],
    ];
    for (const [params, parameter] of events) {
      await assert.rejects(
        fx.intercom.events.submitBulkJob(params as SubmitEventBulkJobParams),
        (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
        JSON.stringify(params),
      );
    }
    await assert.rejects(fx.intercom.jobs.find({ id: '' }), InvalidParameterError);
    await assert.rejects(fx.intercom.jobs.errors({} as { id: string }), InvalidParameterError);
    await assert.rejects(fx.intercom.jobs.wait(''), InvalidParameterError);
    await assert.rejects(fx.intercom.jobs.wait('job_x', { interval: -1 }), InvalidParameterError);
    await assert.rejects(fx.intercom.jobs.wait('job_x', { timeout: Number.NaN }), InvalidParameterError);
    assert.equal(fx.sandbox.requests.length, 0);
  });
});

describe('bulk jobs: what may be repeated', () => {
  test('a bulk submission whose answer is lost is not sent again', async () => {
    const server = await scriptedServer(() => ({ destroy: true }));
    const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 2 });
    try {
      for (const submit of [
        () => intercom.users.submitBulkJob({ create_items: [{ email: 'a@example.com' }] }),
        () => intercom.events.submitBulkJob({ create_items: [{ event_name: 'x', created_at: 1, user_id: '1' }] }),
      ]) {
        await assert.rejects(submit(), (error: unknown) => error instanceof IntercomError && error.outcomeUnknown);
      }
      assert.deepEqual(
        server.received.map((r) => `${r.method} ${r.path}`),
        ['POST /bulk/users', 'POST /bulk/events'],
        'each submission was sent once',
      );
    } finally {
      intercom.close();
      await server.close();
    }
  });

  test('a job status read is retried after a lost answer', async () => {
    const server = await scriptedServer((_req, index) =>
      index === 0 ? { destroy: true } : { body: { id: 'job_x', state: 'completed' } },
    );
    const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 2 });
    try {
      const job = await intercom.jobs.wait('job_x', { interval: 1 });
      assert.equal(job.state, 'completed');
      assert.equal(server.received.length, 2);
    } finally {
      intercom.close();
      await server.close();
    }
  });
});
