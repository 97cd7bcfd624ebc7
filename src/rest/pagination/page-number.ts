import type { QuerySet } from "../../index.js";
import { NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { exactCount, type CountStrategy } from "./count.js";
import type { PageBase, Pagination } from "./pagination.js";
import { absoluteUrl, positiveInt, queryParam, withQueryParam } from "./query-url.js";
import { linkSchema, queryParameter, PAGE_SIZE_DESCRIPTION } from "./schema.js";

export interface PageNumberOptions {
  /** Objects per page; unset reads the app's `pageSize` (DRF's `PAGE_SIZE`); none leaves lists unpaginated. */
  pageSize?: number | null;
  /** DRF's `page_query_param`: "page". */
  pageQueryParam?: string;
  /** DRF's `page_size_query_param`: lets the client choose the size (`?page_size=50`); off by default. */
  pageSizeQueryParam?: string | null;
  /** DRF's `max_page_size`: caps a client-chosen size. */
  maxPageSize?: number | null;
  /** DRF's `last_page_strings`: `?page=last`. */
  lastPageStrings?: readonly string[];
  /** How the list is counted (`exactCount`, `cappedCount(n)`, `estimatedCount(n)`). */
  count?: CountStrategy;
}

/** One numbered page (Django's `Page`). */
export interface NumberedPage extends PageBase {
  readonly number: number;
  readonly numPages: number;
  readonly count: number;
  readonly hasNext: boolean;
  readonly hasPrevious: boolean;
}

const INTEGER = /^\s*[+-]?\d+\s*$/;

/**
 * `?page=4` (DRF's `PageNumberPagination`): answers `{"count", "next", "previous", "results"}`;
 * a page that does not exist (or is not a number) is a 404 `{"detail": "Invalid page."}`.
 *
 * ```ts
 * restifyApp("api", { settings: { pagination: new PageNumberPagination(), pageSize: 20 } });
 * new PageNumberPagination({ pageSize: 10, pageSizeQueryParam: "page_size", maxPageSize: 100 });
 * ```
 */
export class PageNumberPagination implements Pagination<NumberedPage> {
  readonly pageSize: number | null | undefined;
  readonly pageQueryParam: string;
  readonly pageSizeQueryParam: string | null;
  readonly maxPageSize: number | null;
  readonly lastPageStrings: readonly string[];
  readonly countStrategy: CountStrategy;
  /** DRF's `invalid_page_message`. */
  invalidPageMessage = "Invalid page.";

  constructor(options: PageNumberOptions = {}) {
    this.pageSize = options.pageSize;
    this.pageQueryParam = options.pageQueryParam ?? "page";
    this.pageSizeQueryParam = options.pageSizeQueryParam ?? null;
    this.maxPageSize = options.maxPageSize ?? null;
    this.lastPageStrings = options.lastPageStrings ?? ["last"];
    this.countStrategy = options.count ?? exactCount;
  }

  /** DRF's `get_page_size`: the client's choice when allowed and valid, else the configured size. */
  getPageSize(request: RestRequest): number | null {
    if (this.pageSizeQueryParam) {
      const chosen = positiveInt(queryParam(request, this.pageSizeQueryParam), true, this.maxPageSize);
      if (chosen !== null) return chosen;
    }
    const size = this.pageSize === undefined ? request.settings.pageSize : this.pageSize;
    return size || null;
  }

  async paginate(request: RestRequest, queryset: QuerySet<any>): Promise<NumberedPage | null> {
    const size = this.getPageSize(request);
    if (size === null) return null;
    const { count, capped } = await this.countStrategy(queryset);
    // Django's Paginator: an empty list still has its first page.
    const numPages = Math.max(1, Math.ceil(count / size));
    const raw = queryParam(request, this.pageQueryParam) || "1";
    const number = this.lastPageStrings.includes(raw) ? numPages : INTEGER.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(number) || number < 1 || (!capped && number > numPages)) throw new NotFound(this.invalidPageMessage);
    const offset = (number - 1) * size;
    if (capped) {
      // The real count is unknown past the cap: one extra row tells whether a next page exists.
      const rows = await queryset.slice(offset, offset + size + 1);
      if (rows.length === 0 && number > 1) throw new NotFound(this.invalidPageMessage);
      return { items: rows.slice(0, size), number, numPages, count, hasNext: rows.length > size, hasPrevious: number > 1 };
    }
    const items = count > offset ? await queryset.slice(offset, Math.min(offset + size, count)) : [];
    return { items, number, numPages, count, hasNext: number < numPages, hasPrevious: number > 1 };
  }

  response(request: RestRequest, page: NumberedPage, data: unknown[]): RestResponse {
    return new RestResponse({
      count: page.count,
      next: this.getNextLink(request, page),
      previous: this.getPreviousLink(request, page),
      results: data,
    });
  }

  getNextLink(request: RestRequest, page: NumberedPage): string | null {
    return page.hasNext ? withQueryParam(absoluteUrl(request), this.pageQueryParam, page.number + 1) : null;
  }

  /** The first page's link has no page parameter, as DRF's. */
  getPreviousLink(request: RestRequest, page: NumberedPage): string | null {
    if (!page.hasPrevious) return null;
    const previous = page.number - 1;
    return withQueryParam(absoluteUrl(request), this.pageQueryParam, previous === 1 ? null : previous);
  }

  getPaginatedResponseSchema(schema: Record<string, unknown>): Record<string, unknown> {
    const link = (n: number) => linkSchema(`http://api.example.org/accounts/?${this.pageQueryParam}=${n}`);
    return {
      type: "object",
      required: ["count", "results"],
      properties: { count: { type: "integer", examples: [123] }, next: link(4), previous: link(2), results: schema },
    };
  }

  getSchemaOperationParameters(): Record<string, unknown>[] {
    const parameters = [queryParameter(this.pageQueryParam, "A page number within the paginated result set.", "integer")];
    if (this.pageSizeQueryParam) parameters.push(queryParameter(this.pageSizeQueryParam, PAGE_SIZE_DESCRIPTION, "integer"));
    return parameters;
  }
}
