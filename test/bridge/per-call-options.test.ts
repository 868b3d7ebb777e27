// A seed call's per-call options reach every 2.x request the translation sends (README, "Moving to API 2.x").
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { Client, RequestAbortedError } from 'intercom-ts';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN });
  intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, apiVersion: '2.16', maxRetries: 0 });
});

after(async () => {
  intercom.close();
  await sandbox.close();
});

beforeEach(() => {
  sandbox.requests.length = 0;
});

test('headers given to a seed call are sent with each of the 2.x requests it becomes', async () => {
  const options = { headers: { 'X-Trace-Id': 'moving-to-2x' } };
  const calls: Array<[string, () => Promise<unknown>]> = [
    ['users.find({ email })', () => intercom.users.find({ email: 'bob@example.com' }, options)],
    ['users.findAll', () => intercom.users.findAll({ per_page: 1 }, options).toArray({ limit: 2 })],
    ['conversations.all', () => intercom.conversations.all(options).toArray({ limit: 2 })],
    ['counts.forApp', () => intercom.counts.forApp(options)],
  ];
  for (const [name, call] of calls) {
    sandbox.requests.length = 0;
    await call();
    assert.ok(sandbox.requests.length > 0, `${name} sent something`);
    for (const request of sandbox.requests) {
      assert.equal(request.headers['intercom-version'], '2.16', `${name}: ${request.method} ${request.path}`);
      assert.equal(request.headers['x-trace-id'], 'moving-to-2x', `${name}: ${request.method} ${request.path}`);
    }
  }
});

test('an aborted signal given to a seed call stops it before any 2.x request', async () => {
  const controller = new AbortController();
  controller.abort();
  await assert.rejects(intercom.users.find({ email: 'bob@example.com' }, { signal: controller.signal }), RequestAbortedError);
  assert.deepEqual(sandbox.requests, []);
});
