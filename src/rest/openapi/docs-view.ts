import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { NotFound } from "../errors/exceptions.js";
import type { RestRequest } from "../http/request.js";
import { RestResponse } from "../http/response.js";
import { escapeHtml } from "../renderers/browsable/html.js";
import { APIView } from "../views/api-view.js";
import { EXCLUDED_FROM_SCHEMA } from "./generator.js";

/** The files of `swagger-ui-dist` the page loads, with their media types (nothing else is served). */
const ASSETS: Readonly<Record<string, string>> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui-standalone-preset.js": "text/javascript; charset=utf-8",
  "favicon-32x32.png": "image/png",
  "favicon-16x16.png": "image/png",
};

const cache = new Map<string, Uint8Array>();

/** Reads an asset from the installed `swagger-ui-dist` package once (a runtime dependency; no CDN). */
async function asset(name: string): Promise<Uint8Array> {
  const cached = cache.get(name);
  if (cached) return cached;
  const root = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
  const bytes = new Uint8Array(await readFile(join(root, name)));
  cache.set(name, bytes);
  return bytes;
}

/**
 * Swagger UI for the app's document, served offline at `<prefix>/docs/` from the `swagger-ui-dist`
 * package: the page at `docs/`, its scripts and stylesheet at `docs/<file>`.
 */
export class SwaggerUIView extends APIView {
  static readonly [EXCLUDED_FROM_SCHEMA] = true;
  override description = "Swagger UI for the OpenAPI document.";
  /** Path of the document, relative to the mount point (`/rest/v1/openapi/`). */
  schemaUrl!: string;
  /** Path of this page, relative to the mount point (`/rest/v1/docs/`). */
  docsUrl!: string;
  title = "torest API";

  async get(request: RestRequest): Promise<RestResponse> {
    const file = request.params.file;
    if (file !== undefined) {
      const type = ASSETS[file];
      if (!type) throw new NotFound();
      const response = RestResponse.raw(await asset(file), type);
      response.headers["cache-control"] = "public, max-age=86400";
      return response;
    }
    return RestResponse.raw(this.page(request.basePath + this.schemaUrl, request.basePath + this.docsUrl), "text/html; charset=utf-8");
  }

  page(schemaUrl: string, docsUrl: string): string {
    const at = (file: string) => escapeHtml(docsUrl + file);
    // The document URL goes into a script as JSON, with "<" escaped so it cannot end the script.
    const url = JSON.stringify(`${schemaUrl}?format=json`).replace(/</g, "\\u003c");
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(this.title)} – Swagger UI</title>
<link rel="stylesheet" href="${at("swagger-ui.css")}">
<link rel="icon" type="image/png" href="${at("favicon-32x32.png")}" sizes="32x32">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${at("swagger-ui-bundle.js")}"></script>
<script src="${at("swagger-ui-standalone-preset.js")}"></script>
<script>
window.ui = SwaggerUIBundle({
  url: ${url},
  dom_id: "#swagger-ui",
  deepLinking: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: "StandaloneLayout"
});
</script>
</body>
</html>
`;
  }
}
