/**
 * `intercom-ts/redis`: one rate-limit budget for clients in many processes and on many machines,
 * kept in Redis. Needs the `redis` (node-redis v4+) or `ioredis` package.
 *
 * ```ts
 * import { Client } from 'intercom-ts';
 * import { RedisRateLimitStore } from 'intercom-ts/redis';
 * const rateLimitStore = new RedisRateLimitStore({ url: 'redis://127.0.0.1:6379' });
 * const intercom = new Client({ token, rateLimitStore });
 * ```
 *
 * @module
 */
export type {
  RateLimitGrant,
  RateLimitHold,
  RateLimitHoldReason,
  RateLimitReservation,
  RateLimitStore,
} from '../core/rate-limit-store.js';
export {
  type IoRedisClient,
  type NodeRedisClient,
  RedisRateLimitStore,
  type RedisRateLimitStoreOptions,
} from './redis-rate-limit-store.js';
