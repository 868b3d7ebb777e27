import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startSandbox } from 'intercom-ts/sandbox';
import { Redis } from 'ioredis';
import { cliEnv, runCli } from '../helpers/cli.js';
import { type RedisServer, startRedisServer } from './redis-server.js';

let redis: RedisServer;
before(async () => {
  redis = await startRedisServer();
});
after(async () => {
  await redis?.stop();
});

test('intercom --rate-limit-store redis://...: the calls pace through Redis, and the command exits', async () => {
  const sandbox = await startSandbox({ port: 0 });
  const inspect = new Redis(redis.url);
  try {
    const run = await runCli(
      ['users', 'list', '--limit', '2', '--format', 'jsonl', '--base-url', sandbox.url, '--rate-limit-store', redis.url],
      { env: cliEnv({ INTERCOM_TOKEN: sandbox.token }) },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.trim().split('\n').length, 2);
    const keys = await inspect.keys('intercom-ts:rate-limit:*');
    assert.equal(keys.length, 1, 'one key: the app the CLI called');
    assert.ok(Number(await inspect.hget(keys[0] as string, 'r')) > 0, 'the window learnt from the answers');
  } finally {
    inspect.disconnect();
    await sandbox.close();
  }
});

test('intercom --rate-limit-store: a Redis that is down warns on stderr, and the command still succeeds', async () => {
  const sandbox = await startSandbox({ port: 0 });
  try {
    const run = await runCli(
      ['users', 'list', '--limit', '1', '--base-url', sandbox.url, '--rate-limit-store', 'redis://:hunter2@127.0.0.1:1'],
      { env: cliEnv({ INTERCOM_TOKEN: sandbox.token }) },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /The rate-limit store did not answer .*; pacing in this process until it does/);
    assert.doesNotMatch(run.stderr, /hunter2/);
  } finally {
    await sandbox.close();
  }
});

test('intercom --rate-limit-store with something else than a Redis URL is a usage error (exit 2)', async () => {
  const run = await runCli(['users', 'list', '--sandbox', '--rate-limit-store', 'http://example.com']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--rate-limit-store <url>' argument .* must be a redis:\/\/ or rediss:\/\/ URL/);
  assert.equal(run.stdout, '');
});
