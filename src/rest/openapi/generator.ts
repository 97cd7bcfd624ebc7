import type { RestHandler } from "../app/handler.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { Pagination } from "../pagination/pagination.js";
import type { ModelSerializer } from "../serializers/model-serializer.js";
import type { ViewHandler } from "../views/view-handler.js";
import { serializerComponents } from "./components.js";
import { ERROR_RESPONSES, ERROR_SCHEMAS } from "./errors.js";
import type { Schema } from "./field-schema.js";
import { errorResponses, pathParameters, requestBody, viewFacts } from "./operation.js";
import { securitySchemeOf } from "./security.js";

export interface OpenApiInfo {
  title?: string;
  /** The API's version (`info.version`); `package.json`'s version of the app when served by restifyApp. */
  version?: string;
  description?: string;
}

/** Model actions: the operationId suffix, the success status, and what the body is. */
const ACTIONS: Record<string, { status: string; body?: "full" | "partial"; list?: boolean }> = {
  list: { status: "200", list: true },
  create: { status: "201", body: "full" },
  retrieve: { status: "200" },
  update: { status: "200", body: "full" },
  partialUpdate: { status: "200", body: "partial" },
  destroy: { status: "204" },
};

/** Views the document leaves out: the document itself and its UI (DRF's `exclude_from_schema`). */
export const EXCLUDED_FROM_SCHEMA = Symbol.for("torest.excludeFromSchema");

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Filter backends and paginators may still use the first method name torest had. */
type Legacy = { schemaParameters?(view?: object): Schema[] };
function parametersOf(part: (FilterBackend | Pagination) & Legacy, view: object): Schema[] {
  const described = part as { getSchemaOperationParameters?(view: object): Schema[] };
  return described.getSchemaOperationParameters?.(view) ?? part.schemaParameters?.(view) ?? [];
}

/**
 * The OpenAPI 3.1 document of what an app serves (DRF's `SchemaGenerator` + `AutoSchema`): each
 * route's operations with typed path parameters, the parameters each filter backend and
 * paginator describes, request bodies per parser, the exact response bodies (paginated as the
 * paginator answers, described by its `getPaginatedResponseSchema`), the error answers in DRF's
 * shapes, and security schemes from the authentication classes.
 *
 * ```ts
 * const doc = openApiSchema(restifyApp("rest/v1"), { title: "Polls", version: "1.2.0" });
 * ```
 */
export function openApiSchema(handler: RestHandler, info: OpenApiInfo = {}): Record<string, unknown> {
  const settings = handler.app.settings;
  const paths: Record<string, Record<string, unknown>> = {};
  // Copies: a caller may edit the document it gets.
  const schemas: Record<string, Schema> = structuredClone(ERROR_SCHEMAS);
  const securitySchemes: Record<string, Schema> = {};
  const names = new Map<ModelSerializer, string>();
  const operationIds = new Set<string>();
  const componentFor = (serializer: ModelSerializer): string => {
    const known = names.get(serializer);
    if (known) return known;
    const meta = serializer.meta;
    const base = `${cap(meta.appLabel)}${meta.objectName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`;
    // Serializers of one model built alike (a model's own routes and a parent's nested route)
    // share one set of components; a differently configured one gets a numbered name.
    for (let n = 1; ; n++) {
      const name = n === 1 ? base : `${base}${n}`;
      const components = serializerComponents(serializer, name);
      if (name in schemas && JSON.stringify(schemas[name]) !== JSON.stringify(components[name])) continue;
      names.set(serializer, name);
      Object.assign(schemas, components);
      return name;
    }
  };
  const uniqueId = (id: string) => {
    let unique = id;
    for (let n = 2; operationIds.has(unique); n++) unique = `${id}${n}`;
    operationIds.add(unique);
    return unique;
  };

  for (const route of handler.app.router.routes) {
    const handlerView = route.view as ViewHandler;
    const viewClass = handlerView.viewClass as (new () => object) & { [EXCLUDED_FROM_SCHEMA]?: boolean };
    if (viewClass[EXCLUDED_FROM_SCHEMA]) continue;
    const view = Object.assign(new viewClass(), handlerView.init ?? {}) as Record<string, unknown>;
    const facts = viewFacts(view, settings);
    for (const auth of facts.authentication) {
      const scheme = securitySchemeOf(auth);
      if (scheme) securitySchemes[scheme.name] = scheme.definition;
    }
    const path = `/${route.pattern.replace(/<(?:\w+:)?(\w+)>/g, "{$1}")}`;
    const base = (route.name ?? path.replace(/\W+/g, "_")).replace(/-(list|detail)$/, "").replace(/-/g, "_");
    // Grouped by model; a nested route belongs to its parent's group.
    const owner = facts.parentModel ?? facts.model;
    const tags = [owner ? `${owner.meta.appLabel}/${owner.meta.modelName}` : "api"];
    const serializer = view.serializer as ModelSerializer | undefined;
    const actions = view.actions as Record<string, string> | undefined;
    const operations: Record<string, unknown> = {};
    const methods = actions
      ? Object.entries(actions)
      : handlerView.allowedMethods.filter((m) => m !== "HEAD" && m !== "OPTIONS").map((m) => [m.toLowerCase(), m.toLowerCase()] as [string, string]);
    for (const [method, action] of methods) {
      const known = serializer ? ACTIONS[action] : undefined;
      // A hand-written view may name its success status per method (`schemaStatus = { post: "204" }`).
      const declared = (view.schemaStatus as Record<string, string> | undefined)?.[method];
      const parameters = pathParameters(path, facts);
      const operation: Schema = { operationId: uniqueId(`${base}_${known ? snake(action) : method}`), tags };
      let success: Schema;
      let body: { schema: Schema; required: boolean; errors: Schema } | null = null;
      if (known && serializer) {
        const component = componentFor(serializer);
        if (known.list) {
          for (const backend of facts.filterBackends) parameters.push(...parametersOf(backend, view));
          if (facts.pagination) parameters.push(...parametersOf(facts.pagination, view));
        }
        const item = ref(component);
        const listed = { type: "array", items: item };
        const content = known.list ? (facts.pagination?.getPaginatedResponseSchema?.(listed) ?? listed) : item;
        success = known.status === "204" ? { description: "No response body" } : { description: "", content: { "application/json": { schema: content } } };
        if (known.body) {
          body = { schema: ref(known.body === "partial" ? `Patched${component}Request` : `${component}Request`), required: known.body === "full", errors: ref(`${component}ValidationError`) };
        }
      } else if (route.name === "api-root") {
        success = { description: "", content: { "application/json": { schema: { type: "object", additionalProperties: { type: "string", format: "uri" } } } } };
      } else {
        // A custom action or hand-written view: its answer is whatever its handler returns.
        success = declared === "204" ? { description: "No response body" } : { description: "", content: { "application/json": { schema: {} } } };
        if (method !== "get" && method !== "delete") body = { schema: {}, required: false, errors: ref("ParameterErrors") };
      }
      if (parameters.length) operation.parameters = parameters;
      if (body) operation.requestBody = requestBody(facts, body.schema, body.required);
      const { responses, security } = errorResponses(facts, method, {
        body: body !== null,
        errors: body?.errors,
        filtered: known?.list === true && facts.filterBackends.length > 0,
        path,
        destroy: action === "destroy",
      });
      operation.responses = { [known?.status ?? declared ?? "200"]: success, ...responses };
      if (security) operation.security = security;
      operations[method] = operation;
    }
    paths[path] = { ...paths[path], ...operations };
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title ?? "torest API", version: info.version ?? "0.0.0", ...(info.description ? { description: info.description } : {}) },
    paths,
    components: {
      schemas,
      responses: structuredClone(ERROR_RESPONSES),
      ...(Object.keys(securitySchemes).length ? { securitySchemes } : {}),
    },
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
