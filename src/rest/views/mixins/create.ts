import type { RestRequest } from "../../http/request.js";
import { RestResponse } from "../../http/response.js";
import type { ViewClass } from "./types.js";

/** `create`: validate, save and answer 201, all in one transaction (DRF's `CreateModelMixin`). */
export function CreateModelMixin<B extends ViewClass>(Base: B) {
  abstract class CreateModel extends Base {
    async create(request: RestRequest): Promise<RestResponse> {
      const body = await this.write(async () => {
        const fixed = this.fixedValues();
        const validated = await this.validateData(request.data, { fixed });
        const instance = await this.performCreate({ ...validated, ...fixed });
        return this.renderOne(instance);
      });
      return new RestResponse(body, 201);
    }
  }
  return CreateModel;
}
