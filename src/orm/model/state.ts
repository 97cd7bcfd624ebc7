/**
 * Per-instance bookkeeping lives under one symbol, so it never shows in JSON, `Object.keys`
 * or the instance's own field names.
 */
export const STATE: unique symbol = Symbol("torest.state");

export interface InstanceState {
  /** Not yet saved (or loaded): `save()` inserts. */
  adding: boolean;
  /** The database alias the instance was loaded from or saved to. */
  db: string | null;
  /** Related objects already fetched, by accessor name. */
  cache: Record<string, unknown> | null;
  /**
   * For a forward relation cached by assignment: the `<name>_id` value at that moment. A later
   * difference means the key was changed directly, which makes the cached object stale (Django
   * drops the cache when the attname is set).
   */
  cachedKeys?: Record<string, unknown>;
  /** Attnames not loaded (`only()`/`defer()`): `save()` leaves their columns alone. */
  deferred?: string[];
}

/** Marker passed to constructors when rows are loaded: skips defaults. */
export const FROM_DB: unique symbol = Symbol("torest.fromDb");

/** Is `value` a model instance? (Checked by its bookkeeping, so the query layer needs no model class.) */
export function isModelInstance(value: unknown): value is Record<string, unknown> & { pk: unknown; [STATE]: InstanceState } {
  return typeof value === "object" && value !== null && STATE in value;
}

export function stateOf(instance: object): InstanceState {
  return (instance as { [STATE]: InstanceState })[STATE];
}

// The cache is a plain object (fast properties; a null-prototype one is a slow dictionary and
// costs noticeably when every loaded row gets one), so lookups check own keys only.
export function cacheGet(instance: object, key: string): unknown {
  const cache = stateOf(instance).cache;
  return cache !== null && Object.hasOwn(cache, key) ? cache[key] : undefined;
}

export function cacheHas(instance: object, key: string): boolean {
  const cache = stateOf(instance).cache;
  return cache !== null && Object.hasOwn(cache, key);
}

export function cacheSet(instance: object, key: string, value: unknown): void {
  const state = stateOf(instance);
  (state.cache ??= {})[key] = value;
  if (state.cachedKeys) delete state.cachedKeys[key];
}

/** Cache a forward relation's object together with the `<name>_id` value it was cached under. */
export function cacheSetWithKey(instance: object, key: string, value: unknown, attValue: unknown): void {
  const state = stateOf(instance);
  (state.cache ??= {})[key] = value;
  (state.cachedKeys ??= {})[key] = attValue;
}

/** The `<name>_id` value recorded with a cached forward relation, if one was recorded. */
export function cachedKeyOf(instance: object, key: string): { value: unknown } | undefined {
  const keys = stateOf(instance).cachedKeys;
  return keys && Object.hasOwn(keys, key) ? { value: keys[key] } : undefined;
}

export function cacheDelete(instance: object, key: string): void {
  const state = stateOf(instance);
  if (state.cache) delete state.cache[key];
  if (state.cachedKeys) delete state.cachedKeys[key];
}
