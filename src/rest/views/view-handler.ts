import type { RestRequest } from "../http/request.js";
import type { RestResponse } from "../http/response.js";

/** The HTTP methods views may handle, in the order DRF lists them in `Allow`. */
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * What a route table row points at (DRF's `as_view()` result): answers requests for one URL
 * pattern and knows its methods up front, so `Allow` costs nothing per request.
 */
export interface ViewHandler {
  readonly allowedMethods: readonly HttpMethod[];
  /** `allowedMethods` joined as the `Allow` header value. */
  readonly allowHeader: string;
  /** The view class, for metadata and schema generation. */
  readonly viewClass: abstract new () => object;
  /** The instance properties `asView` binds (model, serializer...), for schema generation. */
  readonly init?: Readonly<Record<string, unknown>>;
  handle(request: RestRequest): Promise<RestResponse>;
}
