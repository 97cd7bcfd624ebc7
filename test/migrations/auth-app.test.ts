import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, configureDatabases, getBackend } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";
import { tempProject, torest } from "./fixtures/cli.js";

// torest/auth ships Django's tables as migrations (contenttypes, auth, authtoken, sessions), as
// django.contrib.auth does: a project that enables the app migrates them like its own.
let url = "";
let drop = async () => undefined as void;
let project: ReturnType<typeof tempProject>;

beforeAll(async () => {
  ({ url, drop } = await freshDatabase());
  if (TEST_DB === "sqlite") url = "sqlite:///db.sqlite3";
  project = tempProject(url, "js");
  project.write("models.js", 'import { CharField, Model } from "torest";\nexport class Poll extends Model("polls", { title: CharField({ maxLength: 20 }) }) {}\n');
  project.write("torest.config.js", [
    'import * as auth from "torest/auth";',
    'import * as polls from "./models.js";',
    `export default { database: ${JSON.stringify(url)}, apps: [auth], models: [polls] };`,
    "",
  ].join("\n"));
});
afterAll(async () => {
  await closeDatabases();
  await drop();
  project.remove();
});

describe("the auth app's shipped migrations", () => {
  it(dbName("match the auth models: makemigrations --check finds no change in the app's labels"), () => {
    const run = torest(project.dir, ["makemigrations", "contenttypes", "auth", "authtoken", "sessions", "--check", "--dry-run"]);
    expect(run.out).toContain("No changes detected");
    expect(run.code, run.out).toBe(0);
  });

  it(dbName("migrate applies them in dependency order and creates the four permissions of every model (Django's create_permissions)"), async () => {
    const run = torest(project.dir, ["migrate"]);
    expect(run.code, run.out).toBe(0);
    const order = ["contenttypes.0001_initial", "auth.0001_initial", "authtoken.0001_initial"].map((key) => run.out.indexOf(`Applying ${key}... OK`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(run.out).toContain("Applying sessions.0001_initial... OK");
    configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
    try {
      const rows = await getBackend().query(
        "SELECT p.codename FROM auth_permission p INNER JOIN django_content_type c ON p.content_type_id = c.id WHERE c.app_label = 'polls' ORDER BY p.codename", []);
      expect(rows.map((row) => row[0])).toEqual(["add_poll", "change_poll", "delete_poll", "view_poll"]);
      const applied = await getBackend().query("SELECT app, name FROM django_migrations WHERE app IN ('auth', 'contenttypes') ORDER BY app", []);
      expect(applied.map((row) => `${row[0]}.${row[1]}`)).toEqual(["auth.0001_initial", "contenttypes.0001_initial"]);
    } finally {
      await closeDatabases();
    }
  });
});
