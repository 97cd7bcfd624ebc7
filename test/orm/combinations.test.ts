import { beforeAll, describe, expect, it } from "vitest";
import { Avg, Count, Exists, F, Max, OuterRef, Q, Subquery, Sum, Value, Case, When, captureQueries } from "torest";
import { Author, Choice, day, models, Question, Tag } from "./fixtures/polls.js";
import { dbName, useTestDatabase } from "../support/db.js";

useTestDatabase(models);

beforeAll(async () => {
  const ann = await Author.objects.create({ name: "Ann", age: 30 });
  const bob = await Author.objects.create({ name: "Bob", age: 40 });
  const red = await Tag.objects.create({ name: "red" });
  const q1 = await Question.objects.create({ question_text: "Pizza?", pub_date: day(1), author: ann });
  const q2 = await Question.objects.create({ question_text: "Pasta?", pub_date: day(2), author: bob });
  await q1.tags.add(red);
  await Choice.objects.create({ question: q1, choice_text: "a", votes: 3 });
  await Choice.objects.create({ question: q1, choice_text: "b", votes: 1 });
  await Choice.objects.create({ question: q2, choice_text: "c", votes: 5 });
});

/** Features of issue 5 used together, as real queries combine them. */
describe(dbName("expressions, aggregation and eager loading combined"), () => {
  it("annotations with slices, values, subqueries, distinct, aggregate, exists, delete", async () => {
    const qs = Question.objects.annotate({ n: Count("choices"), s: Sum("choices__votes") }).orderBy("-s");
    expect(await qs.slice(0, 1).valuesList("question_text", { flat: true })).toEqual(["Pasta?"]);
    expect(await qs.slice(0, 1).count()).toBe(1);
    expect(await qs.values("question_text", "n")).toEqual([{ question_text: "Pasta?", n: 1 }, { question_text: "Pizza?", n: 2 }]);
    const maxVotes = Subquery(Choice.objects.filter({ question: OuterRef("pk") }).orderBy("-votes").values("votes").slice(0, 1));
    expect(await Question.objects.filter({ min_votes__lt: maxVotes }).count()).toBe(2);
    expect(await Question.objects.annotate({ m: maxVotes }).filter({ m__gt: 4 }).valuesList("question_text", { flat: true })).toEqual(["Pasta?"]);
    expect(await Author.objects.annotate({ tagged: Count("question__tags", { distinct: true }) }).orderBy("name").valuesList("name", "tagged")).toEqual([["Ann", 1], ["Bob", 0]]);
    expect(await Author.objects.aggregate({ avg: Avg("question__choices__votes"), m: Max("age", { filter: Q({ name: "Ann" }).or({ name: "Zed" }) }) })).toEqual({ avg: 3, m: 30 });
    expect(await Choice.objects.annotate({ x: Case([When({ question__author__name: "Ann" }, F("votes"))], { default: Value(0) }) }).aggregate({ t: Sum("x") })).toEqual({ t: 4 });
    const e = Exists(Tag.objects.filter({ questions: OuterRef("pk") }));
    expect(await Question.objects.filter(e).valuesList("question_text", { flat: true })).toEqual(["Pizza?"]);
    const qs2 = await Question.objects.annotate({ n: Count("choices") }).prefetchRelated("choices").orderBy("id");
    const { queries } = await captureQueries(async () => { for (const q of qs2) await q.choices.all(); });
    expect(queries).toHaveLength(0);
    expect(await Question.objects.values("author__name").annotate({ n: Count("id") }).filter({ n__gte: 1 }).orderBy("author__name")).toEqual([{ author__name: "Ann", n: 1 }, { author__name: "Bob", n: 1 }]);
    expect(await Question.objects.annotate({ n: Count("choices") }).values("n").distinct().orderBy("n")).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await Question.objects.annotate({ n: Count("choices") }).aggregate({ c: Count("id") })).toEqual({ c: 2 });
    expect(await Question.objects.annotate({ n: Count("choices") }).filter({ n: 2 }).exists()).toBe(true);
    expect(await Question.objects.annotate({ n: Count("choices") }).filter({ n: 2 }).delete()).toEqual([4, { "polls.Choice": 2, "polls.Question": 1, "polls.Question_tags": 1 }]);
  });
});
