/** What a store answers for one `hit`: was the request counted, and the window's history. */
export interface ThrottleHit {
  readonly allowed: boolean;
  /** Timestamps (seconds since the epoch) still in the window, newest first, after the hit. */
  readonly history: readonly number[];
}

export interface HitOptions {
  /** Count the request only while fewer than `limit` remain in the window; Infinity always counts, 0 only reads. */
  readonly limit: number;
  /** Window length in seconds. */
  readonly duration: number;
  /** Seconds since the epoch. */
  readonly now: number;
}

/**
 * Where throttles keep request histories (DRF uses Django's cache). One atomic operation, a
 * sliding-window hit, so several server processes sharing a store (Redis) never let more
 * requests through than the rate allows.
 */
export interface ThrottleStore {
  /**
   * Drops timestamps at or before `now - duration`, then adds `now` when fewer than `limit`
   * remain, as one atomic step per key.
   */
  hit(key: string, options: HitOptions): Promise<ThrottleHit>;
}

/**
 * A process-local store (the default): fine for one process; use `RedisThrottleStore` behind
 * several. Expired entries are dropped when read and swept when the store grows past `maxKeys`.
 */
export class MemoryThrottleStore implements ThrottleStore {
  readonly #entries = new Map<string, { history: number[]; expires: number }>();

  constructor(private readonly maxKeys = 100_000) {}

  async hit(key: string, { limit, duration, now }: HitOptions): Promise<ThrottleHit> {
    const entry = this.#entries.get(key);
    const history = entry && entry.expires > now ? entry.history : [];
    while (history.length > 0 && (history[history.length - 1] as number) <= now - duration) history.pop();
    if (history.length >= limit) return { allowed: false, history: [...history] };
    history.unshift(now);
    if (!entry && this.#entries.size >= this.maxKeys) this.#sweep(now);
    this.#entries.set(key, { history, expires: now + duration });
    return { allowed: true, history: [...history] };
  }

  clear(): void {
    this.#entries.clear();
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
  }
}
