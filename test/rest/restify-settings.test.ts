import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  AllowAny,
  BasicAuthentication,
  DjangoFilterBackend,
  IsAuthenticatedOrReadOnly,
  JSONParser,
  JSONRenderer,
  LimitOffsetPagination,
  QueryParameterVersioning,
  ScopedRateThrottle,
  SearchFilter,
  restifyApp,
  type Renderer,
  type RestUser,
} from "torest/rest";

/** A second renderer the app offers (DEFAULT_RENDERER_CLASSES). */
const TextRenderer: Renderer = { mediaType: "text/plain", format: "txt", render: (data) => JSON.stringify(data) };
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Book, Review, Tag, models } from "./fixtures/library-models.js";

useTestDatabase(models);

const ann: RestUser = { isAuthenticated: true, isActive: true, pk: 1 };
const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

// DRF's REST_FRAMEWORK settings given to restifyApp, and a model's customViewParams overriding them.
describe(dbName("app-wide settings (REST_FRAMEWORK) with per-model overrides"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      settings: {
        authentication: [new BasicAuthentication({ verify: (u, p) => (u === "ann" && p === "pw" ? ann : null) })],
        permissions: [IsAuthenticatedOrReadOnly],
        throttles: [ScopedRateThrottle()],
        throttleRates: { tags: "2/min" },
        filterBackends: [SearchFilter],
        // LimitOffsetPagination's default limit is PAGE_SIZE, as DRF's.
        pagination: new LimitOffsetPagination(),
        pageSize: 2,
        versioning: new QueryParameterVersioning(),
        allowedVersions: ["1", "2"],
        defaultVersion: "1",
        parsers: [JSONParser],
        renderers: [JSONRenderer, TextRenderer],
      },
      models: [
        Book,
        [Review, { customViewParams: { permissions: [AllowAny], filterBackends: [DjangoFilterBackend], pagination: null, renderers: [JSONRenderer] } }],
        [Tag, { customViewParams: { throttleScope: "tags", versioning: null } }],
      ],
    }));
    for (let i = 1; i <= 3; i++) await Book.objects.create({ title: `B${i}`, year: 2000 + i });
  });
  afterAll(() => http.close());

  it("applies the app's authentication and permissions (DEFAULT_AUTHENTICATION_CLASSES, DEFAULT_PERMISSION_CLASSES)", async () => {
    expect((await http.send("POST", "/api/library/book/", { title: "X", year: 1 })).status).toBe(401);
    expect((await http.send("POST", "/api/library/book/", { title: "X", year: 1 }, basic("ann", "pw"))).status).toBe(201);
    // A model's own permissions win.
    expect((await http.send("POST", "/api/library/review/", { book: 1, stars: 3 })).status).toBe(201);
  });

  it("uses the app's filter backends (DEFAULT_FILTER_BACKENDS) unless the model sets its own", async () => {
    // Only search app-wide: ?title= is not a filter here.
    expect((await http.get("/api/library/book/?title=B1&limit=10")).data.count).toBe(4);
    expect((await http.get("/api/library/book/?search=B2")).data.count).toBe(1);
    await http.send("POST", "/api/library/review/", { book: 2, stars: 5 });
    expect((await http.get("/api/library/review/?stars=5")).data).toHaveLength(1);
    expect((await http.get("/api/library/review/?search=zzz")).data).toHaveLength(2);
  });

  it("paginates with the app's paginator and PAGE_SIZE (DEFAULT_PAGINATION_CLASS), unless the model turns it off", async () => {
    const page = await http.get("/api/library/book/");
    expect(page.data.count).toBe(4);
    expect(page.data.results).toHaveLength(2);
    expect(page.data.next).toBe(`${http.origin}/api/library/book/?limit=2&offset=2`);
    expect(Array.isArray((await http.get("/api/library/review/")).data)).toBe(true);
  });

  it("applies the app's versioning (DEFAULT_VERSIONING_CLASS, ALLOWED_VERSIONS, DEFAULT_VERSION) unless the model turns it off", async () => {
    expect((await http.get("/api/library/book/?version=2")).status).toBe(200);
    expect((await http.get("/api/library/book/")).status).toBe(200);
    const refused = await http.get("/api/library/book/?version=3");
    expect(refused.status).toBe(404);
    expect(refused.data).toEqual({ detail: "Invalid version in query parameter." });
    expect((await http.get("/api/library/tag/?version=3")).status).toBe(200);
  });

  it("throttles with the app's classes and rates by the model's scope (DEFAULT_THROTTLE_CLASSES, RATES)", async () => {
    expect((await http.get("/api/library/tag/")).status).toBe(200);
    const third = await http.get("/api/library/tag/");
    expect(third.status).toBe(429);
    // Books have no scope: never throttled.
    for (let i = 0; i < 3; i++) expect((await http.get("/api/library/book/")).status).toBe(200);
  });

  it("parses only with the app's parsers (DEFAULT_PARSER_CLASSES)", async () => {
    const response = await fetch(`${http.origin}/api/library/book/`, {
      method: "POST",
      headers: { ...basic("ann", "pw"), "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: "title=F&year=1",
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({ detail: 'Unsupported media type "application/x-www-form-urlencoded" in request.' });
  });

  it("renders with the app's renderers (DEFAULT_RENDERER_CLASSES) unless the model names its own", async () => {
    const text = await fetch(`${http.origin}/api/library/book/`, { headers: { accept: "text/plain" } });
    expect(text.status).toBe(200);
    expect(text.headers.get("content-type")).toMatch(/^text\/plain/);
    const refused = await fetch(`${http.origin}/api/library/review/`, { headers: { accept: "text/plain" } });
    expect(refused.status).toBe(406);
  });
});
