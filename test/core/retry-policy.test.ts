import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Client, IntercomError } from 'intercom-ts';
import { IntercomError as CoreIntercomError, errorFromStatus, ServiceUnavailableError } from '../../src/core/errors.js';
import { type AttemptFailure, decideRetry } from '../../src/core/retry-decision.js';
import { TransportError } from '../../src/core/transport.js';
import { type Scripted, scriptedServer } from '../helpers/raw-http.js';

// One test per row of the README's retry table, for a safe call (GET) and an unsafe one (POST /notes).

type Row = { failure: string; first: Scripted; safeRetried: boolean; unsafeRetried: boolean; unsafeUnknown: boolean };
const rows: Row[] = [
  {
    failure: 'connection dropped after the request was written',
    first: { destroy: true },
    safeRetried: true,
    unsafeRetried: false,
    unsafeUnknown: true,
  },
  { failure: 'read timeout', first: { hang: true }, safeRetried: true, unsafeRetried: false, unsafeUnknown: true },
  { failure: '408', first: { status: 408, body: '' }, safeRetried: true, unsafeRetried: false, unsafeUnknown: false },
  {
    failure: '429',
    first: { status: 429, body: '', headers: { 'X-RateLimit-Reset': '0' } },
    safeRetried: true,
    unsafeRetried: true,
    unsafeUnknown: false,
  },
  { failure: '500', first: { status: 500, body: '' }, safeRetried: true, unsafeRetried: false, unsafeUnknown: true },
  {
    failure: '502',
    first: { status: 502, body: '<html>bad gateway</html>' },
    safeRetried: true,
    unsafeRetried: false,
    unsafeUnknown: true,
  },
  { failure: '503', first: { status: 503, body: '' }, safeRetried: true, unsafeRetried: false, unsafeUnknown: true },
  { failure: '504', first: { status: 504, body: '' }, safeRetried: true, unsafeRetried: false, unsafeUnknown: true },
  { failure: '400', first: { status: 400, body: '' }, safeRetried: false, unsafeRetried: false, unsafeUnknown: false },
  { failure: '404', first: { status: 404, body: '' }, safeRetried: false, unsafeRetried: false, unsafeUnknown: false },
  { failure: '409', first: { status: 409, body: '' }, safeRetried: false, unsafeRetried: false, unsafeUnknown: false },
];

/** The failure `decideRetry` is asked about for a row: a lost answer, or an answer with the row's status. */
function failureOf(row: Row): AttemptFailure {
  const first = row.first;
  if (first.status === undefined) {
    const cause = new TransportError(first.hang ? 'read_timeout' : 'connection_lost', row.failure, true);
    return { kind: 'lost', error: new ServiceUnavailableError(row.failure, { cause }), written: true };
  }
  const body = typeof first.body === 'string' ? first.body : '';
  return { kind: 'answer', error: errorFromStatus(first.status, lowerCase(first.headers ?? {}), body) };
}

const lowerCase = (headers: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));

// The same table, asked of the pure decision: what the pipeline does is what decideRetry says.
for (const row of rows) {
  for (const safe of [true, false]) {
    const retried = safe ? row.safeRetried : row.unsafeRetried;
    test(`retry decision: ${row.failure}, ${safe ? 'idempotent' : 'not idempotent'}: ${retried ? 'retry' : 'stop'}`, () => {
      const failure = failureOf(row);
      assert.ok(failure.error instanceof CoreIntercomError);
      const context = {
        maxRetries: 2,
        handleRateLimit: false,
        now: 0,
        deadline: Number.POSITIVE_INFINITY,
        skewMs: 0,
        random: () => 0.5,
      };
      const decision = decideRetry(failure, { retries: 0, rateLimitRetries: 0 }, { idempotent: safe }, context);
      if (retried) {
        assert.equal(decision.retry, true);
      } else {
        assert.deepEqual(decision, { retry: false, outcomeUnknown: !safe && row.unsafeUnknown, reason: 'not-retryable' });
      }
    });
  }
}

for (const row of rows) {
  for (const safe of [true, false]) {
    const retried = safe ? row.safeRetried : row.unsafeRetried;
    test(`retry policy: ${row.failure}, ${safe ? 'GET' : 'POST /notes'}: ${retried ? 'retried' : 'not retried'}`, async () => {
      const server = await scriptedServer((_r, n) => (n === 0 ? row.first : { body: { type: 'note', id: '1' } }));
      const intercom = new Client({ token: 't', baseUrl: server.url, readTimeout: 200 });
      try {
        const call = safe ? intercom.get('/notes/1') : intercom.post('/notes', { body: 'x', email: 'a@b.c' });
        if (retried) {
          assert.deepEqual(await call, { type: 'note', id: '1' });
          assert.equal(server.received.length, 2);
        } else {
          await assert.rejects(call, (error: unknown) => {
            assert.ok(error instanceof IntercomError);
            assert.equal(error.outcomeUnknown, !safe && row.unsafeUnknown);
            return true;
          });
          assert.equal(server.received.length, 1);
        }
      } finally {
        intercom.close();
        await server.close();
      }
    });
  }
}

test('retry policy: nothing written (connection refused) is retried, even for POST /notes', async () => {
  // Find a free port, leave it closed, and open it only after the first attempt was refused.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const received: string[] = [];
  const late = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => res.end(JSON.stringify({ type: 'note', id: '1' })));
  });
  const retries: number[] = [];
  const intercom = new Client({ token: 't', baseUrl: `http://127.0.0.1:${port}`, onRetry: (e) => retries.push(e.delayMs) });
  try {
    const call = intercom.post('/notes', { body: 'x', email: 'a@b.c' });
    await new Promise((r) => setTimeout(r, 100));
    await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
    assert.deepEqual(await call, { type: 'note', id: '1' });
    assert.ok(retries.length >= 1, 'the refused attempt was retried');
    assert.deepEqual(received, ['POST /notes']);
  } finally {
    intercom.close();
    late.closeAllConnections();
    await new Promise<void>((resolve) => late.close(() => resolve()));
  }
});
