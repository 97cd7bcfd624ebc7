import type { RestRequest } from "../../http/request.js";
import { RestResponse } from "../../http/response.js";
import type { ViewClass } from "./types.js";

/** `update` (PUT, every required field) and `partialUpdate` (PATCH) in one transaction (DRF's `UpdateModelMixin`). */
export function UpdateModelMixin<B extends ViewClass>(Base: B) {
  abstract class UpdateModel extends Base {
    async update(request: RestRequest, partial = false): Promise<RestResponse> {
      const body = await this.write(async () => {
        const instance = await this.getObject();
        await this.checkIfMatch(instance);
        const fixed = this.fixedValues();
        const validated = await this.validateData(request.data, { partial, instance, fixed });
        await this.performUpdate(instance, { ...validated, ...fixed });
        return this.renderOne(instance);
      });
      return new RestResponse(body);
    }

    async partialUpdate(request: RestRequest): Promise<RestResponse> {
      return this.update(request, true);
    }
  }
  return UpdateModel;
}
