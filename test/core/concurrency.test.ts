import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { test } from 'node:test';
import { ConcurrencyLimiter } from '../../src/core/concurrency.js';

/** Lets settled promises run their callbacks. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

test('ConcurrencyLimiter: tryAcquire takes a free slot, up to the limit', () => {
  const slots = new ConcurrencyLimiter(2);
  assert.equal(slots.limit, 2);
  assert.equal(slots.active, 0);
  assert.equal(slots.tryAcquire(), true);
  assert.equal(slots.tryAcquire(), true);
  assert.equal(slots.active, 2);
  assert.equal(slots.tryAcquire(), false, 'no third slot');
  assert.equal(slots.active, 2);
  slots.release();
  assert.equal(slots.active, 1);
  assert.equal(slots.tryAcquire(), true);
});

test('ConcurrencyLimiter: acquire waits for a release; waiters are served in order', async () => {
  const slots = new ConcurrencyLimiter(1);
  await slots.acquire();
  assert.equal(slots.active, 1);
  const order: string[] = [];
  const first = slots.acquire().then(() => order.push('first'));
  const second = slots.acquire().then(() => order.push('second'));
  await settle();
  assert.deepEqual(order, [], 'nobody gets a slot while it is held');
  slots.release();
  await first;
  assert.deepEqual(order, ['first']);
  assert.equal(slots.active, 1, 'the released slot went to the first waiter');
  slots.release();
  await second;
  assert.deepEqual(order, ['first', 'second']);
  slots.release();
  assert.equal(slots.active, 0);
});

test("ConcurrencyLimiter: an aborted signal rejects with the signal's reason, taking no slot", async () => {
  const slots = new ConcurrencyLimiter(1);
  const reason = new Error('stop');
  await assert.rejects(slots.acquire(AbortSignal.abort(reason)), (error) => error === reason);
  assert.equal(slots.active, 0);
});

test('ConcurrencyLimiter: a waiter that aborts leaves the queue; the slot goes to the next one', async () => {
  const slots = new ConcurrencyLimiter(1);
  assert.equal(slots.tryAcquire(), true);
  const controller = new AbortController();
  const reason = new Error('gave up');
  const aborted = slots.acquire(controller.signal);
  let nextGot = false;
  const next = slots.acquire().then(() => {
    nextGot = true;
  });
  controller.abort(reason);
  await assert.rejects(aborted, (error) => error === reason);
  assert.equal(slots.tryAcquire(), false, 'someone still waits');
  slots.release();
  await next;
  assert.equal(nextGot, true);
  assert.equal(slots.active, 1, 'only the waiter still there holds a slot');
});

test('ConcurrencyLimiter: a granted waiter stops listening to its signal', async () => {
  const slots = new ConcurrencyLimiter(1);
  assert.equal(slots.tryAcquire(), true);
  const controller = new AbortController();
  const waiting = slots.acquire(controller.signal);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  slots.release();
  await waiting;
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  controller.abort();
  assert.equal(slots.active, 1, 'a late abort changes nothing');
});
