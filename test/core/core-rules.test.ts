import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { IntercomError } from '../../src/core/errors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../src/core/json-depth.js';
import { pacingStop, parseRateLimitHeaders, RateLimitPacer } from '../../src/core/rate-limit.js';
import { credentialSecrets, REDACTED, redactError, redactText } from '../../src/core/redaction.js';
import { MAX_SERVER_WAIT_MS } from '../../src/core/retry-decision.js';
import { MAX_TIMER_MS, sleep } from '../../src/core/waits.js';

const T0 = 1_700_000_000_000;
const windowEndingAt = (ms: number, remaining: number) => ({ limit: 100, remaining, resetAt: new Date(ms) });

/** A pacer that has learnt a window ending at T0 + 10 s with `remaining` left. */
function pacerKnowing(remaining: number): RateLimitPacer {
  const pacer = new RateLimitPacer();
  assert.equal(pacer.reserve(T0), 0);
  pacer.done(windowEndingAt(T0 + 10_000, remaining), T0);
  return pacer;
}

test('parseRateLimitHeaders: integers from X-RateLimit-*, the reset in epoch seconds; a missing or garbled header is absent', () => {
  assert.deepEqual(
    parseRateLimitHeaders({ 'x-ratelimit-limit': '83', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000010' }),
    { limit: 83, remaining: 0, resetAt: new Date(1_700_000_010_000) },
  );
  assert.deepEqual(parseRateLimitHeaders({}), {});
  assert.deepEqual(
    parseRateLimitHeaders({ 'x-ratelimit-limit': 'lots', 'x-ratelimit-remaining': '', 'x-ratelimit-reset': 'x' }),
    {},
  );
  assert.deepEqual(parseRateLimitHeaders({ 'x-ratelimit-remaining': '7' }), { remaining: 7 });
});

test('pacer: the lowest Remaining of a window counts; a later answer reporting more does not raise it', () => {
  const pacer = pacerKnowing(5);
  for (let i = 0; i < 3; i++) assert.equal(pacer.reserve(T0), 0);
  // Answers arrive out of order: 2 left, then a slower answer that saw 4 left.
  pacer.done(windowEndingAt(T0 + 10_000, 2), T0);
  pacer.done(windowEndingAt(T0 + 10_000, 4), T0);
  pacer.done(windowEndingAt(T0 + 10_000, 3), T0);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0)], [0, 0], 'two left: two go');
  assert.equal(pacer.reserve(T0 + 4_000), 6_000, 'the third waits for the reset (ms on our clock)');
});

test('pacer: a newer window replaces the count; an answer from an older or ended window is ignored', () => {
  const pacer = pacerKnowing(1);
  assert.equal(pacer.reserve(T0), 0);
  pacer.done(windowEndingAt(T0 + 20_000, 50), T0 + 100);
  assert.equal(pacer.reserve(T0 + 100), 0, 'the new window has budget');
  pacer.done(windowEndingAt(T0 + 10_000, 0), T0 + 100);
  assert.equal(pacer.reserve(T0 + 100), 0, 'a late answer from the old window changes nothing');
  pacer.done(windowEndingAt(T0 + 100, 0), T0 + 100);
  assert.equal(pacer.reserve(T0 + 100), 0, 'an answer whose window has already ended changes nothing');
  pacer.done(windowEndingAt(T0 + 20_000, 2), T0 + 200);
  assert.deepEqual([pacer.reserve(T0 + 200), pacer.reserve(T0 + 200)], [0, 0]);
  assert.equal(pacer.reserve(T0 + 200), 19_800);
});

test('pacer: nothing in flight when a window is learnt: the whole remaining budget goes at once', () => {
  const pacer = pacerKnowing(3);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0), pacer.reserve(T0)], [0, 0, 0]);
  assert.equal(pacer.reserve(T0), 10_000);
  // Every request finishing gives its slot back only through a lower Remaining: in flight drops to 0.
  for (let i = 0; i < 3; i++) pacer.done(windowEndingAt(T0 + 10_000, 3), T0);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0), pacer.reserve(T0)], [0, 0, 0]);
  assert.equal(pacer.reserve(T0), 10_000, 'no more than the budget, however many requests finished');
});

test('pacer: a wait is never 0 ms (0 means go), even at the last millisecond of a window', () => {
  const pacer = pacerKnowing(0);
  assert.equal(pacer.reserve(T0 + 9_999), 1);
});

test('pacer: a first answer slower than a second lets the waiting callers through unpaced', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const pacer = new RateLimitPacer();
    assert.equal(pacer.reserve(T0), 0);
    const waiting = pacer.reserve(T0);
    assert.ok(waiting instanceof Promise);
    mock.timers.tick(999);
    assert.equal(pacer.reserve(T0), waiting, 'still waiting for the first answer');
    mock.timers.tick(1);
    assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0)], [0, 0], 'after a second, nothing is held back');
    pacer.done(windowEndingAt(T0 + 10_000, 0), T0);
    assert.equal(pacer.reserve(T0), 10_000, 'an answer with headers paces again');
  } finally {
    mock.timers.reset();
  }
});

test('pacer: an answer that came before the probe timeout keeps the pacer pacing', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const pacer = new RateLimitPacer();
    assert.equal(pacer.reserve(T0), 0);
    pacer.done(windowEndingAt(T0 + 10_000, 0), T0);
    mock.timers.tick(1_000);
    assert.equal(pacer.reserve(T0), 10_000, 'the stale probe timer does not turn pacing off');
    assert.equal(pacer.reserve(T0 + 10_000), 0, 'the window ended: one request probes the next');
    assert.ok(pacer.reserve(T0 + 10_000) instanceof Promise, 'the others wait for its answer: the pacer did not go blind');
  } finally {
    mock.timers.reset();
  }
});

test('pacer: an answer with Remaining but no Reset teaches nothing: nothing is held back', () => {
  const pacer = new RateLimitPacer();
  assert.equal(pacer.reserve(T0), 0);
  pacer.done({ remaining: 0 }, T0);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0)], [0, 0]);
  pacer.done({ resetAt: new Date(T0 + 10_000) }, T0);
  assert.deepEqual([pacer.reserve(T0), pacer.reserve(T0)], [0, 0]);
});

test('pacingStop: a wait of up to a minute is made; longer, or past the deadline, is not', () => {
  assert.equal(MAX_SERVER_WAIT_MS, 60_000);
  assert.equal(pacingStop(60_000, T0, Infinity), undefined);
  assert.equal(pacingStop(60_001, T0, Infinity), 'wait-too-long');
  assert.equal(pacingStop(1_000, T0, T0 + 1_000), undefined, 'ending exactly at the deadline is allowed');
  assert.equal(pacingStop(1_000, T0, T0 + 999), 'past-deadline');
  assert.equal(pacingStop(3_600_000, T0, T0 + 1), 'wait-too-long', 'the cap is reported first');
});

test('sleep: a wait longer than a timer can hold is clamped, not fired at once', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    let done = false;
    const waiting = sleep(30 * 24 * 3600 * 1000, undefined).then(() => {
      done = true;
    });
    mock.timers.tick(MAX_TIMER_MS - 1);
    await Promise.resolve();
    assert.equal(done, false, 'still waiting just before the longest timer');
    mock.timers.tick(1);
    await waiting;
    assert.equal(done, true);
  } finally {
    mock.timers.reset();
  }
});

test('jsonDepthExceeds: counts arrays and objects outside strings, up to the limit', () => {
  assert.equal(MAX_JSON_DEPTH, 512);
  assert.equal(jsonDepthExceeds('[[[]]]', 3), false);
  assert.equal(jsonDepthExceeds('[[[[]]]]', 3), true);
  assert.equal(jsonDepthExceeds('{"a":{"b":{}}}', 3), false);
  assert.equal(jsonDepthExceeds('{"a":{"b":{"c":{}}}}', 3), true);
  assert.equal(jsonDepthExceeds('[[],[],[],[]]', 2), false, 'siblings do not add up');
  assert.equal(jsonDepthExceeds('["[[[[[", "{{{{"]', 2), false, 'brackets in strings do not count');
  assert.equal(jsonDepthExceeds('["\\"[[[[[", {"a": [[]]}]', 4), false, 'an escaped quote does not end the string');
  assert.equal(jsonDepthExceeds('["\\\\", [[[]]]]', 3), true, 'an escaped backslash does end it');
  assert.equal(jsonDepthExceeds('['.repeat(512) + ']'.repeat(512)), false);
  assert.equal(jsonDepthExceeds('['.repeat(513) + ']'.repeat(513)), true);
});

test('credentialSecrets: the Authorization value, its credential, and for Basic what it encodes', () => {
  assert.deepEqual(credentialSecrets('Bearer tok_abc123'), ['Bearer tok_abc123', 'tok_abc123']);
  const basic = Buffer.from('app_1:key_secret').toString('base64');
  assert.deepEqual(credentialSecrets(`Basic ${basic}`), [`Basic ${basic}`, basic, 'app_1:key_secret', 'key_secret']);
  assert.deepEqual(credentialSecrets('Bearer abc'), ['Bearer abc'], 'a secret under 4 characters is not searched for');
  assert.deepEqual(credentialSecrets('Basic !!!!'), ['Basic !!!!', '!!!!'], 'an undecodable Basic string is still redacted');
});

test('redactText and redactError: every occurrence, in message, stack, headers, body and causes', () => {
  const secrets = credentialSecrets('Bearer tok_abc123');
  assert.equal(redactText('a tok_abc123 b Bearer tok_abc123', secrets), `a ${REDACTED} b ${REDACTED}`);
  const cause = new Error('socket said tok_abc123');
  const error = new IntercomError('server said Bearer tok_abc123', {
    headers: { 'x-echo': 'tok_abc123', 'x-request-id': 'r1' },
    body: { errors: [{ message: 'tok_abc123' }], tok_abc123: 1, n: 5 },
    cause,
  });
  assert.equal(redactError(error, secrets), error);
  assert.equal(error.message, `server said ${REDACTED}`);
  assert.ok(!error.stack?.includes('tok_abc123'));
  assert.deepEqual(error.headers, { 'x-echo': REDACTED, 'x-request-id': 'r1' });
  assert.deepEqual(error.body, { errors: [{ message: REDACTED }], [REDACTED]: 1, n: 5 });
  assert.equal(cause.message, `socket said ${REDACTED}`);
  const clean = new IntercomError('nothing here', { headers: { a: 'b' }, body: ['x'] });
  const { headers, body } = clean;
  redactError(clean, secrets);
  assert.equal(clean.headers, headers, 'nothing to redact: the same objects');
  assert.equal(clean.body, body);
});
