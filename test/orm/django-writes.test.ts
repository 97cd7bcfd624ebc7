/**
 * Django's tests/update, tests/bulk_create, tests/get_or_create, tests/expressions (new objects),
 * tests/prefetch_related and tests/select_related behaviours (issue 16), on every backend.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  Count, F, FieldDoesNotExist, FieldError, InvalidOperation, Lower, Max, Value, captureQueries, prefetchRelatedObjects, loaded,
} from "torest";
import { Author, Book, DataPoint, models, NoFields, Note } from "./fixtures/bookstore.js";
import { seedBookstore } from "./fixtures/bookstore-data.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { TEST_DB } from "../support/db.js";

useTestDatabase(models);

beforeAll(async () => {
  await seedBookstore();
  for (const [name, value] of [["d0", "apple"], ["d1", "banana"], ["d2", "cherry"]]) await DataPoint.objects.create({ name, value });
});

describe(dbName("update() (Django's tests/update)"), () => {
  it("test_update_annotated_queryset: F() may name a non-aggregate annotation", async () => {
    expect(await DataPoint.objects.annotate({ alias: F("value") }).update({ another_value: "foo" })).toBe(3);
    expect(await DataPoint.objects.annotate({ alias: F("value") }).filter({ alias: "apple" }).update({ another_value: "x" })).toBe(1);
    expect(await DataPoint.objects.annotate({ alias: F("value") }).update({ another_value: F("alias") })).toBe(3);
    expect(await DataPoint.objects.orderBy("name").valuesList("another_value", { flat: true })).toEqual(["apple", "banana", "cherry"]);
    await expect(DataPoint.objects.annotate({ max: Max("value") }).update({ another_value: F("max") }))
      .rejects.toThrow(new FieldError("Aggregate functions are not allowed in this query (another_value=F(max))."));
  });

  it("test_update_annotated_multi_table_queryset: a joined aggregate is 'Joined field references are not permitted'", async () => {
    const counted = Book.objects.annotate({ n: Count("authors") });
    expect(await counted.filter({ n: 3 }).update({ isbn: "000000000" })).toBe(1);
    expect(await Book.objects.filter({ isbn: "000000000" }).count()).toBe(1);
    await expect(Book.objects.annotate({ oldest: Max("authors__age") }).update({ pages: F("oldest") }))
      .rejects.toThrow(new FieldError("Joined field references are not permitted in this query"));
    await expect(Book.objects.update({ name: F("publisher__name") }))
      .rejects.toThrow(new FieldError("Joined field references are not permitted in this query"));
  });

  it("test_update_slice_fail: updating a sliced queryset is a TypeError", async () => {
    const sliced = DataPoint.objects.orderBy("name").slice(0, 1);
    await expect(sliced.update({ value: "x" })).rejects.toThrow(new TypeError("Cannot update a query once a slice has been taken."));
    await expect(sliced.update({ value: "x" })).rejects.toBeInstanceOf(TypeError);
    expect(await DataPoint.objects.filter({ value: "x" }).count()).toBe(0);
  });
});

describe(dbName("bulkCreate() / bulkUpdate() (Django's tests/bulk_create, tests/queries bulk_update)"), () => {
  it("test_empty_model: objects of a model with no fields but the key get one row each", async () => {
    const objects = await NoFields.objects.bulkCreate([new NoFields(), new NoFields(), new NoFields()]);
    expect(await NoFields.objects.count()).toBe(3);
    expect(objects).toHaveLength(3);
  });

  it("test_set_pk_and_query_efficiency / can_return_rows_from_bulk_insert: keys come back where the server can give them", async () => {
    const notes = [new Note({ note: "a" }), new Note({ note: "b" }), new Note({ note: "c" })];
    const { queries } = await captureQueries(() => Note.objects.bulkCreate(notes));
    expect(queries.filter((q) => q.sql.startsWith("INSERT"))).toHaveLength(1);
    // MySQL itself cannot (Django's can_return_rows_from_bulk_insert is False there); MariaDB 10.5+,
    // PostgreSQL and SQLite 3.35+ can: the test servers are all of those.
    const ids = await Note.objects.filter({ note__in: ["a", "b", "c"] }).orderBy("note").valuesList("id", { flat: true });
    expect(notes.map((n) => n.id)).toEqual(ids);
    expect(ids.every((id) => typeof id === "number")).toBe(true);
  });

  it("test_invalid_batch_size_exception: a batch size <= 0 is refused before anything else", async () => {
    await expect(Note.objects.bulkCreate([], { batchSize: 0 })).rejects.toThrow(new InvalidOperation("Batch size must be a positive integer."));
    await expect(Note.objects.bulkCreate([new Note({ note: "z" })], { batchSize: -1 })).rejects.toThrow("Batch size must be a positive integer.");
    await expect(Note.objects.bulkUpdate([], ["note"], { batchSize: 0 })).rejects.toThrow("Batch size must be a positive integer.");
    expect(await Note.objects.filter({ note: "z" }).count()).toBe(0);
  });

  it("test_nonexistent_field: bulkUpdate with an unknown field is FieldDoesNotExist", async () => {
    const note = await Note.objects.create({ note: "n" });
    await expect(Note.objects.bulkUpdate([note], ["nonexistent"])).rejects.toThrow(new FieldDoesNotExist("Note has no field named 'nonexistent'"));
  });
});

describe(dbName("getOrCreate() / updateOrCreate() (Django's tests/get_or_create)"), () => {
  it("test_callable_defaults: a function in defaults is called to create", async () => {
    const [note, created] = await Note.objects.getOrCreate({ note: "callable" }, { misc: () => "computed" });
    expect([created, note.misc]).toEqual([true, "computed"]);
    const [again] = await Note.objects.updateOrCreate({ note: "callable" }, { misc: () => "updated" });
    expect(again.misc).toBe("updated");
    expect((await Note.objects.get({ note: "callable" })).misc).toBe("updated");
  });

  it("test_callable_defaults_not_called: not called when the object exists", async () => {
    await Note.objects.create({ note: "exists" });
    let calls = 0;
    const [, created] = await Note.objects.getOrCreate({ note: "exists" }, { misc: () => { calls++; return "never"; } });
    expect([created, calls]).toEqual([false, 0]);
  });
});

describe(dbName("create() with expressions (Django's tests/expressions test_new_object_create)"), () => {
  it("test_new_object_create: an expression reading no column is computed by the INSERT", async () => {
    const note = await Note.objects.create({ note: Lower(Value("UPPER")), misc: "expr" });
    await note.refreshFromDb();
    expect(note.note).toBe("upper");
  });

  it("test_object_create_with_f_expression: F() still cannot be inserted", async () => {
    await expect(Note.objects.create({ note: F("misc") })).rejects.toThrow("F() expressions can only be used to update, not to insert.");
  });
});

describe(dbName("prefetchRelatedObjects() and prefetch errors (Django's tests/prefetch_related)"), () => {
  it("test_prefetch_related_objects: lookups are variadic", async () => {
    const books = await Book.objects.orderBy("id");
    const { queries } = await captureQueries(() => prefetchRelatedObjects(books, "authors", "publisher"));
    expect(queries).toHaveLength(2);
    expect((loaded<Author[]>(books[0]!, "authors") ?? []).map((a) => a.name)).toEqual(["Adrian Holovaty", "Jacob Kaplan-Moss"]);
    expect(loaded(books[0]!, "publisher")).toBeTruthy();
  });

  it("test_attribute_error: an invalid lookup names the whole path", async () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    await expect(Author.objects.prefetchRelated("book_set__xyz").fetch())
      .rejects.toThrow("Cannot find 'xyz' on Book object, 'book_set__xyz' is an invalid parameter to prefetchRelated()");
  });

  it("test_invalid_final_lookup: a lookup ending on a non-relation does not support prefetching", async () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    await expect(Book.objects.prefetchRelated("authors__name").fetch()).rejects.toThrow(new InvalidOperation(
      "'authors__name' does not resolve to an item that supports prefetching - this is an invalid parameter to prefetchRelated().",
    ));
    await expect(prefetchRelatedObjects(await Book.objects.all(), "name")).rejects.toThrow("'name' does not resolve to an item that supports prefetching");
  });
});

describe(dbName("selectRelated() after values() (Django's tests/select_related)"), () => {
  it("test_select_related_after_values / values_list: a TypeError", () => {
    const message = "Cannot call select_related() after .values() or .values_list()";
    expect(() => Book.objects.values("name").selectRelated("publisher")).toThrow(new TypeError(message));
    expect(() => Book.objects.valuesList("name").selectRelated("publisher")).toThrow(new TypeError(message));
  });
});

void TEST_DB;
