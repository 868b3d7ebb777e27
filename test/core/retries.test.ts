import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  Client,
  RateLimitExceeded,
  RequestAbortedError,
  ServerError,
  ServiceUnavailableError,
  UnexpectedResponseError,
} from 'intercom-ts';
import { type Received, type Scripted, scriptedServer } from '../helpers/raw-http.js';

async function withServer(
  respond: (req: Received, n: number) => Scripted,
  run: (intercom: Client, received: Received[]) => Promise<void>,
  options = {},
) {
  const server = await scriptedServer(respond);
  const intercom = new Client({ token: 't', baseUrl: server.url, ...options });
  try {
    await run(intercom, server.received);
  } finally {
    intercom.close();
    await server.close();
  }
}

const ok: Scripted = { body: { type: 'admin', id: '1' } };

for (const status of [408, 500, 502, 503, 504]) {
  test(`a GET that gets ${status} is retried and succeeds`, async () => {
    await withServer(
      (_r, n) => (n === 0 ? { status, body: '' } : ok),
      async (intercom, received) => {
        assert.equal((await intercom.admins.me()).id, '1');
        assert.equal(received.length, 2);
      },
    );
  });
}

test('a GET whose connection drops is retried', async () => {
  await withServer(
    (_r, n) => (n === 0 ? { destroy: true } : ok),
    async (intercom, received) => {
      assert.equal((await intercom.admins.me()).id, '1');
      assert.equal(received.length, 2);
    },
  );
});

test('retries stop after maxRetries (default 2): three attempts, then the typed error', async () => {
  await withServer(
    () => ({ status: 500, body: '' }),
    async (intercom, received) => {
      await assert.rejects(intercom.admins.me(), ServerError);
      assert.equal(received.length, 3);
      received.length = 0;
      await assert.rejects(intercom.admins.me({ maxRetries: 0 }), ServerError);
      assert.equal(received.length, 1, 'per-call maxRetries wins');
    },
  );
});

test('an upsert (users.create) is repeated after a 503; a note-like POST is not, and says outcomeUnknown', async () => {
  await withServer(
    (r, n) =>
      n === 0
        ? { status: 503, body: '' }
        : r.path === '/users'
          ? { body: { type: 'user', id: 'u1', custom_attributes: {} } }
          : { status: 503, body: '' },
    async (intercom, received) => {
      assert.equal((await intercom.users.create({ email: 'a@example.com' })).id, 'u1');
      assert.equal(received.length, 2);
      received.length = 0;
      await assert.rejects(intercom.post('/notes', { body: 'x' }), (error: unknown) => {
        assert.ok(error instanceof ServiceUnavailableError);
        assert.equal(error.outcomeUnknown, true);
        return true;
      });
      assert.equal(received.length, 1);
    },
  );
});

test('a 429 was not acted upon, so even a non-repeatable POST is retried after it', async () => {
  const reset = () => String(Math.floor(Date.now() / 1000));
  await withServer(
    (_r, n) =>
      n === 0 ? { status: 429, body: '', headers: { 'X-RateLimit-Reset': reset() } } : { body: { type: 'note', id: '9' } },
    async (intercom, received) => {
      assert.deepEqual(await intercom.post('/notes', { body: 'x' }), { type: 'note', id: '9' });
      assert.equal(received.length, 2);
    },
  );
});

test('a 429 with maxRetries 0 and no handleRateLimit throws RateLimitExceeded at once', async () => {
  await withServer(
    () => ({ status: 429, body: '' }),
    async (intercom, received) => {
      await assert.rejects(intercom.admins.me({ maxRetries: 0 }), RateLimitExceeded);
      assert.equal(received.length, 1);
    },
  );
});

test('timeout bounds the whole call: no retry starts past the deadline', async () => {
  await withServer(
    () => ({ status: 503, body: '' }),
    async (intercom, received) => {
      await assert.rejects(intercom.admins.me({ timeout: 300, maxRetries: 10 }), ServiceUnavailableError);
      assert.ok(received.length < 10, `gave up before using every retry (${received.length} attempts)`);
    },
  );
});

test('an AbortSignal cancels a call in flight and while it waits to retry', async () => {
  await withServer(
    () => ({ hang: true }),
    async (intercom) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      await assert.rejects(intercom.admins.me({ signal: controller.signal }), RequestAbortedError);
    },
  );
  await withServer(
    () => ({ status: 503, body: '' }),
    async (intercom, received) => {
      const controller = new AbortController();
      const call = intercom.admins.me({ signal: controller.signal, maxRetries: 5 });
      setTimeout(() => controller.abort(), 100);
      await assert.rejects(call, RequestAbortedError);
      assert.equal(received.length, 1, 'aborted during the backoff wait');
    },
  );
  const aborted = AbortSignal.abort();
  await withServer(
    () => ok,
    async (intercom, received) => {
      await assert.rejects(intercom.admins.me({ signal: aborted }), RequestAbortedError);
      assert.equal(received.length, 0);
    },
  );
});

test('a response larger than maxResponseBytes is refused', async () => {
  await withServer(
    () => ({ body: { type: 'admin', id: '1', padding: 'x'.repeat(10_000) } }),
    async (intercom) => {
      await assert.rejects(intercom.admins.me(), UnexpectedResponseError);
    },
    { maxResponseBytes: 1000, maxRetries: 0 },
  );
});
