import { removeQueryParam, replaceQueryParam } from "./urls.js";
import type { RestRequest } from "../http/request.js";

/** The request's absolute URL with its query string (Django's `build_absolute_uri()`). */
export function absoluteUrl(request: RestRequest): string {
  const base = request.absoluteUri(request.path);
  return request.rawQuery === "" ? base : `${base}?${request.rawQuery}`;
}

/** DRF's `replace_query_param` / `remove_query_param` (null) on a whole URL; keys sorted as DRF's. */
export function withQueryParam(url: string, key: string, value: string | number | null): string {
  const q = url.indexOf("?");
  const base = q < 0 ? url : url.slice(0, q);
  const query = q < 0 ? "" : url.slice(q + 1);
  const rebuilt = value === null ? removeQueryParam(query, key) : replaceQueryParam(query, key, value);
  return rebuilt === "" ? base : `${base}?${rebuilt}`;
}

/** DRF's `_positive_int`: a whole number (above 0 when strict), capped by `cutoff`; else null. */
export function positiveInt(raw: string | null | undefined, strict: boolean, cutoff: number | null): number | null {
  if (raw === null || raw === undefined || !/^\s*[+-]?\d+\s*$/.test(raw)) return null;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0 || (strict && n === 0)) return null;
  return cutoff === null ? n : Math.min(n, cutoff);
}

/** The last value of a query parameter (Django's `QueryDict.get`). */
export function queryParam(request: RestRequest, name: string): string | null {
  if (request.rawQuery === "") return null;
  const all = request.query.getAll(name);
  return all.length ? (all[all.length - 1] as string) : null;
}
