/**
 * One worker process of the shared-budget tests: a client of the sandbox's app (1.x or 2.x) that
 * makes `calls` calls, `concurrency` at a time, pacing through Redis (node-redis or ioredis) or
 * alone, and prints what happened as one JSON line.
 */
import { Client, RateLimitExceeded } from 'intercom-ts';
import { RedisRateLimitStore } from 'intercom-ts/redis';
import { IntercomClient } from 'intercom-ts/v2';

export interface WorkerConfig {
  baseUrl: string;
  token: string;
  /** Redis URL, or null: pace in this process only. */
  redisUrl: string | null;
  library: 'redis' | 'ioredis';
  family: '1.x' | '2.x';
  calls: number;
  concurrency: number;
}

export interface WorkerResult {
  ok: number;
  rateLimited: number;
  failed: string[];
  warnings: string[];
}

async function storeFor(config: WorkerConfig, url: string): Promise<{ store: RedisRateLimitStore; close(): Promise<void> }> {
  if (config.library === 'ioredis') {
    const { Redis } = await import('ioredis');
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    await new Promise((resolve) => client.once('ready', resolve));
    return { store: new RedisRateLimitStore({ client }), close: async () => client.disconnect() };
  }
  const store = new RedisRateLimitStore({ url });
  return { store, close: () => store.close() };
}

async function run(config: WorkerConfig): Promise<WorkerResult> {
  const result: WorkerResult = { ok: 0, rateLimited: 0, failed: [], warnings: [] };
  const redis = config.redisUrl === null ? undefined : await storeFor(config, config.redisUrl);
  const options = {
    token: config.token,
    baseUrl: config.baseUrl,
    maxRetries: 0,
    maxConcurrency: config.concurrency,
    onWarning: (event: { code: string }) => result.warnings.push(event.code),
    ...(redis === undefined ? {} : { rateLimitStore: redis.store }),
  };
  let call: () => Promise<unknown>;
  let close: () => void;
  if (config.family === '2.x') {
    const client = new IntercomClient(options);
    call = () => client.admins.identify();
    close = () => client.close();
  } else {
    const client = new Client(options);
    call = () => client.admins.me();
    close = () => client.close();
  }
  let started = 0;
  await Promise.all(
    Array.from({ length: config.concurrency }, async () => {
      while (started < config.calls) {
        started++;
        try {
          await call();
          result.ok++;
        } catch (error) {
          if (error instanceof RateLimitExceeded) result.rateLimited++;
          else result.failed.push(String(error));
        }
      }
    }),
  );
  close();
  await redis?.close();
  return result;
}

// Without a config it does nothing: `node --test .test-build/test/` runs every file under test/.
if (process.argv[2] !== undefined) console.log(JSON.stringify(await run(JSON.parse(process.argv[2]) as WorkerConfig)));
