// The cases every transport shares (gzip, TLS, caps, timeouts, abort, failure kinds) are one table in
// test/runtimes/transports.test.ts, run against NodeHttpTransport and FetchTransport.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer, Socket } from 'node:net';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { NodeHttpTransport, TransportError, type TransportRequest } from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';

const request = (origin: string, path = '/admins'): TransportRequest => ({
  method: 'GET',
  origin,
  path,
  headers: { accept: 'application/json' },
  connectTimeout: 2_000,
  readTimeout: 2_000,
  maxResponseBytes: 1_000_000,
});

test('transport: the first requests, sent together, share one pool of kept-alive connections', async () => {
  const server = await scriptedServer(() => ({ body: { type: 'admin', id: '1' }, delayMs: 20 }));
  const transport = new NodeHttpTransport();
  try {
    await Promise.all([transport.request(request(server.url)), transport.request(request(server.url))]);
    await Promise.all([transport.request(request(server.url)), transport.request(request(server.url))]);
    const ports = new Set(server.received.map((r) => r.remotePort));
    assert.equal(server.received.length, 4);
    assert.equal(ports.size, 2, 'the later requests reuse the first two connections');
  } finally {
    transport.close();
    await server.close();
  }
});

/** A loopback server with a raw handler (on `host`); closes every socket when done. */
async function serve(handler: http.RequestListener, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  // Idle kept-alive sockets stay open until the client ends them (close() is what ends them).
  server.keepAliveTimeout = 0;
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The TransportError `promise` rejects with. */
async function failureOf(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransportError, String(error));
    return error;
  }
  assert.fail('no failure');
}

test('transport: gzip is recognised in any case and as x-gzip; an empty gzip body is empty; a body that is not gzip is connection_lost', async () => {
  const gzipped = gzipSync('{"ok":true}');
  const server = await serve((req, res) => {
    const encoding = req.url === '/x-gzip' ? 'x-gzip' : req.url === '/upper' ? ' GZIP ' : 'gzip';
    res.writeHead(200, { 'content-encoding': encoding });
    res.end(req.url === '/empty' ? '' : req.url === '/broken' ? 'not gzip at all' : gzipped);
  });
  const transport = new NodeHttpTransport();
  try {
    for (const path of ['/gzip', '/x-gzip', '/upper']) {
      assert.equal((await transport.request(request(server.url, path))).body, '{"ok":true}', path);
    }
    assert.equal((await transport.request(request(server.url, '/empty'))).body, '');
    const broken = await failureOf(transport.request(request(server.url, '/broken')));
    assert.equal(broken.failure, 'connection_lost');
    assert.equal(broken.requestMayHaveBeenSent, true);
    assert.match(broken.message, /^Could not decompress the response: /);
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: a body exactly at the cap is read; one byte more is response_too_large', async () => {
  const server = await serve((req, res) => {
    res.writeHead(200);
    res.end('x'.repeat(req.url === '/over' ? 101 : 100));
  });
  const transport = new NodeHttpTransport();
  try {
    assert.equal((await transport.request({ ...request(server.url, '/at'), maxResponseBytes: 100 })).body.length, 100);
    const over = await failureOf(transport.request({ ...request(server.url, '/over'), maxResponseBytes: 100 }));
    assert.deepEqual([over.failure, over.message], ['response_too_large', 'The response body exceeded 100 bytes']);
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: a body is sent with its byte length; headers come back lower-case with repeats joined', async () => {
  let received: { method?: string | undefined; length?: string | undefined; body: string } = { body: '' };
  const server = await serve((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received = { method: req.method, length: req.headers['content-length'], body: Buffer.concat(chunks).toString('utf8') };
      res.setHeader('X-Multi', ['a', 'b']);
      res.writeHead(201);
      res.end('{}');
    });
  });
  const transport = new NodeHttpTransport();
  try {
    const response = await transport.request({ ...request(server.url), method: 'POST', body: '{"name":"é"}' });
    assert.deepEqual(received, { method: 'POST', length: '13', body: '{"name":"é"}' });
    assert.equal(response.status, 201);
    assert.equal(response.headers['x-multi'], 'a, b');
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: an IPv6 origin in brackets is reached', async (t) => {
  let server: Awaited<ReturnType<typeof serve>>;
  try {
    server = await serve((_req, res) => res.end('six'), '::1');
  } catch {
    t.skip('no IPv6 loopback here');
    return;
  }
  const transport = new NodeHttpTransport();
  try {
    assert.equal((await transport.request(request(server.url))).body, 'six');
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: maxSockets bounds the pool; the signal listener is removed once answered', async () => {
  const server = await scriptedServer(() => ({ body: { ok: true }, delayMs: 10 }));
  const transport = new NodeHttpTransport({ maxSockets: 1 });
  const controller = new AbortController();
  let listeners = 0;
  const add = controller.signal.addEventListener.bind(controller.signal);
  const remove = controller.signal.removeEventListener.bind(controller.signal);
  controller.signal.addEventListener = ((...args: Parameters<typeof add>) => {
    if (args[0] === 'abort') listeners++;
    add(...args);
  }) as typeof add;
  controller.signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    if (args[0] === 'abort') listeners--;
    remove(...args);
  }) as typeof remove;
  try {
    await Promise.all([1, 2, 3].map(() => transport.request({ ...request(server.url), signal: controller.signal })));
    assert.equal(new Set(server.received.map((r) => r.remotePort)).size, 1, 'one socket, reused');
    assert.equal(listeners, 0);
    controller.abort();
  } finally {
    transport.close();
    await server.close();
  }
});

/** An AbortSignal whose 'abort' listeners are counted: added minus removed. */
function countedSignal(): { signal: AbortSignal; controller: AbortController; listening: () => number } {
  const controller = new AbortController();
  const signal = controller.signal;
  let listening = 0;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((...args: Parameters<typeof add>) => {
    if (args[0] === 'abort') listening++;
    add(...args);
  }) as typeof add;
  signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
    if (args[0] === 'abort') listening--;
    remove(...args);
  }) as typeof remove;
  return { signal, controller, listening: () => listening };
}

test('transport: the failures say what happened: refused, dropped after the request, dropped mid-body, timed out, aborted', async () => {
  const server = await serve((req, res) => {
    if (req.url === '/drop') req.socket.destroy();
    else if (req.url === '/partial') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial');
      setImmediate(() => req.socket.destroy());
    } else if (req.url === '/slow') {
      // Never answers: the read timeout fires.
    }
  });
  const transport = new NodeHttpTransport();
  try {
    const counted = countedSignal();
    const dropped = await failureOf(transport.request({ ...request(server.url, '/drop'), signal: counted.signal }));
    assert.deepEqual(
      [dropped.failure, dropped.requestMayHaveBeenSent, dropped.message],
      ['connection_lost', true, 'The connection broke [ECONNRESET]'],
    );
    assert.equal(counted.listening(), 0, 'the abort listener is removed on failure');
    const partial = await failureOf(transport.request(request(server.url, '/partial')));
    assert.deepEqual(
      [partial.failure, partial.requestMayHaveBeenSent, partial.message],
      ['connection_lost', true, 'The connection broke while reading the response'],
    );
    const slow = await failureOf(transport.request({ ...request(server.url, '/slow'), readTimeout: 50 }));
    assert.deepEqual(
      [slow.failure, slow.requestMayHaveBeenSent, slow.message],
      ['read_timeout', true, 'Service Unavailable [request timed out]'],
    );
    const aborted = await failureOf(transport.request({ ...request(server.url, '/slow'), signal: AbortSignal.abort() }));
    assert.deepEqual(
      [aborted.failure, aborted.requestMayHaveBeenSent, aborted.message],
      ['aborted', false, 'The request was aborted'],
    );
  } finally {
    transport.close();
    await server.close();
  }
  const refused = await failureOf(new NodeHttpTransport().request(request(server.url)));
  assert.deepEqual(
    [refused.failure, refused.requestMayHaveBeenSent, refused.message],
    ['connect', false, 'Failed to connect to service [ECONNREFUSED]'],
  );
});

test('transport: a gzip body that inflates past the cap is response_too_large, maybe sent', async () => {
  const bomb = gzipSync('x'.repeat(10_000));
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  const transport = new NodeHttpTransport();
  try {
    const error = await failureOf(transport.request({ ...request(server.url), maxResponseBytes: 1_000 }));
    assert.deepEqual(
      [error.failure, error.requestMayHaveBeenSent, error.message],
      ['response_too_large', true, 'The response body exceeded 1000 bytes'],
    );
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: close() ends the kept-alive connections', async () => {
  let connectionClosed: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    connectionClosed = resolve;
  });
  const server = await serve((req, res) => {
    req.socket.once('close', () => connectionClosed());
    res.end('ok');
  });
  const transport = new NodeHttpTransport();
  try {
    await transport.request(request(server.url));
    transport.close();
    await closed;
  } finally {
    await server.close();
  }
});

test('transport: a connection that does not open within connectTimeout is connect_timeout, not sent', async () => {
  const createConnection = http.Agent.prototype.createConnection;
  // A socket that never finishes connecting: what a host that drops the SYN looks like.
  http.Agent.prototype.createConnection = function neverConnects() {
    const socket = new Socket();
    (socket as { connecting: boolean }).connecting = true;
    return socket;
  } as typeof createConnection;
  const transport = new NodeHttpTransport();
  try {
    const error = await failureOf(
      transport.request({ ...request('http://127.0.0.1:9'), connectTimeout: 20, readTimeout: 60_000 }),
    );
    assert.deepEqual(
      [error.failure, error.requestMayHaveBeenSent, error.message],
      ['connect_timeout', false, 'Failed to connect to service [connection attempt timed out]'],
    );
  } finally {
    http.Agent.prototype.createConnection = createConnection;
    transport.close();
  }
});

test('transport: over https the connect timeout lasts until the TLS handshake is done: a silent server is connect_timeout, not sent', async () => {
  // TCP connects at once, but the server never answers the TLS hello.
  const sockets = new Set<net.Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const transport = new NodeHttpTransport();
  try {
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const error = await failureOf(transport.request({ ...request(origin), connectTimeout: 100, readTimeout: 3_000 }));
    assert.deepEqual([error.failure, error.requestMayHaveBeenSent], ['connect_timeout', false]);
    assert.equal(sockets.size, 1, 'the TCP connection was made');
  } finally {
    transport.close();
    for (const socket of sockets) socket.destroy();
    server.close();
  }
});

test('transport: once connected, the connect timeout no longer applies to a slow answer', async () => {
  const server = await scriptedServer(() => ({ body: { ok: true }, delayMs: 1_500 }));
  const transport = new NodeHttpTransport();
  try {
    const response = await transport.request({ ...request(server.url), connectTimeout: 1_000 });
    assert.equal(response.status, 200);
  } finally {
    transport.close();
    await server.close();
  }
});

test('transport: over https too, once the TLS handshake is done the connect timeout no longer applies to a slow answer', async () => {
  const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/tls/${name}`, import.meta.url));
  const cert = fixture('cert.pem');
  const server = https.createServer({ key: fixture('key.pem'), cert }, (_req, res) => {
    setTimeout(() => res.end('{"ok":true}'), 1_500);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // The transport's agents trust the system's CAs; this test's agent also trusts the fixture's certificate.
  const createConnection = https.Agent.prototype.createConnection;
  https.Agent.prototype.createConnection = function trustingFixture(this: https.Agent, options, callback) {
    return createConnection.call(this, { ...options, ca: cert }, callback);
  } as typeof createConnection;
  const transport = new NodeHttpTransport();
  try {
    const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await transport.request({ ...request(origin), connectTimeout: 1_000, readTimeout: 5_000 });
    assert.deepEqual([response.status, response.body], [200, '{"ok":true}']);
  } finally {
    https.Agent.prototype.createConnection = createConnection;
    transport.close();
    server.closeAllConnections();
    server.close();
  }
});
