/**
 * One budget, many processes: 4 worker processes at concurrency 10 each (`admins.me()`, default
 * pacing and retries) against a sandbox (in a child process) limited to 500 requests per 5 s window
 * and answering after 20 ms; once with the Redis store (`intercom-ts/redis`, a redis-server started
 * here), once with each worker pacing alone.
 *
 * Figures: the share of each full window's budget the workers used together (every window but the
 * first, which the run may start in the middle of, and the last, which holds what was left), the
 * 429s the sandbox answered, and those surfaced to the callers (`RateLimitExceeded` after retries).
 *
 * BENCH_SHARED_CALLS (default 600 per worker) changes the size.
 */
import { fork } from 'node:child_process';
import { startRedisServer } from '../test/redis/redis-server.js';
import { childServer, record, table } from './harness.js';
import type { SharedBudgetWorkerConfig, SharedBudgetWorkerResult } from './shared-budget-worker.js';

const WORKERS = 4;
const CONCURRENCY = 10;
const CALLS = Number(process.env.BENCH_SHARED_CALLS ?? 600);
const LIMIT = 500;
const WINDOW_MS = 5_000;
const LATENCY_MS = 20;

interface Run {
  store: string;
  elapsedS: number;
  windowFractions: number[];
  sandbox429: number;
  received429: number;
  surfaced429: number;
  otherErrors: number;
  warnings: number;
}

async function once(redisUrl: string | null): Promise<Run> {
  const sandbox = await childServer(new URL('./sandbox-child.js', import.meta.url).pathname, [
    JSON.stringify({ options: { seed: 'empty', rateLimit: { limit: LIMIT, windowMs: WINDOW_MS }, latencyMs: LATENCY_MS } }),
  ]);
  const config: SharedBudgetWorkerConfig = {
    baseUrl: sandbox.url,
    token: sandbox.ready.token as string,
    redisUrl,
    calls: CALLS,
    concurrency: CONCURRENCY,
  };
  const workers = await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const child = fork(new URL('./shared-budget-worker.js', import.meta.url).pathname, [JSON.stringify(config)], {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        execArgv: [],
      });
      await new Promise((resolve) => child.once('message', resolve));
      return child;
    }),
  );
  const started = performance.now();
  const results = await Promise.all(
    workers.map(
      (child) =>
        new Promise<SharedBudgetWorkerResult>((resolve) => {
          child.once('message', (message) => resolve(message as SharedBudgetWorkerResult));
          child.send('go');
        }),
    ),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const { statuses } = (await sandbox.ask('stats')) as { statuses: Record<string, number> };
  sandbox.stop();
  const perWindow = new Map<string, number>();
  for (const result of results) {
    for (const [reset, count] of Object.entries(result.perWindow)) perWindow.set(reset, (perWindow.get(reset) ?? 0) + count);
  }
  const windows = [...perWindow.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, count]) => count);
  const sum = (key: 'received429' | 'surfaced429' | 'otherErrors' | 'warnings') =>
    results.reduce((total, result) => total + result[key], 0);
  return {
    store: redisUrl === null ? 'none (each worker alone)' : 'RedisRateLimitStore',
    elapsedS,
    windowFractions: windows.slice(1, -1).map((count) => count / LIMIT),
    sandbox429: statuses['429'] ?? 0,
    received429: sum('received429'),
    surfaced429: sum('surfaced429'),
    otherErrors: sum('otherErrors'),
    warnings: sum('warnings'),
  };
}

const redis = await startRedisServer();
const runs: Run[] = [];
try {
  runs.push(await once(redis.url));
  runs.push(await once(null));
} finally {
  await redis.stop();
}
console.log(
  `shared-budget: ${WORKERS} worker processes x ${CALLS} calls at concurrency ${CONCURRENCY}, sandbox limit ${LIMIT}/${WINDOW_MS / 1000}s with ${LATENCY_MS} ms latency (child process)`,
);
console.log('targets (Redis store): 429s answered = 0; budget used per full window >= 0.95');
table(
  runs.map((r) => ({
    'rate-limit store': r.store,
    calls: WORKERS * CALLS,
    'elapsed s': r.elapsedS.toFixed(1),
    'full windows': r.windowFractions.length,
    'budget used per full window (min..max)': r.windowFractions.length
      ? `${Math.min(...r.windowFractions).toFixed(3)}..${Math.max(...r.windowFractions).toFixed(3)}`
      : '-',
    '429 answered by sandbox': r.sandbox429,
    '429 surfaced to callers': r.surfaced429,
    'other errors': r.otherErrors,
    'store warnings': r.warnings,
  })),
);
record('shared-budget', {
  workers: WORKERS,
  concurrency: CONCURRENCY,
  callsPerWorker: CALLS,
  limit: LIMIT,
  windowMs: WINDOW_MS,
  latencyMs: LATENCY_MS,
  targets: { windowFraction: 0.95, sandbox429: 0 },
  runs,
});
