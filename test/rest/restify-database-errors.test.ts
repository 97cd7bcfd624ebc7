// A failing database (here: a served model whose table was never created) must answer a
// logged 500 that leaks nothing, roll back what the request wrote, and leave the rest working.
import { beforeAll, describe, expect, it } from "vitest";
import { APIClient, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Question } from "./fixtures/quickstart-models.js";

useTestDatabase([Question]); // no polls_choice table

describe(dbName("restifyApp on a failing database"), () => {
  const errors: unknown[] = [];
  const handler = restifyApp("rest/v1", {
    only: true,
    models: [Question, Choice],
    settings: { logger: { error: (_message, error) => errors.push(error) } },
  });
  const client = new APIClient(handler);
  let questionId: number;

  beforeAll(async () => {
    const question = await Question.objects.create({ question_text: "Still there?", pub_date: new Date("2022-07-08T10:02:16Z") });
    questionId = question.pk as number;
  });

  it("answers list, retrieve and create with a logged 500 that names no table", async () => {
    const before = errors.length;
    const responses = [
      await client.get("/rest/v1/polls/choice/"),
      await client.get("/rest/v1/polls/choice/1/"),
      await client.post("/rest/v1/polls/choice/", { question: questionId, choice_text: "x" }),
    ];
    for (const res of responses) {
      expect(res.status).toBe(500);
      expect(res.data).toEqual({ detail: "A server error occurred." });
      expect(res.text).not.toMatch(/choice/i);
    }
    expect(errors.length).toBe(before + responses.length);
    expect(errors.slice(before).map(String).join("\n")).toMatch(/polls_choice/);
  });

  it("keeps the object whose delete cannot cascade, and keeps serving the healthy model", async () => {
    const res = await client.delete(`/rest/v1/polls/question/${questionId}/`);
    expect(res.status).toBe(500);
    expect(await Question.objects.filter({ pk: questionId }).exists()).toBe(true);
    const detail = await client.get(`/rest/v1/polls/question/${questionId}/`);
    expect(detail.status).toBe(200);
    expect(detail.data.question_text).toBe("Still there?");
  });
});
