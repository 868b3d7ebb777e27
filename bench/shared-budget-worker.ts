/**
 * One worker process of bench/shared-budget.ts: a 1.x client making `calls` `admins.me()` calls at
 * concurrency `concurrency`, pacing through Redis (`redisUrl`) or alone, counting its answers per
 * rate-limit window (`X-RateLimit-Reset` names it). Starts when the parent says `go`, and sends its
 * figures back over IPC.
 */
import { Client, NodeHttpTransport, RateLimitExceeded, type TransportRequest } from 'intercom-ts';
import { RedisRateLimitStore } from 'intercom-ts/redis';

export interface SharedBudgetWorkerConfig {
  baseUrl: string;
  token: string;
  redisUrl: string | null;
  calls: number;
  concurrency: number;
}

export interface SharedBudgetWorkerResult {
  /** Answers other than 429, per window (its reset, epoch seconds). */
  perWindow: Record<string, number>;
  received429: number;
  surfaced429: number;
  otherErrors: number;
  warnings: number;
}

const config = JSON.parse(process.argv[2] as string) as SharedBudgetWorkerConfig;
const store = config.redisUrl === null ? undefined : new RedisRateLimitStore({ url: config.redisUrl });
const inner = new NodeHttpTransport({ maxSockets: config.concurrency });
const result: SharedBudgetWorkerResult = { perWindow: {}, received429: 0, surfaced429: 0, otherErrors: 0, warnings: 0 };
const transport = {
  async request(request: TransportRequest) {
    const response = await inner.request(request);
    if (response.status === 429) result.received429++;
    else {
      const reset = response.headers['x-ratelimit-reset'] ?? '?';
      result.perWindow[reset] = (result.perWindow[reset] ?? 0) + 1;
    }
    return response;
  },
  close: () => inner.close(),
};
const intercom = new Client({
  token: config.token,
  baseUrl: config.baseUrl,
  maxConcurrency: config.concurrency,
  transport,
  onWarning: () => result.warnings++,
  ...(store === undefined ? {} : { rateLimitStore: store }),
});
process.send?.('ready');
await new Promise((resolve) => process.once('message', resolve));
let started = 0;
await Promise.all(
  Array.from({ length: config.concurrency }, async () => {
    while (started < config.calls) {
      started++;
      try {
        await intercom.admins.me();
      } catch (error) {
        if (error instanceof RateLimitExceeded) result.surfaced429++;
        else result.otherErrors++;
      }
    }
  }),
);
intercom.close();
await store?.close();
process.send?.(result, () => process.exit(0));
