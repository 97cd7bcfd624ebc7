import type { ModelClass } from "../../index.js";
import { createHandler, type RestHandler } from "../app/handler.js";
import type { RestSettings } from "../app/settings.js";
import type { AnyPagination } from "../pagination/pagination.js";
import { Router } from "../routing/router.js";
import type { ViewHandler } from "../views/view-handler.js";
import { joinPath, trimSlashes } from "../routing/pattern.js";
import { modelPath, modelRoutes, RESTIFY_FILTER_BACKENDS, type AppDefaults } from "./model-routes.js";
import type { RestifyOptions } from "./options.js";
import { checkRestifyOptions } from "./check-options.js";
import { markedModels } from "./registry.js";
import { ApiRootView } from "./root-view.js";
import { appVersion } from "../openapi/app-version.js";
import { SwaggerUIView } from "../openapi/docs-view.js";
import { openApiSchema, type OpenApiInfo } from "../openapi/generator.js";
import { SchemaView } from "../openapi/schema-view.js";

export interface RestifyAppOptions {
  /**
   * Models to serve besides those marked with `@restifyModel()`, optionally with their options:
   * `[Place, [Restaurant, { exclude: ["serves_pizza"] }]]`.
   */
  models?: readonly (ModelClass | readonly [ModelClass, RestifyOptions])[];
  /**
   * Serve only the models listed in `models`, not every decorated one. A listed class still
   * keeps its `@restifyModel(options)`; `[Model, options]` replaces them.
   */
  only?: boolean;
  /**
   * App-wide defaults (DRF's `REST_FRAMEWORK`): authentication, permissions, throttles and
   * rates, filterBackends, pagination + pageSize, versioning, renderers, parsers. A model's
   * `customViewParams` overrides them for its endpoints.
   */
  settings?: Partial<RestSettings>;
  /** Paginator for every list (none by default, as in DRF); shorthand for `settings.pagination`. */
  pagination?: AnyPagination | null;
  /** Serve the API root at `/` (default true). */
  root?: boolean;
  /**
   * The path the handler is mounted under when the server strips it before calling the handler
   * (Hono's `app.mount("/api", handler.fetch)`): links include it. Express's mount path is
   * known without it.
   */
  basePath?: string;
  /** More routes below the prefix, e.g. `authRoutes()` (login, tokens, JWT). */
  routes?: readonly { pattern: string; name: string; view: ViewHandler }[];
  /** Serve an OpenAPI 3.1 document of the API at `<prefix>/<schemaPath>/` (e.g. "openapi"), JSON or YAML; off by default. */
  schemaPath?: string;
  /** Swagger UI for that document at `<prefix>/<docsPath>/`: "docs" when `schemaPath` is set; null turns it off. */
  docsPath?: string | null;
  /** The document's `info`; `version` defaults to the version in the app's package.json (the working directory's). */
  info?: OpenApiInfo;
}

/**
 * REST endpoints for every model marked with `@restifyModel()` (django-to-rest's `restifyApp`):
 * `/<prefix>/<app>/<model>/` (list, create), `.../<pk>/` (retrieve, update, destroy), nested
 * routes for reverse foreign keys and many-to-many, and the API root at `/`.
 *
 * ```ts
 * const handler = restifyApp("rest/v1");
 * http.createServer(handler).listen(8000);   // or app.use(handler), fastify.register(handler)
 * ```
 */
export function restifyApp(prefix = "rest/v1", options: RestifyAppOptions = {}): RestHandler {
  const trimmed = trimSlashes(prefix);
  const entries = new Map<ModelClass, RestifyOptions>();
  const marked = new Map(markedModels().map(({ model, options: o }) => [model, o]));
  if (!options.only) for (const [model, o] of marked) entries.set(model, o);
  for (const item of options.models ?? []) {
    if (Array.isArray(item)) entries.set(item[0] as ModelClass, item[1] as RestifyOptions);
    // A listed class keeps its decorator's options (its `exclude`, its permission classes).
    else if (!entries.has(item as ModelClass)) entries.set(item as ModelClass, marked.get(item as ModelClass) ?? {});
  }
  // Bind every served model first, so that relations between them are resolved on both sides.
  for (const model of entries.keys()) void model.meta;
  for (const [model, modelOptions] of entries) checkRestifyOptions(model, modelOptions);
  const router = new Router<ViewHandler>();
  const root: [string, string][] = [];
  const optionsOf = (model: ModelClass) => entries.get(model) ?? {};
  const app: AppDefaults = {
    pagination: options.pagination ?? options.settings?.pagination ?? null,
    filterBackends: options.settings?.filterBackends ?? RESTIFY_FILTER_BACKENDS,
  };
  for (const [model, modelOptions] of entries) {
    for (const row of modelRoutes(trimmed, model, modelOptions, app, optionsOf, (m) => entries.has(m))) router.add(row);
    const key = modelPath(trimmed, model);
    root.push([key, `/${key}/`]);
  }
  for (const route of options.routes ?? []) router.add({ ...route, pattern: `${joinPath(trimmed, trimSlashes(route.pattern))}/` });
  if (options.root ?? true) router.add({ pattern: "", name: "api-root", view: ApiRootView.asView({ entries: root }) });
  let schema: Record<string, unknown> | null = null;
  if (options.schemaPath) {
    const pattern = `${joinPath(trimmed, trimSlashes(options.schemaPath))}/`;
    const info = { ...options.info, version: options.info?.version ?? appVersion() };
    const document = () => (schema ??= openApiSchema(handler, info));
    router.add({ pattern, name: "openapi-schema", view: SchemaView.asView({ document }) });
    const docsPath = options.docsPath === undefined ? "docs" : options.docsPath;
    if (docsPath !== null) {
      const docs = `${joinPath(trimmed, trimSlashes(docsPath))}/`;
      const init = { schemaUrl: `/${pattern}`, docsUrl: `/${docs}`, title: info.title ?? "torest API" };
      router.add({ pattern: docs, name: "openapi-docs", view: SwaggerUIView.asView(init) });
      router.add({ pattern: `${docs}<file>`, name: "openapi-docs-asset", view: SwaggerUIView.asView(init) });
    }
  }
  const handler = createHandler({ router, prefix: trimmed, settings: options.settings, basePath: options.basePath });
  return handler;
}
