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
  /** The query parameters of a paginated list (DRF's `get_schema_operation_parameters`). */
  getSchemaOperationParameters?(view: object): Record<string, unknown>[];
  /** The envelope a page answers, around the schema of one page's `results` (DRF's method). */
  getPaginatedResponseSchema?(schema: Record<string, unknown>): Record<string, unknown>;
}
