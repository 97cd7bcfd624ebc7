import type { QuerySet } from "../../index.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import type { Page, Pagination } from "./pagination.js";

export interface LimitOffsetOptions {
  /** Page size without `?limit=`; null (the default) leaves such lists unpaginated, as DRF does. */
  defaultLimit?: number | null;
  maxLimit?: number | null;
}

const WHOLE_NUMBER = /^\s*\+?\d+\s*$/;

/** DRF's `_positive_int`: a whole number above 0 (strict), capped; otherwise null. */
function positiveInt(raw: string | null, strict: boolean, cutoff: number | null): number | null {
  if (raw === null || !WHOLE_NUMBER.test(raw)) return null;
  const n = Number(raw);
  if (n < 0 || (strict && n === 0)) return null;
  return cutoff === null ? n : Math.min(n, cutoff);
}

/**
 * `?limit=100&offset=200` (DRF's `LimitOffsetPagination`): answers
 * `{"count": N, "next": url|null, "previous": url|null, "results": [...]}`.
 */
export class LimitOffsetPagination implements Pagination {
  readonly defaultLimit: number | null;
  readonly maxLimit: number | null;

  constructor(options: LimitOffsetOptions = {}) {
    this.defaultLimit = options.defaultLimit ?? null;
    this.maxLimit = options.maxLimit ?? null;
  }

  async paginate(request: RestRequest, queryset: QuerySet<any>): Promise<Page | null> {
    const query = request.rawQuery === "" ? null : request.query;
    const limit = positiveInt(query?.get("limit") ?? null, true, this.maxLimit) ?? this.defaultLimit;
    if (limit === null) return null;
    const offset = positiveInt(query?.get("offset") ?? null, false, null) ?? 0;
    const count = await queryset.count();
    const items = count > offset ? await queryset.slice(offset, offset + limit) : [];
    return { items, count, limit, offset };
  }

  response(request: RestRequest, page: Page, data: unknown[]): RestResponse {
    const { count, limit, offset } = page;
    const next = offset + limit < count ? this.#url(request, { limit, offset: offset + limit }) : null;
    const previous = offset <= 0 ? null : this.#url(request, { limit, offset: offset - limit <= 0 ? null : offset - limit });
    return new RestResponse({ count, next, previous, results: data });
  }

  #url(request: RestRequest, params: { limit: number; offset: number | null }): string {
    const query = new URLSearchParams(request.rawQuery);
    query.set("limit", String(params.limit));
    if (params.offset === null) query.delete("offset");
    else query.set("offset", String(params.offset));
    return `${request.absoluteUri(request.path)}?${query.toString()}`;
  }

  getPaginatedResponseSchema(schema: Record<string, unknown>): Record<string, unknown> {
    const link = (offset: number) => ({ type: ["string", "null"], format: "uri", examples: [`http://api.example.org/accounts/?offset=${offset}&limit=100`] });
    const envelope = {
      type: "object",
      required: ["count", "next", "previous", "results"],
      properties: { count: { type: "integer", examples: [123] }, next: link(400), previous: link(200), results: schema },
      additionalProperties: false,
    };
    // Without a default limit a list is paginated only when `?limit=` asks for it.
    return this.defaultLimit === null ? { anyOf: [envelope, schema] } : envelope;
  }

  getSchemaOperationParameters(): Record<string, unknown>[] {
    return [
      { name: "limit", required: false, in: "query", description: "Number of results to return per page.", schema: { type: "integer" } },
      { name: "offset", required: false, in: "query", description: "The initial index from which to return the results.", schema: { type: "integer" } },
    ];
  }
}
