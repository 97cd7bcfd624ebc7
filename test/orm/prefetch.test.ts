import { beforeAll, describe, expect, it } from "vitest";
import { assertNumQueries, captureQueries, FieldError, loaded, Prefetch } from "torest";
import { Author, Choice, day, models, Profile, Question, Tag } from "./fixtures/polls.js";
import { dbName, useTestDatabase } from "../support/db.js";
import { portableSql } from "../support/sql.js";

useTestDatabase(models);

/** N questions, each with 3 choices, 2 tags and an author (every other one has a profile). */
async function seed(n: number, prefix: string): Promise<void> {
  const tags = [await Tag.objects.create({ name: `${prefix}-red` }), await Tag.objects.create({ name: `${prefix}-blue` })];
  for (let i = 0; i < n; i++) {
    const author = await Author.objects.create({ name: `${prefix}-author-${i}`, age: 20 + i });
    if (i % 2 === 0) await Profile.objects.create({ author, bio: `bio ${i}` });
    const q = await Question.objects.create({ question_text: `${prefix}-q${i}`, pub_date: day(i + 1), author });
    for (let c = 0; c < 3; c++) await q.choices.create({ choice_text: `${prefix}-q${i}-c${c}`, votes: c });
    await q.tags.add(...tags);
  }
}

/** Every question's choices, tags and author (awaited), as a page listing them would. */
async function listPage(prefix: string) {
  const questions = await Question.objects.filter({ question_text__startswith: `${prefix}-` })
    .selectRelated("author").prefetchRelated("choices", "tags").orderBy("id");
  const page = [];
  for (const q of questions) {
    const author = (await q.author) as Author;
    page.push({ q: q.question_text, author: author.name, choices: (await q.choices.all()).map(String), tags: (await q.tags.all()).map(String) });
  }
  return page;
}

describe(dbName("prefetchRelated and the query counter"), () => {
  beforeAll(async () => {
    await seed(3, "small");
    await seed(12, "large");
  });

  it("captureQueries lists the statements a block runs, with parameters", async () => {
    const { result, queries } = await captureQueries(() => Tag.objects.filter({ name: "small-red" }).count());
    expect(result).toBe(1);
    expect(queries).toHaveLength(1);
    expect(portableSql(queries[0]!.sql)).toMatch(/^SELECT COUNT\(\*\) FROM/);
    expect(queries[0]!.params).toEqual(["small-red"]);
    expect(queries[0]!.alias).toBe("default");
    // Outside a capture nothing is recorded.
    const again = await captureQueries(() => undefined);
    expect(again.queries).toEqual([]);
  });

  it("assertNumQueries fails with the list of statements", async () => {
    await expect(assertNumQueries(0, () => Tag.objects.count())).rejects.toThrow(/1 queries executed, 0 expected\nCaptured queries were:\n1\. SELECT COUNT/);
    expect(await assertNumQueries(1, () => Tag.objects.count())).toBeGreaterThan(0);
  });

  it("lists N questions with choices, tags and author in 3 queries, whatever N", async () => {
    const small = await captureQueries(() => listPage("small"));
    const large = await captureQueries(() => listPage("large"));
    expect(small.queries).toHaveLength(3);
    expect(large.queries).toHaveLength(3);
    expect(small.result[1]).toEqual({ q: "small-q1", author: "small-author-1", choices: ["small-q1-c0", "small-q1-c1", "small-q1-c2"], tags: ["small-blue", "small-red"] });
    expect(large.result).toHaveLength(12);
    expect(portableSql(large.queries[1]!.sql)).toMatch(/"question_id" IN \(/);
  });

  it("without eager loading the same page costs queries per row (the N+1 it avoids)", async () => {
    const { queries } = await captureQueries(async () => {
      for (const q of await Question.objects.filter({ question_text__startswith: "small-" })) {
        await q.author;
        await q.choices.all();
      }
    });
    expect(queries).toHaveLength(1 + 3 * 2);
  });

  it("fills the reverse side's cache: choice.question needs no query", async () => {
    const [q] = await Question.objects.filter({ question_text: "small-q0" }).prefetchRelated("choices");
    const choices = await q!.choices.all();
    const { result, queries } = await captureQueries(async () => choices.map((c) => loaded(c, "question")));
    expect(queries).toHaveLength(0);
    expect(result.every((x) => x === q)).toBe(true);
    expect(await choices[0]!.question).toBe(q);
  });

  it("prefetches many-to-many from the other side and nested levels, one query per level", async () => {
    const { result, queries } = await captureQueries(async () => {
      const tags = await Tag.objects.filter({ name__startswith: "small-" }).prefetchRelated("questions__choices");
      const out: Record<string, string[]> = {};
      for (const tag of tags) {
        const questions = await tag.questions.all();
        out[tag.name] = [];
        for (const q of questions) out[tag.name]!.push(`${q.question_text}:${(await q.choices.all()).length}`);
      }
      return out;
    });
    expect(queries).toHaveLength(3);
    expect(result["small-red"]!.sort()).toEqual(["small-q0:3", "small-q1:3", "small-q2:3"]);
  });

  it("prefetches forward foreign keys and reverse one-to-ones (missing ones raise DoesNotExist)", async () => {
    const { result, queries } = await captureQueries(async () => {
      const questions = await Question.objects.filter({ question_text__startswith: "small-" }).orderBy("id").prefetchRelated("author__profile");
      const bios: (string | null)[] = [];
      for (const q of questions) {
        const author = (await q.author) as Author;
        bios.push(await Promise.resolve(author.profile).then((p) => p.bio, () => null));
      }
      return bios;
    });
    expect(result).toEqual(["bio 0", null, "bio 2"]);
    expect(queries).toHaveLength(3);
  });

  it("Prefetch with a custom queryset filters and orders the related objects; toAttr stores a list", async () => {
    const best = new Prefetch("choices", Choice.objects.filter({ votes__gte: 1 }).orderBy("-votes"));
    const [q] = await Question.objects.filter({ question_text: "small-q2" }).prefetchRelated(best);
    const { result, queries } = await captureQueries(async () => (await q!.choices.all()).map(String));
    expect(result).toEqual(["small-q2-c2", "small-q2-c1"]);
    expect(queries).toHaveLength(0);

    const [q2] = await Question.objects.filter({ question_text: "small-q2" })
      .prefetchRelated(new Prefetch("choices", Choice.objects.filter({ votes: 0 }), "zero_choices"));
    expect(((q2 as unknown as { zero_choices: Choice[] }).zero_choices).map(String)).toEqual(["small-q2-c0"]);
    // The manager itself was not prefetched: it queries.
    expect((await captureQueries(() => q2!.choices.all().fetch())).queries).toHaveLength(1);
  });

  it("filtering a prefetched manager queries the database; changes drop the prefetched list", async () => {
    const [q] = await Question.objects.filter({ question_text: "small-q0" }).prefetchRelated("choices", "tags");
    const filtered = await captureQueries(() => q!.choices.filter({ votes__gte: 1 }).fetch());
    expect(filtered.queries).toHaveLength(1);
    expect(filtered.result).toHaveLength(2);
    expect(await q!.choices.count()).toBe(3);
    await q!.choices.create({ choice_text: "small-q0-extra" });
    expect(await q!.choices.count()).toBe(4);
    const red = await Tag.objects.get({ name: "small-red" });
    await q!.tags.remove(red);
    expect((await q!.tags.all()).map(String)).toEqual(["small-blue"]);
    await q!.tags.add(red);
  });

  it("continues from objects selectRelated already loaded (no query for that level)", async () => {
    const { result, queries } = await captureQueries(async () => {
      const choices = await Choice.objects.filter({ choice_text__startswith: "small-q0" }).selectRelated("question").prefetchRelated("question__tags");
      return Promise.all(choices.map(async (c) => (await ((await c.question) as Question).tags.all()).map(String)));
    });
    expect(result.length).toBeGreaterThanOrEqual(3);
    expect(result.every((tags) => tags.join() === "small-blue,small-red")).toBe(true);
    expect(queries).toHaveLength(2);
  });

  it("first() and last() of a prefetched, ordered relation need no query", async () => {
    const [q] = await Question.objects.filter({ question_text: "small-q1" }).prefetchRelated("choices");
    const { result, queries } = await captureQueries(async () => [await q!.choices.first(), await q!.choices.last()].map(String));
    expect(result).toEqual(["small-q1-c0", "small-q1-c2"]);
    expect(queries).toHaveLength(0);
  });

  it("refuses a values() queryset in Prefetch", () => {
    expect(() => new Prefetch("choices", Choice.objects.values("id"))).toThrow("Prefetch querysets cannot use values() or valuesList().");
  });

  it("gives a clear error for an unknown lookup", async () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    await expect(Question.objects.prefetchRelated("nope").fetch()).rejects.toThrow(FieldError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    await expect(Question.objects.prefetchRelated("nope").fetch()).rejects.toThrow(
      "Cannot find 'nope' on Question object, 'nope' is an invalid parameter to prefetchRelated(). Choices are: author, choices, tags",
    );
  });

  it("prefetchRelated() with no lookups clears earlier ones", async () => {
    const qs = Question.objects.filter({ question_text: "small-q0" }).prefetchRelated("choices").prefetchRelated();
    expect((await captureQueries(() => qs.fetch())).queries).toHaveLength(1);
  });
});
