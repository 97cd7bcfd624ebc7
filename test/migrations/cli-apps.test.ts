import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, configureDatabases, getBackend } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";
import { tempProject, torest } from "./fixtures/cli.js";

const bin = path.resolve("bin", "torest.mjs");
let url = "";
let drop = async () => undefined as void;
let project: ReturnType<typeof tempProject>;

// A JavaScript project with an app (TorestApp) that ships its migrations and a postMigrate hook.
const MODELS = `import { CharField, Model } from "torest";
export class Note extends Model("notes", { text: CharField({ maxLength: 20 }) }) {}
`;
const APP = `import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeFileSync } from "node:fs";
import { CharField, Model } from "torest";
export class Badge extends Model("badges", { code: CharField({ maxLength: 10 }) }) {}
export const models = [Badge];
export const migrations = path.join(path.dirname(fileURLToPath(import.meta.url)), "shipped");
export async function postMigrate({ using }) { writeFileSync("post-migrate.txt", "ran on " + using); }
`;
const LEGACY = `import { CharField, Model } from "torest";
export class Old extends Model("legacy", { name: CharField({ maxLength: 20 }) }) {}
`;

beforeAll(async () => {
  ({ url, drop } = await freshDatabase());
  if (TEST_DB === "sqlite") url = "sqlite:///db.sqlite3";
  project = tempProject(url, "js");
  project.write("models.js", MODELS);
  project.write("badges.js", APP);
  project.write("legacy.js", LEGACY);
  project.write("torest.config.js", [
    'import { defineConfig } from "torest/cli";',
    'import * as notes from "./models.js";',
    'import * as badges from "./badges.js";',
    'import * as legacy from "./legacy.js";',
    `export default defineConfig({ database: ${JSON.stringify(url)}, apps: [badges], models: [notes, legacy], migrations: { notes: "db/notes" } });`,
    "",
  ].join("\n"));
});
afterAll(async () => {
  await closeDatabases();
  await drop();
  project.remove();
});

function serveUntil(args: string[], until: RegExp): Promise<{ output: string; stop: () => Promise<void> }> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [bin, "serve", "--config", "torest.config.js", "--port", "0", "--quiet", ...args], { cwd: project.dir, env });
  let output = "";
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGINT");
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) {
        clearTimeout(timer);
        resolve({ output, stop });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("close", () => !until.test(output) && reject(new Error(`exited:\n${output}`)));
  });
}

describe("migrations CLI: apps, JavaScript projects, serve", () => {
  it(dbName("makemigrations writes JavaScript beside a JS config, into the configured folder and an app's --output-dir"), () => {
    const made = torest(project.dir, ["makemigrations", "notes", "--noinput"]);
    expect(made.code, made.out).toBe(0);
    expect(readdirSync(path.join(project.dir, "db", "notes"))).toEqual(["0001_initial.js"]);
    const shipped = torest(project.dir, ["makemigrations", "badges", "--noinput", "--output-dir", "shipped"]);
    expect(shipped.code, shipped.out).toBe(0);
    const source = readFileSync(path.join(project.dir, "shipped", "badges", "0001_initial.js"), "utf8");
    expect(source).toContain("export default new Migration({");
    // The app's own folder is where its migrations are read from afterwards.
    expect(torest(project.dir, ["makemigrations", "notes", "badges", "--check", "--noinput"]).out).toContain("No changes detected in apps 'notes', 'badges'");
  });

  it(dbName("serve lists unapplied migrations with the command to run, and creates tables of apps without migrations"), async () => {
    const server = await serveUntil([], /serving/);
    await server.stop();
    expect(server.output).toContain("You have 2 unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): badges, notes.");
    expect(server.output).toContain("Run 'torest migrate");
    configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
    try {
      await getBackend().execute("INSERT INTO legacy_old (name) VALUES ('kept')", []);
    } finally {
      await closeDatabases();
    }
  });

  it(dbName("serve reports model changes without a migration, and serve --migrate applies migrations and runs postMigrate"), async () => {
    project.write("models.js", MODELS.replace("maxLength: 20", "maxLength: 40"));
    const server = await serveUntil(["--migrate"], /serving/);
    await server.stop();
    expect(server.output).toContain("Applying badges.0001_initial... OK");
    expect(server.output).toContain("Applying notes.0001_initial... OK");
    expect(readFileSync(path.join(project.dir, "post-migrate.txt"), "utf8")).toBe("ran on default");
    const again = await serveUntil([], /serving/);
    await again.stop();
    expect(again.output).not.toContain("unapplied migration");
    expect(again.output).toContain("Your models in app(s): 'notes' have changes that are not yet reflected in a migration.");
    const made = torest(project.dir, ["makemigrations", "notes", "--noinput"]);
    expect(made.out).toContain("db/notes/0002_alter_note_text.js");
  });

  it(dbName("migrate --fake-initial adopts tables that exist; RunSQL and RunCode in hand-written migrations"), () => {
    mkdirSync(path.join(project.dir, "migrations", "legacy"), { recursive: true });
    writeFileSync(path.join(project.dir, "migrations", "legacy", "0001_initial.js"), `import { BigAutoField, CharField } from "torest";
import { CreateModel, Migration } from "torest/migrations";
export default new Migration({ initial: true, operations: [CreateModel({ name: "Old", fields: { id: BigAutoField(), name: CharField({ maxLength: 20 }) } })] });
`);
    writeFileSync(path.join(project.dir, "migrations", "legacy", "0002_data.js"), `import { Migration, RunCode, RunSQL } from "torest/migrations";
export default new Migration({
  dependencies: [["legacy", "0001_initial"]],
  operations: [
    RunSQL({ sql: "INSERT INTO legacy_old (name) VALUES ('from sql')", reverseSql: "DELETE FROM legacy_old WHERE name = 'from sql'" }),
    RunCode({
      code: async (apps) => {
        const Old = apps.getModel("legacy", "Old");
        for (const row of await Old.objects.all()) { row.name = row.name.toUpperCase(); await row.save(); }
      },
      reverseCode: async (apps) => {
        const Old = apps.getModel("legacy.Old");
        for (const row of await Old.objects.all()) { row.name = row.name.toLowerCase(); await row.save(); }
      },
    }),
  ],
});
`);
    const plain = torest(project.dir, ["migrate", "legacy", "0001"]);
    expect(plain.code).not.toBe(0); // the table exists already
    const adopted = torest(project.dir, ["migrate", "--fake-initial"]);
    expect(adopted.code, adopted.out).toBe(0);
    expect(adopted.out).toContain("Applying legacy.0001_initial... FAKED");
    expect(adopted.out).toContain("Applying legacy.0002_data... OK");
    const sql = torest(project.dir, ["sqlmigrate", "legacy", "0002", "--backwards"]);
    expect(sql.out).toContain("DELETE FROM legacy_old WHERE name = 'from sql';");
    const back = torest(project.dir, ["migrate", "legacy", "0001"]);
    expect(back.out).toContain("Unapplying legacy.0002_data... OK");
  });

  it(dbName("RunCode sees historical models and RunSQL rows round-trip"), async () => {
    configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
    try {
      expect((await getBackend().query("SELECT name FROM legacy_old ORDER BY id", [])).map((r) => r[0])).toEqual(["kept"]);
    } finally {
      await closeDatabases();
    }
    expect(torest(project.dir, ["migrate"]).code).toBe(0);
    configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
    try {
      expect((await getBackend().query("SELECT name FROM legacy_old ORDER BY id", [])).map((r) => r[0])).toEqual(["KEPT", "FROM SQL"]);
    } finally {
      await closeDatabases();
    }
  });
});
