import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  Client,
  InvalidParameterError,
  MisconfiguredClientError,
  RequestAbortedError,
  ServiceConnectionError,
  UnexpectedResponseError,
} from 'intercom-ts';
import { startSandbox } from 'intercom-ts/sandbox';
import { scriptedServer } from '../helpers/raw-http.js';
import { SUITE_TOKEN } from '../helpers/secrets.js';

test('a scroll page whose answer was lost is not sent again (the scroll may have moved on)', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, seed: 'empty' });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 3 });
  try {
    for (let i = 0; i < 250; i++) await intercom.users.create({ user_id: `l${i}` });
    let read = 0;
    await assert.rejects(
      (async () => {
        for await (const _ of intercom.users.scroll()) {
          read++;
          if (read === 100) sandbox.inject({ path: '/users/scroll', kind: 'reset-after' });
        }
      })(),
      (error: unknown) => {
        assert.ok(error instanceof ServiceConnectionError);
        assert.equal(error.outcomeUnknown, true, 'the caller learns a page may be lost');
        return true;
      },
    );
    assert.equal(read, 100, 'no page was silently skipped');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a user upsert that counts a session is not repeated after a lost answer', async () => {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, seed: 'empty' });
  const intercom = new Client({ token: sandbox.token, baseUrl: sandbox.url, maxRetries: 3 });
  try {
    sandbox.inject({ path: '/users', method: 'POST', kind: 'reset-after' });
    await assert.rejects(intercom.users.create({ user_id: 'sess', new_session: true }), (error: unknown) => {
      assert.ok(error instanceof ServiceConnectionError);
      assert.equal(error.outcomeUnknown, true);
      return true;
    });
    assert.equal(sandbox.store.userByUserId('sess', 'user')?.session_count, 1, 'one session, not two');
  } finally {
    intercom.close();
    await sandbox.close();
  }
});

test('a gzip body over maxResponseBytes is a response too large, not a lost connection, and is not fetched again', async () => {
  let requests = 0;
  const server = http.createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'GZIP' });
    res.end(gzipSync(JSON.stringify({ type: 'admin', id: '1', padding: 'x'.repeat(50_000) })));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const intercom = new Client({ token: 't', baseUrl: `http://127.0.0.1:${port}`, maxResponseBytes: 10_000 });
  try {
    await assert.rejects(intercom.admins.me(), UnexpectedResponseError);
    assert.equal(requests, 1);
    const roomy = new Client({ token: 't', baseUrl: `http://127.0.0.1:${port}` });
    assert.equal((await roomy.admins.me()).id, '1', 'a gzip body (any case of the header) is inflated');
    roomy.close();
  } finally {
    intercom.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("pacing follows the server's clock: a client whose clock runs ahead still sends concurrently", async () => {
  let inFlight = 0;
  let most = 0;
  const hourMs = 3_600_000;
  const server = await scriptedServer(async () => {
    inFlight++;
    most = Math.max(most, inFlight);
    await new Promise((r) => setTimeout(r, 20));
    inFlight--;
    const serverNow = Date.now() - hourMs; // the server is an hour behind this machine
    return {
      body: { type: 'admin', id: '1' },
      headers: {
        date: new Date(serverNow).toUTCString(),
        'x-ratelimit-limit': '1000',
        'x-ratelimit-remaining': '900',
        'x-ratelimit-reset': String(Math.floor(serverNow / 1000) + 10),
      },
    };
  });
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await intercom.admins.me(); // learn the clocks
    await Promise.all(Array.from({ length: 40 }, () => intercom.admins.me()));
    assert.ok(most > 1, `requests went concurrently (${most} at most in flight)`);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('a slow first answer holds other calls back for a second at most', async () => {
  const server = await scriptedServer(async (_r, n) => {
    if (n === 0) await new Promise((r) => setTimeout(r, 2500));
    return { body: { type: 'admin', id: String(n) } };
  });
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    const order: string[] = [];
    const slow = intercom.admins.me().then(() => order.push('slow'));
    await new Promise((r) => setTimeout(r, 50));
    const fast = intercom.admins.me().then(() => order.push('fast'));
    await Promise.all([slow, fast]);
    assert.deepEqual(order, ['fast', 'slow']);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('an already-aborted signal fails at once, even when every slot is taken', async () => {
  const server = await scriptedServer(async () => {
    await new Promise((r) => setTimeout(r, 300));
    return { body: { type: 'admin', id: '1' } };
  });
  const intercom = new Client({ token: 't', baseUrl: server.url, maxConcurrency: 1 });
  try {
    const busy = intercom.admins.me();
    const order: string[] = [];
    const aborted = intercom.admins.me({ signal: AbortSignal.abort() }).catch((e: unknown) => {
      order.push('aborted');
      assert.ok(e instanceof RequestAbortedError);
    });
    await Promise.all([busy.then(() => order.push('busy')), aborted]);
    assert.deepEqual(order, ['aborted', 'busy']);
  } finally {
    intercom.close();
    await server.close();
  }
});

test('timer limits, bad URLs and bodies that are not JSON are refused before sending', async () => {
  assert.throws(() => new Client({ token: 't', readTimeout: 3e9 }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', connectTimeout: 2 ** 31 }), MisconfiguredClientError);
  assert.throws(() => new Client({ token: 't', maxResponseBytes: 5e9 }), MisconfiguredClientError);
  assert.throws(
    () => new Client({ token: 't', baseUrl: 'https://u:PW_SECRET@host:99999/' }),
    (error: unknown) => {
      assert.ok(error instanceof MisconfiguredClientError);
      assert.doesNotMatch(String(error), /PW_SECRET/);
      return true;
    },
  );
  const server = await scriptedServer(() => ({ body: {} }));
  const intercom = new Client({ token: 't', baseUrl: server.url });
  try {
    await assert.rejects(intercom.get('/me', undefined, { timeout: 3e9 }), InvalidParameterError);
    await assert.rejects(intercom.get('http://'), InvalidParameterError);
    await assert.rejects(intercom.post('/notes', { n: 1n }), InvalidParameterError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await assert.rejects(intercom.post('/notes', cyclic), InvalidParameterError);
    assert.equal(server.received.length, 0);
  } finally {
    intercom.close();
    await server.close();
  }
});
