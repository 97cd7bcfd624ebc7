import { cacheGet } from "../model/state.js";

/**
 * The related object behind an accessor if it is already loaded (awaited before, assigned, or
 * filled by selectRelated), without querying; undefined otherwise. Handy in `toString()`,
 * which cannot await.
 *
 * ```ts
 * toString() { return `${loaded<Place>(this, "place")?.name} the restaurant`; }
 * ```
 */
export function loaded<T = unknown>(instance: object, accessor: string): T | null | undefined {
  return cacheGet(instance, accessor) as T | null | undefined;
}
