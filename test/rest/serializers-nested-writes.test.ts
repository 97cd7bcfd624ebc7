import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelSerializer, NestedSerializer, ValidationError, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Choice, Question, models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);

class ChoiceSerializer extends ModelSerializer {
  static override Meta = { model: Choice, fields: ["id", "choice_text", "votes"] };

  validateVotes(votes: number) {
    if (votes > 100) throw new ValidationError("Too many votes.");
    return votes;
  }
}

/** A question with its choices, written in one request (opt-in `writable`). */
class QuestionSerializer extends ModelSerializer {
  static override Meta = { model: Question, fields: ["id", "question_text", "pub_date", "choices"] };
  choices = new NestedSerializer(ChoiceSerializer, { many: true, writable: true });
}

const PUB = "2026-12-01T10:00:00Z";

describe(dbName("writable nested serializers: a question with its choices in one request and one transaction"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("rest/v1", {
      only: true,
      models: [[Question, { customViewParams: { serializerClass: QuestionSerializer } }], Choice],
    }));
  });
  afterAll(() => http.close());

  it("creates the parent and its children together", async () => {
    const created = await http.send("POST", "/rest/v1/polls/question/", {
      question_text: "Lunch?",
      pub_date: PUB,
      choices: [{ choice_text: "Soup" }, { choice_text: "Salad", votes: 2 }],
    });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({
      id: 1,
      question_text: "Lunch?",
      pub_date: "2026-12-01T10:00:00Z",
      choices: [{ id: 1, choice_text: "Soup", votes: 0 }, { id: 2, choice_text: "Salad", votes: 2 }],
    });
    expect(await Choice.objects.filter({ question: 1 }).count()).toBe(2);
  });

  it("reports errors per item in DRF's shape and writes nothing", async () => {
    const bad = await http.send("POST", "/rest/v1/polls/question/", {
      question_text: "Dinner?",
      pub_date: PUB,
      choices: [{ choice_text: "Fish" }, { votes: 101 }, { choice_text: "x".repeat(201) }],
    });
    expect(bad.status).toBe(400);
    expect(bad.data).toEqual({
      choices: [
        {},
        { choice_text: ["This field is required."], votes: ["Too many votes."] },
        { choice_text: ["Ensure this field has no more than 200 characters."] },
      ],
    });
    const notList = await http.send("POST", "/rest/v1/polls/question/", { question_text: "Q", pub_date: PUB, choices: { choice_text: "A" } });
    expect(notList.data).toEqual({ choices: ['Expected a list of items but got type "dict".'] });
    expect(await Question.objects.count()).toBe(1);
    expect(await Choice.objects.count()).toBe(2);
  });

  it("updates listed children by id, creates new ones and deletes the unlisted, in one transaction", async () => {
    const updated = await http.send("PUT", "/rest/v1/polls/question/1/", {
      question_text: "Lunch today?",
      pub_date: PUB,
      choices: [{ id: 2, choice_text: "Big salad", votes: 3 }, { choice_text: "Pasta" }],
    });
    expect(updated.status).toBe(200);
    expect(updated.data.choices).toEqual([{ id: 2, choice_text: "Big salad", votes: 3 }, { id: 3, choice_text: "Pasta", votes: 0 }]);
    expect(await Choice.objects.filter({ pk: 1 }).exists()).toBe(false);
  });

  it("rolls the whole request back when an item names a child of another parent", async () => {
    const other = await Question.objects.create({ question_text: "Other", pub_date: new Date(PUB) });
    const foreign = await Choice.objects.create({ question: other, choice_text: "Not yours" });
    const refused = await http.send("PATCH", "/rest/v1/polls/question/1/", {
      question_text: "Changed",
      choices: [{ id: 2, choice_text: "Kept" }, { id: foreign.pk, choice_text: "Stolen" }],
    });
    expect(refused.status).toBe(400);
    expect(refused.data).toEqual({ choices: [{}, { id: [`Invalid pk "${String(foreign.pk)}" - object does not exist.`] }] });
    const question = (await Question.objects.get({ pk: 1 })) as unknown as { question_text: string };
    expect(question.question_text).toBe("Lunch today?");
    expect(((await Choice.objects.get({ pk: 2 })) as unknown as { choice_text: string }).choice_text).toBe("Big salad");
  });

  it("leaves the children alone when a partial update does not name them", async () => {
    const patched = await http.send("PATCH", "/rest/v1/polls/question/1/", { question_text: "Still lunch?" });
    expect(patched.status).toBe(200);
    expect(patched.data.choices).toHaveLength(2);
  });
});
