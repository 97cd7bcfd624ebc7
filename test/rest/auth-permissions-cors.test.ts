// DRF's permission classes and django-cors-headers' behaviour through real HTTP, with users
// from torest/auth and Basic authentication.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auth from "torest/auth";
import { configureHashers, Permission, User, PBKDF2PasswordHasher } from "torest/auth";
import {
  and, BasicAuthentication, DjangoModelPermissions, DjangoModelPermissionsOrAnonReadOnly, DjangoObjectPermissions, IsAdminUser,
  IsAuthenticated, IsAuthenticatedOrReadOnly, not, or, restifyApp, type Permission as RestPermission, type RestifyAppOptions,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Course, EduStudent, Question } from "./fixtures/relationships-models.js";
import { listen } from "./fixtures/server.js";

useTestDatabase([...auth.models, Question, Choice, EduStudent, Course]);

const basic = (user: string) => ({ authorization: `Basic ${Buffer.from(`${user}:pw`).toString("base64")}` });

describe(dbName("permission classes and CORS through HTTP"), () => {
  const closers: (() => Promise<void>)[] = [];

  /** A server whose Question routes use these permissions (Basic authentication). */
  async function serve(permissions: RestPermission[], extra: Omit<RestifyAppOptions, "models"> = {}): Promise<string> {
    const handler = restifyApp("rest/v1", {
      ...extra,
      models: [[Question, { customViewParams: { authentication: [new BasicAuthentication()], permissions } }]],
      only: true,
    });
    const { url, close } = await listen(handler);
    closers.push(close);
    return url;
  }

  beforeAll(async () => {
    configureHashers([new PBKDF2PasswordHasher({ iterations: 1000 })]);
    await auth.createPermissions();
    await User.objects.createUser("plain", { password: "pw" });
    await User.objects.createUser("staff", { password: "pw", extra: { is_staff: true } });
    const editor = await User.objects.createUser("editor", { password: "pw" });
    await editor.user_permissions.add(...(await Permission.objects.filter({ codename__in: ["add_question", "change_question", "view_question"] })));
    await User.objects.createSuperuser("root", { password: "pw" });
    await Question.objects.create({ question_text: "Q1" });
  });
  afterAll(async () => {
    for (const close of closers) await close();
  });

  const send = (url: string, method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(url + path, {
      method,
      headers: { "content-type": "application/json", ...headers },
      body: ["GET", "HEAD", "OPTIONS", "DELETE"].includes(method) ? undefined : JSON.stringify({ question_text: "x" }),
    });

  it("IsAdminUser: staff only (403 for others, 401 for anonymous)", async () => {
    const url = await serve([IsAdminUser]);
    expect((await send(url, "GET", "/rest/v1/polls/question/")).status).toBe(401);
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("plain"))).status).toBe(403);
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("staff"))).status).toBe(200);
  });

  it("IsAuthenticatedOrReadOnly: anyone reads, only users write", async () => {
    const url = await serve([IsAuthenticatedOrReadOnly]);
    expect((await send(url, "GET", "/rest/v1/polls/question/")).status).toBe(200);
    expect((await send(url, "POST", "/rest/v1/polls/question/")).status).toBe(401);
    expect((await send(url, "POST", "/rest/v1/polls/question/", basic("plain"))).status).toBe(201);
  });

  it("DjangoModelPermissions: add/change/delete codenames from the user's permissions; superusers pass", async () => {
    const url = await serve([DjangoModelPermissions()]);
    expect((await send(url, "GET", "/rest/v1/polls/question/")).status).toBe(401);
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("plain"))).status).toBe(200);
    expect((await send(url, "POST", "/rest/v1/polls/question/", basic("plain"))).status).toBe(403);
    expect((await send(url, "POST", "/rest/v1/polls/question/", basic("editor"))).status).toBe(201);
    expect((await send(url, "PATCH", "/rest/v1/polls/question/1/", basic("editor"))).status).toBe(200);
    expect((await send(url, "DELETE", "/rest/v1/polls/question/2/", basic("editor"))).status).toBe(403);
    expect((await send(url, "DELETE", "/rest/v1/polls/question/2/", basic("root"))).status).toBe(204);
  });

  it("DjangoModelPermissionsOrAnonReadOnly: anonymous reads, anonymous writes refused", async () => {
    const url = await serve([DjangoModelPermissionsOrAnonReadOnly()]);
    expect((await send(url, "GET", "/rest/v1/polls/question/")).status).toBe(200);
    expect((await send(url, "POST", "/rest/v1/polls/question/")).status).toBe(401);
    expect((await send(url, "POST", "/rest/v1/polls/question/", basic("editor"))).status).toBe(201);
  });

  it("DjangoObjectPermissions: without object permissions reads and writes of an object answer 404 (DRF hides it); hasObjectPermission runs on detail routes", async () => {
    const url = await serve([DjangoObjectPermissions({ GET: ["{app}.view_{model}"], OPTIONS: [], HEAD: [], POST: [], PUT: ["{app}.change_{model}"], PATCH: ["{app}.change_{model}"], DELETE: ["{app}.delete_{model}"] })]);
    // Model-level view permission lets the list through; torest/auth grants no object permissions but to superusers.
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("editor"))).status).toBe(200);
    expect((await send(url, "GET", "/rest/v1/polls/question/1/", basic("editor"))).status).toBe(404);
    expect((await send(url, "PATCH", "/rest/v1/polls/question/1/", basic("editor"))).status).toBe(404);
    expect((await send(url, "GET", "/rest/v1/polls/question/1/", basic("root"))).status).toBe(200);
    const objectCalls: string[] = [];
    const ownerOnly: RestPermission = {
      hasPermission: () => true,
      hasObjectPermission: (request, _view, obj) => {
        objectCalls.push(request.method);
        return (obj as { question_text: string }).question_text !== "x";
      },
    };
    const url2 = await serve([IsAuthenticated, ownerOnly]);
    expect((await send(url2, "GET", "/rest/v1/polls/question/1/", basic("plain"))).status).toBe(403);
    expect(objectCalls).toEqual(["GET"]);
  });

  it("and / or / not compose as DRF's &, |, ~", async () => {
    const url = await serve([or(IsAdminUser, and(IsAuthenticated, not(IsAuthenticatedOrReadOnly)))]);
    // plain: not admin; IsAuthenticatedOrReadOnly passes on GET so not(...) fails: 403.
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("plain"))).status).toBe(403);
    expect((await send(url, "GET", "/rest/v1/polls/question/", basic("staff"))).status).toBe(200);
  });

  it("CORS: an allowed origin gets Access-Control-Allow-Origin and credentials; Vary: Origin is always kept", async () => {
    const url = await serve([IsAuthenticated], {
      settings: { cors: { allowedOrigins: ["https://app.example.com"], allowedOriginRegexes: [/^https:\/\/\w+\.trusted\.dev$/], allowCredentials: true, exposeHeaders: ["x-total"] } },
    });
    const allowed = await send(url, "GET", "/rest/v1/polls/question/", { ...basic("plain"), origin: "https://app.example.com" });
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(allowed.headers.get("access-control-allow-credentials")).toBe("true");
    expect(allowed.headers.get("access-control-expose-headers")).toBe("x-total");
    expect(allowed.headers.get("vary")).toBe("Accept, Cookie, origin");
    const pattern = await send(url, "GET", "/rest/v1/polls/question/", { origin: "https://x.trusted.dev" });
    expect(pattern.headers.get("access-control-allow-origin")).toBe("https://x.trusted.dev");
    const other = await send(url, "GET", "/rest/v1/polls/question/", { origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    expect(other.headers.get("vary")).toMatch(/origin/);
  });

  it("CORS: a preflight is answered (200, empty) before authentication and permissions", async () => {
    const url = await serve([IsAuthenticated], { settings: { cors: { allowedOrigins: ["https://app.example.com"], preflightMaxAge: 600 } } });
    const preflight = await fetch(`${url}/rest/v1/polls/question/`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example.com", "access-control-request-method": "POST", "access-control-request-headers": "authorization" },
    });
    expect(preflight.status).toBe(200);
    expect(await preflight.text()).toBe("");
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(preflight.headers.get("access-control-allow-methods")).toBe("DELETE, GET, OPTIONS, PATCH, POST, PUT");
    expect(preflight.headers.get("access-control-allow-headers")).toBe("accept, authorization, content-type, user-agent, x-csrftoken, x-requested-with");
    expect(preflight.headers.get("access-control-max-age")).toBe("600");
    expect(preflight.headers.get("vary")).toBe("origin");
    // A plain OPTIONS (no Access-Control-Request-Method) still goes through authentication.
    expect((await fetch(`${url}/rest/v1/polls/question/`, { method: "OPTIONS" })).status).toBe(401);
    // allowAllOrigins without credentials answers "*".
    const open = await serve([], { settings: { cors: { allowAllOrigins: true } } });
    expect((await fetch(`${open}/rest/v1/polls/question/`, { headers: { origin: "https://any.where" } })).headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe(dbName("a restified User"), () => {
  it("never renders password; a written password is validated and stored hashed", async () => {
    const { url, close } = await listen(restifyApp("rest/v1", { models: [User], only: true }));
    try {
      const created = await fetch(`${url}/rest/v1/auth/user/`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "api-made", password: " spaced pw " }),
      });
      expect(created.status).toBe(201);
      const body = (await created.json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty("password");
      expect(body.username).toBe("api-made");
      const stored = await User.objects.get({ username: "api-made" });
      expect(stored.password).toMatch(/^pbkdf2_sha256\$/);
      expect(await stored.checkPassword(" spaced pw ")).toBe(true);
      const list = (await (await fetch(`${url}/rest/v1/auth/user/`)).json()) as Record<string, unknown>[];
      expect(list.every((u) => !("password" in u))).toBe(true);
      const bad = await fetch(`${url}/rest/v1/auth/user/`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "x2", password: "" }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ password: ["This field may not be blank."] });
    } finally {
      await close();
    }
  });
});

describe(dbName("guards of many-to-many nested routes"), () => {
  it("a guarded parent's many-to-many routes need its authentication and permissions (checked on the parent model)", async () => {
    const guard = { authentication: [new BasicAuthentication()], permissions: [IsAuthenticated, DjangoModelPermissions({ GET: ["{app}.view_{model}"], POST: [], PUT: [], PATCH: [], DELETE: [] })] };
    const { url, close } = await listen(restifyApp("rest/v1", { models: [[Course, { customViewParams: guard }], EduStudent], only: true }));
    try {
      expect((await fetch(`${url}/rest/v1/edu/course/1/student/`)).status).toBe(401);
      // plain has no edu.view_course: refused on the parent model's permission.
      expect((await fetch(`${url}/rest/v1/edu/course/1/student/`, { headers: basic("plain") })).status).toBe(403);
      // root (superuser) passes the parent's check; the parent does not exist: 404.
      expect((await fetch(`${url}/rest/v1/edu/course/1/student/`, { headers: basic("root") })).status).toBe(404);
    } finally {
      await close();
    }
  });

  it("the parent's hasObjectPermission guards its nested list and nested detail routes, asked about the parent object", async () => {
    const seen: string[] = [];
    const parentRule: RestPermission = {
      hasPermission: () => true,
      hasObjectPermission: (_request, _view, obj) => {
        seen.push(`parent:${(obj as { name: string }).name}`);
        return (obj as { name: string }).name !== "Secret";
      },
    };
    const course = await Course.objects.create({ name: "Open" });
    const secret = await Course.objects.create({ name: "Secret" });
    const student = await EduStudent.objects.create({ name: "Ann" });
    await course.student.add(student);
    await secret.student.add(student);
    const { url, close } = await listen(restifyApp("rest/v1", {
      models: [[Course, { customViewParams: { authentication: [new BasicAuthentication()], permissions: [IsAuthenticated, parentRule] } }], EduStudent],
      only: true,
    }));
    try {
      const rows = (await (await fetch(`${url}/rest/v1/edu/course/${String(course.pk)}/student/`, { headers: basic("plain") })).json()) as { id: number }[];
      expect(rows).toHaveLength(1);
      const detail = await fetch(`${url}/rest/v1/edu/course/${String(course.pk)}/student/${String(rows[0]?.id)}/`, { headers: basic("plain") });
      expect(detail.status).toBe(200);
      const refused = await fetch(`${url}/rest/v1/edu/course/${String(secret.pk)}/student/`, { headers: basic("plain") });
      expect(refused.status).toBe(403);
      expect(seen).toEqual(["parent:Open", "parent:Open", "parent:Secret"]);
    } finally {
      await close();
    }
  });

  it("authentication classes describe their OpenAPI security schemes (drf-spectacular's names)", async () => {
    const { TokenAuthentication, SessionAuthentication, JWTAuthentication } = await import("torest/rest");
    expect([new BasicAuthentication(), new TokenAuthentication(), new SessionAuthentication(), new JWTAuthentication()].map((a) => a.securityScheme())).toEqual([
      { name: "basicAuth", scheme: { type: "http", scheme: "basic" } },
      { name: "tokenAuth", scheme: { type: "apiKey", in: "header", name: "Authorization", description: 'Token-based authentication with required prefix "Token"' } },
      { name: "cookieAuth", scheme: { type: "apiKey", in: "cookie", name: "sessionid" } },
      { name: "jwtAuth", scheme: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    ]);
  });
});
