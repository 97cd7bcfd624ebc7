import { beforeAll, describe, expect, it } from "vitest";
import { APIClient, NotFound, RateThrottle, RestResponse, restifyApp, type RestHandler } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Question, models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);

describe(dbName("custom actions"), () => {
  let handler: RestHandler;
  let client: APIClient;
  beforeAll(async () => {
    handler = restifyApp("rest/v1", {
      only: true,
      models: [
        Question,
        [Choice, {
          customActions: [
            {
              name: "vote",
              detail: true,
              methods: ["POST"],
              async handler({ getObject }) {
                const choice = (await getObject()) as unknown as { votes: number; save(): Promise<void> };
                choice.votes += 1;
                await choice.save();
                if (choice.votes > 2) throw new NotFound("Too many votes.");
                return { votes: choice.votes };
              },
            },
            {
              name: "stats",
              async handler() {
                return new RestResponse({ total: await Choice.objects.count() }, 200, { "x-stats": "1" });
              },
            },
          ],
        }],
      ],
    });
    client = new APIClient(handler);
    const q = await Question.objects.create({ question_text: "Q", pub_date: new Date() });
    await Choice.objects.create({ question: q, choice_text: "A" });
  });

  it("serves detail and collection actions with their own routes and methods", async () => {
    expect(handler.reverse("polls_choice-vote", { pk: 1 })).toBe("/rest/v1/polls/choice/1/vote/");
    const vote = await client.post("/rest/v1/polls/choice/1/vote/");
    expect(vote.status).toBe(200);
    expect(vote.data).toEqual({ votes: 1 });
    expect(vote.headers.allow).toBe("POST, OPTIONS");
    expect((await client.get("/rest/v1/polls/choice/1/vote/")).status).toBe(405);
    expect((await client.post("/rest/v1/polls/choice/9/vote/")).status).toBe(404);
    const stats = await client.get("/rest/v1/polls/choice/stats/");
    expect(stats.data).toEqual({ total: 1 });
    expect(stats.headers["x-stats"]).toBe("1");
    // The collection route still lists; the detail route still retrieves.
    expect((await client.get("/rest/v1/polls/choice/")).data).toHaveLength(1);
    expect((await client.get("/rest/v1/polls/choice/1/")).data.votes).toBe(1);
  });

  it("rolls back a failing write action", async () => {
    expect((await client.post("/rest/v1/polls/choice/1/vote/")).data).toEqual({ votes: 2 });
    const refused = await client.post("/rest/v1/polls/choice/1/vote/");
    expect(refused.status).toBe(404);
    expect(refused.data).toEqual({ detail: "Too many votes." });
    expect(((await Choice.objects.get({ pk: 1 })) as unknown as { votes: number }).votes).toBe(2);
  });

  it("applies per-model throttles from customViewParams, nested routes included", async () => {
    const throttled = new APIClient(restifyApp("rest/v1", {
      only: true,
      models: [[Question, { customViewParams: { throttles: [new RateThrottle({ scope: "polls", rate: "2/min", key: () => "all" })] } }], Choice],
    }));
    expect((await throttled.get("/rest/v1/polls/question/")).status).toBe(200);
    expect((await throttled.get("/rest/v1/polls/question/1/choices/")).status).toBe(200);
    const third = await throttled.get("/rest/v1/polls/question/1/");
    expect(third.status).toBe(429);
    expect(third.data.detail).toMatch(/^Request was throttled\. Expected available in \d+ seconds?\.$/);
    expect(third.headers["retry-after"]).toMatch(/^\d+$/);
    expect((await throttled.get("/rest/v1/polls/choice/")).status).toBe(200);
  });
});
