/** Where throttles keep request histories (DRF uses Django's cache). */
export interface ThrottleStore {
  get(key: string): number[] | undefined;
  set(key: string, history: number[], ttlSeconds: number): void;
}

/**
 * A process-local store: fine for one process; use a shared store (Redis, ...) behind several.
 * Expired entries are dropped when read and swept when the store grows past `maxKeys`.
 */
export class MemoryThrottleStore implements ThrottleStore {
  readonly #entries = new Map<string, { history: number[]; expires: number }>();

  constructor(
    private readonly now: () => number = () => Date.now() / 1000,
    private readonly maxKeys = 100_000,
  ) {}

  get(key: string): number[] | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.history;
  }

  set(key: string, history: number[], ttlSeconds: number): void {
    if (this.#entries.size >= this.maxKeys) this.#sweep();
    this.#entries.set(key, { history, expires: this.now() + ttlSeconds });
  }

  clear(): void {
    this.#entries.clear();
  }

  #sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.#entries) if (entry.expires <= now) this.#entries.delete(key);
  }
}
