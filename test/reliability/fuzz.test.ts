// Issue 10's seeded fuzz: hostile requests of every kind the issue lists, one at a time against a
// real server, with every table snapshotted after each: 0 5xx, 0 rows changed by a 4xx (or by
// any read), no database internals in an error body, the server alive at the end.
//
//   TOREST_FUZZ_REQUESTS=100000 TOREST_FUZZ_SEED=7 npx vitest run test/reliability/fuzz.test.ts
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LimitOffsetPagination, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { rawRequest } from "../support/raw-http.js";
import { listen } from "../rest/fixtures/server.js";
import { encode, hostileRequest, prng, type FuzzState } from "./fixtures/hostile.js";
import { Choice, models, Place, Question, Restaurant, Waiter } from "./fixtures/models.js";
import { INTERNALS, orphans, snapshot } from "./fixtures/tables.js";

useTestDatabase(models);

const REQUESTS = Number(process.env.TOREST_FUZZ_REQUESTS ?? 1200);
const SEED = Number(process.env.TOREST_FUZZ_SEED ?? 20261204);
const logged: unknown[] = [];

describe(dbName("seeded fuzz of hostile requests"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    const handler = restifyApp("rest/v1", {
      only: true,
      models,
      pagination: new LimitOffsetPagination({ defaultLimit: 5 }),
      settings: { logger: { error: (_message, error) => logged.push(error) } },
    });
    server = await listen(handler);
    for (let i = 0; i < 5; i++) {
      const question = await Question.objects.create({ question_text: `Q${i}`, pub_date: new Date("2024-01-01T00:00:00Z") });
      await Choice.objects.create({ question, choice_text: `c${i}` });
      const place = await Place.objects.create({ name: `P${i}`, address: "A" });
      const restaurant = await Restaurant.objects.create({ place });
      await Waiter.objects.create({ restaurant, name: `W${i}` });
    }
  });
  afterAll(() => server.close());

  it(`answers ${REQUESTS} generated requests without a 5xx, and no refused request changes a row`, { timeout: Math.max(120_000, REQUESTS * 100) }, async () => {
    const random = prng(SEED);
    const state: FuzzState = { ids: { question: [1, 2, 3, 4, 5], choice: [1, 2, 3, 4, 5], place: [1, 2, 3, 4, 5], restaurant: [1, 2, 3, 4, 5], waiter: [1, 2, 3, 4, 5] } };
    const stall = monitorEventLoopDelay({ resolution: 5 });
    stall.enable();
    const failures: string[] = [];
    const byKind = new Map<string, number[]>();
    let serverErrors = 0;
    let changedBy4xx = 0;
    let before = await snapshot();
    for (let i = 0; i < REQUESTS; i++) {
      const request = hostileRequest(random, state);
      const res = await rawRequest(server.url, encode(request), { timeoutMs: 30_000 });
      const after = await snapshot();
      const changed = after !== before;
      before = after;
      (byKind.get(request.kind) ?? byKind.set(request.kind, []).get(request.kind)!).push(res.status);
      const what = `#${i} ${request.kind} ${request.method} ${String(request.target).slice(0, 120)} → ${res.status} ${res.body.slice(0, 200)}`;
      if (res.status === 201) {
        const id = (JSON.parse(res.body) as { id?: number; place?: number }).id ?? (JSON.parse(res.body) as { place?: number }).place;
        const model = /\/(question|choice|place|restaurant|waiter)\//.exec(String(request.target))?.[1] as keyof FuzzState["ids"] | undefined;
        if (model && typeof id === "number") state.ids[model].push(id);
      }
      // Status 0: the server closed the connection without an answer (node's parser refusing a
      // request line is answered 400, so this would be a crash or a hang).
      if (res.status >= 500 || res.status === 0) {
        serverErrors++;
        failures.push(what);
      }
      const refused = res.status >= 400;
      if (changed && (refused || ["GET", "HEAD", "OPTIONS"].includes(request.method))) {
        changedBy4xx++;
        failures.push(`rows changed: ${what}`);
      }
      if (refused && INTERNALS.test(res.body)) failures.push(`internals shown: ${what}`);
    }
    stall.disable();
    const alive = await fetch(`${server.url}/rest/v1/polls/question/`);
    const summary = [...byKind].map(([kind, statuses]) => `${kind}:${statuses.length}`).join(" ");
    const causes = [...new Set(logged.map((error) => String(error).split("\n")[0]))].join(" | ");
    console.log(
      `[fuzz ${dbName("")}] seed ${SEED}: ${REQUESTS} requests, ${serverErrors} 5xx, ${changedBy4xx} refused requests changed rows, ` +
        `longest loop stall ${(stall.max / 1e6).toFixed(1)} ms (client and server share the loop), ${logged.length} server errors logged\n  ${summary}` +
        `${causes ? `\n  logged: ${causes}` : ""}`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect(alive.status).toBe(200);
    // The server runs in this process: a polluted prototype would show here.
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(await orphans()).toEqual({ "polls_choice.question_id": 0, "one_to_one_restaurant.place_id": 0, "one_to_one_waiter.restaurant_id": 0 });
  });
});
