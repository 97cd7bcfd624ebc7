import type { RestRequest } from "../../http/request.js";
import { RestResponse } from "../../http/response.js";
import type { ViewClass } from "./types.js";

/** `retrieve`: one object (DRF's `RetrieveModelMixin`). */
export function RetrieveModelMixin<B extends ViewClass>(Base: B) {
  abstract class RetrieveModel extends Base {
    async retrieve(_request: RestRequest): Promise<RestResponse> {
      const instance = await this.getObject();
      return new RestResponse(await this.renderOne(instance));
    }
  }
  return RetrieveModel;
}
