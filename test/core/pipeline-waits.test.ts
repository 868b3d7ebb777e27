// The request pipeline's waits over a scripted in-memory transport on a mocked clock: the retry
// budgets, the wait until a rate-limit reset (on our clock: the server's `Date` corrects it), pacing
// and the concurrency slots.
import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import {
  IntercomError,
  RateLimitExceeded,
  RateLimitWaitTooLongError,
  RequestAbortedError,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
} from '../../src/core/errors.js';
import type { RateLimitEvent } from '../../src/core/request-pipeline.js';
import { TransportError, type TransportResponse } from '../../src/core/transport.js';
import {
  drive,
  failure,
  GET,
  NOTE,
  onMockedClock,
  pipelineOver,
  reply,
  scriptedTransport,
  T0,
  window,
} from './scripted-transport.js';

/** A `Date` header `offsetMs` from now on the mocked clock. */
const dateHeader = (offsetMs: number) => ({ date: new Date(Date.now() + offsetMs).toUTCString() });

/** Lets pending promise callbacks and I/O callbacks run. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

test('an error status on a write that is not safe to repeat: sent once, outcomeUnknown from 500 up', async () => {
  await onMockedClock(async () => {
    const transport = scriptedTransport(reply(500, {}, ''));
    const error = await failure(pipelineOver(transport).send(NOTE), ServerError);
    assert.equal(error.outcomeUnknown, true);
    assert.equal(transport.sent.length, 1);
    const read = scriptedTransport(reply(500, {}, ''));
    const spent = await failure(drive(pipelineOver(read).send(GET)), ServerError);
    assert.equal(spent.outcomeUnknown, false, 'a read that failed three times changed nothing');
    assert.equal(read.sent.length, 3);
    const badRequest = scriptedTransport(reply(400, {}, ''));
    assert.equal((await failure(pipelineOver(badRequest).send(NOTE), IntercomError)).outcomeUnknown, false);
  });
});

test('a persistent 429 with handleRateLimit: 3 retries of its own, then maxRetries, then "Rate limit retries exceeded"', async () => {
  await onMockedClock(async () => {
    const delays: number[] = [];
    const answer429 = reply(429, { 'x-request-id': 'req-429', 'retry-after': '1' }, '{"type":"error.list","errors":[]}');
    const transport = scriptedTransport(answer429);
    const pipeline = pipelineOver(transport, { handleRateLimit: true, hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    const error = await failure(drive(pipeline.send(NOTE), 250), RateLimitExceeded);
    assert.equal(error.message, 'Rate limit retries exceeded. Please examine current API Usage.');
    assert.equal(error.httpCode, 429);
    assert.equal(error.requestId, 'req-429');
    assert.equal(error.headers?.['retry-after'], '1');
    assert.deepEqual(error.body, { type: 'error.list', errors: [] });
    assert.equal(error.outcomeUnknown, false);
    assert.equal(transport.sent.length, 6, 'the first attempt, 3 rate-limit retries, 2 retries');
    assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000], 'without a reset header: the backoff, growing');
    const plain = scriptedTransport(answer429);
    const plainError = await failure(drive(pipelineOver(plain).send(NOTE), 250), RateLimitExceeded);
    assert.notEqual(plainError.message, error.message);
    assert.equal(plain.sent.length, 3, 'without handleRateLimit: maxRetries only');
  });
});

test('a 429 waits until X-RateLimit-Reset on our clock: the Date header corrects it beyond 2 s of skew', async () => {
  // [server clock ahead of ours (ms), reset after the server's now (ms), wait before the retry (ms)]
  const rows: Array<[number, number, number]> = [
    [0, 20_000, 20_050],
    [10_000, 20_000, 20_050],
    [-10_000, 20_000, 20_050],
    [2_000, 20_000, 20_050],
    [-2_000, 20_000, 20_050],
    [1_000, 20_000, 21_050],
    [-1_000, 20_000, 19_050],
    [0, -5_000, 50],
  ];
  for (const [ahead, resetIn, wait] of rows) {
    await onMockedClock(async () => {
      const delays: number[] = [];
      const transport = scriptedTransport(
        reply(429, { ...dateHeader(ahead), 'x-ratelimit-reset': String((T0 + ahead + resetIn) / 1000) }, ''),
        reply(200),
      );
      const pipeline = pipelineOver(transport, { hooks: { onRetry: (e) => delays.push(e.delayMs) } });
      await drive(pipeline.send(NOTE), 1_000);
      assert.deepEqual(delays, [wait], `server ${ahead} ms ahead, reset ${resetIn} ms after its now`);
    });
  }
});

test('a Date header that cannot be read keeps the skew learnt before', async () => {
  await onMockedClock(async () => {
    const delays: number[] = [];
    const transport = scriptedTransport(
      reply(200, dateHeader(10_000)),
      reply(429, { date: 'yesterday-ish', 'x-ratelimit-reset': String((T0 + 30_000) / 1000) }, ''),
      reply(200),
    );
    const pipeline = pipelineOver(transport, { hooks: { onRetry: (e) => delays.push(e.delayMs) } });
    await pipeline.send(GET);
    await drive(pipeline.send(GET), 1_000);
    assert.deepEqual(delays, [20_050]);
  });
});

test('a 429 whose reset is an hour away: RateLimitWaitTooLongError at once, with the real wait and the reset', async () => {
  await onMockedClock(async () => {
    const reset = T0 / 1000 + 3_600;
    const transport = scriptedTransport(reply(429, { ...dateHeader(10_000), 'x-ratelimit-reset': String(reset) }, ''));
    const error = await failure(pipelineOver(transport, { handleRateLimit: true }).send(NOTE), RateLimitWaitTooLongError);
    assert.equal(error.waitMs, 3_590_050, 'an hour on the server clock, 10 s less on ours');
    assert.deepEqual(error.resetAt, new Date(reset * 1000));
    assert.equal(error.httpCode, 429);
    assert.equal(transport.sent.length, 1);
  });
});

test('a retry wait can be aborted: RequestAbortedError, nothing more sent', async () => {
  await onMockedClock(async () => {
    const transport = scriptedTransport(reply(503, {}, ''));
    const controller = new AbortController();
    const call = pipelineOver(transport).send({ ...GET, options: { signal: controller.signal } });
    while (transport.sent.length === 0) await turn();
    await turn();
    controller.abort();
    const error = await failure(call, RequestAbortedError);
    assert.equal(error.message, 'The request was aborted');
    assert.equal(transport.sent.length, 1);
  });
});

/** A pipeline that paces, having learnt from a first call a window with `remaining` left for `resetInMs`. */
async function pacedAfter(remaining: number, resetInMs: number, serverAheadMs = 0, next: TransportResponse = reply(200)) {
  const waits: RateLimitEvent[] = [];
  const transport = scriptedTransport(
    reply(200, { ...dateHeader(serverAheadMs), ...window(remaining, resetInMs, T0 + serverAheadMs) }),
    next,
  );
  const pipeline = pipelineOver(transport, { pacing: true, hooks: { onRateLimit: (e) => waits.push(e) } });
  await pipeline.send(GET);
  return { pipeline, transport, waits };
}

test("pacing: a spent window holds the next call until its reset, on our clock (the server's Date corrects it)", async () => {
  for (const [ahead, wait] of [
    [0, 30_000],
    [10_000, 30_000],
    [-10_000, 30_000],
  ] as const) {
    await onMockedClock(async () => {
      const { pipeline, transport, waits } = await pacedAfter(0, 30_000, ahead);
      await drive(pipeline.send(GET), 1_000);
      assert.equal(transport.sent.length, 2);
      assert.deepEqual(
        waits.map((e) => [e.method, e.path, e.waitMs, e.rateLimit.remaining]),
        [['GET', '/admins/me', wait, 0]],
        `server ${ahead} ms ahead`,
      );
    });
  }
});

test('pacing: a reset over a minute away fails every call at once; nothing is sent', async () => {
  await onMockedClock(async () => {
    const { pipeline, transport } = await pacedAfter(0, 120_000);
    for (let i = 0; i < 3; i++) {
      const error = await failure(pipeline.send(GET), RateLimitWaitTooLongError);
      assert.equal(error.waitMs, 120_000);
      assert.deepEqual(error.resetAt, new Date(T0 + 120_000));
    }
    assert.equal(transport.sent.length, 1);
  });
});

test("pacing: a wait that would end after the call's timeout is not made; nothing is sent", async () => {
  await onMockedClock(async () => {
    const { pipeline, transport, waits } = await pacedAfter(0, 30_000);
    const error = await failure(pipeline.send({ ...GET, options: { timeout: 10_000 } }), ServiceUnavailableError);
    assert.equal(
      error.message,
      "Request timed out: the call's timeout of 10000 ms (RequestOptions.timeout) ran out before the rate limit resets; the request was not sent",
    );
    assert.equal(waits.length, 1);
    assert.equal(transport.sent.length, 1);
    await drive(pipeline.send({ ...GET, options: { timeout: 31_000 } }), 1_000);
    assert.equal(transport.sent.length, 2, 'a wait ending before the deadline is made');
  });
});

test('pacing: a call waiting for the window can be aborted; nothing is sent, so a write is known not applied', async () => {
  await onMockedClock(async () => {
    const { pipeline, transport } = await pacedAfter(0, 30_000);
    const controller = new AbortController();
    const call = pipeline.send({ ...NOTE, options: { signal: controller.signal } });
    await turn();
    controller.abort();
    const error = await failure(call, RequestAbortedError);
    assert.equal(error.message, 'The request was aborted');
    assert.equal(error.outcomeUnknown, false, 'a write that was never sent is not of unknown outcome');
    assert.equal(transport.sent.length, 1);
  });
});

test('pacing: while a window is unknown one call goes alone; the others wait for its answer', async () => {
  let answer = (_: TransportResponse): void => {};
  const transport = scriptedTransport(
    () =>
      new Promise<TransportResponse>((resolve) => {
        answer = resolve;
      }),
    reply(200),
  );
  const paced: RateLimitEvent[] = [];
  const pipeline = pipelineOver(transport, { pacing: true, hooks: { onRateLimit: (e) => paced.push(e) } });
  const first = pipeline.send(GET);
  const second = pipeline.send(GET);
  const controller = new AbortController();
  const third = pipeline.send({ ...NOTE, options: { signal: controller.signal } });
  for (let i = 0; i < 5; i++) await turn();
  assert.equal(transport.sent.length, 1, 'the others wait');
  assert.deepEqual(paced, [], 'for the answer, not for a window');
  controller.abort();
  const aborted = await failure(third, RequestAbortedError);
  assert.equal(aborted.outcomeUnknown, false, 'a write stopped before it was sent is known not applied');
  answer(reply(200, window(5, 30_000, Math.floor(Date.now() / 1000) * 1000)));
  await Promise.all([first, second]);
  assert.equal(transport.sent.length, 2, 'the aborted call was never sent');
});

test('maxConcurrency: a call waits for a free slot, can be aborted while it waits, and a failure frees its slot', async () => {
  let answer = (_: TransportResponse): void => {};
  const transport = scriptedTransport(
    () =>
      new Promise<TransportResponse>((resolve) => {
        answer = resolve;
      }),
    reply(404, {}, ''),
    reply(200),
  );
  const pipeline = pipelineOver(transport, { maxConcurrency: 1 });
  const first = pipeline.send(GET);
  const controller = new AbortController();
  const waiting = pipeline.send({ ...NOTE, options: { signal: controller.signal } });
  await turn();
  assert.equal(transport.sent.length, 1);
  controller.abort();
  const aborted = await failure(waiting, RequestAbortedError);
  assert.equal(aborted.message, 'The request was aborted');
  assert.equal(aborted.outcomeUnknown, false, 'a write that waited for a slot was never sent');
  answer(reply(200));
  await first;
  await failure(pipeline.send(GET), IntercomError);
  assert.deepEqual(await pipeline.send(GET), {}, 'the failed call gave its slot back');
  assert.equal(transport.sent.length, 3);
});

test('pacing: a paced request whose answer was lost fails with its own error, and frees the window for the next', async () => {
  // The server's clock runs 10 s ahead: the pacer corrects every window it learns by that much.
  const serverNow = Math.floor(Date.now() / 1000) * 1000 + 10_000;
  const transport = scriptedTransport(
    reply(200, { date: new Date(serverNow).toUTCString(), ...window(5, 30_000, serverNow) }),
    new TransportError('connection_lost', 'reset', true),
    reply(200),
  );
  const pipeline = pipelineOver(transport, { pacing: true, maxRetries: 0 });
  await pipeline.send(GET);
  const error = await failure(pipeline.send(NOTE), ServiceConnectionError);
  assert.equal(error.outcomeUnknown, true);
  assert.deepEqual(await pipeline.send(GET), {});
  assert.equal(transport.sent.length, 3);
});

test('mocked clock sanity: the scripted transport sees time only when a test moves it', async () => {
  await onMockedClock(async () => {
    assert.equal(Date.now(), T0);
    mock.timers.tick(5);
    assert.equal(Date.now(), T0 + 5);
  });
});
