// The `torest` command as a user runs it: the bin under plain node, in a project folder where
// "torest" is installed, with TypeScript and JavaScript configs.
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../src/cli/args.js";
import { repoRoot } from "../rest/fixtures/replay.js";
import { TEST_DB } from "../support/db.js";
import { newProject, runBin } from "./fixtures/project.js";

const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

// The bin runs on SQLite files in a temporary project whatever TOREST_TEST_DB names, so these
// process tests run in the sqlite pass only (serve-config.test.ts covers every backend).
describe.runIf(TEST_DB === "sqlite")("torest CLI", () => {
  it("parses flags in both spellings", () => {
    expect(parseArgs(["serve", "--port", "8001", "--host=0.0.0.0", "--verbose"])).toEqual({
      command: "serve",
      options: { port: "8001", host: "0.0.0.0", verbose: true },
      positionals: [],
    });
  });

  it("prints usage for help and rejects a bad port with exit code 2", async () => {
    const help = await runBin(["help"], /Usage: torest/);
    expect(help.output).toContain("serve [--host 127.0.0.1] [--port 8000]");
    expect(await help.exited).toBe(0);
    const bad = await runBin(["serve", "--port", "http"], /--port must be a number/);
    expect(await bad.exited).toBe(2);
  });

  it("serves the demo on db.sqlite3 with plain node, migrating its database and logging requests", async () => {
    const server = await runBin(["serve", "--port", "0"], /serving \d+ models \(demo\) at (http:\/\/\S+)\//);
    try {
      expect(server.output).toMatch(/Applying lab.0001_initial... OK[\s\S]*Applying polls.0001_initial... OK/);
      const url = server.url;
      const root = (await (await fetch(`${url}/`)).json()) as Record<string, string>;
      expect(Object.keys(root)).toEqual([
        "rest/v1/lab/student", "rest/v1/lab/system", "rest/v1/polls/question", "rest/v1/polls/choice",
        "rest/v1/polls/question1", "rest/v1/polls/choice1", "rest/v1/edu/student", "rest/v1/edu/course",
        "rest/v1/one_to_one/place", "rest/v1/one_to_one/restaurant", "rest/v1/one_to_one/waiter",
      ]);
      const place = await fetch(`${url}/rest/v1/one_to_one/place/`, json({ name: "Demon Dogs", address: "944 W. Fullerton" }));
      expect(await place.json()).toEqual({ id: 1, name: "Demon Dogs", address: "944 W. Fullerton", restaurant: null });
      const restaurant = await fetch(`${url}/rest/v1/one_to_one/restaurant/`, json({ place: 1, serves_hot_dogs: true }));
      expect(await restaurant.json()).toEqual({ serves_hot_dogs: true, serves_pizza: false, place: 1, waiter_set: "/rest/v1/one_to_one/restaurant/1/waiter_set/" });
      const schema = (await (await fetch(`${url}/rest/v1/openapi/`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(schema.paths)).toContain("/rest/v1/one_to_one/restaurant/{parent_pk}/waiter_set/");
      await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(path.join(server.cwd, "db.sqlite3"))).toBe(true);
      expect(server.output).toMatch(/POST \/rest\/v1\/one_to_one\/place\/ 201 [\d.]+ms/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  it("serves a torest.config.ts whose TypeScript models (decorators included) live in another module", async () => {
    const cwd = newProject({
      "notes/models.ts": [
        'import { CharField, Model } from "torest";',
        'import { restifyModel } from "torest/rest";',
        '@restifyModel({ exclude: ["secret"] })',
        'export class Note extends Model("notes", { text: CharField({ maxLength: 20 }), secret: CharField({ maxLength: 20, default: "s" }) }) {}',
      ].join("\n"),
      "torest.config.ts": [
        'import { defineConfig } from "torest/cli";',
        'import * as notes from "./notes/models.js";',
        'export default defineConfig({ database: "sqlite:///notes.sqlite3", models: [notes], prefix: "api" });',
      ].join("\n"),
    });
    const server = await runBin(["serve", "--config", "torest.config.ts", "--port", "0", "--quiet"], /serving 1 models from torest.config.ts at (http:\/\/\S+)\//, cwd);
    try {
      const created = await fetch(`${server.url}/api/notes/note/`, json({ text: "hi", secret: "x" }));
      expect(await created.json()).toEqual({ id: 1, text: "hi" });
      expect(existsSync(path.join(cwd, "notes.sqlite3"))).toBe(true);
      expect(server.output).not.toMatch(/POST \/api/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  it("serves a plain JavaScript config, honouring [Model, options] and creating the tables of unserved foreign-key targets", async () => {
    const cwd = newProject({
      "torest.config.js": [
        'import { CharField, ForeignKey, CASCADE, Model } from "torest";',
        'export class Author extends Model("books", { name: CharField({ maxLength: 20 }) }) {}',
        'export class Book extends Model("books", { title: CharField({ maxLength: 20 }), isbn: CharField({ maxLength: 13 }), author: ForeignKey(() => Author, { onDelete: CASCADE, null: true }) }) {}',
        "// Author is not served: its table is created all the same, as Book's foreign key needs it.",
        'export default { database: "sqlite:///books.sqlite3", models: [[Book, { exclude: ["isbn"] }]] };',
      ].join("\n"),
    });
    const server = await runBin(["serve", "--config", "torest.config.js", "--port", "0"], /serving 1 models from torest.config.js at (http:\/\/\S+)\//, cwd);
    try {
      expect(server.output).toContain("created tables books_author, books_book");
      const root = (await (await fetch(`${server.url}/`)).json()) as Record<string, string>;
      expect(Object.keys(root)).toEqual(["rest/v1/books/book"]);
      // isbn is excluded by [Model, options]; author points at a model the app does not serve, so
      // it is left out of the serializer as django-to-rest leaves it.
      const book = await fetch(`${server.url}/rest/v1/books/book/`, json({ title: "t", isbn: "1", author: 1 }));
      expect(book.status).toBe(201);
      expect(await book.json()).toEqual({ id: 1, title: "t" });
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  it("names what is wrong in a config: a missing file, a config without models, an SQLite folder that does not exist", async () => {
    const missing = await runBin(["serve", "--config", "nope.config.js", "--port", "0"], /does not exist/);
    expect(missing.output).toContain(`The config file ${path.join(missing.cwd, "nope.config.js")} does not exist.`);
    expect(await missing.exited).toBe(1);

    const cwd = newProject({
      "empty.config.js": "export default { database: 'sqlite:///x.sqlite3' };",
      "badpath.config.js": 'import { CharField, Model } from "torest";\nclass T extends Model("t", { a: CharField({ maxLength: 2 }) }) {}\nexport default { database: "sqlite:///no/such/folder/db.sqlite3", models: [T] };',
      "notmodel.config.js": "class Plain {}\nexport default { models: [Plain] };",
    });
    const empty = await runBin(["serve", "--config", "empty.config.js", "--port", "0"], /must export default/, cwd);
    expect(empty.output).toContain('empty.config.js must export default a config with a "models" list');
    expect(await empty.exited).toBe(1);
    const badPath = await runBin(["serve", "--config", "badpath.config.js", "--port", "0"], /Cannot open/, cwd);
    expect(badPath.output).toContain(`Cannot open the SQLite database ${path.join(cwd, "no/such/folder/db.sqlite3")} (from the database URL sqlite:///no/such/folder/db.sqlite3)`);
    expect(badPath.output).toContain(`Check that the folder ${path.join(cwd, "no/such/folder")} exists`);
    expect(await badPath.exited).toBe(1);
    const notModel = await runBin(["serve", "--config", "notmodel.config.js", "--port", "0"], /is not a model/, cwd);
    expect(notModel.output).toContain("models[0] (Plain) is not a model class: declare it with Model().");
    expect(await notModel.exited).toBe(1);
  }, 40_000);

  it("refuses at start-up a config that loads a second copy of torest, and explains it", async () => {
    const cwd = newProject({
      "torest.config.ts": [
        'import { CharField, Model } from "torest";',
        `import { restifyModel } from ${JSON.stringify(path.join(repoRoot, "src/rest/index.ts"))};`,
        'class Question extends Model("polls", { text: CharField({ maxLength: 20 }) }) {}',
        "restifyModel()(Question);",
        "export default { models: [Question] };",
      ].join("\n"),
    });
    const run = await runBin(["serve", "--config", "torest.config.ts", "--port", "0"], /loaded twice/, cwd);
    expect(run.output).toContain(`torest is loaded twice in this process: from ${new URL("dist/", `file://${repoRoot}/`).href} and from ${new URL("src/", `file://${repoRoot}/`).href}.`);
    expect(run.output).toContain('Import torest everywhere by its package names ("torest", "torest/rest", "torest/cli")');
    expect(await run.exited).toBe(1);
  }, 30_000);

  it("--workers 2 runs two server processes on one port (node:cluster) and stops them all on SIGINT", async () => {
    const cwd = newProject({
      "torest.config.js": [
        'import { CharField, Model } from "torest";',
        'export class Note extends Model("notes", { text: CharField({ maxLength: 20 }) }) {}',
        'export default { database: "sqlite:///notes.sqlite3", models: [{ Note }] };',
      ].join("\n"),
    });
    const server = await runBin(["serve", "--config", "torest.config.js", "--port", "0", "--quiet", "--workers", "2"], /(serving 1 models[^\n]*\n[^]*){2}/, cwd);
    try {
      expect(server.output).toContain("starting 2 worker processes");
      const urls = [...server.output.matchAll(/at (http:\/\/\S+)\//g)].map((m) => m[1]);
      expect(urls).toHaveLength(2);
      expect(urls[1]).toBe(urls[0]); // one shared port
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => fetch(`${urls[0]}/rest/v1/notes/note/`, json({ text: `n${i}` })).then((r) => r.status)));
      expect(answers.every((status) => status === 201)).toBe(true);
      expect(await (await fetch(`${urls[0]}/rest/v1/notes/note/`)).json()).toHaveLength(20);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const bad = await runBin(["serve", "--workers", "0"], /--workers must be a whole number from 1 to 256, got 0/);
    expect(await bad.exited).toBe(2);
  }, 40_000);
});
