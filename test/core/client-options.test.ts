import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  credential,
  FORBIDDEN_IN_HEADER,
  PIPELINE_DEFAULTS,
  pipelineSettings,
  positive,
  validBaseUrl,
} from '../../src/core/client-options.js';
import { MisconfiguredClientError } from '../../src/core/errors.js';
import { FetchTransport } from '../../src/core/fetch-transport.js';
import { NodeHttpTransport } from '../../src/core/node-http-transport.js';
import { PROCESS_RATE_LIMIT_STORE } from '../../src/core/rate-limit-store.js';
import { hasNodeHttp, runtimeTag } from '../../src/core/runtime.js';
import type { Transport } from '../../src/core/transport.js';
import { VERSION } from '../../src/version.js';

/** Asserts that `run` throws a MisconfiguredClientError saying `message`. */
function misconfigured(run: () => unknown, message: string | RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof MisconfiguredClientError, String(error));
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

const IDENTITY = { baseUrl: new URL('https://api.intercom.io'), authorization: 'Bearer t', apiVersion: undefined };
const NO_NETWORK: Transport = { request: () => Promise.reject(new Error('unused')), close: () => {} };

test('credential: a non-empty string without CR, LF or NUL', () => {
  assert.equal(credential('tok', 'token'), 'tok');
  misconfigured(() => credential('', 'token'), 'token must be a non-empty string');
  misconfigured(() => credential(5, 'apiKey'), 'apiKey must be a non-empty string');
  for (const bad of ['a\rb', 'a\nb', 'a\0b'])
    misconfigured(() => credential(bad, 'token'), 'token must not contain CR, LF or NUL');
  assert.equal(FORBIDDEN_IN_HEADER.test('a\tb c'), false);
});

test('positive: the fallback when not given; a finite number above 0 and at most the maximum', () => {
  assert.equal(positive(undefined, 'readTimeout', 90, 100), 90);
  assert.equal(positive(0.5, 'readTimeout', 90, 100), 0.5);
  assert.equal(positive(100, 'readTimeout', 90, 100), 100, 'the maximum itself is taken');
  for (const bad of [0, -1, 100.5, Number.NaN, Number.POSITIVE_INFINITY, '5', null]) {
    misconfigured(() => positive(bad, 'readTimeout', 90, 100), 'readTimeout must be a positive number, at most 100');
  }
});

test('validBaseUrl: http(s) without credentials, query or fragment; plain http on loopback only unless allowed', () => {
  assert.equal(validBaseUrl('https://api.intercom.io/', false).href, 'https://api.intercom.io/');
  for (const loopback of [
    'http://localhost:4010',
    'http://LOCALHOST',
    'http://127.0.0.1',
    'http://127.10.20.30:1',
    'http://[::1]:8',
  ]) {
    assert.equal(validBaseUrl(loopback, false).protocol, 'http:', loopback);
  }
  assert.equal(validBaseUrl('http://api.example.com', true).host, 'api.example.com');
  const insecure = 'baseUrl uses plain http on a host that is not loopback; use https or set allowInsecureHttp';
  for (const remote of [
    'http://api.example.com',
    'http://localhost.example.com',
    'http://127.0.0.1.example.com',
    'http://my-localhost',
  ]) {
    misconfigured(() => validBaseUrl(remote, false), insecure);
  }
  misconfigured(() => validBaseUrl(5, false), 'baseUrl must be a string');
  misconfigured(() => validBaseUrl('not a url with secret', false), 'baseUrl is not a valid URL');
  misconfigured(() => validBaseUrl('ftp://x', true), 'baseUrl must be an http(s) URL');
  misconfigured(() => validBaseUrl('https://user@x', false), 'baseUrl must not carry credentials');
  misconfigured(() => validBaseUrl('https://:pw@x', false), 'baseUrl must not carry credentials');
  misconfigured(() => validBaseUrl('https://x/?a=1', false), 'baseUrl must not have a query or fragment');
  misconfigured(() => validBaseUrl('https://x/#top', false), 'baseUrl must not have a query or fragment');
});

test('pipelineSettings: the documented defaults, the User-Agent, hooks, and the transport given', () => {
  const settings = pipelineSettings({ transport: NO_NETWORK }, IDENTITY);
  assert.deepEqual(PIPELINE_DEFAULTS, {
    connectTimeout: 30_000,
    readTimeout: 90_000,
    maxRetries: 2,
    handleRateLimit: false,
    pacing: true,
    maxConcurrency: 10,
    maxResponseBytes: 32 * 1024 * 1024,
  });
  const { transport, hooks, rateLimitStore, ...rest } = settings;
  assert.equal(rateLimitStore, PROCESS_RATE_LIMIT_STORE, 'clients of one process share one budget by default');
  assert.deepEqual(rest, {
    ...IDENTITY,
    userAgent: `intercom-ts/${VERSION} node/${process.version}`,
    connectTimeout: 30_000,
    readTimeout: 90_000,
    maxRetries: 2,
    handleRateLimit: false,
    maxResponseBytes: 32 * 1024 * 1024,
    maxConcurrency: 10,
    pacing: true,
  });
  assert.equal(transport, NO_NETWORK);
  assert.deepEqual(hooks, {
    onRequest: undefined,
    onResponse: undefined,
    onRetry: undefined,
    onRateLimit: undefined,
    onWarning: undefined,
  });
  const onRetry = () => {};
  const given = pipelineSettings(
    {
      transport: NO_NETWORK,
      userAgent: 'my-sync/2.1',
      connectTimeout: 1,
      readTimeout: 2,
      maxRetries: 0,
      handleRateLimit: true,
      pacing: false,
      maxConcurrency: 1,
      maxResponseBytes: 2 ** 32,
      onRetry,
    },
    IDENTITY,
  );
  assert.equal(given.userAgent, `intercom-ts/${VERSION} node/${process.version} my-sync/2.1`);
  assert.deepEqual(
    [given.connectTimeout, given.readTimeout, given.maxRetries, given.handleRateLimit, given.pacing, given.maxConcurrency],
    [1, 2, 0, true, false, 1],
  );
  assert.equal(given.maxResponseBytes, 2 ** 32);
  assert.equal(given.hooks.onRetry, onRetry);
  assert.ok(pipelineSettings({}, IDENTITY).transport instanceof NodeHttpTransport, 'on Node: node:http');
  assert.equal(
    pipelineSettings({ transport: NO_NETWORK, userAgent: '' }, IDENTITY).userAgent,
    `intercom-ts/${VERSION} node/${process.version}`,
  );
});

test('pipelineSettings: bad options are MisconfiguredClientError', () => {
  const settings = (options: Record<string, unknown>) => () => pipelineSettings({ transport: NO_NETWORK, ...options }, IDENTITY);
  for (const maxRetries of [-1, 1.5, Number.NaN])
    misconfigured(settings({ maxRetries }), 'maxRetries must be a whole number >= 0');
  for (const maxConcurrency of [0, -1, 2.5]) {
    misconfigured(settings({ maxConcurrency }), 'maxConcurrency must be a whole number >= 1');
  }
  for (const hook of ['onRequest', 'onResponse', 'onRetry', 'onRateLimit', 'onWarning']) {
    misconfigured(settings({ [hook]: 'log' }), `${hook} must be a function`);
  }
  for (const userAgent of [5, 'a\nb']) misconfigured(settings({ userAgent }), 'userAgent must be a string without CR, LF or NUL');
  misconfigured(settings({ connectTimeout: 2 ** 31 }), /^connectTimeout must be a positive number, at most 2147483647$/);
  misconfigured(settings({ readTimeout: 0 }), /^readTimeout must be/);
  misconfigured(settings({ maxResponseBytes: 2 ** 32 + 1 }), /^maxResponseBytes must be a positive number, at most 4294967296$/);
});

/** Runs `check` with `globalThis.process` and `globalThis.navigator` replaced. */
function withGlobals(globals: { process?: unknown; navigator?: unknown }, check: () => void): void {
  const saved = {
    process: Object.getOwnPropertyDescriptor(globalThis, 'process'),
    navigator: Object.getOwnPropertyDescriptor(globalThis, 'navigator'),
  };
  try {
    for (const name of ['process', 'navigator'] as const) {
      Object.defineProperty(globalThis, name, { value: globals[name], configurable: true, writable: true });
    }
    check();
  } finally {
    for (const name of ['process', 'navigator'] as const) {
      const descriptor = saved[name];
      if (descriptor === undefined) delete (globalThis as Record<string, unknown>)[name];
      else Object.defineProperty(globalThis, name, descriptor);
    }
  }
}

test('runtimeTag and hasNodeHttp: read from the globals of each runtime', () => {
  assert.equal(runtimeTag(), `node/${process.version}`);
  assert.equal(hasNodeHttp(), true);
  const cases: Array<[string, { process?: unknown; navigator?: unknown }, string, boolean]> = [
    ['bun', { process: { version: 'v22.6.0', versions: { node: '22.6.0', bun: '1.4.5' } } }, 'bun/1.4.5', true],
    ['deno', { process: { version: 'v20.0.0', versions: { node: '20.0.0', deno: '2.9.6' } } }, 'deno/2.9.6', true],
    [
      'workerd with nodejs_compat',
      { process: { version: 'v20.0.0', versions: { node: '20.0.0' } }, navigator: { userAgent: 'Cloudflare-Workers' } },
      'workerd',
      false,
    ],
    ['workerd', { navigator: { userAgent: 'Cloudflare-Workers' } }, 'workerd', false],
    ['a browser', { navigator: { userAgent: 'Mozilla/5.0' } }, 'js', false],
    ['a process without version', { process: { versions: { node: '20.0.0' } } }, 'js', true],
    ['a process without versions', { process: { version: 'v20.0.0' } }, 'js', false],
  ];
  for (const [name, globals, tag, nodeHttp] of cases) {
    withGlobals(globals, () => {
      const result = [runtimeTag(), hasNodeHttp()];
      assert.deepEqual(result, [tag, nodeHttp], name);
    });
  }
  withGlobals({ navigator: { userAgent: 'Cloudflare-Workers' } }, () => {
    assert.ok(pipelineSettings({}, IDENTITY).transport instanceof FetchTransport, 'without node:http: fetch');
  });
});
