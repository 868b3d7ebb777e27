import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { mock, test } from 'node:test';
import { RequestAbortedError } from '../../src/core/errors.js';
import { MAX_TIMER_MS, sleep, untilSettled } from '../../src/core/waits.js';

/** Asserts that `promise` rejects with a RequestAbortedError saying `message`. */
async function abortedWith(promise: Promise<unknown>, message: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RequestAbortedError, String(error));
    assert.equal(error.message, message);
    return true;
  });
}

test('sleep: resolves after the wait, and stops listening to the signal', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const controller = new AbortController();
    let done = false;
    const waiting = sleep(1_000, controller.signal).then(() => {
      done = true;
    });
    assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
    mock.timers.tick(999);
    await Promise.resolve();
    assert.equal(done, false);
    mock.timers.tick(1);
    await waiting;
    assert.equal(done, true);
    assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  } finally {
    mock.timers.reset();
  }
  assert.equal(MAX_TIMER_MS, 2 ** 31 - 1);
});

test('sleep: an abort while waiting rejects with the message given (default: waiting to retry)', async () => {
  const controller = new AbortController();
  const waiting = sleep(60_000, controller.signal);
  controller.abort();
  await abortedWith(waiting, 'The request was aborted while waiting to retry');
  const other = new AbortController();
  const paced = sleep(60_000, other.signal, 'aborted while paced');
  other.abort();
  await abortedWith(paced, 'aborted while paced');
});

test('sleep: a signal aborted before the wait rejects at once, without a timer', async () => {
  await abortedWith(sleep(60_000, AbortSignal.abort()), 'The request was aborted');
});

test('untilSettled: without a signal, the promise itself', () => {
  const promise = Promise.resolve();
  assert.equal(untilSettled(promise, undefined), promise);
});

test('untilSettled: resolves with the promise and stops listening; passes its rejection on', async () => {
  const controller = new AbortController();
  let resolve = (): void => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  const waiting = untilSettled(promise, controller.signal);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  resolve();
  await waiting;
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  const failure = new Error('broken');
  await assert.rejects(untilSettled(Promise.reject(failure), controller.signal), (error) => error === failure);
});

test('untilSettled: an abort first, or before, rejects with RequestAbortedError', async () => {
  const controller = new AbortController();
  const waiting = untilSettled(new Promise<void>(() => {}), controller.signal);
  controller.abort();
  await abortedWith(waiting, 'The request was aborted');
  await abortedWith(untilSettled(new Promise<void>(() => {}), AbortSignal.abort()), 'The request was aborted');
});
