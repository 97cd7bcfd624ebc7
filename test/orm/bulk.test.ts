import { beforeEach, describe, expect, it } from "vitest";
import { captureQueries, F, IntegrityError, InvalidOperation } from "torest";
import { Author, Choice, day, models, Question, Tag } from "./fixtures/polls.js";
import { dbName, features, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

beforeEach(async () => {
  await Choice.objects.all().delete();
  await Question.objects.all().delete();
  await Author.objects.all().delete();
  await Tag.objects.all().delete();
});

describe(dbName("bulkCreate"), () => {
  it("inserts many rows in one statement and sets primary keys where the database returns them", async () => {
    const tags = ["a", "b", "c"].map((name) => new Tag({ name }));
    const { result, queries } = await captureQueries(() => Tag.objects.bulkCreate(tags));
    expect(result).toBe(tags);
    expect(queries.filter((q) => q.sql.startsWith("INSERT"))).toHaveLength(1);
    expect(await Tag.objects.valuesList("name", { flat: true })).toEqual(["a", "b", "c"]);
    if (features().supportsReturning) {
      const ids = await Tag.objects.orderBy("name").valuesList("id", { flat: true });
      expect(tags.map((t) => t.id)).toEqual(ids);
      // They are saved objects now: save() updates.
      tags[0]!.name = "a2";
      await tags[0]!.save();
      expect(await Tag.objects.count()).toBe(3);
    }
  });

  it("splits into batches of batchSize", async () => {
    const { queries } = await captureQueries(() => Tag.objects.bulkCreate(Array.from({ length: 5 }, (_, i) => new Tag({ name: `t${i}` })), { batchSize: 2 }));
    expect(queries.filter((q) => q.sql.startsWith("INSERT"))).toHaveLength(3);
    expect(await Tag.objects.count()).toBe(5);
    await expect(Tag.objects.bulkCreate([new Tag({ name: "x" })], { batchSize: 0 })).rejects.toThrow("Batch size must be a positive integer.");
  });

  it("uses related objects' keys and defaults; refuses unsaved related objects", async () => {
    const ann = await Author.objects.create({ name: "Ann" });
    const [q] = await Question.objects.bulkCreate([new Question({ question_text: "Q?", pub_date: day(1), author: ann })]);
    expect((await Question.objects.get({ author: ann })).min_votes).toBe(0);
    expect(q!.author_id).toBe(ann.id);
    const ghost = new Author({ name: "Ghost" });
    await expect(Question.objects.bulkCreate([new Question({ question_text: "Q2?", pub_date: day(1), author: ghost })]))
      .rejects.toThrow("bulkCreate() prohibited to prevent data loss due to unsaved related object 'author'.");
  });

  it("ignoreConflicts skips rows violating a unique constraint", async () => {
    await Author.objects.create({ name: "Ann" });
    const batch = [new Author({ name: "Ann" }), new Author({ name: "Bob" })];
    await expect(Author.objects.bulkCreate(batch.map((a) => new Author({ name: a.name })))).rejects.toThrow(IntegrityError);
    expect(await Author.objects.count()).toBe(1);
    if (!features().supportsIgnoreConflicts) return;
    await Author.objects.bulkCreate(batch, { ignoreConflicts: true });
    expect(await Author.objects.valuesList("name", { flat: true })).toEqual(["Ann", "Bob"]);
  });

  it("updateConflicts upserts: rows conflicting on uniqueFields get updateFields", async () => {
    const [ann] = await Author.objects.bulkCreate([new Author({ name: "Ann", age: 1 }), new Author({ name: "Bob", age: 2 })]);
    const annId = (await Author.objects.get({ name: "Ann" })).id;
    const batch = [new Author({ name: "Ann", age: 10 }), new Author({ name: "Cy", age: 3 })];
    const { queries } = await captureQueries(() => Author.objects.bulkCreate(batch, { updateConflicts: true, uniqueFields: ["name"], updateFields: ["age"] }));
    expect(queries.filter((q) => q.sql.startsWith("INSERT"))).toHaveLength(1);
    expect(await Author.objects.orderBy("name").valuesList("name", "age")).toEqual([["Ann", 10], ["Bob", 2], ["Cy", 3]]);
    expect(await Author.objects.count()).toBe(3);
    if (features().supportsReturning) expect([ann!.id, batch[0]!.id]).toEqual([annId, annId]);
    const opts = { updateConflicts: true, uniqueFields: ["name"] };
    await expect(Author.objects.bulkCreate([new Author({ name: "D" })], opts)).rejects.toThrow("Fields that will be updated when a row insertion fails on conflicts must be provided.");
    await expect(Author.objects.bulkCreate([new Author({ name: "D" })], { ...opts, updateFields: ["id"] })).rejects.toThrow("bulkCreate() cannot be used with primary keys in updateFields.");
    await expect(Author.objects.bulkCreate([new Author({ name: "D" })], { ...opts, updateFields: ["age"], ignoreConflicts: true })).rejects.toThrow("ignoreConflicts and updateConflicts are mutually exclusive.");
    if (features().upsertNeedsConflictTarget) {
      await expect(Author.objects.bulkCreate([new Author({ name: "D" })], { updateConflicts: true, updateFields: ["age"] })).rejects.toThrow("Unique fields that can trigger the upsert must be provided.");
    }
    expect(await Author.objects.count()).toBe(3);
  });

  it("refuses objects of another model", async () => {
    await expect(Tag.objects.bulkCreate([new Author({ name: "x" }) as never])).rejects.toThrow(InvalidOperation);
  });
});

describe(dbName("bulkUpdate and inBulk"), () => {
  it("writes the given fields of many objects in one statement", async () => {
    const tags = await Tag.objects.bulkCreate(["a", "b", "c"].map((name) => new Tag({ name })));
    const saved = await Tag.objects.orderBy("name");
    saved.forEach((t, i) => (t.name = `${t.name}-${i}`));
    const { result, queries } = await captureQueries(() => Tag.objects.bulkUpdate(saved, ["name"]));
    expect(result).toBe(3);
    expect(queries.filter((q) => q.sql.startsWith("UPDATE"))).toHaveLength(1);
    expect(portableSql(queries.find((q) => q.sql.startsWith("UPDATE"))!.sql)).toMatch(/SET "name" = (CAST\()?CASE WHEN "id" = .* THEN .* END( AS .*\))? WHERE "id" IN \(/);
    expect(await Tag.objects.valuesList("name", { flat: true })).toEqual(["a-0", "b-1", "c-2"]);
    expect(tags).toHaveLength(3);
  });

  it("batches, accepts expressions and refuses primary keys or unsaved objects", async () => {
    const ann = await Author.objects.create({ name: "Ann", age: 1 });
    const bob = await Author.objects.create({ name: "Bob", age: 2 });
    (ann as unknown as { age: unknown }).age = F("age").add(10);
    bob.age = 7;
    const { queries } = await captureQueries(() => Author.objects.bulkUpdate([ann, bob], ["age"], { batchSize: 1 }));
    expect(queries.filter((q) => q.sql.startsWith("UPDATE"))).toHaveLength(2);
    expect(await Author.objects.valuesList("age", { flat: true })).toEqual([11, 7]);
    await expect(Author.objects.bulkUpdate([ann], ["id"])).rejects.toThrow("bulkUpdate() cannot be used with primary key fields.");
    await expect(Author.objects.bulkUpdate([new Author({ name: "x" })], ["name"])).rejects.toThrow("All bulkUpdate() objects must have a primary key set.");
  });

  it("inBulk maps keys to objects, by primary key or a unique field", async () => {
    const ann = await Author.objects.create({ name: "Ann" });
    const bob = await Author.objects.create({ name: "Bob" });
    const byPk = await Author.objects.inBulk([ann.id, bob.id, 999]);
    expect([...byPk.keys()].sort()).toEqual([ann.id, bob.id].sort());
    expect(String(byPk.get(bob.id))).toBe("Bob");
    expect([...(await Author.objects.inBulk(["Ann"], { fieldName: "name" })).keys()]).toEqual(["Ann"]);
    expect((await Author.objects.inBulk()).size).toBe(2);
    expect((await captureQueries(() => Author.objects.inBulk([]))).queries).toHaveLength(0);
    await expect(Author.objects.inBulk([1], { fieldName: "age" })).rejects.toThrow("inBulk()'s fieldName must be a unique field but 'age' isn't.");
  });
});
