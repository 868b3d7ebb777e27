import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { MisconfiguredClientError } from '../../src/core/errors.js';
import { MAX_TIMER_MS } from '../../src/core/request-pipeline.js';
import { DEFAULTS, IntercomClient, IntercomEnvironment } from '../../src/v2/client.js';

// The 2.x client's constructor options, checked before anything is sent (no socket).

const token = 'not-a-real-token';

function misconfigured(options: unknown, message?: string): void {
  assert.throws(
    () => new IntercomClient(options as never),
    (error: unknown) => {
      assert.ok(error instanceof MisconfiguredClientError, String(error));
      if (message !== undefined) assert.equal(error.message, message);
      return true;
    },
  );
}

test('the regions and defaults, under the official SDK names', () => {
  assert.deepEqual(
    { ...IntercomEnvironment },
    {
      UsProduction: 'https://api.intercom.io',
      EuProduction: 'https://api.eu.intercom.io',
      AuProduction: 'https://api.au.intercom.io',
    },
  );
  assert.equal(DEFAULTS.environment, 'https://api.intercom.io');
  assert.equal(DEFAULTS.version, '2.16');
  const client = new IntercomClient({ token });
  assert.equal(client.baseUrl, 'https://api.intercom.io');
  assert.equal(client.version, '2.16');
  assert.equal(client.maxRetries, 2);
  assert.equal(
    new IntercomClient({ token, environment: IntercomEnvironment.AuProduction }).baseUrl,
    'https://api.au.intercom.io',
  );
});

test('options must be an object; the token a non-empty string', () => {
  misconfigured(null, 'options must be an object');
  misconfigured('token');
  misconfigured({ token: '' });
  misconfigured({ token: 5 });
});

test('the version is one the client sends, else a MisconfiguredClientError', () => {
  assert.equal(new IntercomClient({ token, version: '2.9' }).version, '2.9');
  assert.equal(new IntercomClient({ token, version: 'Unstable' }).version, 'Unstable');
  misconfigured({ token, version: '2.6' }, 'version must be one of 2.7 ... 2.16 or Unstable');
  misconfigured({ token, version: 2.16 });
});

test('timeoutInSeconds is a positive number of seconds a timer can hold', () => {
  assert.doesNotThrow(() => new IntercomClient({ token, timeoutInSeconds: 0.5 }));
  assert.doesNotThrow(() => new IntercomClient({ token, timeoutInSeconds: MAX_TIMER_MS / 1000 }));
  for (const bad of [0, -1, Number.NaN, MAX_TIMER_MS / 1000 + 1, '5']) misconfigured({ token, timeoutInSeconds: bad });
});

test('headers: strings without CR, LF or NUL, never Authorization; null and undefined are left out', () => {
  assert.doesNotThrow(() => new IntercomClient({ token, headers: { 'x-a': 'b', 'x-null': null, 'x-none': undefined } }));
  misconfigured({ token, headers: { 'x-a': 'b\r\nx-evil: 1' } }, 'headers.x-a must be a string without CR, LF or NUL');
  misconfigured({ token, headers: { 'x-a': 'b\0' } });
  misconfigured({ token, headers: { 'x-a': 5 } });
  misconfigured({ token, headers: { Authorization: 'Bearer other' } }, 'headers must not set Authorization: give token');
  misconfigured({ token, headers: { AUTHORIZATION: 'x' } });
});

test('the base URL is kept without its trailing slash; maxRetries is the default of every call', () => {
  assert.equal(new IntercomClient({ token, baseUrl: 'http://127.0.0.1:9/' }).baseUrl, 'http://127.0.0.1:9');
  assert.equal(new IntercomClient({ token, baseUrl: 'https://example.com/api/' }).baseUrl, 'https://example.com/api');
  assert.equal(new IntercomClient({ token, maxRetries: 5 }).maxRetries, 5);
  misconfigured({ token, baseUrl: 'http://example.com' });
  assert.equal(
    new IntercomClient({ token, baseUrl: 'http://example.com', allowInsecureHttp: true }).baseUrl,
    'http://example.com',
  );
});

test('JSON and inspect show the options, never the token; the rate limit is empty before any answer', () => {
  const client = new IntercomClient({ token, version: '2.10', maxRetries: 1 });
  const shown = { baseUrl: 'https://api.intercom.io', version: '2.10', maxRetries: 1, token: '[redacted]' };
  assert.deepEqual(client.toJSON(), shown);
  assert.equal(inspect(client), `IntercomClient ${inspect(shown)}`);
  const custom = (client as unknown as Record<symbol, (depth: number, options: object) => string>)[
    Symbol.for('nodejs.util.inspect.custom')
  ];
  assert.equal(custom?.call(client, 0, {}), `IntercomClient ${JSON.stringify(shown)}`);
  assert.ok(!inspect(client, { showHidden: true, depth: 10 }).includes(token));
  assert.deepEqual(client.rateLimitDetails, {});
  client.close();
  client.close();
});
