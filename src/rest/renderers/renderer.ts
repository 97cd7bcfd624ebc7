import type { RestRequest } from "../http/request.js";
import type { RestResponse } from "../http/response.js";

/**
 * What a renderer may consult besides the data (DRF's `renderer_context`): the request, the
 * response being rendered and, when a view handled the request, the view instance.
 */
export interface RendererContext {
  readonly request: RestRequest;
  readonly response: RestResponse;
  /** The view instance (an `APIView`); absent for app-level answers such as an unknown URL. */
  readonly view?: object;
}

/** Turns response data into bytes of one media type (DRF's `BaseRenderer`). */
export interface Renderer {
  /** Sent as the Content-Type (with `charset` when set). */
  readonly mediaType: string;
  /** Short name, as in `?format=json`. */
  readonly format: string;
  /** Appended to the Content-Type as `; charset=...` (DRF's `charset`), e.g. "utf-8" for HTML. */
  readonly charset?: string;
  /** May be async (the browsable API loads relation choices for its forms). */
  render(data: unknown, context?: RendererContext): string | Uint8Array | Promise<string | Uint8Array>;
}
