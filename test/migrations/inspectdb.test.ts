import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, configureDatabases, getBackend } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";
import { tempProject, torest } from "./fixtures/cli.js";
import { DJANGO_SEED001_SQL } from "./fixtures/django-seed001.js";

let url = "";
let drop = async () => undefined as void;
let project: ReturnType<typeof tempProject>;

beforeAll(async () => {
  ({ url, drop } = await freshDatabase());
  if (TEST_DB === "sqlite") url = "sqlite:///db.sqlite3";
  project = tempProject(url);
  project.write("models.ts", "export {};\n");
  configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
  for (const statement of DJANGO_SEED001_SQL[TEST_DB]) await getBackend().execute(statement, []);
  await getBackend().execute("INSERT INTO one_to_one_place (name, address) VALUES ('Demon Dogs', '944 W. Fullerton')", []);
  await getBackend().execute("INSERT INTO one_to_one_restaurant (place_id, serves_hot_dogs, serves_pizza) VALUES (1, 1 = 1, 1 = 0)", []);
  await closeDatabases();
});
afterAll(async () => {
  await closeDatabases();
  await drop();
  project.remove();
});

describe("inspectdb on a database made by Django's migrations (seed 001)", () => {
  let models = "";

  it(dbName("generates TypeScript models: keys, one-to-one primary key, foreign key, lengths"), () => {
    const run = torest(project.dir, ["inspectdb"]);
    expect(run.code, run.out).toBe(0);
    models = run.out;
    expect(models).toContain('export class Place extends Model("one_to_one", {\n  name: CharField({ maxLength: 50 }),\n  address: CharField({ maxLength: 80 }),\n}) {}');
    expect(models).toContain('  place: OneToOneField(() => Place, { onDelete: DO_NOTHING, primaryKey: true }),');
    expect(models).toContain("  serves_hot_dogs: BooleanField(),");
    expect(models).toContain('  restaurant: ForeignKey(() => Restaurant, { onDelete: DO_NOTHING }),');
    expect(models).not.toContain("django_migrations");
    const one = torest(project.dir, ["inspectdb", "one_to_one_waiter"]);
    expect(one.out).toContain("export class Waiter");
    expect(one.out).not.toContain("export class Place");
    expect(torest(project.dir, ["inspectdb", "nope"]).out).toContain("CommandError: Unable to inspect table 'nope'");
  });

  it(dbName("torest serves the generated models unchanged, on Django's rows"), async () => {
    project.write("models.ts", models);
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.resolve("bin", "torest.mjs"), "serve", "--config", "torest.config.ts", "--port", "0", "--quiet"], { cwd: project.dir, env });
    let output = "";
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(output)), 30_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const m = /at (http:\/\/\S+)\//.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
    });
    try {
      const places = await (await fetch(`${base}/rest/v1/one_to_one/place/`)).json();
      expect(places).toMatchObject([{ id: 1, name: "Demon Dogs", address: "944 W. Fullerton" }]);
      const restaurant = await (await fetch(`${base}/rest/v1/one_to_one/restaurant/1/`)).json();
      expect(restaurant).toMatchObject({ place: 1, serves_hot_dogs: true, serves_pizza: false });
      const created = await fetch(`${base}/rest/v1/one_to_one/waiter/`, {
        method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Joe", restaurant: 1 }),
      });
      expect(created.status).toBe(201);
      expect(output).not.toContain("unapplied");
    } finally {
      child.kill("SIGINT");
    }
  });

  it(dbName("the Django database is recognised: its django_migrations row counts, so the first migration is already applied"), () => {
    const made = torest(project.dir, ["makemigrations", "--noinput"]);
    expect(made.out).toContain(path.join("migrations", "one_to_one", "0001_initial.ts"));
    expect(torest(project.dir, ["showmigrations"]).out).toContain("one_to_one\n [X] 0001_initial");
    const migrate = torest(project.dir, ["migrate"]);
    expect(migrate.code, migrate.out).toBe(0);
    expect(migrate.out).toContain("No migrations to apply.");
    expect(migrate.out).not.toContain("have changes that are not yet reflected");
  });
});
