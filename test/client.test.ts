import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { inspect } from 'node:util';
import {
  type ApiVersion1x,
  Client,
  DEFAULTS,
  InvalidParameterError,
  MisconfiguredClientError,
  RateLimitExceeded,
  VERSION,
} from 'intercom-ts';
import { type Scripted, type ScriptedServer, scriptedServer } from './helpers/raw-http.js';

const TOKEN = 'tok_SECRET_abc123';
let next: (n: number) => Scripted = () => ({ body: { type: 'admin', id: '1' } });
let server: ScriptedServer;
before(async () => {
  server = await scriptedServer((_req, n) => next(n));
});
after(() => server.close());

const client = (options: Partial<ConstructorParameters<typeof Client>[0]> = {}) =>
  new Client({ token: TOKEN, baseUrl: server.url, maxRetries: 0, ...options });

test('defaults: baseUrl, timeouts, handleRateLimit, maxRetries, response cap', () => {
  const intercom = new Client({ token: TOKEN });
  assert.equal(intercom.baseUrl, 'https://api.intercom.io');
  assert.deepEqual(intercom.timeouts, { connectTimeout: 30_000, readTimeout: 90_000 });
  assert.equal(intercom.handleRateLimit, false);
  assert.equal(intercom.maxRetries, 2);
  assert.equal(intercom.apiVersion, undefined);
  assert.equal(DEFAULTS.maxResponseBytes, 32 * 1024 * 1024);
  assert.deepEqual(intercom.rateLimitDetails, {});
});

test('credentials: a token, or appId with apiKey; anything else is MisconfiguredClientError', () => {
  assert.throws(() => new Client({}), MisconfiguredClientError);
  assert.throws(() => new Client({ token: '' }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 'a\r\nX-Evil: 1' }), MisconfiguredClientError);
  assert.throws(() => new Client({ appId: 'abc' }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', appId: 'a', apiKey: 'k' }), MisconfiguredClientError);
  assert.doesNotThrow(() => new Client({ appId: 'abc', apiKey: 'secret' }));
});

test('apiVersion: Unstable or a dotted 1.x version', () => {
  for (const ok of ['1.0', '1', '1.1', '1.4', 'Unstable'])
    assert.equal(new Client({ token: 't', apiVersion: ok as ApiVersion1x }).apiVersion, ok);
  for (const bad of ['', '0.9', '1.0-beta', 'unstable', 'abc', '1.x']) {
    assert.throws(() => new Client({ token: 't', apiVersion: bad as ApiVersion1x }), MisconfiguredClientError, bad);
  }
});

test('apiVersion: 2.7 to 2.16 are taken (the calls are translated); other 2.x and later versions throw', () => {
  for (const v2 of ['2.7', '2.9', '2.10', '2.16'] as const) {
    assert.equal(new Client({ token: 't', apiVersion: v2 }).apiVersion, v2);
  }
  for (const bad of ['2.0', '2.6', '2.17', '2', '3.0']) {
    assert.throws(
      // @ts-expect-error: not a version Intercom serves
      () => new Client({ token: 't', apiVersion: bad }),
      (error: unknown) => error instanceof MisconfiguredClientError && error.message.includes('2.7 to 2.16'),
      bad,
    );
  }
});

test('baseUrl: must be http(s); plain http only on loopback unless allowInsecureHttp', () => {
  assert.throws(() => new Client({ token: 't', baseUrl: 'ftp://x' }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', baseUrl: 'not a url' }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', baseUrl: 'http://api.example.com' }), MisconfiguredClientError);
  assert.doesNotThrow(() => new Client({ token: 't', baseUrl: 'http://api.example.com', allowInsecureHttp: true }));
  assert.doesNotThrow(() => new Client({ token: 't', baseUrl: 'http://localhost:4010' }));
  assert.doesNotThrow(() => new Client({ token: 't', baseUrl: 'http://[::1]:4010' }));
  assert.throws(() => new Client({ token: 't', baseUrl: 'https://user:pw@api.intercom.io' }), MisconfiguredClientError);
});

test('timeouts and retries must be sane numbers', () => {
  assert.throws(() => new Client({ token: 't', readTimeout: 0 }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', connectTimeout: Number.NaN }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', maxRetries: -1 }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', maxRetries: 1.5 }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', userAgent: 'x\ny' }), MisconfiguredClientError);
});

test('headers: Bearer token, Accept JSON, our User-Agent, no Intercom-Version unless set, JSON bodies', async () => {
  next = () => ({ body: { type: 'admin', id: '1' } });
  server.received.length = 0;
  const plain = client({ userAgent: 'my-sync/2.1' });
  await plain.admins.me();
  await plain.post('/tags', { name: 'x' });
  const [get, post] = server.received;
  assert.equal(get?.headers.authorization, `Bearer ${TOKEN}`);
  assert.equal(get?.headers.accept, 'application/json');
  assert.equal(get?.headers['user-agent'], `intercom-ts/${VERSION} node/${process.version} my-sync/2.1`);
  assert.equal(get?.headers['intercom-version'], undefined);
  assert.equal(get?.headers['content-type'], undefined, 'a GET has no body');
  assert.equal(post?.headers['content-type'], 'application/json');
  assert.equal(post?.rawBody, '{"name":"x"}');
  const versioned = client({ apiVersion: '1.4' });
  await versioned.admins.me();
  assert.equal(server.received[2]?.headers['intercom-version'], '1.4');
  const legacy = new Client({ appId: 'abc', apiKey: 'secret', baseUrl: server.url });
  await legacy.admins.me();
  assert.equal(server.received[3]?.headers.authorization, `Basic ${Buffer.from('abc:secret').toString('base64')}`);
  for (const c of [plain, versioned, legacy]) c.close();
});

test('per-call headers are sent, and CR/LF in them is refused before sending', async () => {
  server.received.length = 0;
  const intercom = client();
  await intercom.admins.me({ headers: { 'X-Trace': 'abc' } });
  assert.equal(server.received[0]?.headers['x-trace'], 'abc');
  await assert.rejects(intercom.admins.me({ headers: { 'X-Trace': 'a\r\nInjected: 1' } }), InvalidParameterError);
  await assert.rejects(intercom.admins.me({ headers: { 'Bad Name': 'x' } }), InvalidParameterError);
  assert.equal(server.received.length, 1, 'nothing was sent for the bad headers');
  intercom.close();
});

test('connections are kept alive: many calls, one socket', async () => {
  server.received.length = 0;
  const intercom = client();
  for (let i = 0; i < 5; i++) await intercom.admins.me();
  const ports = new Set(server.received.map((r) => r.remotePort));
  assert.equal(ports.size, 1, 'every call reused the first connection');
  intercom.close();
});

test('rateLimitDetails follows the last response, errors included', async () => {
  const intercom = client();
  next = () => ({
    body: { type: 'admin', id: '1' },
    headers: { 'X-RateLimit-Limit': '180', 'X-RateLimit-Remaining': '179', 'X-RateLimit-Reset': '1412690280' },
  });
  await intercom.admins.me();
  assert.deepEqual(intercom.rateLimitDetails, { limit: 180, remaining: 179, resetAt: new Date(1412690280 * 1000) });
  next = () => ({
    status: 404,
    body: '',
    headers: { 'X-RateLimit-Limit': '180', 'X-RateLimit-Remaining': '178', 'X-RateLimit-Reset': '1412690290' },
  });
  await assert.rejects(intercom.admins.me());
  assert.equal(intercom.rateLimitDetails.remaining, 178);
  next = () => ({ body: { type: 'admin', id: '1' } });
  await intercom.admins.me();
  assert.deepEqual(intercom.rateLimitDetails, {}, 'replaced on every response');
  intercom.close();
});

test('handleRateLimit: a 429 waits for X-RateLimit-Reset and sends again', async () => {
  server.received.length = 0;
  const reset = () => String(Math.floor(Date.now() / 1000) + 1);
  next = (n) =>
    n === 0
      ? { status: 429, body: '', headers: { 'X-RateLimit-Reset': reset(), 'X-RateLimit-Remaining': '0' } }
      : { body: { type: 'admin', id: '1' } };
  const intercom = client({ handleRateLimit: true });
  const me = await intercom.admins.me();
  assert.equal(me.id, '1');
  assert.equal(server.received.length, 2);
  intercom.close();
});

test('handleRateLimit: after 3 retries, RateLimitExceeded', async () => {
  server.received.length = 0;
  next = () => ({
    status: 429,
    body: { type: 'error.list', errors: [{ code: 'rate_limit_exceeded', message: 'slow down' }] },
    headers: { 'X-RateLimit-Reset': String(Math.floor(Date.now() / 1000) - 5) },
  });
  const intercom = client({ handleRateLimit: true });
  await assert.rejects(intercom.admins.me(), (error: unknown) => {
    assert.ok(error instanceof RateLimitExceeded);
    assert.match((error as Error).message, /Rate limit retries exceeded/);
    return true;
  });
  assert.equal(server.received.length, 4, '1 attempt + 3 retries');
  intercom.close();
});

test('handleRateLimit: a 429 without X-RateLimit-Reset backs off instead of crashing', async () => {
  server.received.length = 0;
  next = (n) => (n < 1 ? { status: 429, body: '' } : { body: { type: 'admin', id: '1' } });
  const intercom = client({ handleRateLimit: true });
  assert.equal((await intercom.admins.me()).id, '1');
  assert.equal(server.received.length, 2);
  intercom.close();
});

test('without handleRateLimit and retries, a 429 throws at once', async () => {
  server.received.length = 0;
  next = () => ({ status: 429, body: '' });
  const intercom = client();
  await assert.rejects(intercom.admins.me(), RateLimitExceeded);
  assert.equal(server.received.length, 1);
  intercom.close();
});

test('the token never shows in util.inspect, JSON.stringify or error messages', async () => {
  const intercom = client();
  assert.doesNotMatch(inspect(intercom, { depth: 10, showHidden: true }), /SECRET/);
  assert.doesNotMatch(JSON.stringify(intercom), /SECRET/);
  next = () => ({
    status: 401,
    body: { type: 'error.list', errors: [{ code: 'unauthorized', message: 'Access Token Invalid' }] },
  });
  const error = await intercom.admins.me().catch((e: unknown) => e);
  assert.doesNotMatch(inspect(error, { depth: 10, showHidden: true }), /SECRET/);
  assert.doesNotMatch(JSON.stringify(error), /SECRET/);
  intercom.close();
});

test('the low-level get/post/put/delete are public and send what they are given', async () => {
  server.received.length = 0;
  next = () => ({ body: { ok: true } });
  const intercom = client();
  assert.deepEqual(await intercom.get('/counts', { type: 'user', count: 'segment' }), { ok: true });
  await intercom.put('conversations/1', { read: true });
  await intercom.delete('/users/1');
  assert.deepEqual(
    server.received.map((r) => [r.method, r.path, r.rawBody]),
    [
      ['GET', '/counts?type=user&count=segment', ''],
      ['PUT', '/conversations/1', '{"read":true}'],
      ['DELETE', '/users/1', '{}'],
    ],
  );
  intercom.close();
});

test('a base URL path prefix is kept, and next links are re-based onto the client origin', async () => {
  server.received.length = 0;
  next = (n) =>
    n === 0
      ? {
          body: {
            type: 'admin.list',
            admins: [{ type: 'admin', id: '1' }],
            pages: { type: 'pages', next: 'https://evil.example/proxy/admins?page=2' },
          },
        }
      : { body: { type: 'admin.list', admins: [{ type: 'admin', id: '2' }], pages: { type: 'pages', next: null } } };
  const intercom = client({ baseUrl: `${server.url}/proxy` });
  const admins = await intercom.admins.all().toArray();
  assert.deepEqual(
    admins.map((a) => a.id),
    ['1', '2'],
  );
  assert.deepEqual(
    server.received.map((r) => r.path),
    ['/proxy/admins', '/proxy/admins?page=2'],
  );
  intercom.close();
});

test('VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(VERSION, pkg.version);
});
