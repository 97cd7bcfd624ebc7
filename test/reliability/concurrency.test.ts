// Issue 10's concurrency test: 50 clients of mixed CRUD at once, deletes cascading while
// children are created under the same parents (defect 5's race). 0 5xx, no error body naming
// database internals, no orphans, constraints intact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBackend } from "torest";
import { restifyApp } from "torest/rest";
import { dbName, TEST_DB, useTestDatabase } from "../support/db.js";
import { listen } from "../rest/fixtures/server.js";
import { prng } from "./fixtures/hostile.js";
import { models, Question } from "./fixtures/models.js";
import { INTERNALS, orphans } from "./fixtures/tables.js";

useTestDatabase(models);

const CLIENTS = 50;
const OPERATIONS = Number(process.env.TOREST_CONCURRENCY_OPERATIONS ?? 20);

describe(dbName("50 clients of mixed CRUD"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  const logged: unknown[] = [];
  beforeAll(async () => {
    server = await listen(restifyApp("rest/v1", { only: true, models, settings: { logger: { error: (_m, error) => logged.push(error) } } }));
    for (let i = 0; i < 10; i++) await Question.objects.create({ question_text: `Q${i}`, pub_date: new Date("2024-01-01T00:00:00Z") });
  });
  afterAll(() => server.close());

  it("answers every request without a 5xx and leaves no orphan", { timeout: 120_000 }, async () => {
    const statuses = new Map<number, number>();
    const problems: string[] = [];
    const questionIds = Array.from({ length: 10 }, (_, i) => i + 1);
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(`${server.url}/rest/v1/${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status >= 500) problems.push(`${method} ${path} → ${res.status} ${text}`);
      if (res.status >= 400 && INTERNALS.test(text)) problems.push(`internals: ${method} ${path} → ${res.status} ${text}`);
      return { status: res.status, data: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    };
    const client = async (n: number) => {
      const random = prng(1000 + n);
      const pick = <T,>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
      for (let i = 0; i < OPERATIONS; i++) {
        const question = pick(questionIds);
        switch (Math.floor(random() * 8)) {
          case 0: {
            const created = await call("POST", "polls/question/", { question_text: `q${n}-${i}`, pub_date: "2024-02-02T00:00:00Z" });
            if (created.status === 201) questionIds.push(created.data?.id as number);
            break;
          }
          case 1: case 2: await call("POST", "polls/choice/", { question, choice_text: `c${n}-${i}`, votes: i }); break;
          case 3: await call("DELETE", `polls/question/${question}/`); break;
          case 4: await call("PATCH", `polls/choice/${1 + Math.floor(random() * 200)}/`, { votes: i, question }); break;
          case 5: await call("PUT", `polls/question/${question}/`, { question_text: `put ${n}`, pub_date: "2024-03-03T00:00:00Z" }); break;
          case 6: await call("GET", `polls/question/${question}/choices/`); break;
          default: await call("GET", pick(["polls/choice/", "polls/question/", `polls/question/${question}/`]));
        }
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    console.log(`[concurrency ${TEST_DB}] ${CLIENTS} clients × ${OPERATIONS} operations: ${[...statuses].sort().map(([s, c]) => `${s}×${c}`).join(" ")}`);
    expect(problems.slice(0, 10)).toEqual([]);
    expect(logged).toEqual([]);
    expect(await orphans()).toMatchObject({ "polls_choice.question_id": 0 });
    if (TEST_DB === "sqlite") {
      expect(await getBackend().query("PRAGMA foreign_key_check", [])).toEqual([]);
      expect(await getBackend().query("PRAGMA integrity_check", [])).toEqual([["ok"]]);
    }
    // The API still answers for every question left.
    expect((await call("GET", "polls/question/")).status).toBe(200);
  });
});
