import type { RestRequest } from "../../http/request.js";
import { RestResponse } from "../../http/response.js";
import type { ViewClass } from "./types.js";

/** `destroy`: delete (cascading per `onDelete`) and answer 204 (DRF's `DestroyModelMixin`). */
export function DestroyModelMixin<B extends ViewClass>(Base: B) {
  abstract class DestroyModel extends Base {
    async destroy(_request: RestRequest): Promise<RestResponse> {
      await this.write(async () => {
        const instance = await this.getObject();
        await this.checkIfMatch(instance);
        await this.performDestroy(instance);
      });
      return new RestResponse(undefined, 204);
    }
  }
  return DestroyModel;
}
