import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { Choice, Question, models } from "./fixtures/quickstart-models.js";
import { listen } from "./fixtures/server.js";

useTestDatabase(models);

/** Every row of both tables, as plain JSON. */
async function snapshot(): Promise<string> {
  const questions = await Question.objects.orderBy("pk");
  const choices = await Choice.objects.orderBy("pk");
  return JSON.stringify({ questions, choices });
}

type Bad = { method: string; path: string; body?: string; type?: string; expect: number };

const json = "application/json";
const BAD: Bad[] = [
  { method: "POST", path: "/rest/v1/polls/question/", body: '{"question_text": "x", ', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: "[1, 2]", type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: "null", type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: '"text"', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: "hello", type: "text/plain", expect: 415 },
  { method: "POST", path: "/rest/v1/polls/question/", body: `{"question_text": "${"x".repeat(201)}", "pub_date": "2022-01-01T00:00:00Z"}`, type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: '{"question_text": {"a": 1}, "pub_date": [1]}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: '{"question_text": "ok", "pub_date": "2022-02-30T00:00:00Z"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/question/", body: '{"question_text": "ok", "pub_date": 12345}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 999, "choice_text": "x"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": "abc", "choice_text": "x"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": true, "choice_text": "x"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": [1], "choice_text": "x"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 1, "choice_text": "x", "votes": 1e400}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 1, "choice_text": "x", "votes": 99999999999999999999}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 1, "choice_text": "x", "votes": "1.5"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: "question=1&votes=abc&choice_text=x", type: "application/x-www-form-urlencoded", expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: "x".repeat(3 * 1024 * 1024), type: json, expect: 413 },
  { method: "PUT", path: "/rest/v1/polls/question/1/", body: '{"question_text": "only"}', type: json, expect: 400 },
  { method: "PATCH", path: "/rest/v1/polls/question/1/", body: '{"question_text": ""}', type: json, expect: 400 },
  { method: "PATCH", path: "/rest/v1/polls/question/1/", body: '{"pub_date": null}', type: json, expect: 400 },
  { method: "PATCH", path: "/rest/v1/polls/choice/1/", body: '{"question": 42}', type: json, expect: 400 },
  { method: "PATCH", path: "/rest/v1/polls/question/999/", body: '{"question_text": "x"}', type: json, expect: 404 },
  { method: "PATCH", path: "/rest/v1/polls/question/abc/", body: '{"question_text": "x"}', type: json, expect: 404 },
  { method: "PATCH", path: "/rest/v1/polls/question/99999999999999999999999/", body: "{}", type: json, expect: 404 },
  { method: "DELETE", path: "/rest/v1/polls/question/abc/", expect: 404 },
  { method: "DELETE", path: "/rest/v1/polls/question/", expect: 405 },
  { method: "POST", path: "/rest/v1/polls/question/1/", body: "{}", type: json, expect: 405 },
  { method: "PUT", path: "/rest/v1/polls/question/", body: "{}", type: json, expect: 405 },
  { method: "POST", path: "/rest/v1/polls/question/1/choices/", body: "{}", type: json, expect: 405 },
  { method: "PROPFIND", path: "/rest/v1/polls/question/", expect: 405 },
  { method: "GET", path: "/rest/v1/polls/question/abc/choices/", expect: 404 },
  { method: "GET", path: "/rest/v1/polls/question/-1/choices/", expect: 404 },
  { method: "GET", path: "/rest/v1/polls/question/%ZZ/", expect: 404 },
  { method: "GET", path: "/rest/v1/polls/choice/?votes=abc", expect: 400 },
  { method: "GET", path: "/rest/v1/polls/choice/?question=abc", expect: 400 },
  { method: "GET", path: "/rest/v1/polls/choice/?question=999", expect: 400 },
  { method: "GET", path: "/rest/v1/polls/question/?pub_date=yesterday", expect: 400 },
  { method: "GET", path: "/rest/v1/polls/question/?id=1e999", expect: 200 },
  { method: "GET", path: "/rest/v1/polls/question/?id=99999999999999999999", expect: 200 },
  { method: "GET", path: "/rest/v1/polls/choice/?votes=99999999999", expect: 200 },
  { method: "GET", path: "/rest/v1/polls/choice/?question=99999999999999999999", expect: 400 },
  { method: "GET", path: "/rest/v1/polls/question/99999999999999999999/choices/", expect: 404 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 99999999999999999999, "choice_text": "x"}', type: json, expect: 400 },
  { method: "POST", path: "/rest/v1/polls/choice/", body: '{"question": 1, "choice_text": "x", "votes": 4294967296}', type: json, expect: 400 },
  { method: "GET", path: "/rest/v1/polls/choice/?ordering=bogus,--id,question__question_text,", expect: 200 },
  { method: "GET", path: "/rest/v1/polls/choice/?search=%00%25_", expect: 200 },
  { method: "GET", path: "/rest/v1/polls/question/?limit=-1&offset=abc", expect: 200 },
  { method: "GET", path: "/rest/v1/nope/", expect: 404 },
];

describe(dbName("restifyApp: a batch of bad requests"), () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(restifyApp("rest/v1", { only: true, models, settings: { logger: { error: () => undefined } } }));
    const q = await Question.objects.create({ question_text: "How?", pub_date: new Date("2022-07-08T10:02:16Z") });
    await Choice.objects.create({ question: q, choice_text: "Fine" });
  });
  afterAll(() => server.close());

  it("answers each with its 4xx, never a 5xx, and changes nothing", async () => {
    const before = await snapshot();
    const got: string[] = [];
    for (const bad of BAD) {
      const res = await fetch(server.url + bad.path, {
        method: bad.method,
        headers: bad.type ? { "content-type": bad.type } : {},
        body: bad.body,
      });
      const text = await res.text();
      got.push(`${bad.method} ${bad.path.slice(0, 60)} -> ${res.status}`);
      expect(res.status, `${bad.method} ${bad.path}: ${text.slice(0, 200)}`).toBe(bad.expect);
      if (res.status >= 400 && bad.method !== "HEAD") expect(() => JSON.parse(text)).not.toThrow();
    }
    expect(got.every((line) => !/-> 5\d\d$/.test(line))).toBe(true);
    expect(await snapshot()).toBe(before);
  });

  it("rolls back a write that fails after its row was saved", async () => {
    const before = await snapshot();
    const proto = Choice.prototype as unknown as { save(): Promise<void> };
    const save = proto.save;
    proto.save = async function (this: unknown) {
      await save.call(this);
      throw new Error("boom after insert");
    };
    try {
      const res = await fetch(`${server.url}/rest/v1/polls/choice/`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: 1, choice_text: "never" }),
      });
      expect(res.status).toBe(500);
    } finally {
      proto.save = save;
    }
    expect(await snapshot()).toBe(before);
  });
});
