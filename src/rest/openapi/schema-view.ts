import { RestResponse } from "../http/response.js";
import { APIView } from "../views/api-view.js";

/** Serves the OpenAPI document (DRF's `SchemaView`), built once on first request. */
export class SchemaView extends APIView {
  override description = "The OpenAPI 3 schema of this API.";
  document!: () => Record<string, unknown>;

  async get(): Promise<RestResponse> {
    return new RestResponse(this.document());
  }
}
