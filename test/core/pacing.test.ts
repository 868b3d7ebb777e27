import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client, type RequestEvent, type ResponseEvent, type RetryEvent } from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { scriptedServer } from '../helpers/raw-http.js';

test('pacing: calls wait for the window to refill instead of running into 429s', async () => {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', rateLimit: { limit: 15, windowMs: 1000 } });
  const waits: number[] = [];
  const intercom = new Client({
    token: sandbox.token,
    baseUrl: sandbox.url,
    maxRetries: 0,
    onRateLimit: (e) => waits.push(e.waitMs),
  });
  try {
    let started = 0;
    const worker = async () => {
      while (started < 50) {
        started++;
        await intercom.admins.me();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    const statuses = sandbox.requests.map((r) => r.status);
    assert.equal(statuses.length, 50);
    assert.deepEqual([...new Set(statuses)], [200], 'no request was sent into a 429');
    assert.ok(waits.length > 0, 'the client did wait for the window');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('without pacing the same load runs into 429s (the pacing test can fail)', async () => {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', rateLimit: { limit: 15, windowMs: 60_000 } });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0, pacing: false });
  try {
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => intercom.admins.me()));
    assert.ok(results.some((r) => r.status === 'rejected'));
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('maxConcurrency bounds the requests in flight (default 10)', async () => {
  let inFlight = 0;
  let most = 0;
  const server = await scriptedServer(async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 30));
    inFlight--;
    return { body: { type: 'admin', id: '1' } };
  });
  for (const [maxConcurrency, expected] of [
    [3, 3],
    [undefined, 10],
  ] as const) {
    most = 0;
    const intercom = new Client({ token: 't', baseUrl: server.url, ...(maxConcurrency ? { maxConcurrency } : {}) });
    await Promise.all(Array.from({ length: 40 }, () => intercom.admins.me()));
    assert.equal(most, expected);
    intercom.close();
  }
  await server.close();
});

test('hooks see every attempt, response and retry, and never the token', async () => {
  const server = await scriptedServer((_r, n) =>
    n === 0 ? { status: 503, body: '', headers: { 'x-request-id': 'r1' } } : { body: { type: 'admin', id: '1' } },
  );
  const events: Array<RequestEvent | ResponseEvent | RetryEvent> = [];
  const intercom = new Client({
    token: 'tok_HOOK_SECRET',
    baseUrl: server.url,
    onRequest: (e) => events.push(e),
    onResponse: (e) => events.push(e),
    onRetry: (e) => events.push(e),
  });
  await intercom.admins.me();
  assert.deepEqual(
    events.map((e) => ['status' in e ? `response ${e.status}` : 'delayMs' in e ? 'retry' : 'request', e.attempt]),
    [
      ['request', 0],
      ['response 503', 0],
      ['retry', 0],
      ['request', 1],
      ['response 200', 1],
    ],
  );
  assert.equal((events[1] as ResponseEvent).requestId, 'r1');
  assert.doesNotMatch(JSON.stringify(events), /HOOK_SECRET/);
  intercom.close();
  await server.close();
});

test('a throwing hook does not break the call', async () => {
  const server = await scriptedServer(() => ({ body: { type: 'admin', id: '1' } }));
  const intercom = new Client({
    token: 't',
    baseUrl: server.url,
    onRequest: () => {
      throw new Error('hook bug');
    },
  });
  assert.equal((await intercom.admins.me()).id, '1');
  intercom.close();
  await server.close();
});
