import { beforeAll, describe, expect, it } from "vitest";
import { getBackend } from "torest";
import { APIClient, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Question, Student, System, models } from "./fixtures/relationships-models.js";

useTestDatabase(models);

/** Counts statements sent to the default backend while `fn` runs. */
async function countQueries(fn: () => Promise<unknown>): Promise<number> {
  const backend = getBackend() as unknown as Record<"query" | "execute", (...args: unknown[]) => Promise<unknown>>;
  const { query, execute } = backend;
  let n = 0;
  backend.query = (...args) => (n++, query.apply(backend, args));
  backend.execute = (...args) => (n++, execute.apply(backend, args));
  try {
    await fn();
  } finally {
    backend.query = query;
    backend.execute = execute;
  }
  return n;
}

describe(dbName("restifyApp: lists cost a constant number of queries"), () => {
  let client: APIClient;
  beforeAll(() => {
    client = new APIClient(restifyApp("rest/v1"));
  });

  async function listCost(path: string): Promise<{ queries: number; rows: number }> {
    let rows = 0;
    const queries = await countQueries(async () => {
      const res = await client.get(path);
      expect(res.status).toBe(200);
      rows = res.data.length;
    });
    return { queries, rows };
  }

  it("reverse one-to-one (student.system): one query for the page, one for the relation", async () => {
    const s1 = await Student.objects.create({ name: "A", discipline: "CS", program: "MS" });
    await System.objects.create({ name: "S", location: "L", student: s1 });
    const small = await listCost("/rest/v1/lab/student/");
    for (let i = 0; i < 20; i++) {
      const s = await Student.objects.create({ name: `N${i}`, discipline: "CS", program: "MS" });
      if (i % 2) await System.objects.create({ name: `S${i}`, location: "L", student: s });
    }
    const big = await listCost("/rest/v1/lab/student/");
    expect(small.rows).toBe(1);
    expect(big.rows).toBe(21);
    expect(big.queries).toBe(small.queries);
    expect(big.queries).toBe(2);
  });

  it("reverse foreign keys (question.choices) are links: one query, nested lists too", async () => {
    const q = await Question.objects.create({ question_text: "Q" });
    await Choice.objects.create({ question: q, choice_text: "c" });
    const small = await listCost("/rest/v1/polls/question/");
    for (let i = 0; i < 20; i++) {
      const qi = await Question.objects.create({ question_text: `Q${i}` });
      await Choice.objects.create({ question: qi, choice_text: "c" });
      await Choice.objects.create({ question: q, choice_text: `c${i}` });
    }
    const big = await listCost("/rest/v1/polls/question/");
    expect(big.rows).toBe(21);
    expect(big.queries).toBe(small.queries);
    expect(big.queries).toBe(1);
    const nested = await listCost(`/rest/v1/polls/question/${q.pk}/choices/`);
    expect(nested.rows).toBe(21);
    expect(nested.queries).toBe(2); // parent exists + children
  });
});
