// The view pipeline: authenticate → permissions → throttle → parse → handler, driven in-process.
import { describe, expect, it } from "vitest";
import {
  APIClient,
  APIView,
  AllowAny,
  AnonRateThrottle,
  IsAdminUser,
  IsAuthenticated,
  IsAuthenticatedOrReadOnly,
  ImproperlyConfigured,
  RateThrottle,
  RestResponse,
  Router,
  ScopedRateThrottle,
  UserRateThrottle,
  and,
  clientIdent,
  createHandler,
  not,
  or,
  parseRate,
  type Authentication,
  type Permission,
  type RestRequest,
  type RestSettings,
  type Throttle,
  type ViewHandler,
} from "../../src/rest/index.js";
import { makeApp } from "./fixtures/app.js";

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

function single(view: ViewHandler, settings: Partial<RestSettings> = {}) {
  const router = new Router<ViewHandler>();
  router.add({ pattern: "v/", view });
  const errors: unknown[] = [];
  const handler = createHandler({ router, settings: { logger: { error: (_m, e) => errors.push(e) }, ...settings } });
  return { client: new APIClient(handler), errors };
}

describe("authentication", () => {
  const client = new APIClient(makeApp().handler);

  it("answers 401 with WWW-Authenticate when credentials are missing", async () => {
    const res = await client.get("/rest/v1/private/");
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ detail: "Authentication credentials were not provided." });
    expect(res.headers["www-authenticate"]).toBe('Basic realm="api"');
  });

  it.each([
    ["Basic", "Invalid basic header. No credentials provided."],
    ["Basic a b", "Invalid basic header. Credentials string should not contain spaces."],
    ["Basic !!!!", "Invalid basic header. Credentials not correctly base64 encoded."],
    [basic("admin", "wrong").authorization, "Invalid username/password."],
  ])("refuses %j with DRF's message", async (authorization, detail) => {
    const res = await client.get("/rest/v1/private/", undefined, { headers: { authorization } });
    expect(res.status).toBe(401);
    expect(res.data).toEqual({ detail });
  });

  it("accepts good credentials (passwords may contain colons)", async () => {
    const res = await client.get("/rest/v1/private/", undefined, { headers: basic("admin", "s3cret:x") });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ user: 1 });
  });

  it("ignores other schemes, so the request stays anonymous", async () => {
    const res = await client.get("/rest/v1/private/", undefined, { headers: { authorization: "Bearer abc" } });
    expect(res.status).toBe(401);
    expect(res.data.detail).toBe("Authentication credentials were not provided.");
  });

  it("checks credentials before reading the body", async () => {
    const res = await client.post("/rest/v1/private/", '{"broken', { contentType: "application/json" });
    expect(res.status).toBe(401);
    const ok = await client.post("/rest/v1/private/", '{"broken', {
      contentType: "application/json",
      headers: basic("admin", "s3cret:x"),
    });
    expect(ok.status).toBe(400);
  });

  it("answers 403 instead of 401 when the first class names no scheme", async () => {
    const silent: Authentication = { authenticate: () => null };
    class V extends APIView {
      override authentication = [silent];
      override permissions = [IsAuthenticated];
      get() {
        return new RestResponse({});
      }
    }
    const res = await single(V.asView()).client.get("/v/");
    expect(res.status).toBe(403);
    expect(res.data).toEqual({ detail: "Authentication credentials were not provided." });
    expect(res.headers["www-authenticate"]).toBeUndefined();
  });

  it("lets the test client force a user", async () => {
    const forced = new APIClient(makeApp().handler);
    expect((await forced.get("/rest/v1/admin-only/")).status).toBe(403);
    forced.forceAuthenticate({ isAuthenticated: true, isStaff: true });
    expect((await forced.get("/rest/v1/admin-only/")).data).toEqual({ ok: true });
    forced.forceAuthenticate(null);
    expect((await forced.get("/rest/v1/admin-only/")).status).toBe(403);
  });
});

describe("permissions", () => {
  const user = { isAuthenticated: true, isStaff: false };
  const staff = { isAuthenticated: true, isStaff: true };
  const request = (method: string, u: object) => ({ method, user: u }) as unknown as RestRequest;
  const view = {} as APIView;

  it("implements the built-ins", async () => {
    const anon = { isAuthenticated: false };
    expect(await AllowAny.hasPermission(request("POST", anon), view)).toBe(true);
    expect(await IsAuthenticated.hasPermission(request("GET", anon), view)).toBe(false);
    expect(await IsAuthenticated.hasPermission(request("GET", user), view)).toBe(true);
    expect(await IsAdminUser.hasPermission(request("GET", user), view)).toBe(false);
    expect(await IsAdminUser.hasPermission(request("GET", staff), view)).toBe(true);
    expect(await IsAuthenticatedOrReadOnly.hasPermission(request("HEAD", anon), view)).toBe(true);
    expect(await IsAuthenticatedOrReadOnly.hasPermission(request("POST", anon), view)).toBe(false);
    expect(await IsAuthenticatedOrReadOnly.hasPermission(request("POST", user), view)).toBe(true);
  });

  it("combines with and/or/not", async () => {
    const r = request("POST", user);
    expect(await and(IsAuthenticated, IsAdminUser).hasPermission(r, view)).toBe(false);
    expect(await or(IsAuthenticated, IsAdminUser).hasPermission(r, view)).toBe(true);
    expect(await not(IsAdminUser).hasPermission(r, view)).toBe(true);
    expect(await and(IsAuthenticated, not(IsAdminUser)).hasPermission(r, view)).toBe(true);
  });

  it("or() needs one permission to grant both the request and the object", async () => {
    const isOwner: Permission = {
      hasPermission: () => false,
      hasObjectPermission: (_r, _v, obj) => (obj as { owner: string }).owner === "me",
    };
    const r = request("GET", user);
    const combined = or(IsAuthenticated, isOwner);
    expect(await combined.hasObjectPermission!(r, view, { owner: "me" })).toBe(true); // IsAuthenticated grants both
    const strict = or(isOwner, IsAdminUser);
    expect(await strict.hasObjectPermission!(r, view, { owner: "me" })).toBe(false);
    expect(await not(isOwner).hasObjectPermission!(r, view, { owner: "you" })).toBe(true);
  });

  it("answers 403 with the permission's own message and checks objects", async () => {
    const owner: Permission = {
      hasPermission: () => true,
      hasObjectPermission: (r, _v, obj) => (r.query.get("who") ?? "") === obj,
      message: "Only the owner may see this.",
      code: "not_owner",
    };
    class V extends APIView {
      override permissions = [owner];
      async get(request: RestRequest) {
        await this.checkObjectPermissions(request, "alice");
        return new RestResponse({ ok: true });
      }
    }
    const { client } = single(V.asView());
    expect((await client.get("/v/", { who: "alice" })).status).toBe(200);
    const denied = await client.get("/v/", { who: "bob" });
    expect(denied.status).toBe(403);
    expect(denied.data).toEqual({ detail: "Only the owner may see this." });
  });

  it("runs before the 405 check, as in DRF", async () => {
    class V extends APIView {
      override permissions = [IsAdminUser];
      get() {
        return new RestResponse({});
      }
    }
    expect((await single(V.asView()).client.delete("/v/")).status).toBe(403);
  });
});

describe("throttling", () => {
  it("limits a scope, then answers 429 with Retry-After until the window slides", async () => {
    let now = 1000;
    const throttle = new RateThrottle({ scope: "burst", rate: "2/min", key: () => "all", now: () => now });
    class V extends APIView {
      override throttles = [throttle];
      get() {
        return new RestResponse({ ok: true });
      }
    }
    const { client } = single(V.asView());
    expect((await client.get("/v/")).status).toBe(200);
    now += 10;
    expect((await client.get("/v/")).status).toBe(200);
    now += 10;
    const refused = await client.get("/v/");
    expect(refused.status).toBe(429);
    // 60 s window, oldest request 20 s ago: 40 s left, shared by one available request.
    expect(refused.data).toEqual({ detail: "Request was throttled. Expected available in 40 seconds." });
    expect(refused.headers["retry-after"]).toBe("40");
    now += 41;
    expect((await client.get("/v/")).status).toBe(200);
  });

  it("keys anonymous clients by address and users by pk; rates come from settings", async () => {
    const settings = { throttleRates: { anon: "1/day", user: "2/day" } };
    class V extends APIView {
      override throttles: Throttle[] = [AnonRateThrottle(), UserRateThrottle()];
      get() {
        return new RestResponse({});
      }
    }
    const { client } = single(V.asView(), settings);
    expect((await client.get("/v/")).status).toBe(200);
    expect((await client.get("/v/")).status).toBe(429);
    client.forceAuthenticate({ isAuthenticated: true, pk: 7 });
    expect((await client.get("/v/")).status).toBe(200);
    expect((await client.get("/v/")).status).toBe(200);
    expect((await client.get("/v/")).status).toBe(429);
    client.forceAuthenticate({ isAuthenticated: true, pk: 8 });
    expect((await client.get("/v/")).status).toBe(200);
  });

  it("scopes by the view's throttleScope; a missing rate is a logged configuration error", async () => {
    class Uploads extends APIView {
      override throttles = [ScopedRateThrottle()];
      override throttleScope = "uploads";
      get() {
        return new RestResponse({});
      }
    }
    const limited = single(Uploads.asView(), { throttleRates: { uploads: "1/hour" } });
    expect((await limited.client.get("/v/")).status).toBe(200);
    expect((await limited.client.get("/v/")).status).toBe(429);
    const misconfigured = single(Uploads.asView());
    expect((await misconfigured.client.get("/v/")).status).toBe(500);
    expect(String(misconfigured.errors[0])).toMatch(/No throttle rate set for the "uploads" scope/);
  });

  it("refuses a malformed rate as a logged configuration error, on every request", async () => {
    expect(parseRate(" 5 / Minutes ")).toEqual({ requests: 5, duration: 60 });
    expect(() => parseRate("5/fortnight")).toThrow(ImproperlyConfigured);
    expect(() => parseRate("many/day")).toThrow('Invalid throttle rate "many/day"');
    class Often extends APIView {
      override throttles = [new RateThrottle({ scope: "often", rate: "often", key: () => "k" })];
      get() {
        return new RestResponse({});
      }
    }
    const app = single(Often.asView());
    expect((await app.client.get("/v/")).status).toBe(500);
    expect((await app.client.get("/v/")).status).toBe(500);
    expect(app.errors.map(String)).toEqual([
      expect.stringMatching(/Invalid throttle rate "often"/),
      expect.stringMatching(/Invalid throttle rate "often"/),
    ]);
  });

  it("identifies clients behind proxies with numProxies or trustedProxies, and ignores X-Forwarded-For otherwise", async () => {
    const seen: string[] = [];
    class V extends APIView {
      override throttles = [
        new RateThrottle({
          scope: "s",
          rate: "100/s",
          key: (r) => {
            seen.push(clientIdent(r));
            return "k";
          },
        }),
      ];
      get() {
        return new RestResponse({});
      }
    }
    const xff = { "x-forwarded-for": "1.1.1.1, 2.2.2.2, 3.3.3.3" };
    await single(V.asView()).client.get("/v/", undefined, { headers: xff });
    await single(V.asView(), { numProxies: 2 }).client.get("/v/", undefined, { headers: xff });
    await single(V.asView(), { numProxies: 0 }).client.get("/v/", undefined, { headers: xff });
    await single(V.asView(), { trustedProxies: ["127.0.0.1", "3.3.3.3"] }).client.get("/v/", undefined, { headers: xff });
    await single(V.asView(), { trustedProxies: ["10.0.0.9"] }).client.get("/v/", undefined, { headers: xff });
    // Without either setting a spoofed header would choose the client's throttle key (issue 10, item 8).
    expect(seen).toEqual(["127.0.0.1", "2.2.2.2", "127.0.0.1", "2.2.2.2", "127.0.0.1"]);
  });
});
