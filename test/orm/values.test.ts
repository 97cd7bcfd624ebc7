import { beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { captureQueries, Count, FieldError, InvalidOperation, Lower, Upper } from "torest";
import { Author, Choice, day, models, Question } from "./fixtures/polls.js";
import { dbName, features, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

let ann: Author;

beforeAll(async () => {
  ann = await Author.objects.create({ name: "Ann", age: 30 });
  const q1 = await Question.objects.create({ question_text: "Pizza?", pub_date: day(1), author: ann, rating: "4.50" });
  const q2 = await Question.objects.create({ question_text: "Pasta?", pub_date: day(2), author: null });
  await Choice.objects.create({ question: q1, choice_text: "yes", votes: 3 });
  await Choice.objects.create({ question: q1, choice_text: "no", votes: 1 });
  await Choice.objects.create({ question: q2, choice_text: "al dente", votes: 5 });
});

describe(dbName("values() and valuesList()"), () => {
  it("values() with no names gives every concrete field, keys by attname, converted", async () => {
    const [row] = await Question.objects.filter({ question_text: "Pizza?" }).values();
    expect(row).toEqual({ id: 1, question_text: "Pizza?", pub_date: day(1), author_id: ann.id, min_votes: 0, rating: "4.50" });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it("values(names) selects only those columns, across relations (nullable ones as LEFT JOIN)", async () => {
    const { result, queries } = await captureQueries(() => Choice.objects.orderBy("id").values("choice_text", "question__question_text", "question__author__name").fetch());
    expect(result).toEqual([
      { choice_text: "yes", question__question_text: "Pizza?", question__author__name: "Ann" },
      { choice_text: "no", question__question_text: "Pizza?", question__author__name: "Ann" },
      { choice_text: "al dente", question__question_text: "Pasta?", question__author__name: null },
    ]);
    expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT "polls_choice"\."choice_text", "polls_question"\."question_text", "polls_author"\."name" FROM/);
    expect(portableSql(queries[0]!.sql)).toMatch(/INNER JOIN "polls_question" .* LEFT OUTER JOIN "polls_author"/);
  });

  it("a relation name gives its key; reverse relations give one row per related object", async () => {
    expect(await Question.objects.orderBy("id").values("author")).toEqual([{ author: ann.id }, { author: null }]);
    expect(await Question.objects.orderBy("id", "choices__id").valuesList("question_text", "choices__choice_text"))
      .toEqual([["Pizza?", "yes"], ["Pizza?", "no"], ["Pasta?", "al dente"]]);
  });

  it("types values() rows from the model's fields", async () => {
    const rows = await Choice.objects.values("choice_text", "votes", "question__question_text");
    expectTypeOf(rows[0]!.choice_text).toEqualTypeOf<string>();
    expectTypeOf(rows[0]!.votes).toEqualTypeOf<number>();
    expectTypeOf(rows[0]!.question__question_text).toEqualTypeOf<unknown>();
    const counted = await Question.objects.annotate({ n: Count("choices"), shout: Upper("question_text") });
    expectTypeOf(counted[0]!.n).toEqualTypeOf<number>();
    expectTypeOf(counted[0]!.shout).toEqualTypeOf<string>();
    expectTypeOf(await Choice.objects.valuesList("votes", { flat: true })).toEqualTypeOf<number[]>();
    expect(typeof rows[0]!.votes).toBe("number");
  });

  it("takes expressions as a last argument: computed keys", async () => {
    const rows = await Choice.objects.orderBy("id").values("choice_text", { shout: Upper("choice_text"), n: Count("id") });
    expect(rows).toEqual([{ choice_text: "yes", shout: "YES", n: 1 }, { choice_text: "no", shout: "NO", n: 1 }, { choice_text: "al dente", shout: "AL DENTE", n: 1 }]);
    expectTypeOf(rows[0]!.shout).toEqualTypeOf<string>();
    expectTypeOf(rows[0]!.choice_text).toEqualTypeOf<string>();
    expect(await Question.objects.values({ lower: Lower("question_text") }).orderBy("lower")).toEqual([{ lower: "pasta?" }, { lower: "pizza?" }]);
  });

  it("valuesList gives arrays, and flat values for one field", async () => {
    expect(await Choice.objects.orderBy("-votes").valuesList("choice_text", "votes")).toEqual([["al dente", 5], ["yes", 3], ["no", 1]]);
    expect(await Choice.objects.orderBy("votes").valuesList("votes", { flat: true })).toEqual([1, 3, 5]);
    expect(() => Choice.objects.valuesList("votes", "choice_text", { flat: true } as never)).toThrow(InvalidOperation);
  });

  it("works with get(), first(), count(), slicing and filters", async () => {
    expect(await Choice.objects.values("choice_text").get({ votes: 5 })).toEqual({ choice_text: "al dente" });
    expect(await Choice.objects.orderBy("votes").valuesList("choice_text", { flat: true }).first()).toBe("no");
    expect(await Choice.objects.values("votes").filter({ votes__gt: 1 }).count()).toBe(2);
    expect(await Choice.objects.orderBy("id").valuesList("id", { flat: true }).slice(1, 2)).toEqual([2]);
  });

  it("unknown names fail with Django's message", () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Choice.objects.values("nope")).toThrow(new FieldError("Cannot resolve keyword 'nope' into field. Choices are: choice_text, id, question, question_id, votes"));
  });

  it("distinct() removes duplicate value rows", async () => {
    expect(await Choice.objects.valuesList("question", { flat: true }).distinct().orderBy("question")).toEqual([1, 2]);
  });

  it("distinct(fields) uses DISTINCT ON where supported, and says so where not", async () => {
    if (!features().supportsDistinctOn) {
      expect(() => Choice.objects.distinct("question")).toThrow("DISTINCT ON fields is not supported by this database backend");
      return;
    }
    const firsts = await Choice.objects.orderBy("question", "-votes").distinct("question").valuesList("choice_text", { flat: true });
    expect(firsts).toEqual(["yes", "al dente"]);
  });
});
