import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { MisconfiguredClientError } from '../../src/core/errors.js';
import { MAX_TIMER_MS } from '../../src/core/request-pipeline.js';
import type { TransportRequest } from '../../src/core/transport.js';
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
  misconfigured('token', 'options must be an object');
  misconfigured({ token: '' }, 'token must be a non-empty string');
  misconfigured({ token: 5 });
});

test('without a token option or INTERCOM_API_KEY the client says where a token comes from', () => {
  const saved = process.env.INTERCOM_API_KEY;
  try {
    delete process.env.INTERCOM_API_KEY;
    misconfigured({}, 'a token is required (the token option, or INTERCOM_API_KEY)');
  } finally {
    if (saved !== undefined) process.env.INTERCOM_API_KEY = saved;
  }
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
  misconfigured({ token, timeoutInSeconds: 0 }, `timeoutInSeconds must be a positive number, at most ${MAX_TIMER_MS / 1000}`);
});

test("the client's timeoutInSeconds and headers reach every call; close() closes the transport", async () => {
  const seen: TransportRequest[] = [];
  let closed = 0;
  const client = new IntercomClient({
    token,
    timeoutInSeconds: 60,
    headers: { 'x-app': 'one' },
    transport: {
      async request(request: TransportRequest) {
        seen.push(request);
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"type":"admin","id":"1"}' };
      },
      close() {
        closed++;
      },
    },
  });
  await client.admins.identify();
  await client.admins.identify({ timeoutInSeconds: 2 });
  // The call's deadline bounds the transport's read timeout (90 s by default): 60 s, then 2 s.
  assert.ok((seen[0]?.readTimeout ?? 0) > 2000 && (seen[0]?.readTimeout ?? 0) <= 60_000, String(seen[0]?.readTimeout));
  assert.ok((seen[1]?.readTimeout ?? 0) <= 2000 && (seen[1]?.readTimeout ?? 0) > 1, String(seen[1]?.readTimeout));
  assert.equal(seen[0]?.headers['x-app'], 'one');
  client.close();
  assert.equal(closed, 1);
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
