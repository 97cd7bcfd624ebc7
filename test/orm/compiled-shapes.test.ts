import { describe, expect, it } from "vitest";
import {
  captureQueries, CASCADE, CharField, ForeignKey, IntegerField, InvalidOperation, Manager, Model, QuerySet,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Queries of one shape are compiled once (issue 15): these check that the cached statements
// behave exactly like the general path, whatever the value and whatever the queryset.
class Author extends Model("shapes", {
  name: CharField({ maxLength: 50, unique: true }),
  rank: IntegerField({ default: 0 }),
}) {
  declare static objects: Manager<Author>;
}

class RankedManager extends Manager<Author> {
  override getQueryset(): QuerySet<Author> {
    return super.getQueryset().filter({ rank__gt: 0 });
  }
}

class Book extends Model("shapes", {
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
  title: CharField({ maxLength: 50 }),
}) {
  declare static objects: Manager<Book>;
}

useTestDatabase([Author, Book]);

describe(dbName("compiled query shapes (get by one field, single-row insert)"), () => {
  it("get(pk) by the same compiled statement finds each row, by pk, id, name or a string key", async () => {
    const created: Author[] = [];
    for (let i = 0; i < 5; i++) created.push(await Author.objects.create({ name: `a${i}`, rank: i }));
    // Keys come back from a single-row INSERT (SQLite: the driver's insert id, no RETURNING).
    expect(new Set(created.map((a) => a.pk)).size).toBe(5);
    for (const author of created) {
      expect((await Author.objects.get({ pk: author.pk })).name).toBe(author.name);
      expect((await Author.objects.get({ id: author.pk })).rank).toBe(author.rank);
      expect((await Author.objects.get({ pk: String(author.pk) })).name).toBe(author.name);
      expect((await Author.objects.get({ name: author.name })).pk).toBe(author.pk);
    }
    const { queries } = await captureQueries(() => Author.objects.get({ pk: created[2]!.pk }));
    expect(queries).toHaveLength(1);
    expect(queries[0]!.params).toEqual([created[2]!.pk]);
  });

  it("test_get_does_not_exist and bad values still fail the Django way once the shape is cached", async () => {
    const author = await Author.objects.create({ name: "only", rank: 1 });
    await Author.objects.get({ pk: author.pk });
    await expect(Author.objects.get({ pk: author.pk + 1000 })).rejects.toThrow("Author matching query does not exist.");
    await expect(Author.objects.get({ pk: "abc" })).rejects.toBeInstanceOf(InvalidOperation);
    await expect(Author.objects.get({ pk: null })).rejects.toThrow("Author matching query does not exist.");
    // @ts-expect-error: a misspelt key is a compile error too (typed lookups); at run time a FieldError.
    await expect(Author.objects.get({ nope: 1 })).rejects.toThrow(/Cannot resolve keyword 'nope'/);
  });

  it("test_get_multiple_objects_returned on a non-unique field, after the shape is cached", async () => {
    await Author.objects.create({ name: "x1", rank: 7 });
    await expect(Author.objects.get({ rank: 7 })).resolves.toMatchObject({ name: "x1" });
    await Author.objects.create({ name: "x2", rank: 7 });
    await expect(Author.objects.get({ rank: 7 })).rejects.toThrow("get() returned more than one Author -- it returned 2!");
  });

  it("a manager's own filter and a filtered or ordered queryset keep their conditions", async () => {
    const zero = await Author.objects.create({ name: "zero", rank: 0 });
    const one = await Author.objects.create({ name: "one", rank: 1 });
    const ranked = new RankedManager(Author.meta);
    await Author.objects.get({ pk: zero.pk });
    await expect(ranked.get({ pk: zero.pk })).rejects.toThrow("Author matching query does not exist.");
    expect((await ranked.get({ pk: one.pk })).name).toBe("one");
    await expect(Author.objects.filter({ name: "one" }).get({ pk: zero.pk })).rejects.toThrow("does not exist");
    expect((await Author.objects.orderBy("-rank").get({ pk: one.pk })).name).toBe("one");
  });

  it("get by a foreign key value and create with an instance or a key use the cached statements", async () => {
    const author = await Author.objects.create({ name: "writer", rank: 3 });
    const first = await Book.objects.create({ author, title: "First" });
    const second = await Book.objects.create({ author_id: author.pk, title: "Second" });
    expect(second.pk).not.toBe(first.pk);
    expect((await Book.objects.get({ title: "Second" })).author_id).toBe(author.pk);
    await expect(Book.objects.get({ author: author.pk })).rejects.toThrow("get() returned more than one Book -- it returned 2!");
    expect((await Book.objects.get({ pk: first.pk })).title).toBe("First");
  });
});
