import { randomBytes } from "node:crypto";
import type { HitOptions, ThrottleHit, ThrottleStore } from "./store.js";

/**
 * The sliding window as one Lua script, so the trim, the count and the add happen atomically
 * in Redis whatever the number of server processes. A sorted set per key: score and member
 * both carry the timestamp (the member with a random suffix so equal timestamps both count).
 * ARGV: now, duration, limit (-1: no limit), member suffix.
 */
const HIT_SCRIPT = `
local key = KEYS[1]
local now = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - duration)
local allowed = 0
if limit < 0 or redis.call('ZCARD', key) < limit then
  redis.call('ZADD', key, now, ARGV[1] .. ':' .. ARGV[4])
  redis.call('PEXPIRE', key, math.ceil(duration * 1000))
  allowed = 1
end
return {allowed, redis.call('ZREVRANGE', key, 0, -1, 'WITHSCORES')}
`;

/**
 * The part of an ioredis client the store uses. Declared here so that torest's types do not
 * need ioredis, an optional peer dependency, to be installed.
 */
export interface RedisClientLike {
  eval(script: string, numKeys: number, ...args: string[]): Promise<unknown>;
  quit(): Promise<unknown>;
}

export interface RedisThrottleStoreOptions {
  /** A connected ioredis client; or `url` to have the store open (and close) its own. */
  client?: RedisClientLike;
  /** `redis://127.0.0.1:6379/0` */
  url?: string;
  /** Extra ioredis options with `url` (ioredis's `RedisOptions`). */
  redisOptions?: Record<string, unknown>;
  /** Prepended to every key (default `torest:`), so apps sharing a Redis do not mix. */
  prefix?: string;
}

/**
 * Throttle histories in Redis (ioredis), shared by every process that points at the same
 * server and prefix: a 5/min scope allows 5 requests in total, not 5 per process.
 *
 * ```ts
 * restifyApp("rest/v1", { settings: { throttleStore: new RedisThrottleStore({ url: "redis://127.0.0.1:6379" }) } });
 * ```
 */
export class RedisThrottleStore implements ThrottleStore {
  readonly prefix: string;
  readonly #options: RedisThrottleStoreOptions;
  #client: Promise<RedisClientLike> | null = null;
  readonly #owned: boolean;

  constructor(options: RedisThrottleStoreOptions) {
    if (!options.client && !options.url) throw new Error("RedisThrottleStore needs a `client` or a `url`.");
    this.#options = options;
    this.#owned = !options.client;
    this.prefix = options.prefix ?? "torest:";
    if (options.client) this.#client = Promise.resolve(options.client);
  }

  async hit(key: string, { limit, duration, now }: HitOptions): Promise<ThrottleHit> {
    const client = await this.#connect();
    const max = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : -1;
    const [allowed, flat] = (await client.eval(
      HIT_SCRIPT, 1, this.prefix + key, String(now), String(duration), String(max), randomBytes(6).toString("hex"),
    )) as [number, string[]];
    const history: number[] = [];
    for (let i = 1; i < flat.length; i += 2) history.push(Number(flat[i]));
    return { allowed: allowed === 1, history };
  }

  /** Closes the connection the store opened itself (a passed-in client is left to its owner). */
  async close(): Promise<void> {
    if (!this.#owned || !this.#client) return;
    const client = await this.#client;
    this.#client = null;
    await client.quit();
  }

  #connect(): Promise<RedisClientLike> {
    // ioredis is loaded only by projects that use this store (an optional peer dependency).
    this.#client ??= import("ioredis").then(
      ({ Redis }) => new Redis(this.#options.url as string, { ...this.#options.redisOptions }) as unknown as RedisClientLike,
      (error: unknown) => {
        throw new Error('RedisThrottleStore needs the "ioredis" package, which is not installed. Install it in your project: npm install ioredis', { cause: error });
      },
    );
    return this.#client;
  }
}
