/** Django's tests/aggregation and tests/expressions behaviours (issue 16), on every backend. */
import { beforeAll, describe, expect, it } from "vitest";
import { Avg, Count, F, Max, Min, Q, Sum } from "torest";
import { Author, Book, DataPoint, models, Publisher } from "./fixtures/bookstore.js";
import { seedBookstore } from "./fixtures/bookstore-data.js";
import { dbName, useTestDatabase } from "../support/db.js";

useTestDatabase(models);

beforeAll(async () => {
  await seedBookstore();
});

const names = (rows: { name: string }[]) => rows.map((r) => r.name);

describe(dbName("filter() with row and aggregate conditions (Django's split_having)"), () => {
  it("test_filter_row_condition_goes_to_where_and_aggregate_condition_to_having", async () => {
    // Django: the multi-valued filter after annotate() joins anew; the name test stays a row test.
    const books = await Book.objects.annotate({ n: Count("authors") }).filter({ authors__name: "Peter Norvig", n__gt: 1 });
    expect(names(books)).toEqual(["Artificial Intelligence: A Modern Approach"]);
    expect(books[0]!.n).toBe(2);
  });

  it("test_filter_after_aggregate_annotation_joins_anew (the annotation counts every author)", async () => {
    const books = await Book.objects.annotate({ n: Count("authors") }).filter({ authors__name__startswith: "P" }).orderBy("name");
    expect(books.map((b) => [b.name.slice(0, 20), b.n])).toEqual([
      ["Artificial Intelligen", 2], ["Paradigms of Artific", 1], ["Python Web Developme", 3],
    ].map(([n, c]) => [String(n).slice(0, 20), c]));
  });

  it("test_q_and_of_row_and_aggregate_conditions_is_split", async () => {
    const books = await Book.objects.annotate({ n: Count("authors") }).filter(Q({ rating__gte: 4 }).and(Q({ n__gte: 2 }))).orderBy("name");
    expect(names(books)).toEqual([
      "Artificial Intelligence: A Modern Approach", "Python Web Development with Django",
      "The Definitive Guide to Django: Web Development Done Right",
    ]);
  });

  it("test_q_or_of_row_and_aggregate_conditions_goes_to_having_with_grouped_columns", async () => {
    const books = await Book.objects.annotate({ n: Count("authors") }).filter(Q({ pages__lt: 350 }).or(Q({ n__gte: 3 }))).orderBy("name");
    expect(names(books)).toEqual(["Practical Django Projects", "Python Web Development with Django"]);
  });

  it("test_exclude_of_row_and_aggregate_conditions (NOT of an AND cannot be split)", async () => {
    const books = await Book.objects.annotate({ n: Count("authors") }).exclude({ rating__gte: 4, n__gte: 2 }).orderBy("name");
    expect(names(books)).toEqual([
      "Paradigms of Artificial Intelligence Programming: Case Studies in Common Lisp", "Practical Django Projects",
      "Sams Teach Yourself Django in 24 Hours",
    ]);
  });
});

describe(dbName("aggregate() (Django's tests/aggregation)"), () => {
  it("test_empty_aggregate: aggregate() with no arguments returns {}", async () => {
    expect(await Author.objects.all().aggregate()).toEqual({});
  });

  it("test_aggregation_default_using_*_from_database over an empty table: null, 0 for Count, or the default", async () => {
    expect(await DataPoint.objects.count()).toBe(0);
    expect(await DataPoint.objects.aggregate({ n: Count("id"), s: Sum("size"), lo: Min("name"), d: Sum("size", { default: 0 }) }))
      .toEqual({ n: 0, s: null, lo: null, d: 0 });
  });

  it("test_aggregation_default_unset / empty_result_optimization: null over no rows, 0 for Count", async () => {
    const none = Author.objects.filter({ age__gt: 1000 });
    expect(await none.aggregate({ n: Count("id"), s: Sum("age"), a: Avg("age"), lo: Min("age"), hi: Max("age") }))
      .toEqual({ n: 0, s: null, a: null, lo: null, hi: null });
    expect(await Author.objects.none().aggregate({ n: Count("id"), s: Sum("age") })).toEqual({ n: 0, s: null });
  });

  it("test_aggregation_default_integer / default_zero: the default replaces null over no rows", async () => {
    const none = Author.objects.filter({ age__gt: 1000 });
    expect(await none.aggregate({ s: Sum("age", { default: 0 }), hi: Max("age", { default: 21 }), a: Avg("age", { default: 2.5 }) }))
      .toEqual({ s: 0, hi: 21, a: 2.5 });
    expect(await Author.objects.none().aggregate({ s: Sum("age", { default: 7 }) })).toEqual({ s: 7 });
    expect(await Author.objects.aggregate({ s: Sum("age", { default: 0 }) })).toEqual({ s: 337 });
  });

  it("test_aggregation_default_unsupported_by_count: Count takes no default", () => {
    expect(() => Count("age", { default: 1 })).toThrow(new TypeError("Count does not allow default."));
  });

  it("test_aggregation_default_passed_another_aggregate: the default of an annotation over no related rows", async () => {
    const rows = await Publisher.objects.annotate({ pages: Sum("book__pages", { default: 0 }) }).orderBy("name").values("name", "pages");
    expect(rows.find((r) => r.name === "Jonno's House of Books")).toEqual({ name: "Jonno's House of Books", pages: 0 });
  });
});

describe(dbName("values() before annotate() (Django's GROUP BY of values)"), () => {
  it("test_grouped_annotation_in_group_by: an annotation in values() before an aggregate is grouped by", async () => {
    const rows = await Book.objects.annotate({ xprice: F("price") }).filter({ rating: 4.0 }).values("rating", "xprice")
      .annotate({ count: Count("publisher_id", { distinct: true }) }).values("count", "rating").orderBy("count");
    expect(rows).toEqual([{ rating: 4.0, count: 1 }, { rating: 4.0, count: 2 }]);
  });

  it("test_non_grouped_annotation_not_in_group_by: an annotation left out of values() is not grouped by", async () => {
    const rows = await Book.objects.annotate({ xprice: F("price") }).filter({ rating: 4.0 }).values("rating")
      .annotate({ count: Count("publisher_id", { distinct: true }) }).values("count", "rating").orderBy("count");
    expect(rows).toEqual([{ rating: 4.0, count: 2 }]);
  });

  it("test_annotate_values_annotate: a non-aggregate annotation in values() is grouped by", async () => {
    const rows = await Book.objects.annotate({ xprice: F("price") }).values("rating", "xprice").annotate({ c: Count("id") }).orderBy("rating", "xprice");
    expect(rows).toEqual([
      { rating: 3, xprice: "23.09", c: 1 }, { rating: 4, xprice: "29.69", c: 2 }, { rating: 4, xprice: "82.80", c: 1 },
      { rating: 4.5, xprice: "30.00", c: 1 }, { rating: 5, xprice: "75.00", c: 1 },
    ]);
  });
});
