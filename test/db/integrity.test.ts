import { describe, expect, it } from "vitest";
import { atomic, CASCADE, CharField, ForeignKey, IntegerField, IntegrityError, Model, type Manager } from "torest";
import { dbName, features, useTestDatabase } from "../support/db.js";

class Author extends Model("dbint", {
  name: CharField({ maxLength: 30, unique: true }),
}) {
  declare static objects: Manager<Author>;
}

class Book extends Model("dbint", {
  title: CharField({ maxLength: 30 }),
  pages: IntegerField(),
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Book>;
}

useTestDatabase([Author, Book]);

async function integrityError(work: () => Promise<unknown>): Promise<IntegrityError> {
  const error = await work().then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(IntegrityError);
  return error as IntegrityError;
}

describe(dbName("database errors become IntegrityError naming the constraint"), () => {
  it("unique", async () => {
    await Author.objects.create({ name: "Ann" });
    const error = await integrityError(() => Author.objects.create({ name: "Ann" }));
    expect(error.constraintKind).toBe("unique");
    expect(error.constraint).toContain("name");
    expect(await Author.objects.count()).toBe(1);
  });

  it("not null", async () => {
    const author = await Author.objects.create({ name: "Bob" });
    const error = await integrityError(() => Book.objects.create({ title: "T", pages: null, author }));
    expect(error.constraintKind).toBe("notNull");
    expect(error.constraint).toContain("pages");
    expect(await Book.objects.count()).toBe(0);
  });

  it("foreign key, in autocommit and at the end of a transaction", async () => {
    const outside = await integrityError(() => Book.objects.create({ title: "T", pages: 1, author_id: 999 }));
    expect(outside.constraintKind).toBe("foreignKey");
    // Deferred constraints (PostgreSQL, SQLite) fail at COMMIT; others at the INSERT: either way atomic rejects.
    const inside = await integrityError(() => atomic(() => Book.objects.create({ title: "T", pages: 1, author_id: 998 })));
    expect(inside.constraintKind).toBe("foreignKey");
    if (features().namesViolatedForeignKey) {
      expect(outside.constraint).toContain("author_id");
      expect(inside.constraint).toContain("author_id");
    }
    expect(await Book.objects.count()).toBe(0);
  });

  it("unique inside a transaction rolls the whole transaction back", async () => {
    await Author.objects.all().delete();
    await integrityError(() => atomic(async () => {
      await Author.objects.create({ name: "Cy" });
      await Author.objects.create({ name: "Cy" });
    }));
    expect(await Author.objects.count()).toBe(0);
  });
});
