/**
 * One table of transport cases, run against NodeHttpTransport and FetchTransport alike: both must
 * honour the same {@link Transport} contract (decoding, caps, timeouts, abort, failure kinds and
 * whether the request may have been sent).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { FetchTransport, NodeHttpTransport, type Transport, TransportError, type TransportRequest } from 'intercom-ts';
import { SUITE_TOKEN } from '../helpers/secrets.js';

const request = (origin: string, path = '/admins', extra: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  origin,
  path,
  headers: { accept: 'application/json' },
  connectTimeout: 2_000,
  readTimeout: 2_000,
  maxResponseBytes: 1_000_000,
  ...extra,
});

/** A loopback server with a raw request handler; closes every socket when done. */
async function serve(handler: http.RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A failure as a transport must report it. */
async function failure(promise: Promise<unknown>): Promise<TransportError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransportError, `expected a TransportError, got ${String(error)}`);
    return error;
  }
  assert.fail('the request did not fail');
}

const transports: Array<[string, () => Transport]> = [
  ['NodeHttpTransport', () => new NodeHttpTransport()],
  ['FetchTransport', () => new FetchTransport()],
];

for (const [name, make] of transports) {
  describe(name, () => {
    const withTransport = async (fn: (transport: Transport) => Promise<void>): Promise<void> => {
      const transport = make();
      try {
        await fn(transport);
      } finally {
        transport.close();
      }
    };

    test('transport: a gzip answer is decompressed', async () => {
      const json = JSON.stringify({ type: 'admin.list', admins: Array.from({ length: 50 }, (_, i) => ({ id: String(i) })) });
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync(json));
      });
      try {
        await withTransport(async (transport) => {
          const response = await transport.request(request(server.url));
          assert.equal(response.body, json);
          assert.equal(response.headers['content-encoding'], 'gzip');
        });
      } finally {
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
      try {
        await withTransport(async (transport) => {
          await assert.rejects(
            transport.request(request(`https://127.0.0.1:${(server.address() as AddressInfo).port}`)),
            TransportError,
          );
          assert.equal(first, 0x16);
        });
      } finally {
        server.close();
      }
    });

    test('transport: an origin that is not a URL rejects', async () => {
      await withTransport(async (transport) => {
        await assert.rejects(transport.request(request('not a url')), TypeError);
      });
    });

    test('sends the method, path, headers and body; answers status, lower-case headers (repeats joined) and body', async () => {
      let seen: { method?: string | undefined; url?: string | undefined; headers?: http.IncomingHttpHeaders; body?: string } = {};
      const server = await serve((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          seen = { method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
          res.writeHead(201, [
            ['Content-Type', 'application/json'],
            ['X-Thing', 'a'],
            ['X-Thing', 'b'],
          ]);
          res.end('{"type":"user","name":"Zoë 🎉"}');
        });
      });
      try {
        await withTransport(async (transport) => {
          const body = JSON.stringify({ email: 'zoë@example.com' });
          const response = await transport.request(
            request(server.url, '/users?x=1&y=%C3%A9', {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
              body,
            }),
          );
          assert.equal(seen.method, 'POST');
          assert.equal(seen.url, '/users?x=1&y=%C3%A9');
          assert.equal(seen.headers?.['x-custom'], 'yes');
          assert.equal(seen.headers?.['content-length'], String(Buffer.byteLength(body)));
          assert.equal(seen.body, body);
          assert.equal(response.status, 201);
          assert.equal(response.headers['content-type'], 'application/json');
          assert.equal(response.headers['x-thing'], 'a, b');
          assert.equal(response.body, '{"type":"user","name":"Zoë 🎉"}');
        });
      } finally {
        await server.close();
      }
    });

    test('a multi-byte character split across chunks, and a leading BOM, decode as Buffer#toString does', async () => {
      const bytes = Buffer.from('\uFEFF{"name":"Zoë 🎉"}', 'utf8');
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        // Split inside the 4-byte emoji.
        const cut = bytes.indexOf(0xf0) + 2;
        res.write(bytes.subarray(0, cut));
        setTimeout(() => res.end(bytes.subarray(cut)), 20);
      });
      try {
        await withTransport(async (transport) => {
          const response = await transport.request(request(server.url));
          assert.equal(response.body, bytes.toString('utf8'));
        });
      } finally {
        await server.close();
      }
    });

    test('a redirect is answered as it is, not followed', async () => {
      const paths: string[] = [];
      const server = await serve((req, res) => {
        paths.push(req.url ?? '');
        res.writeHead(302, { location: '/elsewhere' });
        res.end();
      });
      try {
        await withTransport(async (transport) => {
          const response = await transport.request(request(server.url));
          assert.equal(response.status, 302);
          assert.equal(response.headers.location, '/elsewhere');
          assert.deepEqual(paths, ['/admins']);
        });
      } finally {
        await server.close();
      }
    });

    test('a body over maxResponseBytes fails as response_too_large, on the stream (not after reading it all)', async () => {
      let written = 0;
      let finished = false;
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        // No content-length: chunked. 64 kB chunks until the client gives up, at most 64 MB.
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const pump = (): void => {
          while (written < 64 * 1024 * 1024) {
            written += chunk.length;
            if (!res.write(chunk)) {
              res.once('drain', pump);
              return;
            }
          }
          finished = true;
          res.end();
        };
        res.on('close', () => {});
        pump();
      });
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/admins', { maxResponseBytes: 100_000 })));
          assert.equal(error.failure, 'response_too_large');
          assert.equal(error.requestMayHaveBeenSent, true);
          assert.equal(finished, false, 'the server was not read to the end');
        });
      } finally {
        await server.close();
      }
    });

    test('a declared content-length over maxResponseBytes fails as response_too_large', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.end(' '.repeat(5000));
      });
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/admins', { maxResponseBytes: 1000 })));
          assert.equal(error.failure, 'response_too_large');
        });
      } finally {
        await server.close();
      }
    });

    test('the cap applies to the decoded bytes of a gzip answer (a small gzip bomb fails)', async () => {
      // 5 MB of spaces compress to about 5 kB: under the cap compressed, far over it decoded.
      const bomb = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(bomb);
      });
      try {
        await withTransport(async (transport) => {
          assert.ok(bomb.length < 100_000);
          const error = await failure(transport.request(request(server.url, '/admins', { maxResponseBytes: 100_000 })));
          assert.equal(error.failure, 'response_too_large');
        });
      } finally {
        await server.close();
      }
    });

    test('a server that never answers fails as read_timeout, maybe sent', async () => {
      const server = await serve(() => {});
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/admins', { readTimeout: 150 })));
          assert.equal(error.failure, 'read_timeout');
          assert.equal(error.requestMayHaveBeenSent, true);
        });
      } finally {
        await server.close();
      }
    });

    test('a body that stalls half-way fails as read_timeout', async () => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"type":');
      });
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/admins', { readTimeout: 150 })));
          assert.equal(error.failure, 'read_timeout');
          assert.equal(error.requestMayHaveBeenSent, true);
        });
      } finally {
        await server.close();
      }
    });

    test('a refused connection fails as connect, not sent (so even a POST may be retried)', async () => {
      const server = await serve(() => {});
      const url = server.url;
      await server.close();
      await withTransport(async (transport) => {
        const error = await failure(transport.request(request(url, '/users', { method: 'POST', body: '{}' })));
        assert.equal(error.failure, 'connect');
        assert.equal(error.requestMayHaveBeenSent, false);
      });
    });

    test('a connection dropped after the request arrived fails as connection_lost, maybe sent', async () => {
      const server = await serve((req) => {
        req.resume();
        req.on('end', () => req.socket.destroy());
      });
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/users', { method: 'POST', body: '{}' })));
          assert.equal(error.failure, 'connection_lost');
          assert.equal(error.requestMayHaveBeenSent, true);
        });
      } finally {
        await server.close();
      }
    });

    test('a signal aborted before the request is never sent', async () => {
      let arrived = 0;
      const server = await serve((_req, res) => {
        arrived++;
        res.end('{}');
      });
      try {
        await withTransport(async (transport) => {
          const error = await failure(transport.request(request(server.url, '/admins', { signal: AbortSignal.abort() })));
          assert.equal(error.failure, 'aborted');
          assert.equal(error.requestMayHaveBeenSent, false);
          assert.equal(arrived, 0);
        });
      } finally {
        await server.close();
      }
    });

    test('a signal fired while waiting for the answer, or while reading the body, aborts', async () => {
      const server = await serve((req, res) => {
        if (req.url === '/body') {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
          res.write('{"type":');
        }
      });
      try {
        await withTransport(async (transport) => {
          for (const path of ['/headers', '/body']) {
            const controller = new AbortController();
            const pending = transport.request(request(server.url, path, { signal: controller.signal }));
            setTimeout(() => controller.abort(), 50);
            const error = await failure(pending);
            assert.equal(error.failure, 'aborted', path);
          }
        });
      } finally {
        await server.close();
      }
    });

    test('no failure shows the authorization header', async () => {
      const server = await serve((req) => {
        req.resume();
        req.on('end', () => req.socket.destroy());
      });
      try {
        await withTransport(async (transport) => {
          const headers = { authorization: `Bearer ${SUITE_TOKEN}` };
          const errors = [
            await failure(transport.request(request(server.url, '/users', { headers }))),
            await failure(transport.request(request(server.url, '/users', { headers, signal: AbortSignal.abort() }))),
          ];
          for (const error of errors) {
            assert.doesNotMatch(`${error.message} ${String(error.cause)} ${error.stack}`, /SUITE_SECRET/);
          }
        });
      } finally {
        await server.close();
      }
    });
  });
}

test('FetchTransport sends with the fetch it is given', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"type":"admin"}');
  });
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const transport = new FetchTransport({
    fetch: (url, init) => {
      calls.push({ url, init });
      return fetch(url, init);
    },
  });
  try {
    const response = await transport.request(request(server.url, '/admins/1'));
    assert.equal(response.body, '{"type":"admin"}');
    assert.equal(calls[0]?.url, `${server.url}/admins/1`);
    assert.equal(calls[0]?.init.redirect, 'manual');
    assert.throws(() => new FetchTransport({ fetch: 'no' as unknown as undefined }), TypeError);
  } finally {
    await server.close();
  }
});
