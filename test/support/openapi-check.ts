// Sends real requests to every route of an app and checks each answer against the app's own
// OpenAPI document: the status must be documented for the operation and the body must validate
// against its schema (JSON Schema 2020-12, as OpenAPI 3.1 uses, with ajv).
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import type { ModelClass } from "torest";
import { APIClient, openApiSchema, type ClientResponse, type RestHandler } from "torest/rest";

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; content?: Record<string, { schema: object }> }> }>>; components: Record<string, Record<string, unknown>> };

export class OpenApiResponseChecker {
  readonly doc: Doc;
  readonly client: APIClient;
  /** `get /api/x/{pk}/` → statuses seen. */
  readonly seen = new Map<string, Set<number>>();
  readonly #ajv = new Ajv2020({ strict: false, allErrors: true });
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(readonly handler: RestHandler) {
    this.doc = openApiSchema(handler) as unknown as Doc;
    this.client = new APIClient(handler);
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.#ajv);
    this.#ajv.addFormat("decimal", true);
  }

  async send(method: string, template: string, url: string, body?: unknown, options: { contentType?: string; headers?: Record<string, string> } = {}): Promise<ClientResponse> {
    const res = await this.client.request(method, url, body, options);
    this.check(method.toLowerCase(), template, res);
    return res;
  }

  check(method: string, template: string, res: ClientResponse): void {
    const where = `${method.toUpperCase()} ${template} → ${res.status} ${res.text.slice(0, 300)}`;
    const operation = this.doc.paths[template]?.[method];
    expect(operation, `undocumented operation: ${where}`).toBeDefined();
    let response = operation!.responses[String(res.status)];
    expect(response, `undocumented status: ${where}`).toBeDefined();
    if (response!.$ref) response = this.doc.components.responses![response!.$ref.split("/").pop()!] as typeof response;
    const key = `${method} ${template}`;
    if (!this.seen.has(key)) this.seen.set(key, new Set());
    this.seen.get(key)!.add(res.status);
    const schema = response!.content?.["application/json"]?.schema;
    if (!schema) {
      expect(res.text, `a body where none is documented: ${where}`).toBe("");
      return;
    }
    const cacheKey = `${key} ${res.status}`;
    let validate = this.#compiled.get(cacheKey);
    if (!validate) {
      validate = this.#ajv.compile({ ...schema, components: this.doc.components });
      this.#compiled.set(cacheKey, validate);
    }
    const valid = validate(res.data);
    expect(valid, `${where}\n${JSON.stringify(validate.errors, null, 1)}`).toBe(true);
  }

  /** Operations never answered with a 2xx (those whose permissions refuse anonymous clients excepted). */
  missingSuccess(except: (key: string) => boolean = () => false): string[] {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(this.doc.paths)) {
      for (const method of Object.keys(item)) {
        const key = `${method} ${path}`;
        if (except(key)) continue;
        if (![...(this.seen.get(key) ?? [])].some((s) => s >= 200 && s < 300)) missing.push(key);
      }
    }
    return missing;
  }
}

type Init = { model?: ModelClass; parentModel?: ModelClass; parentAttname?: string; actions?: Record<string, string> };

const MISSING = 999999;

/**
 * Walks every route: lists (plain, paginated, badly filtered, refused Accept), objects (found
 * and missing), creates (valid from an existing object's values, empty, malformed, wrong media
 * type), updates, partial updates and deletes, each answer checked against the document.
 */
export async function walkRoutes(checker: OpenApiResponseChecker): Promise<void> {
  const routes = checker.handler.app.router.routes;
  const deletes: (() => Promise<void>)[] = [];
  for (const route of routes) {
    const init = (route.view.init ?? {}) as Init;
    const template = `/${route.pattern.replace(/<(?:\w+:)?(\w+)>/g, "{$1}")}`;
    if (!checker.doc.paths[template]) continue;
    const { parentPk, pk } = await keysFor(init);
    const url = (p: unknown = pk, parent: unknown = parentPk) =>
      `/${route.pattern.replace("<parent_pk>", String(parent)).replace("<pk>", String(p))}`;
    const methods = Object.keys(checker.doc.paths[template]);
    const hasPk = route.pattern.includes("<pk>");
    const hasParent = route.pattern.includes("<parent_pk>");
    if (methods.includes("get")) {
      const list = await checker.send("GET", template, url());
      if (!hasPk && init.model) {
        await checker.send("GET", template, `${url()}?limit=1`);
        await checker.send("GET", template, `${url()}?limit=1&offset=1&ordering=-pk`);
        await checker.send("GET", template, `${url()}?${init.model.meta.pk.name}=not-a-number`);
      }
      await checker.send("GET", template, url(), undefined, { headers: { accept: "application/xml" } });
      if (hasPk) await checker.send("GET", template, url(MISSING));
      if (hasParent) await checker.send("GET", template, url(pk, MISSING));
      void list;
    }
    const sample = await sampleBody(checker, template, url, hasPk, methods);
    if (methods.includes("post")) {
      const created = await createSomehow(checker, template, url(), sample);
      await checker.send("POST", template, url(), {});
      await checker.send("POST", template, url(), "{not json", { contentType: "application/json" });
      await checker.send("POST", template, url(), "x", { contentType: "text/plain" });
      if (created.status === 201 && init.model) {
        const newPk = (created.data as Record<string, unknown>)[init.model.meta.pk.name];
        const detail = routes.find((r) => r.pattern === `${route.pattern}<pk>/`);
        if (detail && newPk !== undefined) {
          const detailTemplate = `${template}{pk}/`;
          deletes.push(async () => void (await checker.send("DELETE", detailTemplate, `/${detail.pattern.replace("<parent_pk>", String(parentPk)).replace("<pk>", String(newPk))}`)));
        }
      }
    }
    if (methods.includes("put")) {
      await checker.send("PUT", template, url(), sample);
      await checker.send("PUT", template, url(), {});
    }
    if (methods.includes("patch")) await checker.send("PATCH", template, url(), {});
    if (methods.includes("delete")) {
      await checker.send("DELETE", template, url(MISSING));
      deletes.push(async () => void (await checker.send("DELETE", template, url())));
    }
  }
  // Children before parents, so a cascade does not take an object before its own DELETE.
  for (const remove of deletes.reverse()) await remove();
}

/** A request body from an existing object's own representation. */
async function sampleBody(checker: OpenApiResponseChecker, template: string, url: (p?: unknown) => string, hasPk: boolean, methods: string[]): Promise<Record<string, unknown>> {
  if (!methods.includes("post") && !methods.includes("put")) return {};
  const res = await checker.client.get(hasPk ? url() : url(), { format: "json" });
  const data = res.data as Record<string, unknown> | Record<string, unknown>[] | { results: Record<string, unknown>[] } | undefined;
  const item = Array.isArray(data) ? data[0] : data && "results" in data ? (data.results as Record<string, unknown>[])[0] : data;
  void template;
  return item && typeof item === "object" ? { ...item } : {};
}

async function keysFor(init: Init): Promise<{ parentPk: unknown; pk: unknown }> {
  if (!init.model) return { parentPk: MISSING, pk: MISSING };
  if (init.parentModel && init.parentAttname) {
    const row = (await init.model.objects.orderBy("pk").slice(0, 1))[0] as Record<string, unknown> | undefined;
    if (row) return { parentPk: row[init.parentAttname], pk: (row as { pk: unknown }).pk };
    const parent = (await init.parentModel.objects.orderBy("pk").slice(0, 1))[0] as { pk: unknown } | undefined;
    return { parentPk: parent?.pk ?? MISSING, pk: MISSING };
  }
  const row = (await init.model.objects.orderBy("pk").slice(0, 1))[0] as { pk: unknown } | undefined;
  return { parentPk: MISSING, pk: row?.pk ?? MISSING };
}

/** Candidate values for a field the server refused (a unique key already taken, a missing pick). */
const CANDIDATES: unknown[] = [undefined, null, 1, 2, 3, 4, 5, 6, 7, 8];

/**
 * POSTs a copy of an existing object; where the copy breaks a unique constraint (a one-to-one,
 * a through row), retries the refused fields with other values. Every answer is checked.
 */
async function createSomehow(checker: OpenApiResponseChecker, template: string, url: string, sample: Record<string, unknown>): Promise<ClientResponse> {
  const body = { ...sample };
  const tried = new Map<string, number>();
  let res = await checker.send("POST", template, url, body);
  for (let attempt = 0; attempt < 30 && res.status === 400; attempt++) {
    const errors = Object.keys((res.data ?? {}) as Record<string, unknown>).filter((k) => k !== "detail");
    const fields = errors.includes("non_field_errors") ? Object.keys(body) : errors;
    const field = fields.find((f) => (tried.get(f) ?? -1) < CANDIDATES.length - 1);
    if (!field) break;
    const next = (tried.get(field) ?? -1) + 1;
    tried.set(field, next);
    if (CANDIDATES[next] === undefined) delete body[field];
    else body[field] = CANDIDATES[next];
    res = await checker.send("POST", template, url, body);
  }
  return res;
}
