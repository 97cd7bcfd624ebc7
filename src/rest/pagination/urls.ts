/**
 * DRF's `rest_framework/utils/urls.py`: `replace_query_param` / `remove_query_param` rebuild the
 * query string with the parameters sorted by name (Python's `urlencode(sorted(...))`), so
 * pagination links read `?limit=5&offset=10&ordering=-n` whatever order the client used.
 */

/** Python's `quote_plus`: only letters, digits and `_.-~` stay as they are; spaces become `+`. */
function quotePlus(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");
}

/** `parse_qs(keep_blank_values=True)` → set/drop `key` → `urlencode(sorted(items), doseq=True)`. */
function rebuild(query: string, key: string, value: string | null): string {
  const params = new Map<string, string[]>();
  for (const [name, item] of new URLSearchParams(query)) {
    const list = params.get(name);
    if (list) list.push(item);
    else params.set(name, [item]);
  }
  if (value === null) params.delete(key);
  else params.set(key, [value]);
  // Python sorts the names by code point; JS's default sort compares UTF-16 units, which
  // agrees except for astral characters, rare enough in parameter names to ignore.
  return [...params.keys()].sort().flatMap((name) => params.get(name)!.map((item) => `${quotePlus(name)}=${quotePlus(item)}`)).join("&");
}

/** The query string (without `?`) with `key` set to `value`. */
export function replaceQueryParam(query: string, key: string, value: string | number): string {
  return rebuild(query, key, String(value));
}

/** The query string (without `?`) without `key`. */
export function removeQueryParam(query: string, key: string): string {
  return rebuild(query, key, null);
}
