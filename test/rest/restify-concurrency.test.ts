import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Question, models } from "./fixtures/quickstart-models.js";
import { listen } from "./fixtures/server.js";

useTestDatabase(models);

describe(dbName("concurrent writes"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(restifyApp("rest/v1", { only: true, models }));
    await Question.objects.create({ question_text: "Q", pub_date: new Date() });
  });
  afterAll(() => server.close());

  const post = (body: unknown) =>
    fetch(`${server.url}/rest/v1/polls/choice/`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("serves 40 simultaneous creates, valid and invalid, each in its own transaction", async () => {
    const requests = Array.from({ length: 40 }, (_, i) => post(i % 4 === 3 ? { question: 99, choice_text: `bad ${i}` } : { question: 1, choice_text: `c${i}` }));
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(30);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    const ids = await Promise.all(responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: number }).id));
    expect(new Set(ids).size).toBe(30);
    expect(await Choice.objects.count()).toBe(30);
    expect(await Choice.objects.filter({ choice_text__startswith: "bad" }).count()).toBe(0);
  });

  it("keeps every concurrent PATCH of one row (last write wins, no error)", async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      fetch(`${server.url}/rest/v1/polls/choice/1/`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ votes: i }) })));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    const votes = ((await Choice.objects.get({ pk: 1 })) as unknown as { votes: number }).votes;
    expect(votes).toBeGreaterThanOrEqual(0);
    expect(votes).toBeLessThan(20);
  });
});
