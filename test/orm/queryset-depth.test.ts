import { beforeAll, describe, expect, it } from "vitest";
import { atomic, captureQueries, Count, InvalidOperation, loaded } from "torest";
import { Author, Choice, day, models, Profile, Question, Tag } from "./fixtures/polls.js";
import { dbName, features, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

const texts = (objects: object[]) => objects.map(String);

let annId: number;

beforeAll(async () => {
  const ann = await Author.objects.create({ name: "Ann", age: 30 });
  annId = ann.id;
  await Profile.objects.create({ author: ann, bio: "writes" });
  for (let i = 1; i <= 5; i++) {
    const q = await Question.objects.create({ question_text: `Q${i}`, pub_date: day(10 - i), author: i % 2 ? ann : null, min_votes: i % 3 });
    await Choice.objects.create({ question: q, choice_text: `C${i}`, votes: i });
  }
});

describe(dbName("iterator()"), () => {
  it("streams in chunks of chunkSize, one query each, in a stable order", async () => {
    const { result, queries } = await captureQueries(async () => {
      const seen: string[] = [];
      for await (const q of Question.objects.orderBy("min_votes").iterator({ chunkSize: 2 })) seen.push(q.question_text);
      return seen;
    });
    expect(result).toEqual(["Q3", "Q1", "Q4", "Q2", "Q5"]);
    expect(queries).toHaveLength(3);
    expect(portableSql(queries[0]!.sql)).toMatch(/ORDER BY "polls_question"\."min_votes" ASC, "polls_question"\."id" ASC LIMIT 2$/);
  });

  it("pages an unordered queryset by primary key (keyset), not by OFFSET", async () => {
    const { result, queries } = await captureQueries(async () => {
      const seen: string[] = [];
      for await (const q of Question.objects.filter({ min_votes__lt: 3 }).iterator({ chunkSize: 2 })) seen.push(q.question_text);
      return seen;
    });
    expect(result).toEqual(["Q1", "Q2", "Q3", "Q4", "Q5"]);
    expect(queries).toHaveLength(3);
    expect(queries.every((q) => !/OFFSET/.test(q.sql))).toBe(true);
    expect(portableSql(queries[1]!.sql)).toMatch(/"polls_question"\."id" > \?\)? ORDER BY "polls_question"\."id" ASC LIMIT 2$/);
  });

  it("can stop early without reading the rest, and runs prefetches per chunk", async () => {
    const { result, queries } = await captureQueries(async () => {
      for await (const q of Question.objects.prefetchRelated("choices").iterator({ chunkSize: 2 })) return (await q.choices.all()).map(String);
      return [];
    });
    expect(result).toEqual(["C1"]);
    expect(queries).toHaveLength(2);
    await expect(Question.objects.iterator({ chunkSize: 0 }).next()).rejects.toThrow("Chunk size must be strictly positive.");
  });
});

describe(dbName("latest(), earliest(), none()"), () => {
  it("pick by a field; DoesNotExist when empty", async () => {
    expect(String(await Question.objects.latest("pub_date"))).toBe("Q1");
    expect(String(await Question.objects.earliest("pub_date"))).toBe("Q5");
    expect(String(await Question.objects.filter({ author__isnull: true }).latest("pub_date"))).toBe("Q2");
    expect(String(await Question.objects.earliest("-min_votes", "pub_date"))).toBe("Q5");
    await expect(Question.objects.filter({ min_votes: 99 }).latest("pub_date")).rejects.toBeInstanceOf(Question.DoesNotExist);
    await expect(Question.objects.latest()).rejects.toThrow(InvalidOperation);
  });

  it("none() runs no query", async () => {
    const { result, queries } = await captureQueries(async () => [await Question.objects.none(), await Question.objects.none().count()]);
    expect(result).toEqual([[], 0]);
    expect(queries).toHaveLength(0);
  });
});

describe(dbName("set operations"), () => {
  it("union, intersection and difference, ordered and sliced as a whole", async () => {
    if (!features().supportsSetOperations) return;
    const low = Question.objects.filter({ min_votes: 0 });
    const ann = Question.objects.filter({ author__name: "Ann" });
    expect(texts(await low.union(ann).orderBy("question_text"))).toEqual(["Q1", "Q3", "Q5"]);
    expect(texts(await low.intersection(ann))).toEqual(["Q3"]);
    expect(texts(await ann.difference(low).orderBy("-question_text"))).toEqual(["Q5", "Q1"]);
    expect(await low.union(ann, { all: true }).count()).toBe(4);
    expect(await Question.objects.union(low).count()).toBe(5);
    expect(texts(await low.union(ann).orderBy("question_text").slice(1, 2))).toEqual(["Q3"]);
    expect(await low.valuesList("question_text", { flat: true }).union(ann.valuesList("question_text", { flat: true })).orderBy("question_text"))
      .toEqual(["Q1", "Q3", "Q5"]);
    expect(() => low.union(ann).filter({ min_votes: 1 })).toThrow("Calling QuerySet.filter() after union() is not supported.");
  });
});

describe(dbName("only() and defer()"), () => {
  it("load only some columns; save() leaves the others alone", async () => {
    const { result, queries } = await captureQueries(() => Question.objects.only("question_text").get({ question_text: "Q1" }));
    expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT "polls_question"\."id", "polls_question"\."question_text" FROM/);
    expect(result.min_votes).toBeUndefined();
    result.question_text = "Q1!";
    await result.save();
    const fresh = await Question.objects.get({ pk: result.id });
    expect([fresh.question_text, fresh.min_votes, fresh.author_id]).toEqual(["Q1!", 1, annId]);
    fresh.question_text = "Q1";
    await fresh.save();
    await result.refreshFromDb({ fields: ["min_votes"] });
    expect(result.min_votes).toBe(1);
  });

  it("defer() skips fields; chained defers add up; defer() with no names clears", async () => {
    const q = await Question.objects.defer("pub_date").defer("rating").get({ question_text: "Q2" });
    expect(q.pub_date).toBeUndefined();
    expect(q.rating).toBeUndefined();
    expect(q.question_text).toBe("Q2");
    expect((await Question.objects.defer("pub_date").defer().get({ question_text: "Q2" })).pub_date).toEqual(day(8));
    expect(() => Question.objects.only("nope")).toThrow("Question has no field named 'nope'");
  });
});

describe(dbName("selectRelated, caching, getOrCreate, updateOrCreate, selectForUpdate"), () => {
  it("selectRelated follows nullable foreign keys with LEFT JOIN at any depth", async () => {
    const { result, queries } = await captureQueries(async () => {
      const choices = await Choice.objects.selectRelated("question__author__profile").orderBy("id");
      return choices.map((c) => {
        const q = loaded<Question>(c, "question")!;
        const author = loaded<Author | null>(q, "author");
        return [c.choice_text, q.question_text, author?.name ?? null, author ? loaded<Profile>(author, "profile")?.bio : null];
      });
    });
    expect(queries).toHaveLength(1);
    expect(portableSql(queries[0]!.sql)).toMatch(/INNER JOIN "polls_question" .* LEFT OUTER JOIN "polls_author" .* LEFT OUTER JOIN "polls_profile"/);
    expect(result).toEqual([["C1", "Q1", "Ann", "writes"], ["C2", "Q2", null, null], ["C3", "Q3", "Ann", "writes"], ["C4", "Q4", null, null], ["C5", "Q5", "Ann", "writes"]]);
  });

  it("an evaluated queryset does not query again (iteration, count, exists)", async () => {
    const qs = Question.objects.all();
    const { queries } = await captureQueries(async () => {
      await qs;
      await qs;
      for await (const q of qs) void q;
      return [await qs.count(), await qs.exists()];
    });
    expect(queries).toHaveLength(1);
    // A chained copy is a new query.
    expect((await captureQueries(() => qs.filter({ min_votes: 0 }).fetch())).queries).toHaveLength(1);
  });

  it("getOrCreate gets or creates, once", async () => {
    const [tag, created] = await Tag.objects.getOrCreate({ name: "new" });
    expect(created).toBe(true);
    const [again, createdAgain] = await Tag.objects.getOrCreate({ name: "new" });
    expect([again.id, createdAgain]).toEqual([tag.id, false]);
    const [author, made] = await Author.objects.getOrCreate({ name__iexact: "zed", name: "Zed" }, { age: 9 });
    expect([author.name, author.age, made]).toEqual(["Zed", 9, true]);
  });

  it("updateOrCreate updates the match with defaults, or creates it", async () => {
    const [a, created] = await Author.objects.updateOrCreate({ name: "Yan" }, { age: 1 });
    expect(created).toBe(true);
    const [b, createdAgain] = await Author.objects.updateOrCreate({ name: "Yan" }, { age: 2 });
    expect([b.id, createdAgain, (await Author.objects.get({ name: "Yan" })).age]).toEqual([a.id, false, 2]);
  });

  it("selectForUpdate reads the rows inside a transaction on every backend", async () => {
    const { result, queries } = await captureQueries(() => atomic(() => Question.objects.selectForUpdate().filter({ question_text: "Q1" }).fetch()));
    expect(texts(result)).toEqual(["Q1"]);
    if (!features().supportsSelectForUpdate) expect(portableSql(queries[0]!.sql)).not.toMatch(/FOR UPDATE/);
  });

  it("selectForUpdate locks with FOR UPDATE (NOWAIT, SKIP LOCKED)", async (ctx) => {
    ctx.skip(!features().supportsSelectForUpdate, "the backend has no SELECT ... FOR UPDATE (features.supportsSelectForUpdate)");
    const { queries } = await captureQueries(() => atomic(async () => {
      await Question.objects.selectForUpdate().filter({ question_text: "Q1" }).fetch();
      await Question.objects.selectForUpdate({ nowait: true }).filter({ question_text: "Q1" }).fetch();
      await Question.objects.selectForUpdate({ skipLocked: true }).filter({ question_text: "Q1" }).fetch();
    }));
    expect(queries.map((q) => q.sql.replace(/^.* FOR UPDATE/, "FOR UPDATE"))).toEqual(["FOR UPDATE", "FOR UPDATE NOWAIT", "FOR UPDATE SKIP LOCKED"]);
  });

  it("annotate works with selectRelated and prefetchRelated", async () => {
    const rows = await Question.objects.selectRelated("author").prefetchRelated("choices").annotate({ n: Count("choices") }).orderBy("id");
    expect(rows.map((q) => [q.question_text, q.n, loaded<Author | null>(q, "author")?.name ?? null, (loaded(q, "choices") as Choice[]).length]))
      .toEqual([["Q1", 1, "Ann", 1], ["Q2", 1, null, 1], ["Q3", 1, "Ann", 1], ["Q4", 1, null, 1], ["Q5", 1, "Ann", 1]]);
  });
});
