import type { QuerySet } from "../../index.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import type { Page, Pagination } from "./pagination.js";
import { removeQueryParam, replaceQueryParam } from "./urls.js";
import { linkSchema, queryParameter, PAGE_SIZE_DESCRIPTION } from "./schema.js";

export interface LimitOffsetOptions {
  /** Page size without `?limit=`; null (the default) leaves such lists unpaginated, as DRF does. */
  defaultLimit?: number | null;
  maxLimit?: number | null;
}

const WHOLE_NUMBER = /^\s*\+?\d+\s*$/;

/**
 * DRF's `_positive_int`: a whole number above 0 (strict), capped at `cutoff`; otherwise null
 * (the caller's default applies). Python's int has no size limit, JavaScript's exact integers
 * and the databases' LIMIT/OFFSET end at 2^53 - 1 here: a larger number is capped when there
 * is a cutoff (as DRF caps any number) and out of range (null) otherwise, so a page is never
 * asked for with a float or an overflowing integer.
 */
export function positiveInt(raw: string | null, strict: boolean, cutoff: number | null): number | null {
  if (raw === null || !WHOLE_NUMBER.test(raw)) return null;
  const n = Number(raw);
  if (strict && n === 0) return null;
  if (cutoff !== null && cutoff > 0) return Math.min(n, cutoff);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * `?limit=100&offset=200` (DRF's `LimitOffsetPagination`): answers
 * `{"count": N, "next": url|null, "previous": url|null, "results": [...]}`.
 */
export class LimitOffsetPagination implements Pagination {
  /** Unset: the app's `pageSize` (DRF's `default_limit = PAGE_SIZE`). */
  readonly defaultLimit: number | null | undefined;
  readonly maxLimit: number | null;

  constructor(options: LimitOffsetOptions = {}) {
    this.defaultLimit = options.defaultLimit;
    this.maxLimit = options.maxLimit ?? null;
  }

  async paginate(request: RestRequest, queryset: QuerySet<any>): Promise<Page | null> {
    const query = request.rawQuery === "" ? null : request.query;
    const limit = positiveInt(query?.get("limit") ?? null, true, this.maxLimit) ?? (this.defaultLimit === undefined ? request.settings.pageSize : this.defaultLimit);
    if (limit === null) return null;
    const offset = positiveInt(query?.get("offset") ?? null, false, null) ?? 0;
    const count = await queryset.count();
    // offset < count, so the end stays an exact integer whatever the limit.
    const items = count > offset ? await queryset.slice(offset, offset + Math.min(limit, count - offset)) : [];
    return { items, count, limit, offset };
  }

  response(request: RestRequest, page: Page, data: unknown[]): RestResponse {
    const { count, limit, offset } = page;
    const next = offset + limit < count ? this.#url(request, { limit, offset: offset + limit }) : null;
    const previous = offset <= 0 ? null : this.#url(request, { limit, offset: offset - limit <= 0 ? null : offset - limit });
    return new RestResponse({ count, next, previous, results: data });
  }

  #url(request: RestRequest, params: { limit: number; offset: number | null }): string {
    // DRF's replace_query_param / remove_query_param: the parameters come out sorted by name.
    const withLimit = replaceQueryParam(request.rawQuery, "limit", params.limit);
    const query = params.offset === null ? removeQueryParam(withLimit, "offset") : replaceQueryParam(withLimit, "offset", params.offset);
    return `${request.absoluteUri(request.path)}?${query}`;
  }

  getPaginatedResponseSchema(schema: Record<string, unknown>): Record<string, unknown> {
    const link = (offset: number) => linkSchema(`http://api.example.org/accounts/?offset=${offset}&limit=100`);
    const envelope = {
      type: "object",
      required: ["count", "next", "previous", "results"],
      properties: { count: { type: "integer", examples: [123] }, next: link(400), previous: link(200), results: schema },
      additionalProperties: false,
    };
    // Without a default limit a list is paginated only when `?limit=` asks for it.
    return (this.defaultLimit ?? null) === null ? { anyOf: [envelope, schema] } : envelope;
  }

  getSchemaOperationParameters(): Record<string, unknown>[] {
    return [
      queryParameter("limit", PAGE_SIZE_DESCRIPTION, "integer"),
      queryParameter("offset", "The initial index from which to return the results.", "integer"),
    ];
  }
}
