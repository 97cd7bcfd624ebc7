import type { QuerySet } from "../../index.js";
import type { RestRequest } from "../http/request.js";
import type { GenericAPIView } from "../views/generic-api-view.js";

/**
 * Narrows or orders a list's queryset from the request (DRF's `BaseFilterBackend`). Each backend
 * also describes the query parameters it reads, for OpenAPI.
 */
export interface FilterBackend {
  /**
   * Returns the narrowed queryset boxed in `{ queryset }`: a queryset is thenable, so returning
   * it bare from an async function would run it.
   */
  filterQueryset(request: RestRequest, queryset: QuerySet<any>, view: GenericAPIView): Filtered | Promise<Filtered>;
  /** The query parameters this backend reads, as OpenAPI parameter objects (DRF's method name). */
  getSchemaOperationParameters?(view: GenericAPIView): Record<string, unknown>[];
}

export interface Filtered {
  readonly queryset: QuerySet<any>;
}

/** The last value of a query parameter, as Django's `QueryDict.get` gives it. */
export function lastParam(request: RestRequest, name: string): string | null {
  const all = request.query.getAll(name);
  return all.length ? (all[all.length - 1] as string) : null;
}
