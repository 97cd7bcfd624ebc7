import { stringify } from "yaml";
import { RestResponse } from "../http/response.js";
import { JSONRenderer } from "../renderers/json.js";
import type { Renderer } from "../renderers/renderer.js";
import { APIView } from "../views/api-view.js";
import { EXCLUDED_FROM_SCHEMA } from "./generator.js";

/** The document as YAML (DRF's `OpenAPIRenderer`): `?format=yaml` or `Accept: application/yaml`. */
export const YAMLOpenAPIRenderer: Renderer = {
  mediaType: "application/yaml",
  format: "yaml",
  charset: "utf-8",
  render: (data) => stringify(data, { aliasDuplicateObjects: false }),
};

/** Serves the OpenAPI document (DRF's `SchemaView`) in JSON or YAML, built once on first request. */
export class SchemaView extends APIView {
  static readonly [EXCLUDED_FROM_SCHEMA] = true;
  override description = "The OpenAPI 3.1 document of this API.";
  override renderers: readonly Renderer[] = [JSONRenderer, YAMLOpenAPIRenderer];
  document!: () => Record<string, unknown>;

  async get(): Promise<RestResponse> {
    return new RestResponse(this.document());
  }
}
