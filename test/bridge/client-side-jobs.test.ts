/**
 * Bulk jobs run client-side on 2.x, against a stand-in for the bridge's people routes: items sent once
 * each as their 1.x calls, a bounded number in flight, progress and failures in the 1.x shapes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JOB_ITEMS_IN_FLIGHT } from '../../src/bridge/client-side-jobs.js';
import { jobRoutes } from '../../src/bridge/job-routes.js';
import { type BridgeRoute, matchRoute } from '../../src/bridge/route-table.js';
import { errorFromErrorList, ResourceNotFound } from '../../src/core/errors.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';

const BASE = 'https://api.intercom.io';

/** The job routes over a stand-in bridge whose `POST /users` refuses emails starting with `bad`. */
function harness() {
  const sent: ApiRequest[] = [];
  const v2Sent: ApiRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const bridge = {
    async send(request: ApiRequest): Promise<unknown> {
      sent.push(request);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        const data = (request.body ?? {}) as Record<string, unknown>;
        if (request.method === 'POST' && request.path === '/users' && String(data.email).startsWith('bad')) {
          throw errorFromErrorList({ errors: [{ code: 'parameter_invalid', message: 'Invalid email' }] }, 400, {});
        }
        if (request.method === 'GET' && request.path === '/users') {
          if (request.query?.user_id === 'ghost')
            throw errorFromErrorList({ errors: [{ code: 'not_found', message: 'User Not Found' }] }, 404, {});
          return { type: 'user', id: `id-of-${String(request.query?.user_id ?? request.query?.email)}` };
        }
        return { type: 'user', id: 'x' };
      } finally {
        inFlight--;
      }
    },
  };
  const v2 = {
    async send(request: ApiRequest): Promise<unknown> {
      v2Sent.push(request);
      return { type: 'admin', app: { id_code: 'app1' } };
    },
  };
  const routes = jobRoutes({ v2, bridge, baseUrl: BASE, apiVersion: '2.16' });
  const call = (method: ApiRequest['method'], path: string, body?: unknown): Promise<unknown> => {
    const route = routes.find((r: BridgeRoute) => matchRoute(r, method, path.split('/')) !== undefined);
    assert.ok(route, `${method} ${path} has a route`);
    const params = matchRoute(route, method, path.split('/')) ?? {};
    return route.handle({
      request: { method, path, idempotent: method === 'GET' },
      path,
      params,
      query: {},
      body,
      options: { headers: { 'x-trace': 't1' } },
    });
  };
  return { sent, v2Sent, call, maxInFlight: () => maxInFlight };
}

const until = async (check: () => Promise<boolean>): Promise<void> => {
  while (!(await check())) await new Promise((resolve) => setImmediate(resolve));
};

test('a job of 20 users with 2 bad items ends completed_with_errors; its error feed lists the 2', async () => {
  const h = harness();
  const items = Array.from({ length: 20 }, (_, i) => ({
    method: 'post',
    data_type: 'user',
    data: { email: i === 4 || i === 11 ? `bad${i}@example.com` : `u${i}@example.com` },
  }));
  const job = (await h.call('POST', '/bulk/users', { items })) as Record<string, unknown>;
  assert.match(String(job.id), /^job_[0-9a-f]{8}(_[0-9a-f]{4}){3}_[0-9a-f]{12}$/);
  assert.equal(job.state, 'running');
  assert.equal(job.app_id, 'app1');
  assert.equal(job.name, 'api_bulk_job');
  assert.deepEqual(job.links, { error: `${BASE}/jobs/${job.id}/error`, self: `${BASE}/jobs/${job.id}` });
  assert.equal(job.tasks, undefined);

  const path = `/jobs/${job.id}`;
  await until(async () => ((await h.call('GET', path)) as { state: string }).state !== 'running');
  const done = (await h.call('GET', path)) as Record<string, unknown>;
  assert.equal(done.state, 'completed_with_errors');
  assert.equal(typeof done.completed_at, 'number');
  const tasks = done.tasks as Array<Record<string, unknown>>;
  assert.equal(tasks.length, 1);
  assert.equal(tasks[0]?.item_count, 20);
  assert.equal(tasks[0]?.state, 'completed_with_errors');

  const feed = (await h.call('GET', `${path}/error`)) as {
    job_id: string;
    app_id: string;
    pages: unknown;
    items: Array<Record<string, unknown>>;
  };
  assert.equal(feed.job_id, job.id);
  assert.deepEqual(feed.pages, {});
  assert.deepEqual(
    feed.items.map((i) => [i.data, i.error]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    [
      [{ email: 'bad11@example.com' }, { code: 'parameter_invalid', message: 'Invalid email' }],
      [{ email: 'bad4@example.com' }, { code: 'parameter_invalid', message: 'Invalid email' }],
    ],
  );

  assert.equal(h.sent.length, 20, 'each item sent once, failed ones too');
  assert.ok(h.sent.every((r) => r.method === 'POST' && r.path === '/users' && r.idempotent === true));
  assert.ok(
    h.sent.every((r) => r.options?.headers?.['x-trace'] === 't1'),
    'the bulk call options go with each item',
  );
  assert.ok(h.maxInFlight() <= JOB_ITEMS_IN_FLIGHT, `at most ${JOB_ITEMS_IN_FLIGHT} items in flight (saw ${h.maxInFlight()})`);
  assert.ok(h.maxInFlight() > 1, 'items run concurrently');
  assert.deepEqual(
    h.v2Sent.map((r) => `${r.method} ${r.path}`),
    ['GET /me'],
    'the app id is read once',
  );
});

test('deletes archive after the creates; events are created once each, never as repeatable', async () => {
  const h = harness();
  const job = (await h.call('POST', '/bulk/users', {
    items: [
      { method: 'delete', data_type: 'user', data: { user_id: '7' } },
      { method: 'post', data_type: 'user', data: { user_id: '7', new_session: true } },
      { method: 'delete', data_type: 'user', data: { user_id: 'ghost' } },
    ],
  })) as { id: string };
  await until(async () => ((await h.call('GET', `/jobs/${job.id}`)) as { state: string }).state !== 'running');
  assert.deepEqual(
    h.sent.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query ?? {})} ${r.idempotent}`),
    [
      'POST /users {} false',
      'GET /users {"user_id":"7"} true',
      'GET /users {"user_id":"ghost"} true',
      'DELETE /users/id-of-7 {} true',
    ],
  );
  const feed = (await h.call('GET', `/jobs/${job.id}/error`)) as { items: Array<{ error: { code: string } }> };
  assert.deepEqual(
    feed.items.map((i) => i.error.code),
    ['not_found'],
  );

  const events = (await h.call('POST', '/bulk/events', {
    items: [{ method: 'post', data_type: 'event', data: { event_name: 'e', user_id: '7', created_at: 1 } }],
  })) as { id: string };
  await until(async () => ((await h.call('GET', `/jobs/${events.id}`)) as { state: string }).state !== 'running');
  assert.deepEqual(h.sent.at(-1), {
    method: 'POST',
    path: '/events',
    body: { event_name: 'e', user_id: '7', created_at: 1 },
    options: { headers: { 'x-trace': 't1' } },
    idempotent: false,
  });
  assert.equal(((await h.call('GET', `/jobs/${events.id}`)) as { state: string }).state, 'completed');
});

test('job: {id} appends a task to an open job; an unknown job is not found, as 1.x answered', async () => {
  const h = harness();
  const first = (await h.call('POST', '/bulk/users', {
    items: [{ method: 'post', data_type: 'user', data: { email: 'a@x.io' } }],
  })) as {
    id: string;
  };
  const again = (await h.call('POST', '/bulk/users', {
    items: [{ method: 'post', data_type: 'user', data: { email: 'bad@x.io' } }],
    job: { id: first.id },
  })) as { id: string };
  assert.equal(again.id, first.id);
  await until(async () => ((await h.call('GET', `/jobs/${first.id}`)) as { state: string }).state !== 'running');
  const job = (await h.call('GET', `/jobs/${first.id}`)) as { state: string; tasks: Array<{ state: string }> };
  assert.deepEqual(
    job.tasks.map((t) => t.state),
    ['completed', 'completed_with_errors'],
  );
  assert.equal(job.state, 'completed_with_errors');

  await assert.rejects(
    h.call('POST', '/bulk/users', {
      items: [{ method: 'post', data_type: 'user', data: { email: 'b@x.io' } }],
      job: { id: 'job_nope' },
    }),
    (error: unknown) => error instanceof ResourceNotFound && error.httpCode === 404 && error.code === 'not_found',
  );
  await assert.rejects(h.call('GET', '/jobs/job_nope'), ResourceNotFound);
  await assert.rejects(h.call('GET', '/jobs/job_nope/error'), ResourceNotFound);
});
