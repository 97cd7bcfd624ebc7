import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { APIView } from "../views/api-view.js";

/**
 * The API root (DRF's `DefaultRouter` root view): every model list with its absolute URL,
 * keyed `rest/v1/polls/question`.
 */
export class ApiRootView extends APIView {
  override description = "The default basic root view for DefaultRouter";
  /** [key, path] pairs, path relative to the mount point. */
  entries: readonly (readonly [string, string])[] = [];

  async get(request: RestRequest): Promise<RestResponse> {
    const body: Record<string, string> = {};
    for (const [key, path] of this.entries) body[key] = request.absoluteUri(path);
    return new RestResponse(body);
  }
}
