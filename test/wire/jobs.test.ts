import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertWire } from '../helpers/wire.js';

/** The job of the gem's job spec. */
const JOB = {
  app_id: 'app_id',
  id: 'job_5ca1ab1eca11ab1e',
  created_at: 1446033421,
  completed_at: 1446048736,
  closing_at: 1446034321,
  updated_at: 1446048736,
  name: 'api_bulk_job',
  state: 'completed',
  links: {
    error: 'https://api.intercom.io/jobs/job_5ca1ab1eca11ab1e/error',
    self: 'https://api.intercom.io/jobs/job_5ca1ab1eca11ab1e',
  },
  tasks: [
    {
      id: 'super_awesome_task',
      item_count: 2,
      created_at: 1446033421,
      started_at: 1446033709,
      completed_at: 1446033709,
      state: 'completed',
    },
  ],
};
const ERROR_FEED = {
  app_id: 'app_id',
  job_id: 'job_5ca1ab1eca11ab1e',
  pages: {},
  items: [{ id: '1', data: { user_id: 26 }, error: { code: 'not_found', message: 'User Not Found' } }],
};

test('wire: users.submit_bulk_job', async () => {
  await assertWire(
    'users.submit_bulk_job',
    () => ({ status: 202, body: { ...JOB, state: 'running', completed_at: null } }),
    async (intercom) => {
      const job = await intercom.users.submitBulkJob({
        create_items: [
          { user_id: 25, email: 'alice@example.com' },
          { user_id: 26, email: 'bob@example.com' },
        ],
      });
      assert.equal(job.state, 'running');
    },
  );
});

test('wire: jobs.find', async () => {
  await assertWire(
    'jobs.find',
    () => ({ body: JOB }),
    async (intercom) => {
      const job = await intercom.jobs.find({ id: 'job_5ca1ab1eca11ab1e' });
      assert.equal(job.tasks?.[0]?.item_count, 2);
    },
  );
});

test('wire: jobs.errors', async () => {
  await assertWire(
    'jobs.errors',
    () => ({ body: ERROR_FEED }),
    async (intercom) => {
      const feed = await intercom.jobs.errors({ id: 'job_5ca1ab1eca11ab1e' });
      assert.deepEqual(feed.items[0]?.error, { code: 'not_found', message: 'User Not Found' });
    },
  );
});
