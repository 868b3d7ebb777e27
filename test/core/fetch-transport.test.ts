import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FetchFunction, FetchTransport } from '../../src/core/fetch-transport.js';
import { TransportError, type TransportRequest } from '../../src/core/transport.js';

const request = (overrides: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  origin: 'https://api.intercom.io',
  path: '/admins/1',
  headers: { authorization: 'Bearer tok_fetch', accept: 'application/json' },
  connectTimeout: 1_000,
  readTimeout: 60_000,
  maxResponseBytes: 1_000,
  ...overrides,
});

/** A fetch that answers `response` and records what it was asked. */
function answering(response: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const fetch: FetchFunction = async (url, init) => {
    calls.push({ url, init });
    return response();
  };
  return { calls, fetch };
}

/** A fetch that rejects with `error`. */
const rejecting =
  (error: unknown): FetchFunction =>
  () =>
    Promise.reject(error);

/** The TransportError a request through `fetch` fails with. */
async function failure(fetch: FetchFunction, overrides: Partial<TransportRequest> = {}): Promise<TransportError> {
  try {
    await new FetchTransport({ fetch }).request(request(overrides));
  } catch (error) {
    assert.ok(error instanceof TransportError, String(error));
    return error;
  }
  assert.fail('the request did not fail');
}

/** A body streamed as the given chunks; a chunk that is an Error makes the read fail there. */
function streamed(chunks: Array<string | Uint8Array | Error>, init: ResponseInit = {}): Response {
  const queue = [...chunks];
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = queue.shift();
      if (next === undefined) controller.close();
      else if (next instanceof Error) controller.error(next);
      else controller.enqueue(typeof next === 'string' ? new TextEncoder().encode(next) : next);
    },
  });
  return new Response(body, init);
}

test('sends method, URL, headers and body with redirects left alone; answers status, headers (repeats joined) and text', async () => {
  const { calls, fetch } = answering(() => {
    const headers = new Headers({ 'content-type': 'application/json' });
    headers.append('x-multi', 'a');
    headers.append('x-multi', 'b');
    return new Response('{"ok":true}', { status: 201, headers });
  });
  const response = await new FetchTransport({ fetch }).request(request({ method: 'POST', body: '{"a":1}' }));
  assert.deepEqual(response, {
    status: 201,
    headers: { 'content-type': 'application/json', 'x-multi': 'a, b' },
    body: '{"ok":true}',
  });
  assert.equal(calls[0]?.url, 'https://api.intercom.io/admins/1');
  const init = calls[0]?.init as RequestInit;
  assert.deepEqual([init.method, init.body, init.redirect], ['POST', '{"a":1}', 'manual']);
  assert.deepEqual(init.headers, { authorization: 'Bearer tok_fetch', accept: 'application/json' });
  assert.ok(init.signal instanceof AbortSignal);
  await new FetchTransport({ fetch }).request(request());
  assert.equal(calls[1]?.init.body, null, 'no body: null');
});

test('an empty body, a 204 without a stream, a BOM and a character split across chunks read as Buffer#toString does', async () => {
  assert.equal((await new FetchTransport(answering(() => new Response(null, { status: 204 }))).request(request())).body, '');
  const bytes = new TextEncoder().encode('\ufeff{"name":"é"}');
  const split = bytes.indexOf(0xc3) + 1;
  const response = await new FetchTransport(answering(() => streamed([bytes.slice(0, split), bytes.slice(split)]))).request(
    request(),
  );
  assert.equal(response.body, '\ufeff{"name":"é"}');
});

test('the global fetch is looked up at each request; a runtime without one fails as connect, not sent', async () => {
  const original = globalThis.fetch;
  const transport = new FetchTransport();
  try {
    globalThis.fetch = (async () => new Response('global')) as typeof fetch;
    assert.equal((await transport.request(request())).body, 'global');
    (globalThis as { fetch?: unknown }).fetch = undefined;
    const error = await transport.request(request()).catch((e: unknown) => e);
    assert.ok(error instanceof TransportError);
    assert.deepEqual(
      [error.failure, error.requestMayHaveBeenSent, error.message],
      ['connect', false, 'Failed to connect to service [this runtime has no fetch]'],
    );
  } finally {
    globalThis.fetch = original;
  }
  assert.throws(() => new FetchTransport({ fetch: 'no' as unknown as FetchFunction }), {
    name: 'TypeError',
    message: 'FetchTransport: options.fetch must be a function',
  });
});

test('an origin that is not a URL rejects with TypeError before fetch is called', async () => {
  const { calls, fetch } = answering(() => new Response(''));
  await assert.rejects(new FetchTransport({ fetch }).request(request({ origin: 'not a url' })), TypeError);
  assert.equal(calls.length, 0);
});

test('connection failures the runtime names are connect (not sent): codes on the error, its causes, an AggregateError', async () => {
  const coded = (code: string, message = 'fetch failed') => Object.assign(new Error(message), { code });
  for (const code of [
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EADDRNOTAVAIL',
    'UND_ERR_CONNECT_TIMEOUT',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    'ConnectionRefused',
    'FailedToOpenSocket',
    'UnableToConnect',
    'DNSError',
  ]) {
    const error = await failure(rejecting(coded(code)));
    assert.deepEqual(
      [error.failure, error.requestMayHaveBeenSent, error.message],
      ['connect', false, `Failed to connect to service [${code}]`],
    );
  }
  // undici: TypeError('fetch failed') whose cause (or the cause's cause) carries the code.
  const nested = new TypeError('fetch failed', { cause: new Error('x', { cause: coded('ECONNREFUSED') }) });
  assert.equal((await failure(rejecting(nested))).message, 'Failed to connect to service [ECONNREFUSED]');
  const third = new TypeError('a', { cause: new Error('b', { cause: new Error('c', { cause: coded('ENOTFOUND') }) }) });
  assert.equal((await failure(rejecting(third))).failure, 'connect', 'three levels down');
  const aggregate = new TypeError('fetch failed', {
    cause: Object.assign(new AggregateError([null, coded('ECONNRESET'), coded('ECONNREFUSED')], 'all addresses failed'), {}),
  });
  const error = await failure(rejecting(aggregate));
  assert.deepEqual(
    [error.failure, error.message, error.cause],
    ['connect', 'Failed to connect to service [ECONNREFUSED]', aggregate],
  );
});

test('a code five levels down is not looked for: the failure stays maybe sent', async () => {
  let deep: Error = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
  for (let i = 0; i < 4; i++) deep = new Error(`level ${i}`, { cause: deep });
  const error = await failure(rejecting(deep));
  assert.deepEqual([error.failure, error.requestMayHaveBeenSent], ['connection_lost', true]);
});

test('Deno and workerd say it in words: a message (or a cause message) that names a connection failure is connect', async () => {
  for (const [message, reason] of [
    ['error trying to connect: tcp connect error: Connection refused (os error 111)', 'tcp connect error'],
    ['Connection refused (os error 111)', 'connection refused'],
    ['TCP CONNECT ERROR', 'tcp connect error'],
    ['dns error: failed to lookup address information', 'dns error'],
    ['failed to lookup address information: nodename nor servname', 'failed to lookup address'],
    ['Name or service not known', 'name or service not known'],
    ['invalid certificate', 'invalid certificate'],
    ['certificate verify failed', 'certificate verify failed'],
    ['invalid peer certificate: UnknownIssuer', 'invalid peer certificate'],
    ['SSL routines: wrong version number', 'wrong version number'],
    ['TLS handshake eof', 'handshake'],
  ]) {
    const error = await failure(rejecting(new TypeError(message as string)));
    assert.deepEqual(
      [error.failure, error.requestMayHaveBeenSent, error.message],
      ['connect', false, `Failed to connect to service [${reason}]`],
      message,
    );
  }
  const inCause = await failure(rejecting(new TypeError('Network request failed', { cause: new Error('dns error') })));
  assert.equal(inCause.message, 'Failed to connect to service [dns error]');
});

test('any other rejection is connection_lost, maybe sent (a write is never repeated on a guess)', async () => {
  const reset = await failure(rejecting(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
  assert.deepEqual(
    [reset.failure, reset.requestMayHaveBeenSent, reset.message],
    ['connection_lost', true, 'The connection broke [ECONNRESET]'],
  );
  // A code that is not a connection failure wins over words that would be one.
  const coded = await failure(rejecting(Object.assign(new Error('connection refused'), { code: 'EPIPE' })));
  assert.deepEqual([coded.failure, coded.message], ['connection_lost', 'The connection broke [EPIPE]']);
  const named = await failure(rejecting(new TypeError('Load failed')));
  assert.deepEqual(
    [named.failure, named.requestMayHaveBeenSent, named.message],
    ['connection_lost', true, 'The connection broke [TypeError]'],
  );
  const odd = await failure(rejecting('a string'));
  assert.deepEqual([odd.failure, odd.message, odd.cause], ['connection_lost', 'The connection broke [unknown]', 'a string']);
  const nullish = await failure(rejecting(null));
  assert.equal(nullish.message, 'The connection broke [unknown]');
  const numericCode = await failure(rejecting(Object.assign(new Error('x'), { code: 111, errors: 'not a list' })));
  assert.equal(numericCode.message, 'The connection broke [Error]');
});

test('a signal aborted before the request: nothing is sent; fired while waiting: aborted, maybe sent', async () => {
  const { calls, fetch } = answering(() => new Response(''));
  const before = await failure(fetch, { signal: AbortSignal.abort() });
  assert.deepEqual(
    [before.failure, before.requestMayHaveBeenSent, before.message],
    ['aborted', false, 'The request was aborted'],
  );
  assert.equal(calls.length, 0);
  const controller = new AbortController();
  let seen: AbortSignal | undefined;
  const waiting: FetchFunction = (_url, init) =>
    new Promise((_resolve, reject) => {
      seen = init.signal as AbortSignal;
      seen.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      controller.abort();
    });
  const during = await failure(waiting, { signal: controller.signal });
  assert.deepEqual([during.failure, during.requestMayHaveBeenSent, during.message], ['aborted', true, 'The request was aborted']);
  assert.equal(seen?.aborted, true, "the caller's abort cancels the fetch");
});

test('a caller signal that fires after the answer changes nothing; the listener is removed', async () => {
  const controller = new AbortController();
  let added = 0;
  let removed = 0;
  const signal = controller.signal;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    if (args[0] === 'abort') added++;
    add(...args);
  }) as typeof add;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    if (args[0] === 'abort') removed++;
    remove(...args);
  }) as typeof remove;
  const response = await new FetchTransport(answering(() => new Response('done'))).request(request({ signal }));
  assert.equal(response.body, 'done');
  assert.deepEqual([added, removed], [1, 1]);
  controller.abort();
});

test('no answer within readTimeout: read_timeout, maybe sent; the fetch is cancelled', async () => {
  let seen: AbortSignal | undefined;
  const never: FetchFunction = (_url, init) =>
    new Promise((_resolve, reject) => {
      seen = init.signal as AbortSignal;
      seen.addEventListener('abort', () => reject(seen?.reason));
    });
  const error = await failure(never, { readTimeout: 1 });
  assert.deepEqual(
    [error.failure, error.requestMayHaveBeenSent, error.message],
    ['read_timeout', true, 'Service Unavailable [request timed out]'],
  );
  assert.equal(seen?.aborted, true);
  assert.equal(seen?.reason, error, 'the first reason to stop is the one reported');
});

test('a body that stalls after its first chunk: read_timeout', async () => {
  const stalled: FetchFunction = async (_url, init) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"partial":'));
        (init.signal as AbortSignal).addEventListener('abort', () => controller.error(new Error('cancelled')));
      },
    });
    return new Response(body);
  };
  const error = await failure(stalled, { readTimeout: 5 });
  assert.deepEqual([error.failure, error.requestMayHaveBeenSent], ['read_timeout', true]);
});

test('the size cap: a declared length over it fails before reading; a stream fails once it passes the cap', async () => {
  let cancelled = false;
  const declared = () =>
    new Response(
      new ReadableStream({
        cancel() {
          cancelled = true;
        },
      }),
      { headers: { 'content-length': '1001' } },
    );
  const early = await failure(answering(declared).fetch);
  assert.deepEqual(
    [early.failure, early.requestMayHaveBeenSent, early.message],
    ['response_too_large', true, 'The response body exceeded 1000 bytes'],
  );
  assert.equal(cancelled, true, 'the body is not read');
  assert.equal(
    (
      await new FetchTransport(
        answering(() => new Response('x'.repeat(1000), { headers: { 'content-length': '1000' } })),
      ).request(request())
    ).body.length,
    1000,
    'exactly the cap is allowed',
  );
  // A compressed body's declared length says nothing about the decoded size: it is counted as it streams.
  const encoded = await new FetchTransport(
    answering(() => streamed(['x'.repeat(10)], { headers: { 'content-length': '5000', 'content-encoding': 'gzip' } })),
  ).request(request());
  assert.equal(encoded.body, 'x'.repeat(10));
  let pulled = 0;
  const endless = () =>
    new Response(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(400));
        },
      }),
    );
  const streamedError = await failure(answering(endless).fetch);
  assert.deepEqual(
    [streamedError.failure, streamedError.message],
    ['response_too_large', 'The response body exceeded 1000 bytes'],
  );
  assert.ok(pulled <= 5, `the read stops at the cap (${pulled} chunks pulled)`);
  assert.equal(
    (await new FetchTransport(answering(() => streamed(['x'.repeat(600), 'y'.repeat(400)]))).request(request())).body.length,
    1000,
  );
});

test('a body whose stream breaks: connection_lost while reading, maybe sent', async () => {
  const broken = await failure(answering(() => streamed(['{"a":', new Error('reset')])).fetch);
  assert.deepEqual(
    [broken.failure, broken.requestMayHaveBeenSent, broken.message],
    ['connection_lost', true, 'The connection broke while reading [Error]'],
  );
  assert.equal((broken.cause as Error).message, 'reset');
  const odd = await failure(
    answering(
      () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              controller.error('not an Error');
            },
          }),
        ),
    ).fetch,
  );
  assert.equal(odd.message, 'The connection broke while reading [unknown]');
});

test('close() has nothing to release', () => {
  assert.equal(new FetchTransport().close(), undefined);
});

test('set-cookie, which fetch hands over one value at a time, is joined like any repeated header', async () => {
  const headers = new Headers();
  headers.append('set-cookie', 'a=1');
  headers.append('set-cookie', 'b=2');
  const response = await new FetchTransport(answering(() => new Response('', { headers }))).request(request());
  assert.equal(response.headers['set-cookie'], 'a=1, b=2');
});

test('an AggregateError whose errors carry no code is judged by its words', async () => {
  const error = await failure(rejecting(new AggregateError([{}, new Error('x')], 'connection refused')));
  assert.deepEqual([error.failure, error.requestMayHaveBeenSent], ['connect', false]);
});

test('words are looked for four levels deep, like codes; a cause that loops back ends the search', async () => {
  let deep: Error = new Error('connection refused');
  for (let i = 0; i < 4; i++) deep = new Error(`level ${i}`, { cause: deep });
  assert.equal((await failure(rejecting(deep))).failure, 'connection_lost');
  const looping = new Error('socket hang up');
  looping.cause = looping;
  const error = await failure(rejecting(looping));
  assert.deepEqual([error.failure, error.message], ['connection_lost', 'The connection broke [Error]']);
});
