/**
 * RedisRateLimitStore against a real redis-server (started here on a free port): atomic budget
 * updates, keys and their expiry, worker processes sharing one budget against the sandbox, a 429
 * pausing every worker, a Redis outage degrading to per-process pacing, with node-redis and ioredis.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client, MisconfiguredClientError, ServiceUnavailableError, type WarningEvent } from 'intercom-ts';
import { RedisRateLimitStore } from 'intercom-ts/redis';
import { startSandbox } from 'intercom-ts/sandbox';
import { IntercomClient } from 'intercom-ts/v2';
import { Redis } from 'ioredis';
import { createClient } from 'redis';
import { awayFromWindowEdge } from '../helpers/sandbox.js';
import type { WorkerConfig, WorkerResult } from './budget-worker.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

const WORKER = fileURLToPath(new URL('./budget-worker.js', import.meta.url));
/** Not the suite's token: this one is handed to other processes on their command line. */
const TOKEN = 'redis-budget-token';

type Library = 'redis' | 'ioredis';

/** A client of each library, connected, and how to close it. */
async function connect(library: Library, url: string): Promise<{ store: RedisRateLimitStore; close(): Promise<void> }> {
  if (library === 'ioredis') {
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    await new Promise((resolve) => client.once('ready', resolve));
    return { store: new RedisRateLimitStore({ client }), close: async () => client.disconnect() };
  }
  const client = createClient({ url });
  client.on('error', () => {});
  await client.connect();
  return { store: new RedisRateLimitStore({ client }), close: async () => void (await client.close()) };
}

function runWorker(config: WorkerConfig): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [WORKER, JSON.stringify(config)], { timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`worker failed: ${stderr.slice(0, 4000)}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop() as string) as WorkerResult);
    });
  });
}

let redis: RedisServer;
before(async () => {
  redis = await startRedisServer();
});
after(async () => {
  await redis?.stop();
});

for (const library of ['redis', 'ioredis'] as const) {
  describe(`RedisRateLimitStore with ${library === 'redis' ? 'node-redis' : 'ioredis'}`, () => {
    test('many concurrent reservations from several connections never exceed what is left', async () => {
      const connections = await Promise.all(Array.from({ length: 4 }, () => connect(library, redis.url)));
      const app = `${library}-atomic`;
      try {
        const now = Date.now();
        const [first] = connections;
        const probe = await first?.store.reserve(app, now);
        assert.deepEqual(probe, { granted: true, window: 0 }, 'an unknown window: one call learns it');
        await first?.store.record(
          app,
          { granted: true, window: 0 },
          { limit: 100, remaining: 37, resetAt: new Date(now + 60_000) },
          now,
        );
        const answers = await Promise.all(
          Array.from({ length: 200 }, (_, i) => connections[i % 4]?.store.reserve(app, now + 1) as Promise<unknown>),
        );
        const granted = answers.filter((a) => (a as { granted: boolean }).granted);
        assert.equal(granted.length, 37, 'exactly the 37 left');
        assert.deepEqual(granted[0], { granted: true, window: now + 60_000 });
        assert.deepEqual(
          answers.find((a) => !(a as { granted: boolean }).granted),
          { granted: false, reason: 'spent', waitMs: 59_999 },
        );
      } finally {
        await Promise.all(connections.map((c) => c.close()));
      }
    });

    test('an answer frees its call; a 429 pauses the app; the key lives until the window has ended', async () => {
      const { store, close } = await connect(library, redis.url);
      const inspect = new Redis(redis.url);
      const app = `${library}-record`;
      try {
        const now = Date.now();
        await store.reserve(app, now);
        await store.record(app, { granted: true, window: 0 }, { remaining: 1, resetAt: new Date(now + 5_000) }, now);
        const grant = await store.reserve(app, now);
        assert.equal(grant.granted, true);
        assert.equal((await store.reserve(app, now)).granted, false, 'one left, one in flight');
        await store.record(
          app,
          grant as { granted: true; window: number },
          { remaining: 1, resetAt: new Date(now + 5_000) },
          now,
        );
        assert.equal((await store.reserve(app, now)).granted, true, 'answered: the one left may go');
        await store.pause(app, now + 3_000, now);
        const ttl = await inspect.pttl(store.keyOf(app));
        assert.ok(ttl > 0 && ttl <= 6_000, `expires a second after the window (${ttl} ms)`);
        await store.record(app, { granted: true, window: 0 }, { remaining: 50, resetAt: new Date(now + 9_000) }, now + 10);
        assert.deepEqual(await store.reserve(app, now + 20), { granted: false, reason: 'paused', waitMs: 2_980 });
        assert.equal((await store.reserve(app, now + 3_000)).granted, true, 'the pause ends at the reset');
        assert.equal((await store.reserve(app, now + 9_000)).granted, true, 'the window ended: a call learns the next');
        assert.equal((await store.reserve(app, now + 9_000)).granted, false);
      } finally {
        inspect.disconnect();
        await close();
      }
    });

    test('a worker whose clock is a little behind counts its answers in the same window', async () => {
      const { store, close } = await connect(library, redis.url);
      const app = `${library}-skew`;
      try {
        const now = Date.now();
        await store.reserve(app, now);
        await store.record(app, { granted: true, window: 0 }, { remaining: 10, resetAt: new Date(now + 5_000) }, now);
        const grant = await store.reserve(app, now);
        assert.ok(grant.granted);
        // Another worker converted the same reset to its clock, 300 ms off.
        await store.record(app, grant, { remaining: 1, resetAt: new Date(now + 4_700) }, now);
        assert.equal((await store.reserve(app, now)).granted, true);
        assert.equal((await store.reserve(app, now)).granted, false, 'its Remaining (1) counted');
      } finally {
        await close();
      }
    });
  });
}

test('keys: one per app under the prefix, a digest of base URL and credentials (never the token)', async () => {
  const sandbox = await startSandbox({ port: 0, seed: 'empty', token: TOKEN });
  const prefix = `test-keys-${Date.now()}:`;
  const store = new RedisRateLimitStore({ url: redis.url, prefix });
  const inspect = new Redis(redis.url);
  const intercom = new Client({ token: TOKEN, baseUrl: sandbox.url, rateLimitStore: store });
  try {
    await intercom.admins.me();
    const keys = await inspect.keys(`${prefix}*`);
    assert.equal(keys.length, 1);
    assert.match(keys[0] as string, new RegExp(`^${prefix}[0-9a-f]{64}$`));
    const fields = await inspect.hgetall(keys[0] as string);
    assert.doesNotMatch(JSON.stringify(fields), new RegExp(TOKEN));
    assert.ok(Number(fields.r) > Date.now(), 'the window learnt from the answer');
  } finally {
    intercom.close();
    inspect.disconnect();
    await store.close();
    await sandbox.close();
  }
});

describe('worker processes sharing one budget against the sandbox', () => {
  const limit = 15;
  async function run(redisUrl: string | null, configs: Array<Pick<WorkerConfig, 'library' | 'family'>>) {
    const sandbox = await startSandbox({ port: 0, seed: 'empty', token: TOKEN, rateLimit: { limit, windowMs: 1_000 } });
    try {
      const results = await Promise.all(
        configs.map((c) => runWorker({ ...c, baseUrl: sandbox.url, token: TOKEN, redisUrl, calls: 25, concurrency: 5 })),
      );
      return { results, statuses: sandbox.requests.map((r) => r.status) };
    } finally {
      await sandbox.close();
    }
  }

  test('two processes (node-redis and ioredis, 1.x) through Redis: no request goes into a 429', async () => {
    const { results, statuses } = await run(redis.url, [
      { library: 'redis', family: '1.x' },
      { library: 'ioredis', family: '1.x' },
    ]);
    assert.deepEqual(
      results.map((r) => [r.ok, r.failed, r.warnings]),
      [
        [25, [], []],
        [25, [], []],
      ],
    );
    assert.equal(statuses.length, 50);
    assert.deepEqual([...new Set(statuses)], [200]);
  });

  test('two processes of the 2.x client through Redis: no request goes into a 429', async () => {
    const { results, statuses } = await run(redis.url, [
      { library: 'redis', family: '2.x' },
      { library: 'ioredis', family: '2.x' },
    ]);
    assert.deepEqual(
      results.map((r) => r.ok),
      [25, 25],
    );
    assert.deepEqual([...new Set(statuses)], [200]);
  });

  test('the same two processes pacing alone run into 429s (the tests above can fail)', async () => {
    const { statuses } = await run(null, [
      { library: 'redis', family: '1.x' },
      { library: 'redis', family: '1.x' },
    ]);
    assert.ok(statuses.includes(429), `statuses: ${[...new Set(statuses)].join()}`);
  });
});

test('a 429 in one worker holds the others until the reset', async () => {
  await awayFromWindowEdge(60_000);
  const sandbox = await startSandbox({ port: 0, seed: 'empty', token: TOKEN, rateLimit: { limit: 1, windowMs: 60_000 } });
  const [one, other] = await Promise.all([connect('redis', redis.url), connect('ioredis', redis.url)]);
  const outsider = new Client({ token: TOKEN, baseUrl: sandbox.url, rateLimitStore: false });
  const first = new Client({
    token: TOKEN,
    baseUrl: sandbox.url,
    maxRetries: 0,
    rateLimitStore: one?.store as RedisRateLimitStore,
  });
  const waits: number[] = [];
  try {
    // A client outside the store spends the window; the first worker's call meets the 429.
    await outsider.admins.me();
    await assert.rejects(first.admins.me(), { name: 'RateLimitExceeded' });
    assert.deepEqual(
      sandbox.requests.map((r) => r.status),
      [200, 429],
    );
    // The other worker (its own connection, the other library, the 2.x client) holds its call instead of sending it.
    const twin = new IntercomClient({
      token: TOKEN,
      baseUrl: sandbox.url,
      maxRetries: 0,
      rateLimitStore: other?.store as RedisRateLimitStore,
      onRateLimit: (event) => waits.push(event.waitMs),
    });
    await assert.rejects(twin.admins.identify({ timeoutInSeconds: 0.3 }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError, String(error));
      assert.match(error.message, /before the rate limit resets; the request was not sent/);
      return true;
    });
    twin.close();
    assert.equal(sandbox.requests.length, 2, 'nothing more was sent');
    assert.equal(waits.length, 1);
  } finally {
    outsider.close();
    first.close();
    await Promise.all([one?.close(), other?.close()]);
    await sandbox.close();
  }
});

describe('a Redis outage', () => {
  let own: RedisServer;
  before(async () => {
    own = await startRedisServer();
  });
  after(async () => {
    await own?.stop();
  });

  for (const library of ['redis', 'ioredis'] as const) {
    test(`killed mid-run (${library}): every call succeeds, paced in the process; a warning, then recovery`, async () => {
      const sandbox = await startSandbox({ port: 0, seed: 'empty', token: TOKEN });
      const warnings: WarningEvent[] = [];
      const connection =
        library === 'redis'
          ? { store: new RedisRateLimitStore({ url: own.url }), close: async () => {} }
          : await connect('ioredis', own.url);
      const intercom = new Client({
        token: TOKEN,
        baseUrl: sandbox.url,
        maxRetries: 0,
        rateLimitStore: connection.store,
        onWarning: (event) => warnings.push(event),
      });
      try {
        await Promise.all(Array.from({ length: 10 }, () => intercom.admins.me()));
        assert.equal(warnings.length, 0);
        await own.kill();
        await Promise.all(Array.from({ length: 10 }, () => intercom.admins.me()));
        assert.deepEqual(
          warnings.map((w) => w.code),
          ['rate_limit_store_unavailable'],
        );
        await own.restart();
        // Once Redis answers again (the store is retried a second after it failed), the calls go through it.
        for (let i = 0; i < 100 && warnings.length < 2; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          await intercom.admins.me();
        }
        assert.deepEqual(
          warnings.map((w) => w.code),
          ['rate_limit_store_unavailable', 'rate_limit_store_recovered'],
        );
        assert.ok(sandbox.requests.every((r) => r.status === 200));
      } finally {
        intercom.close();
        await connection.store.close();
        await connection.close();
        await sandbox.close();
      }
    });
  }

  test('a Redis that stops answering (frozen): calls go on after commandTimeoutMs (500 ms by default), with a warning', async () => {
    const sandbox = await startSandbox({ port: 0, seed: 'empty', token: TOKEN });
    const stores = [new RedisRateLimitStore({ url: own.url, commandTimeoutMs: 200 }), new RedisRateLimitStore({ url: own.url })];
    const warnings: WarningEvent[][] = [[], []];
    const clients = stores.map(
      (store, i) =>
        new Client({
          token: TOKEN,
          baseUrl: sandbox.url,
          rateLimitStore: store,
          onWarning: (event) => warnings[i]?.push(event),
        }),
    );
    try {
      for (const client of clients) await client.admins.me();
      own.freeze();
      for (const client of clients) await Promise.all(Array.from({ length: 5 }, () => client.admins.me()));
      assert.deepEqual(
        warnings.map((events) => events.map((w) => w.code)),
        [['rate_limit_store_unavailable'], ['rate_limit_store_unavailable']],
      );
      assert.match(warnings[0]?.[0]?.message ?? '', /did not answer within 200 ms/);
      assert.match(warnings[1]?.[0]?.message ?? '', /did not answer within 500 ms/);
      assert.equal(sandbox.requests.filter((r) => r.status === 200).length, 12);
    } finally {
      own.resume();
      for (const client of clients) client.close();
      await Promise.all(stores.map((store) => store.close()));
      await sandbox.close();
    }
  });
});

test('RedisRateLimitStore refuses bad options before connecting, without repeating a URL', () => {
  const refused = (options: unknown, message: RegExp) =>
    assert.throws(
      () => new RedisRateLimitStore(options as never),
      (error: unknown) =>
        error instanceof MisconfiguredClientError && message.test(error.message) && !/hunter2/.test(error.message),
    );
  refused({}, /exactly one of url and client/);
  refused({ url: redis.url, client: new Redis({ lazyConnect: true }) }, /exactly one of url and client/);
  refused({ url: 'http://:hunter2@127.0.0.1:6379' }, /redis:\/\/ or rediss:\/\//);
  refused({ client: {} }, /node-redis \(sendCommand\) or ioredis \(call\)/);
  refused({ url: redis.url, commandTimeoutMs: 0 }, /commandTimeoutMs/);
  refused({ url: redis.url, prefix: 3 }, /prefix must be a string/);
});
