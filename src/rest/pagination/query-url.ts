import type { RestRequest } from "../http/request.js";

/** Python's `quote_plus`: like encodeURIComponent, but `!'()*` escaped and spaces as `+`. */
function quotePlus(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, "+");
}

/** The request's absolute URL with its query string (Django's `build_absolute_uri()`). */
export function absoluteUrl(request: RestRequest): string {
  const base = request.absoluteUri(request.path);
  return request.rawQuery === "" ? base : `${base}?${request.rawQuery}`;
}

/**
 * DRF's `replace_query_param` / `remove_query_param`: sets (or with null removes) one parameter
 * and re-encodes the query with its keys sorted, as Python's `urlencode(sorted(...))` does.
 */
export function withQueryParam(url: string, key: string, value: string | number | null): string {
  const q = url.indexOf("?");
  const base = q < 0 ? url : url.slice(0, q);
  const params = new Map<string, string[]>();
  for (const [k, v] of new URLSearchParams(q < 0 ? "" : url.slice(q + 1))) {
    params.set(k, [...(params.get(k) ?? []), v]);
  }
  if (value === null) params.delete(key);
  else params.set(key, [String(value)]);
  const keys = [...params.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const query = keys.flatMap((k) => params.get(k)!.map((v) => `${quotePlus(k)}=${quotePlus(v)}`)).join("&");
  return query === "" ? base : `${base}?${query}`;
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
