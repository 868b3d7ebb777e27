// The request pipeline over a scripted in-memory transport: what it hands to the transport (headers,
// path, body, timeouts), and what each way a transport can fail becomes (error class, message, retry,
// outcomeUnknown).
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mock, test } from 'node:test';
import {
  IntercomError,
  InvalidParameterError,
  RequestAbortedError,
  ServiceConnectionError,
  ServiceUnavailableError,
  UnexpectedResponseError,
} from '../../src/core/errors.js';
import { REDACTED } from '../../src/core/redaction.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';
import { TransportError, type TransportFailure, type TransportRequest } from '../../src/core/transport.js';
import { drive, failure, GET, NOTE, onMockedClock, pipelineOver, reply, scriptedTransport, T0 } from './scripted-transport.js';

test("headers: the client's on every request, content-type only with a body, a caller's lower-cased over the client's", async () => {
  const transport = scriptedTransport(reply(200));
  const pipeline = pipelineOver(transport);
  await pipeline.send(GET);
  await pipeline.send(NOTE);
  await pipeline.send({ ...GET, options: { headers: { 'X-Trace': 'abc', Accept: 'text/plain' } } });
  await pipeline.send(GET);
  const [get, post, traced, again] = transport.sent as [TransportRequest, TransportRequest, TransportRequest, TransportRequest];
  const base = {
    accept: 'application/json',
    'user-agent': 'intercom-ts-test/1',
    authorization: 'Bearer tok_secret_1',
    'accept-encoding': 'gzip',
  };
  assert.deepEqual(get.headers, base);
  assert.equal(get.body, undefined);
  assert.equal(get.method, 'GET');
  assert.equal(get.origin, 'http://127.0.0.1:8080');
  assert.equal(get.path, '/admins/me');
  assert.deepEqual(post.headers, { ...base, 'content-type': 'application/json' });
  assert.equal(post.body, '{"body":"hi"}');
  assert.deepEqual(traced.headers, { ...base, accept: 'text/plain', 'x-trace': 'abc' });
  assert.deepEqual(again.headers, base, "a call's own headers do not stay on the client");
  assert.equal(get.maxResponseBytes, 1_000_000);
  const versioned = scriptedTransport(reply(200));
  await pipelineOver(versioned, { apiVersion: '2.9' }).send(GET);
  assert.equal(versioned.sent[0]?.headers['intercom-version'], '2.9');
});

test('send: bad options and bodies are refused before anything is sent', async () => {
  const transport = scriptedTransport(reply(200));
  const pipeline = pipelineOver(transport);
  const refused = async (request: ApiRequest, field: string, message?: RegExp) => {
    const error = await failure(pipeline.send(request), InvalidParameterError);
    assert.equal(error.field, field);
    if (message) assert.match(error.message, message);
  };
  for (const maxRetries of [-1, 1.5, Number.NaN]) {
    await refused({ ...GET, options: { maxRetries } }, 'maxRetries', /^maxRetries: must be a whole number >= 0$/);
  }
  for (const timeout of [0, -5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31]) {
    await refused({ ...GET, options: { timeout } }, 'timeout', /at most 2147483647/);
  }
  await refused({ ...NOTE, body: { n: 1n } }, 'body', /^body: cannot be sent as JSON \(.+\)$/);
  await refused({ ...GET, options: { headers: { 'x-a': 'b\r\nc' } } }, 'headers.x-a', /CR, LF or NUL/);
  await refused({ ...GET, options: { headers: { 'x-a': 'nul\0' } } }, 'headers.x-a');
  await refused({ ...GET, options: { headers: { 'x a': 'b' } } }, 'headers', /'x a' is not a valid header name/);
  await refused({ ...GET, options: { headers: { 'x-a': 1 as unknown as string } } }, 'headers.x-a', /must be a string/);
  await refused({ ...GET, path: 'http://[not-a-host/users' }, 'path', /not a valid URL/);
  const aborted = await failure(pipeline.send({ ...GET, options: { signal: AbortSignal.abort() } }), RequestAbortedError);
  assert.equal(aborted.message, 'The request was aborted before it was sent');
  assert.equal(transport.sent.length, 0);
  await pipeline.send({ ...GET, options: { maxRetries: 0, timeout: 2 ** 31 - 1, headers: { 'x-ok': 'tab\tand spaces' } } });
  assert.equal(transport.sent.length, 1, 'maxRetries 0 and the longest timer are accepted; a tab is a valid header character');
});

test('pathFor: below the base URL\'s path; absolute URLs re-based on the client; a query joined with "?" or "&"', () => {
  const pipeline = pipelineOver(scriptedTransport(reply(200)), { baseUrl: new URL('http://127.0.0.1:8080/api//') });
  assert.equal(pipeline.pathFor('/users', undefined), '/api/users');
  assert.equal(pipeline.pathFor('/users', { page: 2, per_page: 5 }), '/api/users?page=2&per_page=5');
  assert.equal(pipeline.pathFor('/users?sort=asc', { page: 2 }), '/api/users?sort=asc&page=2');
  assert.equal(pipeline.pathFor('/users', {}), '/api/users');
  assert.equal(pipeline.pathFor('https://elsewhere.example/api/users?page=2', { per_page: 5 }), '/api/users?page=2&per_page=5');
  assert.equal(pipeline.pathFor('HTTPS://elsewhere.example/api/users', undefined), '/api/users', 'a scheme in capitals');
  assert.equal(pipeline.pathFor('https://elsewhere.example/other?a=1', undefined), '/api/other?a=1');
  assert.equal(pipeline.pathFor('https://elsewhere.example/apiary', undefined), '/api/apiary', 'a prefix is a whole segment');
  assert.equal(pipeline.pathFor('/contacts/a:b', undefined), '/api/contacts/a:b', 'a colon later in a path is not a scheme');
  const bare = pipelineOver(scriptedTransport(reply(200)));
  assert.equal(bare.pathFor('https://elsewhere.example/users?page=3', undefined), '/users?page=3');
  assert.equal(bare.pathFor('/users', { q: 'a b' }), '/users?q=a+b');
});

test("timeouts handed to the transport: the client's, cut to what is left of the call's timeout", async () => {
  await onMockedClock(async () => {
    const transport = scriptedTransport(reply(200));
    const pipeline = pipelineOver(transport);
    await pipeline.send(GET);
    await pipeline.send({ ...GET, options: { timeout: 5_000 } });
    await pipeline.send({ ...GET, options: { timeout: 15_000 } });
    const timeouts = transport.sent.map((r) => [r.connectTimeout, r.readTimeout]);
    assert.deepEqual(timeouts, [
      [10_000, 20_000],
      [5_000, 5_000],
      [10_000, 15_000],
    ]);
  });
});

/** A transport failure of `kind`, its message naming the token (redacted on its way out). */
const lostWith = (kind: TransportFailure, written: boolean) => new TransportError(kind, `${kind} (Bearer tok_secret_1)`, written);

test('transport failures: the error class and message of each kind, the cause kept, the token redacted', async () => {
  const expectations: Array<[TransportFailure, boolean, new (...args: never[]) => IntercomError, string]> = [
    ['connect', false, ServiceConnectionError, `connect (${REDACTED}) at 127.0.0.1:8080`],
    ['connection_lost', true, ServiceConnectionError, `connection_lost (${REDACTED})`],
    ['read_timeout', true, ServiceUnavailableError, 'Service Unavailable [request timed out]'],
    ['connect_timeout', false, ServiceConnectionError, 'Failed to connect to service [connection attempt timed out]'],
    ['response_too_large', true, UnexpectedResponseError, `response_too_large (${REDACTED})`],
    ['aborted', true, RequestAbortedError, 'The request was aborted'],
  ];
  for (const [kind, written, type, message] of expectations) {
    const cause = lostWith(kind, written);
    const error = await failure(pipelineOver(scriptedTransport(cause), { maxRetries: 0 }).send(GET), type);
    assert.equal(error.message, message, kind);
    assert.equal(error.cause, cause, `${kind}: the transport's error is the cause`);
    assert.ok(!cause.message.includes('tok_secret_1'), 'the cause is redacted too');
  }
  for (const [origin, hostPort] of [
    ['http://localhost', 'localhost:80'],
    ['https://localhost', 'localhost:443'],
    ['https://localhost:8443', 'localhost:8443'],
  ] as const) {
    const transport = scriptedTransport(new TransportError('connect', 'refused', false));
    const error = await failure(
      pipelineOver(transport, { baseUrl: new URL(origin), maxRetries: 0 }).send(GET),
      ServiceConnectionError,
    );
    assert.equal(error.message, `refused at ${hostPort}`);
  }
});

test('transport failures: what is retried, and when an unsafe write says outcomeUnknown', async () => {
  // [kind, written, GET sends (maxRetries 2), POST sends, POST outcomeUnknown]
  const rows: Array<[TransportFailure, boolean, number, number, boolean]> = [
    ['connect', false, 3, 3, false],
    ['connect_timeout', false, 3, 3, false],
    ['connection_lost', true, 3, 1, true],
    ['connection_lost', false, 3, 3, false],
    ['read_timeout', true, 3, 1, true],
    ['response_too_large', true, 1, 1, true],
    ['aborted', true, 1, 1, true],
    ['aborted', false, 1, 1, false],
  ];
  await onMockedClock(async () => {
    for (const [kind, written, getSends, postSends, postUnknown] of rows) {
      const name = `${kind}${written ? ', written' : ''}`;
      const forGet = scriptedTransport(lostWith(kind, written));
      const getError = await failure(drive(pipelineOver(forGet).send(GET)), IntercomError);
      assert.equal(forGet.sent.length, getSends, `${name}: GET sends`);
      assert.equal(getError.outcomeUnknown, false, `${name}: a GET's outcome is never unknown`);
      const forPost = scriptedTransport(lostWith(kind, written));
      const postError = await failure(drive(pipelineOver(forPost).send(NOTE)), IntercomError);
      assert.equal(forPost.sent.length, postSends, `${name}: POST sends`);
      assert.equal(postError.outcomeUnknown, postUnknown, `${name}: POST outcomeUnknown`);
    }
  });
});

test('a transport that breaks its contract (a plain error): never repeated; a write says outcomeUnknown', async () => {
  for (const [request, unknown] of [
    [NOTE, true],
    [GET, false],
  ] as const) {
    const transport = scriptedTransport(new Error('socket exploded'));
    const error = await failure(pipelineOver(transport, { maxRetries: 3 }).send(request), ServiceConnectionError);
    assert.equal(error.message, 'Failed to connect to service [Error: socket exploded]');
    assert.equal(error.outcomeUnknown, unknown);
    assert.ok(error.cause instanceof Error);
    assert.equal(transport.sent.length, 1);
  }
});

test("the call's timeout running out in the transport: a timeout of the answer once written, of the connection before", async () => {
  await onMockedClock(async () => {
    /** A transport failing with `kind` when the clock has moved to `atMs` after the call started. */
    const failingAt = (kind: TransportFailure, written: boolean, atMs: number) => () => {
      mock.timers.tick(atMs);
      throw new TransportError(kind, kind, written);
    };
    const read = scriptedTransport(failingAt('read_timeout', true, 1_000));
    const answerLate = await failure(pipelineOver(read).send({ ...NOTE, options: { timeout: 1_000 } }), ServiceUnavailableError);
    assert.equal(
      answerLate.message,
      "Request timed out: the call's timeout of 1000 ms (RequestOptions.timeout) ran out before the answer came",
    );
    assert.ok(answerLate.cause instanceof TransportError);
    assert.equal(answerLate.outcomeUnknown, true);
    assert.equal(read.sent.length, 1);
    const connect = scriptedTransport(failingAt('connect_timeout', false, 1_000));
    const notSent = await failure(pipelineOver(connect).send({ ...GET, options: { timeout: 1_000 } }), ServiceConnectionError);
    assert.match(notSent.message, /ran out before the request was sent$/);
    assert.equal(notSent.outcomeUnknown, false);
    assert.equal(connect.sent.length, 1, 'past the deadline: not retried');
    // The transport's own read timeout, with time left on the call's: an ordinary read timeout, retried.
    const early = scriptedTransport(failingAt('read_timeout', true, 999), reply(200));
    assert.deepEqual(await drive(pipelineOver(early).send({ ...GET, options: { timeout: 60_000 } })), {});
    const own = scriptedTransport(failingAt('read_timeout', true, 999));
    const ownError = await failure(
      pipelineOver(own, { maxRetries: 0 }).send({ ...GET, options: { timeout: 1_000 } }),
      ServiceUnavailableError,
    );
    assert.equal(ownError.message, 'Service Unavailable [request timed out]');
  });
});

test("a deadline or a caller's abort firing during the transport call: told apart, and the caller's listener removed", async () => {
  await onMockedClock(async () => {
    /** A transport that fails as `aborted` (request written) when the signal it was given fires. */
    const hanging = () =>
      scriptedTransport(
        (request) =>
          new Promise((_resolve, reject) => {
            request.signal?.addEventListener('abort', () => reject(new TransportError('aborted', 'aborted', true)));
          }),
      );
    const caller = new AbortController();
    const pending = drive(pipelineOver(hanging()).send({ ...NOTE, options: { timeout: 2_000, signal: caller.signal } }));
    const deadline = await failure(pending, ServiceUnavailableError);
    assert.match(deadline.message, /timeout of 2000 ms .* ran out before the answer came/);
    assert.equal(deadline.outcomeUnknown, true);
    assert.equal(getEventListeners(caller.signal, 'abort').length, 0, 'the caller signal is let go');
    const aborting = new AbortController();
    const call = pipelineOver(hanging()).send({ ...NOTE, options: { timeout: 60_000, signal: aborting.signal } });
    await new Promise((resolve) => setImmediate(resolve));
    aborting.abort();
    const aborted = await failure(call, RequestAbortedError);
    assert.equal(aborted.message, 'The request was aborted');
    assert.equal(aborted.outcomeUnknown, true);
    assert.equal(getEventListeners(aborting.signal, 'abort').length, 0);
  });
});

test('hooks: onRequest and onResponse see each attempt (duration on the clock, request id); a throwing hook changes nothing', async () => {
  await onMockedClock(async () => {
    const events: unknown[] = [];
    const transport = scriptedTransport(reply(503, {}, ''), () => {
      mock.timers.tick(25);
      return reply(200, { 'x-request-id': 'req-7' }, '{"ok":true}');
    });
    const pipeline = pipelineOver(transport, {
      hooks: {
        onRequest: (e) => events.push(['request', e]),
        onResponse: (e) => {
          events.push(['response', e]);
          throw new Error('a broken hook');
        },
        onRetry: (e) => events.push(['retry', e.attempt, e.delayMs, e.error.httpCode, e.method, e.path]),
      },
    });
    assert.deepEqual(await drive(pipeline.send({ ...GET, query: { a: 1 } })), { ok: true });
    assert.deepEqual(events, [
      ['request', { method: 'GET', path: '/admins/me?a=1', attempt: 0 }],
      ['response', { method: 'GET', path: '/admins/me?a=1', attempt: 0, status: 503, durationMs: 0, requestId: undefined }],
      ['retry', 0, 500, 503, 'GET', '/admins/me?a=1'],
      ['request', { method: 'GET', path: '/admins/me?a=1', attempt: 1 }],
      ['response', { method: 'GET', path: '/admins/me?a=1', attempt: 1, status: 200, durationMs: 25, requestId: 'req-7' }],
    ]);
  });
});

test('rateLimitDetails: from the last answer, as a copy; close() closes the transport', async () => {
  const transport = scriptedTransport(
    reply(200, { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': String(T0 / 1000) }),
  );
  const pipeline = pipelineOver(transport);
  assert.deepEqual(pipeline.rateLimitDetails, {});
  await pipeline.send(GET);
  const details = pipeline.rateLimitDetails;
  assert.deepEqual(details, { limit: 100, remaining: 99, resetAt: new Date(T0) });
  details.remaining = 0;
  assert.equal(pipeline.rateLimitDetails.remaining, 99);
  pipeline.close();
  assert.equal(transport.closed, true);
});
