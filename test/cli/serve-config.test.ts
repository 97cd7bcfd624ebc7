// serve() with a config, in process, on the backend under test: every form a config lists models
// in keeps the models' @restifyModel options (a security matter: `exclude` and permission
// classes), `[Model, options]` replaces them, and tables exist for everything served models need.
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASCADE, CharField, ForeignKey, getBackend, ManyToManyField, Model } from "torest";
import { serve, type RunningServer, type TorestConfig } from "torest/cli";
import { IsAuthenticated, restifyModel } from "torest/rest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";

class Owner extends Model("srv", { name: CharField({ maxLength: 20 }) }) {}
class Tag extends Model("srv", { label: CharField({ maxLength: 20 }) }) {}

@restifyModel({ exclude: ["secret"] })
class Account extends Model("srv", {
  name: CharField({ maxLength: 20 }),
  secret: CharField({ maxLength: 20, default: "hunter2" }),
  owner: ForeignKey(() => Owner, { onDelete: CASCADE, null: true }),
  tags: ManyToManyField(() => Tag),
}) {}

@restifyModel({ customViewParams: { permissions: [IsAuthenticated] } })
class Vault extends Model("srv", { gold: CharField({ maxLength: 20 }) }) {}

/** An app's model (TorestApp.models): a table, not an endpoint. */
class AuditLog extends Model("audit", { line: CharField({ maxLength: 50 }), account: ForeignKey(() => Account, { onDelete: CASCADE }) }) {}

// Each serve() opens the database and close() closes it: SQLite needs a file to keep the rows.
let database: { url: string; drop: () => Promise<void> };
beforeAll(async () => {
  if (TEST_DB === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "torest-serve-"));
    database = { url: `sqlite:///${path.join(dir, "db.sqlite3")}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  } else {
    database = await freshDatabase();
  }
});
afterAll(() => database.drop());

const lines: string[] = [];
async function serving(config: Omit<TorestConfig, "database">, test: (server: RunningServer) => Promise<void>): Promise<void> {
  const server = await serve({ config: { ...config, database: database.url }, port: 0, quiet: true, log: (line) => lines.push(line) });
  try {
    await test(server);
  } finally {
    await server.close();
  }
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe(dbName("serve --config: model options and tables"), () => {
  it("a model listed as a class keeps its @restifyModel exclude, and FK/M2M targets and app models get tables", async () => {
    await serving({ models: [Account], apps: [{ models: [AuditLog] }] }, async ({ url }) => {
      const created = await post(`${url}/rest/v1/srv/account/`, { name: "a", secret: "s" });
      expect(created.status).toBe(201);
      const body = (await created.json()) as Record<string, unknown>;
      expect(body).not.toHaveProperty("secret");
      // `owner` points at a model the app does not serve: left out, as django-to-rest leaves it.
      expect(Object.keys(body).sort()).toEqual(["auditlog_set", "id", "name", "tags"]);
      // Owner, Tag and the through table exist though none is served; the app's model too.
      await Owner.objects.create({ name: "o" });
      await Tag.objects.create({ label: "t" });
      const account = await Account.objects.get({ name: "a" });
      await AuditLog.objects.create({ line: "created", account });
      expect(await (await fetch(`${url}/rest/v1/srv/account/${account.pk}/`)).json()).toMatchObject({ name: "a" });
      expect(Object.keys((await (await fetch(`${url}/`)).json()) as object)).toEqual(["rest/v1/srv/account"]);
    });
    const created = /created tables (.*)/.exec(lines.join("\n"))?.[1]?.split(", ") ?? [];
    expect(created.sort()).toEqual(["audit_auditlog", "srv_account", "srv_account_tags", "srv_owner", "srv_tag"]);
  });

  it("a model listed in a module keeps its permission classes", async () => {
    await serving({ models: [{ Account, Vault, unrelated: "not a model" }] }, async ({ url }) => {
      const denied = await fetch(`${url}/rest/v1/srv/vault/`);
      expect(denied.status).toBe(403);
      // No authentication classes: DRF answers PermissionDenied rather than NotAuthenticated.
      expect(await denied.json()).toEqual({ detail: "You do not have permission to perform this action." });
      expect((await post(`${url}/rest/v1/srv/vault/`, { gold: "bars" })).status).toBe(403);
      const list = (await (await fetch(`${url}/rest/v1/srv/account/`)).json()) as Record<string, unknown>[];
      expect(list.length).toBeGreaterThan(0);
      for (const row of list) expect(row).not.toHaveProperty("secret");
    });
  });

  it("[Model, options] replaces the decorator's options", async () => {
    await serving({ models: [[Account, {}], [Vault, { customViewParams: { permissions: [] } }]] }, async ({ url }) => {
      const list = (await (await fetch(`${url}/rest/v1/srv/account/`)).json()) as Record<string, unknown>[];
      // Excluded fields were ignored on input when the account was created: the default stayed.
      expect(list[0]).toHaveProperty("secret", "hunter2");
      expect((await fetch(`${url}/rest/v1/srv/vault/`)).status).toBe(200);
    });
  });

  it("close() waits for the request in flight, then closes the databases", async () => {
    const server = await serve({ config: { models: [Account], database: database.url }, port: 0, quiet: true, log: () => undefined });
    const before = getBackend();
    // A request whose body is still arriving is in flight until the rest is sent.
    const body = JSON.stringify({ name: "in flight" });
    const request = http.request(`${server.url}/rest/v1/srv/account/`, { method: "POST", headers: { "content-type": "application/json", "content-length": body.length } });
    const pending = new Promise<number>((resolve, reject) => {
      request.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      request.on("error", reject);
    });
    request.write(body.slice(0, 3));
    for (let i = 0; i < 200 && server.inFlight === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(server.inFlight).toBe(1);
    const closing = server.close();
    request.end(body.slice(3));
    expect(await pending).toBe(201);
    await closing;
    expect(server.inFlight).toBe(0);
    expect(server.server.listening).toBe(false);
    // The old backend was closed and forgotten: the next use opens a new one.
    expect(getBackend()).not.toBe(before);
  });
});
