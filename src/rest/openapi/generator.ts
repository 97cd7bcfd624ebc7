import type { RestHandler } from "../app/handler.js";
import type { FilterBackend } from "../filters/filter-backend.js";
import type { Pagination } from "../pagination/pagination.js";
import type { ModelSerializer } from "../serializers/model-serializer.js";
import type { ViewHandler } from "../views/view-handler.js";
import { fieldSchema } from "./field-schema.js";

interface ModelViewInit {
  serializer?: ModelSerializer;
  actions?: Record<string, string>;
  filterBackends?: readonly FilterBackend[];
  pagination?: Pagination | null;
}

const OPERATIONS: Record<string, { suffix: string; status: string }> = {
  list: { suffix: "list", status: "200" },
  create: { suffix: "create", status: "201" },
  retrieve: { suffix: "retrieve", status: "200" },
  update: { suffix: "update", status: "200" },
  partialUpdate: { suffix: "partialUpdate", status: "200" },
  destroy: { suffix: "destroy", status: "204" },
};

/**
 * An OpenAPI 3 document for an app's routes (DRF's `SchemaGenerator` + `AutoSchema`): one path
 * per route, operations from each view's actions, parameters described by the filter backends
 * and paginator, request/response bodies from the serializers' fields.
 *
 * ```ts
 * const doc = openApiSchema(restifyApp("rest/v1"), { title: "Polls" });
 * ```
 */
export function openApiSchema(handler: RestHandler, info: { title?: string; version?: string } = {}): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, unknown> = {};
  // One component per serializer: `PollsQuestion`; another serializer of the same model gets a number.
  const names = new Map<ModelSerializer, string>();
  const nameFor = (serializer: ModelSerializer) => {
    const base = `${cap(serializer.meta.appLabel)}${serializer.meta.objectName.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}`;
    let name = base;
    for (let n = 2; name in schemas; n++) name = `${base}${n}`;
    names.set(serializer, name);
    return name;
  };
  for (const route of handler.app.router.routes) {
    const view = route.view as ViewHandler;
    const init = (view.init ?? {}) as ModelViewInit;
    if (!init.serializer || !init.actions) continue;
    const serializer = init.serializer;
    const component = names.get(serializer) ?? nameFor(serializer);
    schemas[component] = objectSchema(serializer, false);
    const path = `/${route.pattern.replace(/<(?:\w+:)?(\w+)>/g, "{$1}")}`;
    const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const operations: Record<string, unknown> = {};
    for (const [method, action] of Object.entries(init.actions)) {
      const op = OPERATIONS[action];
      if (!op) continue;
      const ref = { $ref: `#/components/schemas/${component}` };
      const listed = action === "list";
      const parameters = [...params];
      if (listed) {
        for (const backend of init.filterBackends ?? []) parameters.push(...((backend.schemaParameters?.(init as never) ?? []) as never[]));
        parameters.push(...((init.pagination?.schemaParameters?.() ?? []) as never[]));
      }
      const operation: Record<string, unknown> = {
        operationId: `${route.name ?? component}-${op.suffix}`,
        parameters,
        responses: {
          [op.status]: op.status === "204" ? { description: "" } : {
            description: "",
            content: { "application/json": { schema: listed ? { type: "array", items: ref } : ref } },
          },
        },
      };
      if (action === "create" || action === "update" || action === "partialUpdate") {
        const body = action === "partialUpdate" ? { ...objectSchema(serializer, true) } : ref;
        operation.requestBody = {
          content: Object.fromEntries(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"].map((t) => [t, { schema: body }])),
        };
      }
      operations[method] = operation;
    }
    paths[path] = { ...paths[path], ...operations };
  }
  return {
    openapi: "3.0.2",
    info: { title: info.title ?? "torest API", version: info.version ?? "" },
    paths,
    components: { schemas },
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The object schema of a serializer; `partial` drops `required` (PATCH bodies). */
function objectSchema(serializer: ModelSerializer, partial: boolean): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const field of serializer.fields) {
    properties[field.name] = fieldSchema(field);
    if (!partial && field.required && !field.readOnly) required.push(field.name);
  }
  return required.length ? { type: "object", properties, required } : { type: "object", properties };
}
