// Session, Token, JWT and Basic authentication through real HTTP against torest/auth's tables,
// starting from a user row as Django writes it (hash computed with python3's hashlib).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBackend } from "torest";
import * as auth from "torest/auth";
import { configureHashers, configureSecretKey, encodeSession, loads, PBKDF2PasswordHasher, Session, Token, User } from "torest/auth";
import {
  authRoutes, BasicAuthentication, IsAuthenticated, JWTAuthentication, MemoryThrottleStore, restifyApp, SessionAuthentication,
  TokenAuthentication,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Question } from "./fixtures/relationships-models.js";
import { listen } from "./fixtures/server.js";

useTestDatabase([...auth.models, Question]);

// Django 5's make_password("létmein") with iterations=1000 and this salt, computed with
// python3 -c 'hashlib.pbkdf2_hmac("sha256", "létmein".encode(), b"a1B2c3D4e5F6g7H8i9J0kL", 1000)'.
const DJANGO_HASH = "pbkdf2_sha256$1000$a1B2c3D4e5F6g7H8i9J0kL$4w9OJwt/FxbGQDrwZx/9lsc0pPROm/KjYriLLVAM9yo=";
const SECRET = "django-insecure-test-secret-key";
// Django's signing.dumps(session, salt="django.contrib.sessions.SessionStore", compress=True) at
// timestamp 1764806400 with SECRET, computed with python3 (hmac, zlib, base64 as django.core.signing).
const DJANGO_SESSION_DATA =
  ".eJxVjEsOwjAMBe-SNYpSU9uBJXvOENn50AJqpKZdIe4OlbqA7ZuZ9zJB1mUIa8tzGJM5GzaH300lPvK0gXSX6VZtrNMyj2o3xe602WtN-XnZ3b-DQdrwrT0gOSDpStReEgJpl7zLcOqIHR_RI7PrPZSCEr2CYumJADWJELB5fwDA2jcU:1vQwlM:wA7DDUKZQcVmZDa35h4kVmr9BdHHmJgkFwzvzkNaeU8";

describe(dbName("authentication classes through HTTP"), () => {
  let url = "";
  let close = async () => {};
  let userId = 0;

  beforeAll(async () => {
    configureHashers([new PBKDF2PasswordHasher({ iterations: 1000 })]);
    configureSecretKey(SECRET);
    // The row as Django's createuser leaves it, written with plain SQL as Django stores it.
    await getBackend().execute(
      "INSERT INTO auth_user (password, last_login, is_superuser, username, first_name, last_name, email, is_staff, is_active, date_joined) " +
        `VALUES ('${DJANGO_HASH}', NULL, FALSE, 'django-made', '', '', 'dj@example.com', FALSE, TRUE, '2024-01-01 00:00:00')`,
      [],
    );
    userId = (await User.objects.get({ username: "django-made" })).pk as number;
    // Token first: its WWW-Authenticate makes unauthenticated answers 401 (DRF asks the first class).
    const guard = {
      authentication: [new TokenAuthentication(), new JWTAuthentication(), new BasicAuthentication(), new SessionAuthentication()],
      permissions: [IsAuthenticated],
    };
    const handler = restifyApp("rest/v1", {
      models: [[Question, { customViewParams: guard }]],
      only: true,
      routes: authRoutes(),
      // One proxy in front: the tests tell clients apart by X-Forwarded-For (DRF's NUM_PROXIES).
      settings: { throttleStore: new MemoryThrottleStore(), throttleRates: { login: "3/min" }, numProxies: 1 },
    });
    ({ url, close } = await listen(handler));
  });
  afterAll(async () => {
    configureSecretKey(null);
    await close();
  });

  const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(url + path, { method, headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("a Django-made user and hash log in with Basic", async () => {
    const credentials = Buffer.from("django-made:létmein").toString("base64");
    const response = await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Basic ${credentials}` } });
    expect(response.status).toBe(200);
  });

  it("TokenAuthentication: api-token-auth gives the user's one 40-hex key; Authorization: Token <key> authenticates", async () => {
    const obtained = await json("POST", "/rest/v1/api-token-auth/", { username: "django-made", password: "létmein" });
    expect(obtained.status).toBe(200);
    const { token } = (await obtained.json()) as { token: string };
    expect(token).toMatch(/^[0-9a-f]{40}$/);
    const again = (await (await json("POST", "/rest/v1/api-token-auth/", { username: "django-made", password: "létmein" })).json()) as { token: string };
    expect(again.token).toBe(token);
    expect((await Token.objects.get({ key: token })).user_id).toBe(userId);
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Token ${token}` } })).status).toBe(200);
    const bad = await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Token ${"0".repeat(40)}` } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ detail: "Invalid token." });
    const spaces = await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: "Token a b" } });
    expect(await spaces.json()).toEqual({ detail: "Invalid token header. Token string should not contain spaces." });
    const empty = await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: "Token" } });
    expect(await empty.json()).toEqual({ detail: "Invalid token header. No credentials provided." });
  });

  it("obtain-token refuses wrong or missing credentials with DRF's 400 bodies", async () => {
    const wrong = await json("POST", "/rest/v1/api-token-auth/", { username: "django-made", password: "nope" });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ non_field_errors: ["Unable to log in with provided credentials."] });
    const missing = await json("POST", "/rest/v1/api-token-auth/", { username: "" });
    expect(await missing.json()).toEqual({ username: ["This field may not be blank."], password: ["This field is required."] });
  });

  it("SessionAuthentication: login sets sessionid; unsafe requests need the CSRF token (DRF's CSRF Failed messages)", async () => {
    const login = await json("POST", "/rest/v1/api-auth/login/", { username: "django-made", password: "létmein" });
    expect(login.status).toBe(200);
    const cookies = login.headers.getSetCookie();
    const sessionid = /sessionid=([a-z0-9]{32});/.exec(cookies.join("\n"))?.[1] as string;
    const csrf = /csrftoken=([A-Za-z0-9]{32});/.exec(cookies.join("\n"))?.[1] as string;
    expect(cookies.find((c) => c.startsWith("sessionid="))).toMatch(/HttpOnly/);
    const { csrftoken } = (await login.json()) as { csrftoken: string };
    expect(csrftoken).toHaveLength(64);
    // The session row is Django's format: signed data holding the user id.
    const row = await Session.objects.get({ session_key: sessionid });
    expect(loads(row.session_data, "django.contrib.sessions.SessionStore")).toMatchObject({ _auth_user_id: String(userId) });

    const cookie = `sessionid=${sessionid}; csrftoken=${csrf}`;
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { cookie } })).status).toBe(200);
    const post = (headers: Record<string, string>) => json("POST", "/rest/v1/polls/question/", { question_text: "Q?" }, headers);
    const missing = await post({ cookie });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toEqual({ detail: "CSRF Failed: CSRF token missing." });
    expect(await (await post({ cookie: `sessionid=${sessionid}` })).json()).toEqual({ detail: "CSRF Failed: CSRF cookie not set." });
    expect(await (await post({ cookie, "x-csrftoken": "short" })).json()).toEqual({ detail: "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header has incorrect length." });
    expect(await (await post({ cookie, "x-csrftoken": "a".repeat(32) })).json()).toEqual({ detail: "CSRF Failed: CSRF token from the 'X-Csrftoken' HTTP header incorrect." });
    expect(await (await post({ cookie, "x-csrftoken": csrf, origin: "https://evil.example" })).json()).toEqual({
      detail: "CSRF Failed: Origin checking failed - https://evil.example does not match any trusted origins.",
    });
    // The masked token from the login body and the raw secret both pass.
    expect((await post({ cookie, "x-csrftoken": csrftoken })).status).toBe(201);
    expect((await post({ cookie, "x-csrftoken": csrf })).status).toBe(201);
    // A form post may carry it as csrfmiddlewaretoken.
    const form = await fetch(`${url}/rest/v1/polls/question/`, {
      method: "POST", headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ question_text: "Form?", csrfmiddlewaretoken: csrftoken }),
    });
    expect(form.status).toBe(201);

    const logout = await fetch(`${url}/rest/v1/api-auth/logout/`, { method: "POST", headers: { cookie } });
    expect(logout.status).toBe(204);
    expect(await Session.objects.filter({ session_key: sessionid }).exists()).toBe(false);
    // No session any more: 401 with the first class's (Token) WWW-Authenticate.
    const after = await fetch(`${url}/rest/v1/polls/question/`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(after.headers.get("www-authenticate")).toBe("Token");
  });

  it("Django's signing: a value Django signed loads here; an uncompressed one is signed byte for byte alike", async () => {
    const data = { _auth_user_id: "7", _auth_user_backend: "django.contrib.auth.backends.ModelBackend", _auth_user_hash: "8256026a1fcb4ad526b1d80e29167073585770482ff5ac8b2b5f46625bdaa627" };
    expect(loads(DJANGO_SESSION_DATA, "django.contrib.sessions.SessionStore")).toEqual(data);
    expect(loads(DJANGO_SESSION_DATA, "another.salt")).toBeNull();
    expect(loads(DJANGO_SESSION_DATA.replace("wA7", "wA8"), "django.contrib.sessions.SessionStore")).toBeNull();
    // python3: signing.dumps({"a": "é", "n": 1}, salt="torest.test") at the same timestamp.
    expect(auth.dumps({ a: "é", n: 1 }, "torest.test", { now: 1764806400_000 })).toBe("eyJhIjoiXHUwMGU5IiwibiI6MX0:1vQwlM:mpHezgPcdmQ09vPEQH37FcjQMQb_kpvE4zuV52b1I8s");
    // zlib builds differ in their compressed bytes, but both sides verify the signature over the text they got.
    const compressed = auth.dumps(data, "django.contrib.sessions.SessionStore", { compress: true });
    expect(compressed.startsWith(".")).toBe(true);
    expect(loads(compressed, "django.contrib.sessions.SessionStore")).toEqual(data);
  });

  it("a session Django wrote (same SECRET_KEY) authenticates; a password change ends it", async () => {
    const user = await User.objects.get({ pk: userId });
    const fromDjango = { _auth_user_id: String(userId), _auth_user_backend: "django.contrib.auth.backends.ModelBackend", _auth_user_hash: auth.sessionAuthHash(user) };
    await Session.objects.create({ session_key: "djangomadesessionkey0123456789ab", session_data: encodeSession(fromDjango), expire_date: new Date(Date.now() + 60_000) });
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { cookie: "sessionid=djangomadesessionkey0123456789ab" } })).status).toBe(200);
    // A password change ends the session (the stored hash no longer matches).
    await User.objects.filter({ pk: userId }).update({ password: DJANGO_HASH.replace("4w9", "5w9") });
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { cookie: "sessionid=djangomadesessionkey0123456789ab" } })).status).toBe(401);
    await User.objects.filter({ pk: userId }).update({ password: user.password });
  });

  it("JWT as simplejwt: /token/ pair, Bearer access, /token/refresh/, /token/verify/", async () => {
    const pair = await json("POST", "/rest/v1/token/", { username: "django-made", password: "létmein" });
    expect(pair.status).toBe(200);
    const { access, refresh } = (await pair.json()) as { access: string; refresh: string };
    const payload = JSON.parse(Buffer.from(access.split(".")[1] as string, "base64url").toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ token_type: "access", user_id: userId });
    expect(payload.exp as number - (payload.iat as number)).toBe(300);
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(200);
    const refreshed = await json("POST", "/rest/v1/token/refresh/", { refresh });
    expect(Object.keys((await refreshed.json()) as object)).toEqual(["access"]);
    expect(await (await json("POST", "/rest/v1/token/verify/", { token: access })).json()).toEqual({});
    const invalid = await json("POST", "/rest/v1/token/verify/", { token: `${access}x` });
    expect(invalid.status).toBe(401);
    expect(await invalid.json()).toEqual({ detail: "Token is invalid or expired", code: "token_not_valid" });
    // An access token is not a refresh token.
    expect((await json("POST", "/rest/v1/token/refresh/", { refresh: access })).status).toBe(401);
    const wrongBearer = await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Bearer ${refresh}` } });
    expect(wrongBearer.status).toBe(401);
    expect(((await wrongBearer.json()) as { detail: string }).detail).toBe("Given token not valid for any token type");
    const wrong = await json("POST", "/rest/v1/token/", { username: "django-made", password: "x" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    expect(await wrong.json()).toEqual({ detail: "No active account found with the given credentials", code: "no_active_account" });
  });

  it("failed logins are throttled per username (429 with Retry-After), whatever the endpoint", async () => {
    await User.objects.createUser("victim", { password: "right" });
    const attempt = (password: string, ip: string) => json("POST", "/rest/v1/api-token-auth/", { username: "victim", password }, { "x-forwarded-for": ip });
    for (let i = 0; i < 3; i++) expect((await attempt("wrong", `10.0.0.${i}`)).status).toBe(400);
    const refused = await attempt("right", "10.0.0.9");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds?\.$/);
    const credentials = Buffer.from("victim:right").toString("base64");
    expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: `Basic ${credentials}`, "x-forwarded-for": "10.0.0.10" } })).status).toBe(429);
  });

  it("failed logins are throttled per client address across usernames", async () => {
    for (const name of ["a1", "a2", "a3"]) expect((await json("POST", "/rest/v1/token/", { username: name, password: "x" }, { "x-forwarded-for": "10.9.9.9" })).status).toBe(401);
    expect((await json("POST", "/rest/v1/token/", { username: "django-made", password: "létmein" }, { "x-forwarded-for": "10.9.9.9" })).status).toBe(429);
    expect((await json("POST", "/rest/v1/token/", { username: "django-made", password: "létmein" }, { "x-forwarded-for": "10.9.9.8" })).status).toBe(200);
  });
});

describe(dbName("SessionAuthentication first: DRF's 403 for unauthenticated requests"), () => {
  it("no WWW-Authenticate from the first class turns 401 into 403", async () => {
    const handler = restifyApp("rest/v1", {
      models: [[Question, { customViewParams: { authentication: [new SessionAuthentication(), new TokenAuthentication()], permissions: [IsAuthenticated] } }]],
      only: true,
    });
    const { url, close } = await listen(handler);
    try {
      const anonymous = await fetch(`${url}/rest/v1/polls/question/`);
      expect(anonymous.status).toBe(403);
      expect(anonymous.headers.get("www-authenticate")).toBeNull();
      expect(await anonymous.json()).toEqual({ detail: "Authentication credentials were not provided." });
      expect((await fetch(`${url}/rest/v1/polls/question/`, { headers: { authorization: "Token nope" } })).status).toBe(403);
    } finally {
      await close();
    }
  });
});
