// The cases every transport shares (gzip, TLS, caps, timeouts, abort, failure kinds) are one table in
// test/runtimes/transports.test.ts, run against NodeHttpTransport and FetchTransport.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NodeHttpTransport, type TransportRequest } from 'intercom-ts';
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
