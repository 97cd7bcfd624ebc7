import { Validator } from "@seriousme/openapi-schema-validator";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import {
  APIClient, BasicAuthentication, IsAuthenticatedOrReadOnly, LimitOffsetPagination, ScopedRateThrottle,
  openApiSchema, restifyApp, type CustomActionContext,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { OpenApiResponseChecker, walkRoutes } from "../support/openapi-check.js";
import { Category, Product, shopModels } from "./fixtures/browsable-models.js";
import { Choice, Question, models as quickstartModels } from "./fixtures/quickstart-models.js";

useTestDatabase([...quickstartModels, ...shopModels]);

// With a custom action per kind (DRF's @action): its answer is whatever its handler returns.
const vote = { name: "vote", detail: true, methods: ["POST"] as const, handler: async ({ getObject }: CustomActionContext) => {
  const instance = (await getObject()) as any;
  return { votes: (instance.votes += 1, await instance.save(), instance.votes) };
} };
const top = { name: "top", handler: async () => ({ top: null }) };
const quickstart = () =>
  restifyApp("rest/v1", {
    only: true,
    models: [Question, [Choice, { customActions: [vote, top] }]],
    pagination: new LimitOffsetPagination(),
    schemaPath: "openapi",
    info: { title: "Polls", version: "2.1.0" },
  });
const shop = () => restifyApp("api", { only: true, models: shopModels, pagination: new LimitOffsetPagination({ defaultLimit: 2 }) });
const docOf = (handler: ReturnType<typeof restifyApp>) => openApiSchema(handler, { title: "t", version: "1.0.0" }) as any;

describe(dbName("the OpenAPI 3.1 document describes what is served (DRF's SchemaGenerator)"), () => {
  it("is a valid OpenAPI 3.1 document for every test app (checked by @seriousme/openapi-schema-validator)", async () => {
    const auth = restifyApp("api", { only: true, models: shopModels, settings: { authentication: [new BasicAuthentication({ verify: () => null })], permissions: [IsAuthenticatedOrReadOnly], throttles: [ScopedRateThrottle()] } });
    for (const handler of [quickstart(), shop(), auth]) {
      const result = await new Validator().validate(docOf(handler));
      expect(result.errors).toBeUndefined();
      expect(result.valid).toBe(true);
    }
  });

  it("takes info.version from the app and paths from the route table, with unique operationIds", async () => {
    const res = await new APIClient(quickstart()).get("/rest/v1/openapi/");
    expect(res.data.openapi).toBe("3.1.0");
    expect(res.data.info).toEqual({ title: "Polls", version: "2.1.0" });
    // Without an explicit version: the app's package.json (the working directory's).
    expect(docOf(shop()).info.version).toBe("1.0.0");
    const served = await new APIClient(restifyApp("api", { only: true, models: shopModels, schemaPath: "openapi" })).get("/api/openapi/");
    expect(served.data.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(res.data.paths)).toEqual([
      "/rest/v1/polls/question/",
      "/rest/v1/polls/question/{pk}/",
      "/rest/v1/polls/question/{parent_pk}/choices/",
      "/rest/v1/polls/choice/",
      "/rest/v1/polls/choice/{pk}/",
      "/rest/v1/polls/choice/{pk}/vote/",
      "/rest/v1/polls/choice/top/",
      "/",
    ]);
    expect(res.data.paths["/rest/v1/polls/choice/{pk}/vote/"].post.operationId).toBe("polls_choice_vote_post");
    const ids = Object.values(res.data.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("polls_question_list");
    expect(ids).toContain("polls_question_partial_update");
    expect(ids).toContain("polls_question_question_choices_list");
  });

  it("describes fields exactly: read-only keys, required keys, max lengths, formats, choices as enums, null as a type", () => {
    const { schemas } = docOf(shop()).components;
    expect(schemas.ShopProduct.properties).toEqual({
      id: { type: "integer", readOnly: true },
      name: { type: "string", maxLength: 60, description: "Shown on the shelf label." },
      description: { type: "string" },
      price: { type: "string", format: "decimal", pattern: "^-?\\d{0,6}(?:\\.\\d{0,2})?$" },
      in_stock: { type: "boolean" },
      size: { type: "string", enum: ["S", "L"] },
      released: { type: ["string", "null"], format: "date" },
      contact: { type: "string", anyOf: [{ format: "email" }, { const: "" }], maxLength: 80 },
      homepage: { type: "string", anyOf: [{ format: "uri" }, { const: "" }], maxLength: 200 },
      category: { type: ["integer", "null"] },
    });
    expect(schemas.ShopProduct.required).toEqual(Object.keys(schemas.ShopProduct.properties));
    expect(schemas.ShopProduct.additionalProperties).toBe(false);
    expect(schemas.ShopProductRequest.required).toEqual(["name", "price"]);
    expect(schemas.ShopProductRequest.properties.id).toBeUndefined();
    expect(schemas.PatchedShopProductRequest.required).toBeUndefined();
    expect(schemas.ShopCategory.properties.products).toEqual({ type: "string", format: "uri-reference", readOnly: true });
    expect(schemas.ShopProductValidationError.properties.name).toEqual({ type: "array", items: { type: "string" } });
  });

  it("documents a paginated list with the paginator's envelope and parameters, and typed filters", () => {
    const doc = docOf(shop());
    const list = doc.paths["/api/shop/product/"].get;
    expect(list.parameters.map((p: any) => p.name)).toEqual(["id", "name", "description", "price", "in_stock", "size", "released", "contact", "homepage", "category", "search", "ordering", "limit", "offset"]);
    expect(list.parameters.find((p: any) => p.name === "in_stock").schema).toEqual({ type: "boolean" });
    expect(list.parameters.find((p: any) => p.name === "size").schema).toEqual({ type: "string", enum: ["S", "L"] });
    const envelope = list.responses["200"].content["application/json"].schema;
    expect(envelope.required).toEqual(["count", "next", "previous", "results"]);
    expect(envelope.properties.results).toEqual({ type: "array", items: { $ref: "#/components/schemas/ShopProduct" } });
    expect(envelope.properties.next.type).toEqual(["string", "null"]);
    // Without a default limit a list is a plain array unless ?limit= is given.
    const optional = docOf(quickstart()).paths["/rest/v1/polls/choice/"].get.responses["200"].content["application/json"].schema;
    expect(optional.anyOf).toHaveLength(2);
  });

  it("documents request bodies per parser and DRF's error answers per operation", () => {
    const doc = docOf(shop());
    const create = doc.paths["/api/shop/product/"].post;
    expect(Object.keys(create.requestBody.content)).toEqual(["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]);
    expect(Object.keys(create.responses)).toEqual(["201", "400", "406", "413", "415"]);
    const destroy = doc.paths["/api/shop/product/{pk}/"].delete;
    expect(Object.keys(destroy.responses)).toEqual(["204", "404", "406", "409"]);
    expect(doc.paths["/api/shop/product/{pk}/"].get.parameters[0]).toEqual({ name: "pk", in: "path", required: true, description: "A unique integer value identifying this product.", schema: { type: "integer" } });
    expect(doc.components.responses.Throttled.headers["Retry-After"]).toBeDefined();
    expect(doc.components.schemas.ErrorDetail.required).toEqual(["detail"]);
  });

  it("documents security schemes from the authentication classes and 401/403/429 where they can happen", () => {
    const doc = docOf(restifyApp("api", { only: true, models: shopModels, settings: { authentication: [new BasicAuthentication({ verify: () => null })], permissions: [IsAuthenticatedOrReadOnly], throttles: [ScopedRateThrottle()] } }));
    expect(doc.components.securitySchemes).toEqual({ basicAuth: { type: "http", scheme: "basic" } });
    const list = doc.paths["/api/shop/category/"];
    expect(list.get.security).toEqual([{ basicAuth: [] }, {}]);
    expect(list.post.security).toEqual([{ basicAuth: [] }]);
    expect(Object.keys(list.post.responses)).toEqual(["201", "400", "401", "403", "406", "413", "415", "429"]);
  });

  it("serves the document as JSON and YAML at <prefix>/openapi/, and is off unless asked", async () => {
    const client = new APIClient(quickstart());
    const json = await client.get("/rest/v1/openapi/");
    expect(json.headers["content-type"]).toBe("application/json");
    const yaml = await client.get("/rest/v1/openapi/?format=yaml");
    expect(yaml.headers["content-type"]).toBe("application/yaml; charset=utf-8");
    expect(parse(yaml.text)).toEqual(json.data);
    const accepted = await client.get("/rest/v1/openapi/", undefined, { headers: { accept: "application/yaml" } });
    expect(accepted.text).toBe(yaml.text);
    expect((await new APIClient(shop()).get("/api/openapi/")).status).toBe(404);
    expect((await new APIClient(shop()).get("/api/docs/")).status).toBe(404);
  });

  it("serves Swagger UI offline at <prefix>/docs/ from the swagger-ui-dist package", async () => {
    const client = new APIClient(quickstart());
    const page = await client.get("/rest/v1/docs/", undefined, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.text).toContain('<script src="/rest/v1/docs/swagger-ui-bundle.js"></script>');
    expect(page.text).toContain('url: "/rest/v1/openapi/?format=json"');
    expect(page.text).not.toMatch(/https?:\/\//);
    const bundle = await client.get("/rest/v1/docs/swagger-ui-bundle.js");
    expect(bundle.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(bundle.text.length).toBeGreaterThan(100000);
    expect((await client.get("/rest/v1/docs/swagger-ui.css")).headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await client.get("/rest/v1/docs/package.json")).status).toBe(404);
    expect((await client.get("/rest/v1/docs/..%2Fpackage.json")).status).toBe(404);
  });
});

describe(dbName("real answers validate against the document (every route of the test apps)"), () => {
  beforeAll(async () => {
    const q = await Question.objects.create({ question_text: "What's up?", pub_date: new Date("2024-05-01T10:00:00.123456Z") });
    await Choice.objects.create({ question: q, choice_text: "Not much", votes: 2 });
    await Question.objects.create({ question_text: "Second", pub_date: new Date() });
    const tea = await Category.objects.create({ name: "Tea" });
    await Category.objects.create({ name: "Empty" });
    await Product.objects.create({ name: "Sencha", price: "4.50", category: tea, released: "2024-01-02", contact: "a@example.com", homepage: "https://example.com/" });
    await Product.objects.create({ name: "Loose", price: "1.00" });
  });

  for (const [name, make] of [["quickstart", quickstart], ["shop", shop]] as const) {
    it(`${name}: every status is documented and every body matches its schema`, async () => {
      const checker = new OpenApiResponseChecker(make());
      await walkRoutes(checker);
      expect(checker.missingSuccess()).toEqual([]);
    });
  }
});
