import { beforeAll, describe, expect, it } from "vitest";
import {
  Avg, captureQueries, Count, DenseRank, Lag, Rank, RowNumber, Window, DecimalField, ExpressionWrapper, ExtractDay, ExtractMonth, ExtractYear, F, FieldError, InvalidOperation, Max, Min, Q, Sum, TruncDate,
} from "torest";
import { Author, Choice, day, models, Question, Tag } from "./fixtures/polls.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

beforeAll(async () => {
  const ann = await Author.objects.create({ name: "Ann", age: 30 });
  const bob = await Author.objects.create({ name: "Bob", age: 40 });
  await Author.objects.create({ name: "Cy", age: null });
  const red = await Tag.objects.create({ name: "red" });
  const blue = await Tag.objects.create({ name: "blue" });
  await Tag.objects.create({ name: "green" });
  const q1 = await Question.objects.create({ question_text: "Pizza?", pub_date: day(1), author: ann, rating: "4.50" });
  const q2 = await Question.objects.create({ question_text: "Pasta?", pub_date: day(2), author: ann, rating: "3.25" });
  const q3 = await Question.objects.create({ question_text: "Soup?", pub_date: day(3), author: bob });
  await q1.tags.add(red, blue);
  await q2.tags.add(red);
  for (const [q, text, votes] of [[q1, "yes", 3], [q1, "no", 1], [q1, "meh", 0], [q2, "al dente", 5], [q3, "hot", 2]] as const) {
    await Choice.objects.create({ question: q, choice_text: text, votes });
  }
});

describe(dbName("aggregate()"), () => {
  it("computes Sum, Avg, Min, Max, Count over the whole queryset", async () => {
    expect(await Choice.objects.aggregate({ total: Sum("votes"), avg: Avg("votes"), low: Min("votes"), high: Max("votes"), n: Count("id") }))
      .toEqual({ total: 11, avg: 2.2, low: 0, high: 5, n: 5 });
  });

  it("names positional aggregates <field>__<fn>, as Django", async () => {
    expect(await Choice.objects.aggregate(Sum("votes"), Max("votes"))).toEqual({ votes__sum: 11, votes__max: 5 });
    await expect(Choice.objects.aggregate(Count("*"))).rejects.toThrow("Complex aggregates require an alias.");
  });

  it("respects filters and crosses relations in both directions", async () => {
    expect(await Choice.objects.filter({ question__author__name: "Ann" }).aggregate({ total: Sum("votes") })).toEqual({ total: 9 });
    expect(await Question.objects.aggregate({ choices: Count("choices"), best: Max("choices__votes") })).toEqual({ choices: 5, best: 5 });
    expect(await Author.objects.aggregate({ oldest: Max("age"), questions: Count("question") })).toEqual({ oldest: 40, questions: 3 });
  });

  it("gives null for Sum/Avg/Max over no rows and 0 for Count", async () => {
    expect(await Choice.objects.filter({ votes__gt: 100 }).aggregate({ total: Sum("votes"), n: Count("id"), avg: Avg("votes") }))
      .toEqual({ total: null, n: 0, avg: null });
    expect(await Choice.objects.none().aggregate({ total: Sum("votes") })).toEqual({ total: null });
  });

  it("supports distinct and filter options", async () => {
    expect(await Choice.objects.aggregate({ questions: Count("question", { distinct: true }) })).toEqual({ questions: 3 });
    expect(await Choice.objects.aggregate({ popular: Count("id", { filter: { votes__gte: 2 } }), low: Sum("votes", { filter: Q({ votes__lt: 2 }) }) }))
      .toEqual({ popular: 3, low: 1 });
  });

  it("converts results with the source field (decimals stay decimal strings)", async () => {
    expect(await Question.objects.aggregate({ best: Max("rating"), avg: Avg("rating") })).toEqual({ best: "4.50", avg: "3.88" });
  });

  it("aggregates over aggregate annotations, slices and distinct rows through a subquery", async () => {
    const perQuestion = Question.objects.annotate({ n: Count("choices") });
    const stats = await perQuestion.aggregate({ avg: Avg("n"), most: Max("n"), total: Sum("n"), questions: Count("*") });
    expect(stats.avg).toBeCloseTo(5 / 3);
    expect([stats.most, stats.total, stats.questions]).toEqual([3, 5, 3]);
    expect(await perQuestion.filter({ n__gt: 1 }).aggregate({ rows: Count("*") })).toEqual({ rows: 1 });
    expect(await Choice.objects.orderBy("-votes").slice(0, 2).aggregate({ top2: Sum("votes") })).toEqual({ top2: 8 });
    expect(await Choice.objects.values("question").distinct().aggregate({ n: Count("question") })).toEqual({ n: 3 });
    const { queries } = await captureQueries(() => perQuestion.aggregate({ avg: Avg("n") }));
    expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT AVG\("subquery"\."__col0"\) FROM \(SELECT .* GROUP BY .*\) "subquery"$/);
  });

  it("refuses non-aggregates with a clear error", async () => {
    await expect(Choice.objects.aggregate({ v: F("votes") })).rejects.toThrow(new FieldError("'v' is not an aggregate expression"));
  });
});

describe(dbName("annotate() with aggregates"), () => {
  it("counts reverse foreign keys per object, with zero for none (LEFT JOIN + GROUP BY)", async () => {
    const rows = await Question.objects.annotate({ n: Count("choices") }).orderBy("id");
    expect(rows.map((q) => [q.question_text, q.n])).toEqual([["Pizza?", 3], ["Pasta?", 1], ["Soup?", 1]]);
    const { queries } = await captureQueries(() => Author.objects.annotate({ n: Count("question") }).fetch());
    expect(portableSql(queries[0]!.sql)).toMatch(/LEFT OUTER JOIN "polls_question" ON .* GROUP BY "polls_author"."id", "polls_author"."name", "polls_author"."age"/);
    expect((await Author.objects.annotate({ n: Count("question") }).orderBy("name")).map((a) => [a.name, a.n])).toEqual([["Ann", 2], ["Bob", 1], ["Cy", 0]]);
  });

  it("counts many-to-many both ways, and distinct avoids join multiplication", async () => {
    expect((await Tag.objects.annotate({ n: Count("questions") }).orderBy("name")).map((t) => [t.name, t.n])).toEqual([["blue", 1], ["green", 0], ["red", 2]]);
    const both = await Question.objects.annotate({ tags_n: Count("tags", { distinct: true }), choices_n: Count("choices", { distinct: true }) }).orderBy("id");
    expect(both.map((q) => [q.tags_n, q.choices_n])).toEqual([[2, 3], [1, 1], [0, 1]]);
    const naive = await Question.objects.annotate({ tags_n: Count("tags"), choices_n: Count("choices") }).orderBy("id");
    expect(naive.map((q) => [q.tags_n, q.choices_n])).toEqual([[6, 6], [1, 1], [0, 1]]);
  });

  it("filters (HAVING) and orders on annotations", async () => {
    const qs = Question.objects.annotate({ n: Count("choices"), total: Sum("choices__votes") });
    expect((await qs.filter({ n__gte: 1, total__gt: 2 }).orderBy("-total")).map(String)).toEqual(["Pasta?", "Pizza?"]);
    expect((await qs.exclude({ n: 1 })).map(String)).toEqual(["Pizza?"]);
    expect(await qs.filter({ n__gt: 1 }).count()).toBe(1);
    expect(await qs.filter({ n__gt: 5 }).exists()).toBe(false);
    expect(await qs.filter(Q({ n: 3 }).or({ total: 2 })).orderBy("id").valuesList("question_text", { flat: true })).toEqual(["Pizza?", "Soup?"]);
  });

  it("filter() before annotate() restricts what is counted; after, it restricts the objects", async () => {
    const before = await Question.objects.filter({ choices__votes__gte: 2 }).annotate({ n: Count("choices") }).orderBy("id");
    expect(before.map((q) => [q.question_text, q.n])).toEqual([["Pizza?", 1], ["Pasta?", 1], ["Soup?", 1]]);
    const after = await Question.objects.annotate({ n: Count("choices") }).filter({ choices__votes__gte: 3 }).orderBy("id");
    expect(after.map((q) => [q.question_text, q.n])).toEqual([["Pizza?", 3], ["Pasta?", 1]]);
  });

  it("aggregate filter option counts a subset per object", async () => {
    const rows = await Question.objects.annotate({ good: Count("choices", { filter: { choices__votes__gte: 2 } }) }).orderBy("id");
    expect(rows.map((q) => q.good)).toEqual([1, 1, 1]);
  });

  it("values() before annotate() groups by those values", async () => {
    const perAuthor = await Choice.objects.values("question__author__name").annotate({ total: Sum("votes"), n: Count("id") }).orderBy("question__author__name");
    expect(perAuthor).toEqual([
      { question__author__name: "Ann", total: 9, n: 4 },
      { question__author__name: "Bob", total: 2, n: 1 },
    ]);
    // Meta.ordering (id) is not added to the GROUP BY: it would split the groups.
    expect(await Choice.objects.values("question").annotate({ total: Sum("votes") }).count()).toBe(3);
  });

  it("annotations combine with F arithmetic and are reachable from values()", async () => {
    const rows = await Question.objects.annotate({ n: Count("choices"), twice: F("n").mul(2) }).orderBy("id").valuesList("n", "twice");
    expect(rows).toEqual([[3, 6], [1, 2], [1, 2]]);
  });

  it("update() and delete() act on the rows passing HAVING only", async () => {
    const busy = Question.objects.annotate({ n: Count("choices") }).filter({ n__gte: 3 });
    expect(await busy.update({ min_votes: 7 })).toBe(1);
    expect(await Question.objects.filter({ min_votes: 7 }).valuesList("question_text", { flat: true })).toEqual(["Pizza?"]);
    const selfCount = Question.objects.annotate({ n: Count("id") }).filter({ n__gt: 1 });
    expect(await selfCount.update({ min_votes: 9 })).toBe(0);
    await Question.objects.update({ min_votes: 0 });
  });

  it("orderBy() an aggregate without annotating groups by the object", async () => {
    expect((await Question.objects.orderBy(Count("choices").desc(), "id")).map(String)).toEqual(["Pizza?", "Pasta?", "Soup?"]);
    expect((await Tag.objects.orderBy(Count("questions"), "name")).map(String)).toEqual(["green", "blue", "red"]);
  });

  it("groups by date parts (ExtractDay, ExtractYear) and dates (TruncDate)", async () => {
    const perDay = await Question.objects.values({ day: ExtractDay("pub_date") }).annotate({ n: Count("id") }).orderBy("day");
    expect(perDay).toEqual([{ day: 1, n: 1 }, { day: 2, n: 1 }, { day: 3, n: 1 }]);
    expect(await Question.objects.values({ year: ExtractYear("pub_date") }).annotate({ n: Count("id") })).toEqual([{ year: 2024, n: 3 }]);
    expect(await Question.objects.annotate({ d: TruncDate("pub_date") }).orderBy("d").valuesList("d", { flat: true })).toEqual(["2024-01-01", "2024-01-02", "2024-01-03"]);
    expect(await Question.objects.filter({ pub_date__day: ExtractMonth("pub_date") }).count()).toBe(1);
    expect(() => Question.objects.annotate({ y: ExtractYear("question_text") })).toThrow("Extract input expression must be DateField or DateTimeField, got CharField.");
  });

  it("ExpressionWrapper sets the output field of arithmetic", async () => {
    const [row] = await Question.objects.filter({ question_text: "Pizza?" })
      .annotate({ double: new ExpressionWrapper(F("rating").mul(2), DecimalField({ maxDigits: 6, decimalPlaces: 2 })) }).valuesList("double", { flat: true });
    expect(row).toBe("9.00");
  });

  it("first() of a grouped queryset orders by primary key (Meta.ordering does not apply)", async () => {
    const { result, queries } = await captureQueries(() => Author.objects.annotate({ n: Count("question") }).first());
    expect(result!.name).toBe("Ann");
    expect(portableSql(queries[0]!.sql)).toMatch(/ORDER BY "polls_author"\."id" ASC LIMIT 1$/);
  });

  it("window functions rank, number and sum within partitions without grouping", async () => {
    const rows = await Choice.objects.annotate({
      rank: Window(Rank(), { partitionBy: "question", orderBy: "-votes" }),
      row: Window(RowNumber(), { orderBy: ["votes", "id"] }),
      total: Window(Sum("votes"), { partitionBy: "question" }),
      prev: Window(Lag("votes"), { partitionBy: "question", orderBy: F("votes").asc() }),
    }).orderBy("id").valuesList("choice_text", "rank", "row", "total", "prev");
    expect(rows).toEqual([
      ["yes", 1, 4, 4, 1], ["no", 2, 2, 4, 0], ["meh", 3, 1, 4, null], ["al dente", 1, 5, 5, null], ["hot", 1, 3, 2, null],
    ]);
    const ranked = await Question.objects.annotate({ n: Count("choices"), place: Window(DenseRank(), { orderBy: Count("choices").desc() }) }).orderBy("id");
    expect(ranked.map((q) => [q.n, q.place])).toEqual([[3, 1], [1, 2], [1, 2]]);
  });

  it("refuses a name clashing with a field", () => {
    expect(() => Question.objects.annotate({ min_votes: Count("choices") })).toThrow(new InvalidOperation("The annotation 'min_votes' conflicts with a field on the model."));
  });
});
