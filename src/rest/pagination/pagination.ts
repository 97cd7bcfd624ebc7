import type { QuerySet } from "../../index.js";
import type { RestRequest } from "../http/request.js";
import type { RestResponse } from "../http/response.js";
import type { GenericAPIView } from "../views/generic-api-view.js";

/** What every page carries: the objects to render. Each paginator adds what its envelope needs. */
export interface PageBase {
  readonly items: readonly object[];
}

/** One page of a limit/offset list. */
export interface Page extends PageBase {
  readonly count: number;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Splits a list into pages (DRF's `BasePagination`); null from `paginate` means "not paginated".
 * A paginator object is shared by every request, so per-request state lives in the page it
 * returns (DRF keeps it on `self`).
 */
export interface Pagination<P extends PageBase = Page> {
  paginate(request: RestRequest, queryset: QuerySet<any>, view?: GenericAPIView): Promise<P | null>;
  response(request: RestRequest, page: P, data: unknown[]): RestResponse;
  /** The query parameters of a paginated list, for OpenAPI (DRF's `get_schema_operation_parameters`). */
  getSchemaOperationParameters?(view?: GenericAPIView): Record<string, unknown>[];
  /** The envelope a page answers, around the schema of one page's `results` (DRF's `get_paginated_response_schema`). */
  getPaginatedResponseSchema?(schema: Record<string, unknown>): Record<string, unknown>;
}

/** Any paginator, whatever its page type (what views hold). */
export type AnyPagination = Pagination<any>;
