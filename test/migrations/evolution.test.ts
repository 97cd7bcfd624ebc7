import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CASCADE, CharField, closeDatabases, configureDatabases, createTables, ForeignKey, getBackend, IntegerField, ManyToManyField, Model } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";
import { schemaOf, tempProject, torest } from "./fixtures/cli.js";
import { V1, V2, V3, V3_FINAL } from "./fixtures/shop-versions.js";

// The final models, declared here too: createTables makes them in a second database, whose
// schema the migrated one must equal.
class Author extends Model("shop", {
  name: CharField({ maxLength: 50 }),
  bio: CharField({ maxLength: 100, null: true }),
  rating: IntegerField({ default: 3 }),
}) {}
class Tag extends Model("shop", { label: CharField({ maxLength: 30, unique: true }) }) {}
class Book extends Model("shop", {
  headline: CharField({ maxLength: 100 }),
  writer: ForeignKey(() => Author, { onDelete: CASCADE }),
  pages: IntegerField(),
  isbn: CharField({ maxLength: 13 }),
  tags: ManyToManyField(() => Tag),
}, {
  indexes: [{ fields: ["headline"], name: "book_headline_idx" }],
  constraints: [{ type: "unique", fields: ["writer", "headline"], name: "book_writer_headline_uniq" }],
}) {}
class Review extends Model("shop", { book: ForeignKey(() => Book, { onDelete: CASCADE }), stars: IntegerField() }) {}

let url = "";
let drop = async () => undefined as void;
let project: ReturnType<typeof tempProject>;

beforeAll(async () => {
  ({ url, drop } = await freshDatabase());
  if (TEST_DB === "sqlite") url = "sqlite:///db.sqlite3";
  project = tempProject(url);
});
afterAll(async () => {
  await closeDatabases();
  await drop();
  project.remove();
});

/** Runs `fn` on the project's database from this process, closed again so the CLI has it alone. */
async function onDb<T>(fn: () => Promise<T>): Promise<T> {
  configureDatabases({ default: TEST_DB === "sqlite" ? `sqlite:///${path.join(project.dir, "db.sqlite3")}` : url });
  try {
    return await fn();
  } finally {
    await closeDatabases();
  }
}

const rows = (sql: string) => onDb(async () => (await getBackend().query(sql, [])).map((r) => r.map((v) => (typeof v === "bigint" ? Number(v) : v))));
const exec = (sql: string) => onDb(async () => void (await getBackend().execute(sql, [])));

function ok(args: string[], input = ""): string {
  const run = torest(project.dir, args, input);
  expect(run.code, run.out).toBe(0);
  return run.out;
}

describe("migrations: a project through three versions of its models", () => {
  it(dbName("v1: makemigrations writes 0001_initial, migrate applies it with Django's progress lines"), async () => {
    project.write("models.ts", V1);
    const made = ok(["makemigrations", "--noinput"]);
    expect(made).toContain("Migrations for 'shop':");
    expect(made).toContain(path.join("migrations", "shop", "0001_initial.ts"));
    expect(made).toContain("- Create model Writer");
    const source = readFileSync(path.join(project.dir, "migrations", "shop", "0001_initial.ts"), "utf8");
    expect(source).toContain('import { CreateModel, Migration } from "torest/migrations";');
    expect(source).toContain('writer: ForeignKey("shop.writer", { onDelete: CASCADE })');
    expect(ok(["showmigrations"])).toContain("shop\n [ ] 0001_initial");
    const out = ok(["migrate"]);
    expect(out).toContain("Operations to perform:\n  Apply all migrations: shop\nRunning migrations:");
    expect(out).toMatch(/ {2}Applying shop\.0001_initial\.\.\. OK \(\d+\.\d{3}s\)/);
    expect(ok(["showmigrations", "shop"])).toContain(" [X] 0001_initial");
    await exec("INSERT INTO shop_writer (name, bio, legacy) VALUES ('Ann', 'b1', 'x'), ('Bob', 'b2', 'y')");
    await exec("INSERT INTO shop_book (title, writer_id, pages) VALUES ('T1', 1, '123'), ('T2', 2, '45')");
    expect(ok(["makemigrations", "--check"])).toContain("No changes detected");
  });

  it(dbName("v2: asks about the rename and a one-off default, then adds, alters and constrains with the rows intact"), async () => {
    project.write("models.ts", V2);
    const check = torest(project.dir, ["makemigrations", "--check", "--noinput", "--rename", "--default", "\"x\""]);
    expect(check.code, check.out).toBe(1);
    const made = ok(["makemigrations"], "y\n1\n\"none\"\n");
    expect(made).toContain("Was book.title renamed to book.headline (a CharField)? [y/N]");
    expect(made).toContain("It is impossible to add a non-nullable field 'isbn' to book without specifying a default.");
    expect(made).toContain("0002_");
    expect(made).toContain("- Rename field title on book to headline");
    expect(made).toContain("- Add field rating to writer");
    expect(made).toContain("- Alter field bio on writer");
    expect(made).toContain("- Create index book_headline_idx on field(s) headline of model book");
    expect(made).toContain("- Create constraint book_writer_headline_uniq on model book");
    const sql = ok(["sqlmigrate", "shop", "0002"]);
    expect(sql).toContain("-- Add field rating to writer");
    ok(["migrate"]);
    expect(await rows("SELECT id, name, bio, legacy, rating FROM shop_writer ORDER BY id")).toEqual([[1, "Ann", "b1", "x", 3], [2, "Bob", "b2", "y", 3]]);
    expect(await rows("SELECT id, headline, writer_id, pages, isbn FROM shop_book ORDER BY id")).toEqual([[1, "T1", 1, "123", "none"], [2, "T2", 2, "45", "none"]]);
    await exec("INSERT INTO shop_writer (name, bio, legacy, rating) VALUES ('Cy', NULL, 'z', 5)");
    await expect(exec("INSERT INTO shop_book (headline, writer_id, pages, isbn) VALUES ('T1', 1, '1', 'i')")).rejects.toThrow();
  });

  it(dbName("v3: renames the model, adds models with a foreign key and a many-to-many, converts a column's type, removes a field"), async () => {
    project.write("models.ts", V3);
    const made = ok(["makemigrations", "--noinput", "--rename"]);
    expect(made).toContain("- Rename model Writer to Author");
    expect(made).toContain("- Create model Tag");
    expect(made).toContain("- Add field tags to book");
    expect(made).toContain("- Alter field pages on book");
    project.write("models.ts", V3_FINAL);
    expect(ok(["makemigrations", "--noinput"])).toContain("0004_remove_author_legacy");
    const plan = ok(["migrate", "--plan"]);
    expect(plan).toContain("Planned operations:\nshop.0003_");
    ok(["migrate"]);
    expect(await rows("SELECT id, name, bio, rating FROM shop_author ORDER BY id")).toEqual([[1, "Ann", "b1", 3], [2, "Bob", "b2", 3], [3, "Cy", null, 5]]);
    expect(await rows("SELECT id, headline, writer_id, pages FROM shop_book ORDER BY id")).toEqual([[1, "T1", 1, 123], [2, "T2", 2, 45]]);
    await exec("INSERT INTO shop_tag (label) VALUES ('new')");
    await exec("INSERT INTO shop_book_tags (book_id, tag_id) VALUES (1, 1)");
    await exec("INSERT INTO shop_review (book_id, stars) VALUES (2, 4)");
    expect(await rows("SELECT book_id, tag_id FROM shop_book_tags")).toEqual([[1, 1]]);
    expect(await rows("SELECT book_id, stars FROM shop_review")).toEqual([[2, 4]]);
    expect(readdirSync(path.join(project.dir, "migrations", "shop")).sort()).toHaveLength(4);
    expect(ok(["makemigrations", "--check"])).toContain("No changes detected");
  });

  it(dbName("migrate <app> zero and back reproduces the same schema, equal to what createTables makes"), async () => {
    const migrated = await onDb(schemaOf);
    const down = ok(["migrate", "shop", "zero"]);
    expect(down).toContain("  Unapply all migrations: shop");
    expect(down).toMatch(/Unapplying shop\.0004_remove_author_legacy\.\.\. OK[\s\S]*Unapplying shop\.0001_initial\.\.\. OK/);
    expect(Object.keys(await onDb(schemaOf))).toEqual([]);
    expect(ok(["showmigrations"])).toContain(" [ ] 0001_initial");
    ok(["migrate"]);
    expect(await onDb(schemaOf)).toEqual(migrated);
    const fresh = await freshDatabase();
    try {
      configureDatabases({ default: fresh.url });
      await createTables([Author, Tag, Book, Review]);
      expect(await schemaOf()).toEqual(migrated);
    } finally {
      await closeDatabases();
      await fresh.drop();
    }
  });

  it(dbName("migrate to a named migration unapplies what follows; --fake records without running"), async () => {
    expect(ok(["migrate", "shop", "0002"])).toMatch(/Unapplying shop\.0004_remove_author_legacy[\s\S]*Unapplying shop\.0003_/);
    expect(await rows("SELECT name, legacy FROM shop_writer ORDER BY id")).toEqual([]);
    expect(ok(["migrate", "shop", "0003", "--fake"])).toMatch(/Applying shop\.0003_\w+\.\.\. FAKED/);
    expect(ok(["showmigrations"])).toMatch(/\[X\] 0003_\w+\n \[ \] 0004_remove_author_legacy/);
    ok(["migrate", "shop", "0002", "--fake"]);
    ok(["migrate"]);
    expect(existsSync(path.join(project.dir, "migrations", "shop"))).toBe(true);
  });

  it(dbName("bad targets are CommandErrors"), () => {
    const unknown = torest(project.dir, ["migrate", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain("CommandError: No installed app with label 'nope'.");
    const missing = torest(project.dir, ["migrate", "shop", "0099"]);
    expect(missing.out).toContain("CommandError: Cannot find a migration matching '0099' from app 'shop'.");
    const empty = torest(project.dir, ["makemigrations", "--empty"]);
    expect(empty.out).toContain("CommandError: You must supply at least one app label when using --empty.");
  });
});
