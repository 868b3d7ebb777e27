import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BadRequestError,
  type IntercomError,
  RateLimitExceeded,
  RequestAbortedError,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
} from '../../src/core/errors.js';
import {
  type AttemptFailure,
  backoffDelay,
  decideRetry,
  MAX_SERVER_WAIT_MS,
  outcomeUnknownAfter,
  RATE_LIMIT_RETRIES,
  type RequestSafety,
  type RetryContext,
  repeatableAfterLostAnswer,
  untilReset,
} from '../../src/core/retry-decision.js';

const SAFE: RequestSafety = { idempotent: true };
const UNSAFE: RequestSafety = { idempotent: false };
const SCROLL: RequestSafety = { idempotent: true, advancesCursor: true };
const NONE = { retries: 0, rateLimitRetries: 0 };
/** Jitter fixed at its middle: the backoff is exactly 500 ms * 2^attempt (capped). */
const CONTEXT: RetryContext = {
  maxRetries: 2,
  handleRateLimit: false,
  now: 1_000_000,
  deadline: Infinity,
  skewMs: 0,
  random: () => 0.5,
};

const answer = (error: IntercomError): AttemptFailure => ({ kind: 'answer', error });
const status = (code: number, headers: Record<string, string> = {}): AttemptFailure =>
  answer(new (code === 429 ? RateLimitExceeded : code >= 500 ? ServerError : BadRequestError)('x', { httpCode: code, headers }));
const lost = (written: boolean): AttemptFailure => ({ kind: 'lost', error: new ServiceUnavailableError('lost'), written });
const stopped = (written: boolean): AttemptFailure => ({ kind: 'stopped', error: new RequestAbortedError('stop'), written });

type Row = [name: string, failure: AttemptFailure, safety: RequestSafety, expected: ReturnType<typeof decideRetry>];
const rows: Row[] = [
  ['500, idempotent', status(500), SAFE, { retry: true, delayMs: 500, spends: 'retries' }],
  ['500, not idempotent: outcome unknown', status(500), UNSAFE, { retry: false, outcomeUnknown: true, reason: 'not-retryable' }],
  ['503 scroll page: retried (the cursor did not move)', status(503), SCROLL, { retry: true, delayMs: 500, spends: 'retries' }],
  ['408, not idempotent: known outcome', status(408), UNSAFE, { retry: false, outcomeUnknown: false, reason: 'not-retryable' }],
  ['400, idempotent: not retried', status(400), SAFE, { retry: false, outcomeUnknown: false, reason: 'not-retryable' }],
  ['429, not idempotent: retried (not acted upon)', status(429), UNSAFE, { retry: true, delayMs: 500, spends: 'retries' }],
  ['lost answer, idempotent', lost(true), SAFE, { retry: true, delayMs: 500, spends: 'retries' }],
  ['lost answer, not idempotent', lost(true), UNSAFE, { retry: false, outcomeUnknown: true, reason: 'not-retryable' }],
  ['lost answer of a scroll page', lost(true), SCROLL, { retry: false, outcomeUnknown: true, reason: 'not-retryable' }],
  ['nothing written (refused), not idempotent', lost(false), UNSAFE, { retry: true, delayMs: 500, spends: 'retries' }],
  [
    'stopped after writing, not idempotent',
    stopped(true),
    UNSAFE,
    { retry: false, outcomeUnknown: true, reason: 'not-retryable' },
  ],
  ['stopped after writing, idempotent', stopped(true), SAFE, { retry: false, outcomeUnknown: false, reason: 'not-retryable' }],
  ['stopped before writing', stopped(false), UNSAFE, { retry: false, outcomeUnknown: false, reason: 'not-retryable' }],
];

for (const [name, failure, safety, expected] of rows) {
  test(`decideRetry: ${name}`, () => {
    assert.deepEqual(decideRetry(failure, NONE, safety, CONTEXT), expected);
  });
}

test('decideRetry: maxRetries spent stops; the outcome is still reported', () => {
  assert.deepEqual(decideRetry(status(502), { retries: 2, rateLimitRetries: 0 }, SAFE, CONTEXT), {
    retry: false,
    outcomeUnknown: false,
    reason: 'retries-spent',
  });
  assert.deepEqual(decideRetry(lost(false), { retries: 2, rateLimitRetries: 0 }, UNSAFE, CONTEXT), {
    retry: false,
    outcomeUnknown: false,
    reason: 'retries-spent',
  });
  assert.equal(decideRetry(status(502), NONE, SAFE, { ...CONTEXT, maxRetries: 0 }).retry, false);
});

test('decideRetry: the backoff grows with the retries made', () => {
  const delays = [0, 1, 2, 3, 4, 5].map((retries) => {
    const decision = decideRetry(status(503), { retries, rateLimitRetries: 0 }, SAFE, { ...CONTEXT, maxRetries: 10 });
    return decision.retry ? decision.delayMs : -1;
  });
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 8000]);
});

test('decideRetry: Retry-After (seconds) sets the wait; over a minute, or past the deadline, it stops', () => {
  assert.deepEqual(decideRetry(status(503, { 'retry-after': '3' }), NONE, SAFE, CONTEXT), {
    retry: true,
    delayMs: 3000,
    spends: 'retries',
  });
  const noWait = decideRetry(status(503, { 'retry-after': '0' }), NONE, SAFE, CONTEXT);
  assert.equal(noWait.retry && noWait.delayMs, 500, 'Retry-After: 0 falls back to the backoff');
  assert.deepEqual(decideRetry(status(503, { 'retry-after': String(MAX_SERVER_WAIT_MS / 1000 + 1) }), NONE, SAFE, CONTEXT), {
    retry: false,
    outcomeUnknown: false,
    reason: 'wait-too-long',
  });
  assert.equal(decideRetry(status(503, { 'retry-after': '60' }), NONE, SAFE, CONTEXT).retry, true, 'a minute is waited');
  assert.deepEqual(decideRetry(status(503), NONE, SAFE, { ...CONTEXT, deadline: CONTEXT.now + 499 }), {
    retry: false,
    outcomeUnknown: false,
    reason: 'past-deadline',
  });
  assert.equal(decideRetry(status(503), NONE, SAFE, { ...CONTEXT, deadline: CONTEXT.now + 500 }).retry, true);
});

test('decideRetry: a 429 waits until X-RateLimit-Reset (server clock corrected), else backs off', () => {
  const resetIn10s = String((CONTEXT.now + 10_000) / 1000);
  assert.deepEqual(decideRetry(status(429, { 'x-ratelimit-reset': resetIn10s }), NONE, UNSAFE, CONTEXT), {
    retry: true,
    delayMs: 10_050,
    spends: 'retries',
  });
  // The server's clock is 4 s ahead: its reset is 4 s sooner on ours.
  const ahead = decideRetry(status(429, { 'x-ratelimit-reset': resetIn10s }), NONE, UNSAFE, { ...CONTEXT, skewMs: 4000 });
  assert.equal(ahead.retry && ahead.delayMs, 6050);
  const resetIn2min = String((CONTEXT.now + 120_000) / 1000);
  assert.equal(decideRetry(status(429, { 'x-ratelimit-reset': resetIn2min }), NONE, SAFE, CONTEXT).retry, false);
  const backoff = decideRetry(status(429), { retries: 1, rateLimitRetries: 0 }, SAFE, CONTEXT);
  assert.equal(backoff.retry && backoff.delayMs, 1000);
});

test('decideRetry: handleRateLimit spends its own 3 retries of a 429 first, then maxRetries, then stops', () => {
  const context = { ...CONTEXT, handleRateLimit: true };
  const spends = (made: { retries: number; rateLimitRetries: number }) => {
    const decision = decideRetry(status(429), made, SAFE, context);
    return decision.retry ? decision.spends : decision.reason;
  };
  assert.equal(spends({ retries: 0, rateLimitRetries: 0 }), 'rateLimitRetries');
  assert.equal(spends({ retries: 0, rateLimitRetries: RATE_LIMIT_RETRIES - 1 }), 'rateLimitRetries');
  assert.equal(spends({ retries: 0, rateLimitRetries: RATE_LIMIT_RETRIES }), 'retries');
  assert.equal(spends({ retries: 2, rateLimitRetries: RATE_LIMIT_RETRIES }), 'rate-limit-retries-spent');
  const without = decideRetry(status(429), { retries: 2, rateLimitRetries: 0 }, SAFE, CONTEXT);
  assert.deepEqual(without, { retry: false, outcomeUnknown: false, reason: 'retries-spent' });
});

test('repeatableAfterLostAnswer and outcomeUnknownAfter state the request safety rules', () => {
  assert.equal(repeatableAfterLostAnswer(SAFE), true);
  assert.equal(repeatableAfterLostAnswer(UNSAFE), false);
  assert.equal(repeatableAfterLostAnswer(SCROLL), false);
  assert.equal(outcomeUnknownAfter(status(502), UNSAFE), true);
  assert.equal(outcomeUnknownAfter(status(499), UNSAFE), false);
  assert.equal(outcomeUnknownAfter(status(502), SAFE), false);
  assert.equal(outcomeUnknownAfter(lost(false), UNSAFE), false);
  assert.equal(outcomeUnknownAfter({ kind: 'lost', error: new ServiceConnectionError('x'), written: true }, UNSAFE), true);
});

test('backoffDelay: exponential from 500 ms, capped at 8 s, jitter of +-25%', () => {
  assert.equal(
    backoffDelay(0, () => 0),
    375,
  );
  assert.equal(
    backoffDelay(0, () => 1),
    625,
  );
  assert.equal(
    backoffDelay(3, () => 0.5),
    4000,
  );
  assert.equal(
    backoffDelay(10, () => 0.5),
    8000,
  );
});

test('untilReset: milliseconds to the reset on our clock, plus 50 ms; undefined without the header', () => {
  assert.equal(untilReset({ 'x-ratelimit-reset': '1010' }, 0, 1_000_000), 10_050);
  assert.equal(untilReset({ 'x-ratelimit-reset': '1010' }, 2000, 1_000_000), 8050);
  assert.equal(untilReset({ 'x-ratelimit-reset': '990' }, 0, 1_000_000), 50, 'a reset in the past: no wait');
  assert.equal(untilReset({}, 0, 1_000_000), undefined);
  assert.equal(untilReset(undefined, 0, 1_000_000), undefined);
});
