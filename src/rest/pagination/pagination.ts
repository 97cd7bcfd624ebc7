import type { QuerySet } from "../../index.js";
import type { RestRequest } from "../http/request.js";
import type { RestResponse } from "../http/response.js";

/** One page of a list: the objects to render and what the envelope needs. */
export interface Page {
  readonly items: readonly object[];
  readonly count: number;
  readonly limit: number;
  readonly offset: number;
}

/** Splits a list into pages (DRF's `BasePagination`); null from `paginate` means "not paginated". */
export interface Pagination {
  paginate(request: RestRequest, queryset: QuerySet<any>): Promise<Page | null>;
  response(request: RestRequest, page: Page, data: unknown[]): RestResponse;
  schemaParameters?(): Record<string, unknown>[];
}
