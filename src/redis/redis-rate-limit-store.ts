/**
 * A rate-limit budget in Redis, shared by every process and machine that uses it: one hash per app,
 * updated only by one Lua script (atomic on the server), expiring once its window has ended.
 *
 * @module
 */
import { MisconfiguredClientError } from '../core/errors.js';
import type { RateLimitDetails } from '../core/rate-limit.js';
import type { RateLimitGrant, RateLimitReservation, RateLimitStore } from '../core/rate-limit-store.js';

/** A node-redis (v4 and later) client: the store only uses `sendCommand`. */
export interface NodeRedisClient {
  sendCommand(args: string[]): Promise<unknown>;
}

/** An ioredis client: the store only uses `call`. */
export interface IoRedisClient {
  call(command: string, ...args: string[]): Promise<unknown>;
}

/** Options of {@link RedisRateLimitStore}: a Redis URL (the store makes its own client), or a client. */
export type RedisRateLimitStoreOptions = (
  | {
      /**
       * `redis://[[user]:password@]host[:port][/db]` or `rediss://...`. The store connects with
       * node-redis (`redis`), or ioredis where node-redis is not installed, and fails fast while
       * disconnected (the client then paces in its own process).
       */
      url: string;
      client?: undefined;
    }
  | {
      /** A node-redis or ioredis client; the caller connects and closes it. */
      client: NodeRedisClient | IoRedisClient;
      url?: undefined;
    }
) & {
  /** Prefix of the store's keys (one key per app). Default: `intercom-ts:rate-limit:`. */
  prefix?: string | undefined;
  /** Milliseconds a Redis command may take before the store counts Redis as down. Default: 500. */
  commandTimeoutMs?: number | undefined;
};

/** How long a call learning an unknown window's budget holds the others (as the in-process pacer). */
const PROBE_WAIT_MS = 1000;
/** How often a held call asks again while another learns the window. */
const PROBE_POLL_MS = 20;
/**
 * Resets this close name the same window: Intercom's are whole seconds apart, and workers whose
 * clocks differ by 2 s or more convert the server's reset to their own clocks with some error.
 */
const SAME_WINDOW_MS = 500;

/**
 * The budget of one app, as a hash: `r` the current window's reset (ms, 0 while unknown), `l` the
 * lowest `Remaining` answered in it, `f` calls let through in it and not answered yet, `p` until
 * when a call learning the window holds the others, `b` 1 after an answer without rate-limit
 * headers (nothing is held then), `z` until when a 429 paused every call. Times are the callers'
 * clocks (which convert the server's reset to theirs): workers' clocks should agree (NTP).
 *
 * ARGV: op (`reserve`, `record`, `pause`), now; record: the grant's window, 1 when there was an
 * answer, its remaining, its reset; pause: until.
 */
export const BUDGET_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local s = redis.call('HMGET', key, 'r', 'l', 'f', 'p', 'b', 'z')
local reset = tonumber(s[1]) or 0
local lowest = tonumber(s[2]) or -1
local inflight = tonumber(s[3]) or 0
local probe = tonumber(s[4]) or 0
local blind = tonumber(s[5]) or 0
local paused = tonumber(s[6]) or 0
local result = {1, 0, ''}
if op == 'reserve' then
  if reset ~= 0 and now >= reset then
    reset = 0
    lowest = -1
    inflight = 0
  end
  if now < paused then
    result = {0, paused - now, 'paused'}
  elseif reset == 0 and blind == 0 then
    if probe > now then
      result = {0, math.min(probe - now, ${PROBE_POLL_MS}), 'probe'}
    else
      if probe ~= 0 then
        blind = 1
        probe = 0
      else
        probe = now + ${PROBE_WAIT_MS}
      end
      inflight = inflight + 1
      result = {1, 0, ''}
    end
  elseif reset ~= 0 and lowest - inflight <= 0 then
    result = {0, math.max(1, reset - now), 'spent'}
  else
    inflight = inflight + 1
    result = {1, reset, ''}
  end
elseif op == 'record' then
  local window = tonumber(ARGV[3])
  if window == reset and inflight > 0 then inflight = inflight - 1 end
  probe = 0
  if ARGV[4] ~= '1' then
    blind = 1
  else
    blind = 0
    local remaining = tonumber(ARGV[5])
    local answered = tonumber(ARGV[6])
    if answered > now and answered >= reset - ${SAME_WINDOW_MS} then
      if answered > reset + ${SAME_WINDOW_MS} then
        reset = answered
        lowest = remaining
        inflight = 0
      elseif remaining < lowest then
        lowest = remaining
      end
    end
  end
elseif op == 'pause' then
  paused = math.max(paused, tonumber(ARGV[3]))
end
local f = function(n) return string.format('%.0f', n) end
redis.call('HSET', key, 'r', f(reset), 'l', f(lowest), 'f', f(inflight), 'p', f(probe), 'b', f(blind), 'z', f(paused))
redis.call('PEXPIRE', key, math.max(${PROBE_WAIT_MS}, math.max(reset, paused, probe) - now + ${PROBE_WAIT_MS}))
return result
`;

type Send = (args: string[]) => Promise<unknown>;

function isIoRedis(client: NodeRedisClient | IoRedisClient): client is IoRedisClient {
  return typeof (client as IoRedisClient).call === 'function';
}

function senderOf(client: NodeRedisClient | IoRedisClient): Send {
  if (isIoRedis(client)) return (args) => client.call(args[0] as string, ...args.slice(1));
  return (args) => client.sendCommand(args);
}

/** A client the store made from a URL: its first connection, and how to close it. */
interface OwnClient {
  send: Send;
  /** Settles when the client first connected (it reconnects by itself after). */
  connected: Promise<unknown>;
  close(): Promise<void>;
}

async function clientFromUrl(url: string): Promise<OwnClient> {
  try {
    const { createClient } = (await import('redis')) as unknown as {
      createClient(options: object): NodeRedisClient & {
        connect(): Promise<unknown>;
        on(event: 'error', listener: (error: unknown) => void): unknown;
        close?: () => Promise<unknown>;
        quit?: () => Promise<unknown>;
        isOpen: boolean;
      };
    };
    // Commands fail at once while disconnected (no offline queue): the client paces locally meanwhile.
    const client = createClient({ url, disableOfflineQueue: true });
    client.on('error', () => {});
    const connected = client.connect();
    connected.catch(() => {});
    return {
      send: senderOf(client),
      connected,
      close: async () => {
        if (!client.isOpen) return;
        await (client.close ?? client.quit)?.call(client).catch(() => {});
      },
    };
  } catch (error) {
    if (!isModuleMissing(error)) throw error;
  }
  try {
    const { Redis } = (await import('ioredis')) as unknown as {
      Redis: new (
        url: string,
        options: object,
      ) => IoRedisClient & {
        on(event: 'error', listener: (error: unknown) => void): unknown;
        once(event: 'ready', listener: () => void): unknown;
        disconnect(): void;
      };
    };
    const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    client.on('error', () => {});
    return {
      send: senderOf(client),
      connected: new Promise<void>((resolve) => client.once('ready', () => resolve())),
      close: async () => client.disconnect(),
    };
  } catch (error) {
    if (!isModuleMissing(error)) throw error;
  }
  throw new Error('RedisRateLimitStore({ url }) needs the redis (node-redis) or ioredis package: npm install redis');
}

function isModuleMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * A {@link RateLimitStore} in Redis, for clients in many processes or on many machines that spend
 * one app's budget: `new Client({ token, rateLimitStore: new RedisRateLimitStore({ url }) })`.
 *
 * Every update is one Lua script run by the server (EVALSHA), so concurrent reservations never
 * overspend a window. A 429 seen by one process holds the calls of all until its reset. When Redis
 * does not answer (down, unreachable, slower than `commandTimeoutMs`), each client paces in its
 * own process, warns once through `onWarning`, and goes back to Redis when it answers again.
 * Needs the `redis` (node-redis v4+) or `ioredis` package, an optional peer dependency.
 */
export class RedisRateLimitStore implements RateLimitStore {
  readonly #prefix: string;
  readonly #timeoutMs: number;
  readonly #url: string | undefined;
  #send: Send | undefined;
  #own: Promise<OwnClient> | undefined;
  #sha: Promise<string> | undefined;

  constructor(options: RedisRateLimitStoreOptions) {
    if (typeof options !== 'object' || options === null) throw new MisconfiguredClientError('options must be an object');
    const { url, client } = options;
    if ((url === undefined) === (client === undefined)) {
      throw new MisconfiguredClientError('RedisRateLimitStore takes exactly one of url and client');
    }
    if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/i.test(url))) {
      // The value is not repeated: it may carry a password.
      throw new MisconfiguredClientError('url must be a redis:// or rediss:// URL');
    }
    if (client !== undefined) {
      if (typeof client !== 'object' || client === null) throw new MisconfiguredClientError('client must be a Redis client');
      if (!isIoRedis(client) && typeof (client as NodeRedisClient).sendCommand !== 'function') {
        throw new MisconfiguredClientError('client must be a node-redis (sendCommand) or ioredis (call) client');
      }
      this.#send = senderOf(client);
    }
    const prefix = options.prefix ?? 'intercom-ts:rate-limit:';
    if (typeof prefix !== 'string') throw new MisconfiguredClientError('prefix must be a string');
    const timeoutMs = options.commandTimeoutMs ?? 500;
    if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > 60_000) {
      throw new MisconfiguredClientError('commandTimeoutMs must be a positive number, at most 60000');
    }
    this.#prefix = prefix;
    this.#timeoutMs = timeoutMs;
    this.#url = url;
  }

  /** The Redis key of an app's budget. */
  keyOf(app: string): string {
    return `${this.#prefix}${app}`;
  }

  async #sender(): Promise<Send> {
    if (this.#send !== undefined) return this.#send;
    if (this.#own === undefined) {
      const own = clientFromUrl(this.#url as string);
      this.#own = own;
      // A client that could not be made (no library installed) is made again at the next call.
      own.catch(() => {
        if (this.#own === own) this.#own = undefined;
      });
    }
    const own = await this.#own;
    // Until the first connection, calls wait for it (at most commandTimeoutMs); after, the client
    // reconnects by itself and fails fast meanwhile.
    await withTimeout(own.connected, this.#timeoutMs);
    this.#send = own.send;
    return own.send;
  }

  async #run(app: string, args: string[]): Promise<unknown> {
    const send = await this.#sender();
    const key = this.keyOf(app);
    this.#sha ??= withTimeout(send(['SCRIPT', 'LOAD', BUDGET_SCRIPT]), this.#timeoutMs).then(String);
    let sha: string;
    try {
      sha = await this.#sha;
    } catch (error) {
      this.#sha = undefined;
      throw error;
    }
    try {
      return await withTimeout(send(['EVALSHA', sha, '1', key, ...args]), this.#timeoutMs);
    } catch (error) {
      if (!/NOSCRIPT/.test(String((error as Error)?.message ?? error))) throw error;
      // Redis restarted and lost its scripts: EVAL sends the script (and caches it again).
      this.#sha = undefined;
      return withTimeout(send(['EVAL', BUDGET_SCRIPT, '1', key, ...args]), this.#timeoutMs);
    }
  }

  /** {@inheritDoc RateLimitStore.reserve} */
  async reserve(app: string, now: number): Promise<RateLimitReservation> {
    const reply = (await this.#run(app, ['reserve', String(Math.floor(now))])) as [unknown, unknown, unknown];
    const value = Number(reply[1]);
    if (Number(reply[0]) === 1) return { granted: true, window: value };
    const reason = String(reply[2]);
    return { granted: false, reason: reason === 'paused' || reason === 'probe' ? reason : 'spent', waitMs: value };
  }

  /** {@inheritDoc RateLimitStore.record} */
  async record(app: string, grant: RateLimitGrant, answer: RateLimitDetails | undefined, now: number): Promise<void> {
    const known = answer?.remaining !== undefined && answer.resetAt !== undefined;
    await this.#run(app, [
      'record',
      String(Math.floor(now)),
      String(grant.window),
      known ? '1' : '0',
      String(known ? answer.remaining : 0),
      String(known ? Math.floor((answer.resetAt as Date).getTime()) : 0),
    ]);
  }

  /** {@inheritDoc RateLimitStore.pause} */
  async pause(app: string, untilMs: number, now: number): Promise<void> {
    await this.#run(app, ['pause', String(Math.floor(now)), String(Math.ceil(untilMs))]);
  }

  /** Closes the connection the store opened for a `url` (a given client is the caller's to close). */
  async close(): Promise<void> {
    const own = this.#own;
    if (own === undefined) return;
    this.#own = undefined;
    this.#send = undefined;
    this.#sha = undefined;
    if (own !== undefined) await (await own.catch(() => undefined))?.close();
  }
}
