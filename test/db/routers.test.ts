import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  atomic, CASCADE, CharField, closeDatabases, configureDatabases, configureRouters, allowMigrate, createTables,
  ForeignKey, InvalidOperation, Model, type DatabaseRouter, type Manager,
} from "torest";
import { dbName, freshDatabase } from "../support/db.js";

// Django's multiple_db tests (RouterTestCase): a primary/replica router sends reads to one
// database and writes to another. The "replica" here is a second empty database, so that a read
// that went to the wrong place is visible as a missing row.
class Author extends Model("routing", { name: CharField({ maxLength: 50 }) }) {
  declare static objects: Manager<Author>;
}
class Book extends Model("routing", {
  title: CharField({ maxLength: 50 }),
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Book>;
}

const primaryReplica: DatabaseRouter = {
  dbForRead: () => "replica",
  dbForWrite: () => "default",
  allowRelation: () => true,
  allowMigrate: (db) => db === "default",
};

const drops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  const primary = await freshDatabase();
  const replica = await freshDatabase();
  drops.push(primary.drop, replica.drop);
  // SQLite's in-memory URL would give both aliases the same kind of private database: fine here.
  configureDatabases({ default: primary.url, replica: replica.url });
  await createTables([Author, Book]);
  await createTables([Author, Book], { using: "replica" });
});
afterAll(async () => {
  configureRouters([]);
  await closeDatabases();
  for (const drop of drops) await drop();
});

describe(dbName("database routers (Django's DATABASE_ROUTERS)"), () => {
  it("without routers everything reads and writes the default database", async () => {
    configureRouters([]);
    const author = await Author.objects.create({ name: "Default" });
    expect(await Author.objects.filter({ pk: author.pk }).count()).toBe(1);
    expect(await Author.objects.using("replica").filter({ pk: author.pk }).count()).toBe(0);
    await Author.objects.all().delete();
  });

  it("db_for_read sends reads to the replica and db_for_write sends writes to the primary", async () => {
    configureRouters([primaryReplica]);
    const author = await Author.objects.create({ name: "Routed" });
    expect(await Author.objects.using("default").filter({ pk: author.pk }).count()).toBe(1);
    // The replica has not caught up (it never does here): a routed read misses the row.
    expect(await Author.objects.filter({ name: "Routed" }).count()).toBe(0);
    expect(await Author.objects.using("replica").count()).toBe(0);
    // update() and delete() are writes.
    expect(await Author.objects.filter({ name: "Routed" }).update({ name: "Renamed" })).toBe(1);
    expect(await Author.objects.using("default").get({ pk: author.pk })).toMatchObject({ name: "Renamed" });
    expect((await Author.objects.filter({ name: "Renamed" }).delete())[0]).toBe(1);
    expect(await Author.objects.using("default").count()).toBe(0);
  });

  it("queries inside a transaction are pinned to the database writes go to", async () => {
    configureRouters([primaryReplica]);
    await atomic(async () => {
      await Author.objects.create({ name: "In transaction" });
      // Outside a transaction this read would go to the replica and miss the row.
      expect(await Author.objects.filter({ name: "In transaction" }).count()).toBe(1);
    });
    expect(await Author.objects.filter({ name: "In transaction" }).count()).toBe(0);
    await Author.objects.using("default").all().delete();
  });

  it("save() of an object read from the replica writes to the primary (db_for_write with the instance hint)", async () => {
    configureRouters([]);
    await Author.objects.using("replica").create({ name: "Copied" });
    await Author.objects.using("default").create({ name: "Copied" });
    configureRouters([primaryReplica]);
    const fromReplica = await Author.objects.get({ name: "Copied" });
    fromReplica.name = "Edited";
    await fromReplica.save();
    expect(await Author.objects.using("default").filter({ name: "Edited" }).count()).toBe(1);
    expect(await Author.objects.using("replica").filter({ name: "Copied" }).count()).toBe(1);
    configureRouters([]);
    await Author.objects.using("replica").all().delete();
    await Author.objects.using("default").all().delete();
  });

  it("get_or_create reads from the database it would write to", async () => {
    configureRouters([primaryReplica]);
    const [first, created] = await Author.objects.getOrCreate({ name: "Once" });
    expect(created).toBe(true);
    const [again, createdAgain] = await Author.objects.getOrCreate({ name: "Once" });
    expect(createdAgain).toBe(false);
    expect(again.pk).toBe(first.pk);
    expect(await Author.objects.using("default").filter({ name: "Once" }).count()).toBe(1);
    await Author.objects.using("default").all().delete();
  });

  it("allow_relation: objects of two databases are refused unless a router allows it", async () => {
    configureRouters([]);
    const onDefault = await Author.objects.create({ name: "A" });
    const onReplica = await Author.objects.using("replica").create({ name: "B" });
    const book = await Book.objects.using("replica").create({ title: "T", author: onReplica });
    expect(() => {
      book.author = onDefault;
    }).toThrow(InvalidOperation);
    expect(() => {
      book.author = onDefault;
    }).toThrow(/the current database router prevents this relation/);
    configureRouters([primaryReplica]);
    book.author = onDefault;
    expect(book.author_id).toBe(onDefault.pk);
    configureRouters([]);
    await Book.objects.using("replica").all().delete();
    await Author.objects.using("replica").all().delete();
    await Author.objects.all().delete();
  });

  it("allow_migrate: the first router with an opinion decides, else migrations are allowed", () => {
    configureRouters([]);
    expect(allowMigrate("replica", "routing")).toBe(true);
    configureRouters([{ allowMigrate: () => null }, primaryReplica]);
    expect(allowMigrate("replica", "routing")).toBe(false);
    expect(allowMigrate("default", "routing")).toBe(true);
  });
});
