import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
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

test('transport: a gzip answer is decompressed', async () => {
  const json = JSON.stringify({ type: 'admin.list', admins: Array.from({ length: 50 }, (_, i) => ({ id: String(i) })) });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(gzipSync(json));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const transport = new NodeHttpTransport();
  try {
    const response = await transport.request(request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
    assert.equal(response.body, json);
    assert.equal(response.headers['content-encoding'], 'gzip');
  } finally {
    transport.close();
    server.close();
  }
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

test('transport: an https origin speaks TLS', async () => {
  // A plain TCP server: the first byte a TLS client sends is a handshake record (0x16).
  let first: number | undefined;
  const server = net.createServer((socket) => {
    socket.once('data', (chunk) => {
      first = chunk[0];
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const transport = new NodeHttpTransport();
  try {
    await assert.rejects(
      transport.request(request(`https://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      TransportError,
    );
    assert.equal(first, 0x16);
  } finally {
    transport.close();
    server.close();
  }
});

test('transport: an origin that is not a URL rejects', async () => {
  const transport = new NodeHttpTransport();
  await assert.rejects(transport.request(request('not a url')), TypeError);
});
