// The relationship guide's permission example (Question1/Choice1 behind BasicAuthentication,
// IsAuthenticated and model permissions with django-to-rest's perms map) answered through real
// HTTP with three users made through torest/auth, as the guide's Django project answers it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as auth from "torest/auth";
import { configureHashers, Permission, User, PBKDF2PasswordHasher } from "torest/auth";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { models, Question1, Choice1 } from "./fixtures/relationships-models.js";
import { listen } from "./fixtures/server.js";

useTestDatabase([...auth.models, ...models]);

const basic = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

describe(dbName("permission example: BasicAuthentication + DjangoModelPermissions with torest/auth users"), () => {
  let url = "";
  let close = async () => {};
  const get = (path: string, headers: Record<string, string> = {}) => fetch(url + path, { headers });

  beforeAll(async () => {
    configureHashers([new PBKDF2PasswordHasher({ iterations: 1000 })]);
    await auth.postMigrate({ using: "default" });
    const perms = async (...codenames: string[]) => Permission.objects.filter({ codename__in: codenames, content_type__app_label: "polls" });
    // testy: every Question1 permission, none on Choice1 (the guide's user).
    const testy = await User.objects.createUser("testy", { password: "test@1234" });
    await testy.user_permissions.add(...(await perms("add_question1", "change_question1", "delete_question1", "view_question1")));
    // reader: may view both models.
    const reader = await User.objects.createUser("reader", { password: "read-pw" });
    await reader.user_permissions.add(...(await perms("view_question1", "view_choice1")));
    // admin: a superuser has every permission, even django-to-rest's `update_` codenames.
    await User.objects.createSuperuser("admin", { password: "admin-pw" });
    const q = await Question1.objects.create({ question_text: "How is the traffic?" });
    await Choice1.objects.create({ question: q, choice_text: "Clear for miles..." });
    ({ url, close } = await listen(restifyApp("rest/v1")));
  });
  afterAll(async () => close());

  it("anonymous requests get 401 with WWW-Authenticate: Basic realm=\"api\"", async () => {
    const response = await get("/rest/v1/polls/question1/");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="api"');
    expect(await response.json()).toEqual({ detail: "Authentication credentials were not provided." });
  });

  it("a user with all Question1 permissions lists Question1 but not its nested Choice1s (403)", async () => {
    const list = await get("/rest/v1/polls/question1/", basic("testy", "test@1234"));
    expect(list.status).toBe(200);
    const body = (await list.json()) as Record<string, unknown>[];
    expect(body[0]).toMatchObject({ id: 1, question_text: "How is the traffic?", choices: "/rest/v1/polls/question1/1/choices/" });
    const nested = await get("/rest/v1/polls/question1/1/choices/", basic("testy", "test@1234"));
    expect(nested.status).toBe(403);
    expect(await nested.json()).toEqual({ detail: "You do not have permission to perform this action." });
  });

  it("the nested list checks view_question1 on the parent and view_choice1 on the child", async () => {
    const nested = await get("/rest/v1/polls/question1/1/choices/", basic("reader", "read-pw"));
    expect(nested.status).toBe(200);
    expect(await nested.json()).toEqual([{ id: 1, question: 1, choice_text: "Clear for miles...", votes: 0 }]);
    // Choice1 rights alone are not enough: the parent's permission classes ask for view_question1.
    const onlyChoices = await User.objects.createUser("choices-only", { password: "pw" });
    await onlyChoices.user_permissions.add(...(await Permission.objects.filter({ codename: "view_choice1" })));
    expect((await get("/rest/v1/polls/question1/1/choices/", basic("choices-only", "pw"))).status).toBe(403);
  });

  it("writes need the perms map's codenames: add_ works, update_ (no such Django permission) is 403 but for superusers", async () => {
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/rest/v1/polls/question1/`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ question_text: "New?" }) });
    expect((await post(basic("testy", "test@1234"))).status).toBe(201);
    expect((await post(basic("reader", "read-pw"))).status).toBe(403);
    const patch = (headers: Record<string, string>) =>
      fetch(`${url}/rest/v1/polls/question1/1/`, { method: "PATCH", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ question_text: "x" }) });
    expect((await patch(basic("testy", "test@1234"))).status).toBe(403);
    expect((await patch(basic("admin", "admin-pw"))).status).toBe(200);
  });

  it("wrong passwords, unknown and inactive users get DRF's 401 Invalid username/password.", async () => {
    for (const headers of [basic("testy", "wrong"), basic("ghost", "x")]) {
      const response = await get("/rest/v1/polls/question1/", headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ detail: "Invalid username/password." });
    }
    await User.objects.createUser("gone", { password: "pw", extra: { is_active: false } });
    expect((await get("/rest/v1/polls/question1/", basic("gone", "pw"))).status).toBe(401);
  });
});
