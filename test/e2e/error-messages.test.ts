/** Errors name what they can: the caller's own timeout, and the host and port that refused. */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { Client, ServiceConnectionError, ServiceUnavailableError } from 'intercom-ts';

/** A server on 127.0.0.1 that never answers. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test("a per-call timeout says it was the caller's timeout, with its value, not 'Service Unavailable'", async () => {
  const server = await silentServer();
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 2 });
  try {
    for (const call of [
      () => intercom.admins.me({ timeout: 150 }),
      () => intercom.post('/notes', { body: 'x' }, { timeout: 150 }),
    ]) {
      await assert.rejects(call(), (error: unknown) => {
        assert.ok(error instanceof ServiceUnavailableError, String(error));
        assert.match(error.message, /the call's timeout of 150 ms \(RequestOptions\.timeout\) ran out/);
        assert.doesNotMatch(error.message, /Service Unavailable/);
        return true;
      });
    }
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a refused connection names the host and port', async () => {
  const server = await silentServer();
  const { url } = server;
  await server.close();
  const port = new URL(url).port;
  const intercom = new Client({ token: 't', baseUrl: url, maxRetries: 0 });
  try {
    await assert.rejects(intercom.admins.me(), (error: unknown) => {
      assert.ok(error instanceof ServiceConnectionError, String(error));
      assert.match(error.message, /ECONNREFUSED/);
      assert.ok(error.message.includes(`127.0.0.1:${port}`), error.message);
      return true;
    });
  } finally {
    intercom.close();
  }
});
