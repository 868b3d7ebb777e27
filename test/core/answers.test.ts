import assert from 'node:assert/strict';
import { test } from 'node:test';
import { interpret, resetOf, waitTooLong } from '../../src/core/answers.js';
import { CallDeadline, deadlineError, deadlineMessage } from '../../src/core/call-deadline.js';
import {
  BadRequestError,
  IntercomError,
  RateLimitExceeded,
  RateLimitWaitTooLongError,
  ResourceNotFound,
  ServerError,
  ServiceConnectionError,
  ServiceUnavailableError,
  UnexpectedError,
  UnexpectedResponseError,
} from '../../src/core/errors.js';
import { MAX_JSON_DEPTH } from '../../src/core/json-depth.js';

const answer = (status: number, body: string, headers: Record<string, string> = {}) =>
  interpret({ status, headers: { 'x-request-id': 'req-1', ...headers }, body });

/** Asserts that `value` is an error of class `type` with `message` (a string or a pattern). */
function isError(value: unknown, type: abstract new (...args: never[]) => IntercomError, message?: string | RegExp) {
  assert.ok(value instanceof type, `expected ${type.name}, got ${String(value)}`);
  if (typeof message === 'string') assert.equal(value.message, message);
  else if (message !== undefined) assert.match(value.message, message);
  return value;
}

test('interpret: a 2xx JSON body is its value; an empty or blank 2xx body is null', () => {
  assert.deepEqual(answer(200, '{"type":"user","id":"1"}'), { type: 'user', id: '1' });
  assert.deepEqual(answer(299, '[1]'), [1]);
  assert.equal(answer(200, ''), null);
  assert.equal(answer(202, ' \n\t'), null);
  assert.equal(answer(204, ''), null);
});

test('interpret: statuses outside 200-299 are errors, even with a JSON body or none', () => {
  isError(answer(300, ''), UnexpectedResponseError, /redirect \(HTTP 300\)/);
  isError(answer(199, ''), UnexpectedError, 'Unexpected HTTP status 199');
  isError(answer(300, '{"a":1}'), UnexpectedResponseError);
  const notFound = isError(answer(404, '{"message":"gone"}'), ResourceNotFound);
  assert.deepEqual(notFound.body, { message: 'gone' });
  isError(answer(500, ' '), ServerError, 'Server Error');
  const html = isError(
    answer(502, '<html>Bad gateway</html>'),
    IntercomError,
    /Bad Gateway Error \(body: <html>Bad gateway<\/html>\)/,
  );
  assert.equal(html.body, '<html>Bad gateway</html>', 'a body that is not JSON is kept as text');
});

test('interpret: an error.list is an error on any status, 200 included', () => {
  const body = JSON.stringify({ type: 'error.list', request_id: 'r9', errors: [{ code: 'parameter_invalid', message: 'bad' }] });
  const error = isError(answer(200, body), BadRequestError, 'bad');
  assert.equal(error.httpCode, 200);
  assert.equal(error.requestId, 'r9');
  isError(answer(429, JSON.stringify({ type: 'error.list', errors: [{ code: 'rate_limit_exceeded' }] })), RateLimitExceeded);
});

test('interpret: a 2xx body that is not JSON is an UnexpectedResponseError quoting an excerpt', () => {
  const error = isError(
    answer(200, '<html>\n  maintenance\n</html>'),
    UnexpectedResponseError,
    "Expected a JSON response body. Instead got '<html> maintenance </html>' with status code '200'.",
  );
  assert.equal(error.httpCode, 200);
  assert.equal(error.requestId, 'req-1');
  assert.ok(error.cause instanceof SyntaxError);
});

test(`interpret: a body nested deeper than ${MAX_JSON_DEPTH} levels is refused before parsing, on any status`, () => {
  const deep = '['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1);
  const error = isError(
    answer(200, deep),
    UnexpectedResponseError,
    `The response body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (status code '200').`,
  );
  assert.equal(error.httpCode, 200);
  assert.equal(error.requestId, 'req-1');
  assert.equal(error.headers?.['x-request-id'], 'req-1');
  isError(answer(500, deep), UnexpectedResponseError);
  const deepest = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
  assert.ok(Array.isArray(answer(200, deepest)), 'the limit itself is allowed');
});

test('resetOf: the X-RateLimit-Reset time (epoch seconds), or undefined', () => {
  assert.deepEqual(resetOf({ 'x-ratelimit-reset': '1700000000' }), new Date(1_700_000_000_000));
  assert.equal(resetOf({}), undefined);
  assert.equal(resetOf(undefined), undefined);
});

test('waitTooLong: says until when, that nothing more was sent, and carries the answer', () => {
  const resetAt = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
  const byReset = waitTooLong(3_600_000, resetAt);
  assert.ok(byReset instanceof RateLimitWaitTooLongError);
  assert.equal(
    byReset.message,
    'Rate limit: the server asks to wait until 2026-01-02T03:04:05.000Z, longer than the 60 s this client waits. Nothing more was sent.',
  );
  assert.equal(byReset.resetAt, resetAt);
  assert.equal(byReset.waitMs, 3_600_000);
  assert.equal(byReset.httpCode, undefined);
  const answered = new RateLimitExceeded('x', {
    httpCode: 429,
    applicationErrorCode: 'rate_limit_exceeded',
    requestId: 'r1',
    headers: { 'retry-after': '90' },
    body: { type: 'error.list' },
  });
  const byWait = waitTooLong(90_001, undefined, answered);
  assert.match(byWait.message, /wait until 91 s from now,/, 'rounded up to whole seconds');
  assert.equal(byWait.resetAt, undefined);
  assert.equal(byWait.httpCode, 429);
  assert.equal(byWait.applicationErrorCode, 'rate_limit_exceeded');
  assert.equal(byWait.requestId, 'r1');
  assert.deepEqual(byWait.headers, { 'retry-after': '90' });
  assert.deepEqual(byWait.body, { type: 'error.list' });
});

test("deadlineError: the call's own timeout, before sending (connection error) or while the answer was due", () => {
  assert.equal(
    deadlineMessage(250, 'somewhere'),
    "Request timed out: the call's timeout of 250 ms (RequestOptions.timeout) ran out somewhere",
  );
  isError(
    deadlineError(250, 'not-sent'),
    ServiceConnectionError,
    "Request timed out: the call's timeout of 250 ms (RequestOptions.timeout) ran out before the request was sent",
  );
  isError(
    deadlineError(250, 'maybe-sent'),
    ServiceUnavailableError,
    "Request timed out: the call's timeout of 250 ms (RequestOptions.timeout) ran out before the answer came",
  );
  assert.equal(new CallDeadline(250).timeoutMs, 250);
});
