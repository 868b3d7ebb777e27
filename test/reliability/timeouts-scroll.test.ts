import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, ServiceConnectionError, ServiceUnavailableError } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { scriptedServer } from '../helpers/raw-http.js';
import { awayFromWindowEdge } from '../helpers/sandbox.js';
import { SUITE_TOKEN } from '../helpers/secrets.js';

test('a per-call timeout while the answer is late is a ServiceUnavailableError (read), as in the gem', async () => {
  const server = await scriptedServer(() => ({ hang: true }));
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 3 });
  try {
    await assert.rejects(intercom.admins.me({ timeout: 200 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError, String(error));
      assert.match((error as Error).message, /timed out/);
      return true;
    });
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a connect timeout is a ServiceConnectionError', async () => {
  // 127.0.0.1 port 9 (discard) is closed here; a connect timeout shorter than the refusal is not
  // reachable on loopback, so use a per-call deadline that fires before the first retry instead.
  const intercom = new Client({ token: 't', baseUrl: 'http://127.0.0.1:9', maxRetries: 5 });
  await assert.rejects(intercom.admins.me({ timeout: 300 }), ServiceConnectionError);
  intercom.close();
});

test('a per-call timeout also bounds the wait for the rate-limit window', async () => {
  await awayFromWindowEdge(60_000);
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, rateLimit: { limit: 2, windowMs: 60_000 } });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 });
  try {
    await intercom.admins.me();
    await intercom.admins.me();
    const started = Date.now();
    await assert.rejects(intercom.admins.me({ timeout: 300 }), ServiceUnavailableError);
    assert.equal(sandbox.requests.length, 2, 'the third call was held back, never sent into a 429');
    assert.ok(Date.now() - started < 30_000, 'it did not wait for the whole window');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a scroll page that fails is retried with the same scroll_param, and the scroll completes', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, seed: 'empty' });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 2 });
  try {
    for (let i = 0; i < 250; i++) await intercom.users.create({ user_id: `s${i}` });
    const ids = new Set<string>();
    let injected = false;
    for await (const user of intercom.users.scroll()) {
      ids.add(user.id);
      if (ids.size === 100 && !injected) {
        injected = true;
        sandbox.inject({ path: '/users/scroll', kind: '503' });
      }
    }
    assert.equal(ids.size, 250);
    const scrollRequests = sandbox.requests.filter((r) => r.path.startsWith('/users/scroll'));
    const faulted = scrollRequests.findIndex((r) => r.fault === '503');
    assert.ok(faulted > 0);
    assert.equal(scrollRequests[faulted + 1]?.path, scrollRequests[faulted]?.path, 'the retry sent the same scroll_param');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});
