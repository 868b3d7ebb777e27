/**
 * The client over FetchTransport in this Node process: retries follow operation safety as they do
 * over NodeHttpTransport, because the transport reports which failures left the request unsent.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, FetchTransport, ServiceConnectionError } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

test('over FetchTransport a GET whose connection broke is sent again; a POST is not, and says its outcome is unknown', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN });
  const intercom = new Client({ token: SUITE_TOKEN, baseUrl: sandbox.url, transport: new FetchTransport() });
  try {
    sandbox.inject({ path: '/users*', method: 'GET', kind: 'reset-after' });
    const bob = await intercom.users.find({ email: 'bob@example.com' });
    assert.equal(bob.user_id, '1');
    assert.deepEqual(
      sandbox.requests.map((r) => [r.method, r.status]),
      [
        ['GET', 0],
        ['GET', 200],
      ],
    );

    sandbox.requests.length = 0;
    sandbox.inject({ path: '/notes', method: 'POST', kind: 'reset-after' });
    await assert.rejects(intercom.post('/notes', { body: 'hi', user: { id: bob.id } }), (error: unknown) => {
      assert.ok(error instanceof ServiceConnectionError, String(error));
      assert.equal(error.outcomeUnknown, true);
      assert.doesNotMatch(`${error.message} ${String(error.cause)}`, /SUITE_SECRET/);
      return true;
    });
    assert.equal(sandbox.requests.length, 1, 'the POST was not repeated');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('over FetchTransport a refused connection is retried even for a POST: nothing was sent', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN });
  const url = sandbox.url;
  await sandbox.close();
  const retries: unknown[] = [];
  const intercom = new Client({
    token: SUITE_TOKEN,
    baseUrl: url,
    transport: new FetchTransport(),
    maxRetries: 2,
    onRetry: (event) => retries.push(event),
  });
  await assert.rejects(intercom.post('/notes', { body: 'hi' }), (error: unknown) => {
    assert.ok(error instanceof ServiceConnectionError, String(error));
    assert.equal(error.outcomeUnknown, false);
    return true;
  });
  assert.equal(retries.length, 2);
});
