import { beforeEach, describe, expect, it } from "vitest";
import {
  Abs, Case, Cast, ExtractHour, Greatest, Lag, Sum, TruncDate, Least, CharField, FloatField, captureQueries, Coalesce, Concat, Count, Exists, F, FieldError, Length, Lower, LTrim, Now, OuterRef, Q, Replace, RTrim, Subquery, Substr, Trim, Upper, Value, When,
} from "torest";
import { Author, Choice, day, models, Question } from "./fixtures/polls.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

const texts = (objects: object[]) => objects.map(String);

beforeEach(async () => {
  await Choice.objects.all().delete();
  await Question.objects.all().delete();
  await Author.objects.all().delete();
  const ann = await Author.objects.create({ name: "Ann", age: 30 });
  const bob = await Author.objects.create({ name: "Bob", age: null });
  const q1 = await Question.objects.create({ question_text: "Pizza?", pub_date: day(1), author: ann, min_votes: 2 });
  const q2 = await Question.objects.create({ question_text: "Pasta?", pub_date: day(2), author: bob, min_votes: 5 });
  await Question.objects.create({ question_text: "Soup?", pub_date: day(3), author: null, min_votes: 0 });
  await Choice.objects.create({ question: q1, choice_text: "yes", votes: 3 });
  await Choice.objects.create({ question: q1, choice_text: "no", votes: 1 });
  await Choice.objects.create({ question: q2, choice_text: "maybe", votes: 5 });
});

describe(dbName("F expressions"), () => {
  it("compare two columns of the same row, and across a relation", async () => {
    expect(texts(await Choice.objects.filter({ votes__gte: F("question__min_votes") }).orderBy("id"))).toEqual(["yes", "maybe"]);
    expect(texts(await Choice.objects.filter({ votes__lt: F("question__min_votes") }))).toEqual(["no"]);
    expect(texts(await Question.objects.filter({ min_votes__gt: F("choices__votes") }).distinct())).toEqual(["Pizza?"]);
  });

  it("exclude() across a multi-valued relation with an F on the right moves both into the subquery", async () => {
    // Questions with no choice reaching their own min_votes.
    const { result, queries } = await captureQueries(() => Question.objects.exclude({ choices__votes__gte: F("min_votes") }).orderBy("id").fetch());
    expect(texts(result)).toEqual(["Soup?"]);
    expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT .* FROM "polls_question" WHERE NOT \("polls_question"\."id" IN \(SELECT/);
  });

  it("do arithmetic in filters: votes > min_votes - 1", async () => {
    expect(texts(await Choice.objects.filter({ votes__gt: F("question__min_votes").sub(1) }).orderBy("id"))).toEqual(["yes", "maybe"]);
    expect(texts(await Choice.objects.filter({ votes: F("question__min_votes").mul(1) }))).toEqual(["maybe"]);
  });

  it("update a column from its own value in one statement, without reading it", async () => {
    const { result, queries } = await captureQueries(() => Choice.objects.filter({ choice_text__in: ["yes", "no"] }).update({ votes: F("votes").add(10) }));
    expect(result).toBe(2);
    expect(queries).toHaveLength(1);
    expect(portableSql(queries[0]!.sql)).toMatch(/^UPDATE "polls_choice" SET "votes" = \("polls_choice"\."votes" \+ 10\) WHERE/);
    expect(await Choice.objects.orderBy("id").valuesList("votes", { flat: true })).toEqual([13, 11, 5]);
  });

  it("save() an F expression: the database adds to the stored value, so no increment is lost", async () => {
    const mine = await Choice.objects.get({ choice_text: "yes" });
    const theirs = await Choice.objects.get({ choice_text: "yes" });
    Object.assign(mine, { votes: F("votes").add(1) });
    await mine.save();
    Object.assign(theirs, { votes: F("votes").add(1) });
    await theirs.save();
    await mine.refreshFromDb();
    expect(mine.votes).toBe(5);
    const fresh = new Choice({ question_id: mine.question_id, choice_text: "new" });
    Object.assign(fresh, { votes: F("votes").add(1) });
    await expect(fresh.save()).rejects.toThrow('Failed to insert expression "CombinedExpression" on polls.Choice. F() expressions can only be used to update, not to insert.');
  });

  it("refuse joined references in update(), as Django", async () => {
    await expect(Choice.objects.update({ votes: F("question__min_votes") })).rejects.toThrow(new FieldError("Joined field references are not permitted in this query"));
  });

  it("order by expressions, with NULLS FIRST/LAST spelled portably", async () => {
    const byAge = await Author.objects.orderBy(F("age").desc({ nullsLast: true }));
    expect(texts(byAge)).toEqual(["Ann", "Bob"]);
    const nullsFirst = await Author.objects.orderBy(F("age").asc({ nullsFirst: true }));
    expect(texts(nullsFirst)).toEqual(["Bob", "Ann"]);
    expect(texts(await Question.objects.orderBy(F("min_votes").mul(-1)))).toEqual(["Pasta?", "Pizza?", "Soup?"]);
    expect(texts(await Question.objects.orderBy(F("author__name").desc({ nullsLast: true })))).toEqual(["Pasta?", "Pizza?", "Soup?"]);
  });

  it("unknown names give Django's message", () => {
    expect(() => Question.objects.filter({ min_votes: F("nope") })).toThrow(/Cannot resolve keyword 'nope' into field. Choices are: .*author.*choices/);
  });
});

describe(dbName("database functions and conditional expressions"), () => {
  it("Lower, Upper, Concat, Coalesce, Value", async () => {
    const rows = await Author.objects.annotate({
      lower: Lower("name"),
      upper: Upper("name"),
      label: Concat("name", Value(" ("), Coalesce(F("age"), Value(0)), Value(")")),
      age_or_zero: Coalesce("age", Value(0)),
    }).orderBy("name").values("lower", "upper", "label", "age_or_zero");
    expect(rows).toEqual([
      { lower: "ann", upper: "ANN", label: "Ann (30)", age_or_zero: 30 },
      { lower: "bob", upper: "BOB", label: "Bob (0)", age_or_zero: 0 },
    ]);
  });

  it("Abs, Trim, LTrim, RTrim, Replace, Substr", async () => {
    await Author.objects.filter({ name: "Bob" }).update({ name: "  Bob  " });
    const row = await Author.objects.annotate({
      trim: Trim("name"), ltrim: LTrim("name"), rtrim: RTrim("name"), swap: Replace(Trim("name"), Value("o"), Value("0")),
      part: Substr(Trim("name"), 2), one: Substr(Trim("name"), 1, 1), neg: Abs(F("id").mul(-1)),
    }).filter({ trim: "Bob" }).values("trim", "ltrim", "rtrim", "swap", "part", "one", "neg", "id").get();
    expect(row).toEqual({ trim: "Bob", ltrim: "Bob  ", rtrim: "  Bob", swap: "B0b", part: "ob", one: "B", neg: row.id, id: row.id });
    expect(() => Substr("name", 0)).toThrow("'pos' must be greater than 0");
    await Author.objects.filter({ name__contains: "Bob" }).update({ name: "Zoë" });
    expect(await Author.objects.annotate({ n: Length("name") }).orderBy("n").valuesList("name", "n")).toEqual([["Ann", 3], ["Zoë", 3]]);
    expect(await Question.objects.annotate({ n: Length("author__name") }).orderBy("id").valuesList("n", { flat: true })).toEqual([3, 3, null]);
  });

  it("Cast changes the SQL type: a ratio without integer division, numbers as text", async () => {
    const rows = await Choice.objects.annotate({
      ratio: Cast("votes", FloatField()).div(F("question__min_votes")),
      text: Cast("votes", CharField({ maxLength: 10 })),
    }).filter({ question__min_votes__gt: 0 }).orderBy("id").valuesList("ratio", "text");
    expect(rows).toEqual([[1.5, "3"], [0.5, "1"], [1, "5"]]);
  });

  it("Greatest and Least across columns", async () => {
    const rows = await Choice.objects.annotate({ hi: Greatest("votes", "question__min_votes"), lo: Least("votes", "question__min_votes", Value(4)) })
      .orderBy("id").valuesList("hi", "lo");
    expect(rows).toEqual([[3, 2], [2, 1], [5, 4]]);
    expect(() => Greatest("votes")).toThrow("Greatest must take at least two expressions");
  });

  it("Concat treats NULL as empty, and annotations can be filtered and ordered", async () => {
    const qs = Question.objects.annotate({ shout: Upper("question_text"), who: Concat(Value("by "), "author__name") });
    expect(await qs.filter({ shout__startswith: "P" }).orderBy("-shout").valuesList("shout", { flat: true })).toEqual(["PIZZA?", "PASTA?"]);
    expect(await qs.orderBy("id").valuesList("who", { flat: true })).toEqual(["by Ann", "by Bob", "by "]);
  });

  it("Case/When computes per row; the default applies otherwise", async () => {
    const rows = await Choice.objects.annotate({
      level: Case([When({ votes__gte: 5 }, "high"), When(Q({ votes__gte: 2 }).or({ choice_text: "no" }), "mid")], { default: "low" }),
    }).orderBy("id").valuesList("choice_text", "level");
    expect(rows).toEqual([["yes", "mid"], ["no", "mid"], ["maybe", "high"]]);
    const counted = await Question.objects.aggregate({
      popular: Count(Case([When({ min_votes__gte: 2 }, 1)])),
    });
    expect(counted).toEqual({ popular: 2 });
  });

  it("conditional update: Case/When in update() sets each row by its own values", async () => {
    const changed = await Choice.objects.update({
      votes: Case([When({ votes__gte: 5 }, F("votes").mul(10)), When({ choice_text: "no" }, 0)], { default: F("votes") }),
    });
    expect(changed).toBe(3);
    expect(await Choice.objects.orderBy("id").valuesList("choice_text", "votes")).toEqual([["yes", 3], ["no", 0], ["maybe", 50]]);
  });

  it("Now() is the database's current time", async () => {
    const [row] = await Author.objects.annotate({ now: Now() }).values("now").slice(0, 1);
    const now = row!.now as Date;
    expect(now).toBeInstanceOf(Date);
    expect(Math.abs(now.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await Question.objects.filter({ pub_date__lt: Now() }).count()).toBe(3);
  });

  it("a boolean annotation from Case can be filtered", async () => {
    const qs = Author.objects.annotate({ adult: Case([When({ age__gte: 18 }, true)], { default: false }) });
    expect(texts(await qs.filter({ adult: true }))).toEqual(["Ann"]);
  });
});

describe(dbName("subqueries"), () => {
  it("a queryset as an __in value, selecting the values() column", async () => {
    const authorsOfPopular = Question.objects.filter({ min_votes__gte: 2 }).values("author");
    expect(texts(await Author.objects.filter({ pk__in: authorsOfPopular }))).toEqual(["Ann", "Bob"]);
    const names = Author.objects.filter({ age__isnull: false }).values("name");
    expect(texts(await Question.objects.filter({ author__name__in: names }))).toEqual(["Pizza?"]);
  });

  it("Exists with OuterRef, in filter() and annotate()", async () => {
    const hasBigChoice = Exists(Choice.objects.filter({ question: OuterRef("pk"), votes__gte: 3 }));
    expect(texts(await Question.objects.filter(hasBigChoice).orderBy("id"))).toEqual(["Pizza?", "Pasta?"]);
    expect(texts(await Question.objects.exclude(hasBigChoice))).toEqual(["Soup?"]);
    const flagged = await Question.objects.annotate({ big: hasBigChoice }).orderBy("id").valuesList("question_text", "big");
    expect(flagged).toEqual([["Pizza?", true], ["Pasta?", true], ["Soup?", false]]);
  });

  it("Subquery picks one value per row (the newest choice's text)", async () => {
    const top = Choice.objects.filter({ question: OuterRef("pk") }).orderBy("-votes").values("choice_text").slice(0, 1);
    const rows = await Question.objects.annotate({ top: Subquery(top) }).orderBy("id").valuesList("question_text", "top");
    expect(rows).toEqual([["Pizza?", "yes"], ["Pasta?", "maybe"], ["Soup?", null]]);
  });

  it("OuterRef across a relation of the outer query, on the same table as the inner one", async () => {
    // Other questions by the same author: the inner and outer queries both read polls_question.
    const sibling = Question.objects.filter({ author: OuterRef("author"), min_votes__gt: OuterRef("min_votes") });
    expect(await Question.objects.filter(Exists(sibling)).count()).toBe(0);
    await Question.objects.create({ question_text: "Pie?", pub_date: day(4), author: await Author.objects.get({ name: "Ann" }), min_votes: 9 });
    expect(texts(await Question.objects.filter(Exists(sibling)))).toEqual(["Pizza?"]);
    const sameAuthor = Author.objects.filter({ pk: OuterRef("author_id"), name__startswith: "A" });
    expect(texts(await Question.objects.filter(Exists(sameAuthor)).orderBy("id"))).toEqual(["Pizza?", "Pie?"]);
  });

  it("a correlated Subquery as an __in value", async () => {
    // Authors having a question with a choice of at least 5 votes.
    const busy = Subquery(Question.objects.filter({ choices__votes__gte: 5 }).values("author"));
    expect(texts(await Author.objects.filter({ pk__in: busy }))).toEqual(["Bob"]);
    const own = Subquery(Choice.objects.filter({ question__author: OuterRef("author"), votes__gte: 3 }).values("question"));
    expect(texts(await Question.objects.filter({ pk__in: own }).orderBy("id"))).toEqual(["Pizza?", "Pasta?"]);
    expect(() => Question.objects.filter({ question_text__contains: F("author__name") })).toThrow(/does not accept an expression/);
  });

  it("boolean expressions combine with lookups in Q", async () => {
    const hasBig = Exists(Choice.objects.filter({ question: OuterRef("pk"), votes__gte: 5 }));
    expect(texts(await Question.objects.filter(Q(hasBig).or({ question_text: "Soup?" })).orderBy("id"))).toEqual(["Pasta?", "Soup?"]);
    expect(texts(await Question.objects.filter(Q({ min_votes__gte: 2 }).and(Q(hasBig).not())))).toEqual(["Pizza?"]);
  });

  it("Exists as a When condition", async () => {
    const voted = Exists(Choice.objects.filter({ question: OuterRef("pk"), votes__gt: 0 }));
    const rows = await Question.objects.annotate({ state: Case([When(voted, "voted")], { default: "quiet" }) }).orderBy("id").valuesList("state", { flat: true });
    expect(rows).toEqual(["voted", "voted", "quiet"]);
  });

  it("an OuterRef outside a subquery is an error", async () => {
    await expect(Choice.objects.filter({ question: OuterRef("pk") }).fetch()).rejects.toThrow(/outer query/);
  });
});

describe("expressions refuse what cannot be computed", () => {
  it("too few arguments, a negative window offset", () => {
    expect(() => Concat("name")).toThrow(new TypeError("Concat must take at least two expressions"));
    expect(() => Coalesce("name")).toThrow(new TypeError("Coalesce must take at least two expressions"));
    expect(() => Least("votes")).toThrow("Least must take at least two expressions");
    expect(() => Lag("votes", -1)).toThrow(new TypeError("The offset must be a non-negative integer."));
  });

  it("date functions on the wrong kind of field, an aggregate of an aggregate, a subquery of two columns", () => {
    expect(() => Question.objects.annotate({ d: TruncDate("question_text") })).toThrow(new FieldError("TruncDate input expression must be a DateTimeField."));
    expect(() => Question.objects.annotate({ h: ExtractHour(TruncDate("pub_date")) }))
      .toThrow(new FieldError("Cannot extract time component 'hour' from DateField."));
    expect(() => Question.objects.annotate({ s: Sum(Count("choices")) })).toThrow(new FieldError("Cannot compute SUM('expression'): it is an aggregate"));
    expect(() => Question.objects.annotate({ s: Subquery(Choice.objects.values("id", "votes")) }))
      .toThrow(new FieldError("Subquery returns more than 1 column; use values() with one field."));
  });
});
