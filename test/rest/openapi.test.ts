import { describe, expect, it } from "vitest";
import { APIClient, LimitOffsetPagination, openApiSchema, restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);

describe(dbName("OpenAPI document from the route table"), () => {
  const handler = restifyApp("rest/v1", { only: true, models, pagination: new LimitOffsetPagination(), schemaPath: "openapi" });

  it("describes paths, operations, parameters and bodies", () => {
    const doc = openApiSchema(handler, { title: "Polls" }) as any;
    expect(doc.openapi).toBe("3.0.2");
    expect(doc.info.title).toBe("Polls");
    expect(Object.keys(doc.paths)).toEqual([
      "/rest/v1/polls/question/",
      "/rest/v1/polls/question/{pk}/",
      "/rest/v1/polls/question/{parent_pk}/choices/",
      "/rest/v1/polls/choice/",
      "/rest/v1/polls/choice/{pk}/",
    ]);
    expect(Object.keys(doc.paths["/rest/v1/polls/question/"])).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/rest/v1/polls/question/{pk}/"])).toEqual(["get", "put", "patch", "delete"]);
    expect(Object.keys(doc.paths["/rest/v1/polls/question/{parent_pk}/choices/"])).toEqual(["get"]);
    const list = doc.paths["/rest/v1/polls/choice/"].get;
    expect(list.operationId).toBe("polls_choice-list-list");
    expect(list.parameters.map((p: { name: string }) => p.name)).toEqual(["id", "question", "choice_text", "votes", "search", "ordering", "limit", "offset"]);
    const nested = doc.paths["/rest/v1/polls/question/{parent_pk}/choices/"].get;
    expect(nested.parameters[0]).toEqual({ name: "parent_pk", in: "path", required: true, schema: { type: "string" } });
    expect(doc.paths["/rest/v1/polls/choice/{pk}/"].delete.responses).toEqual({ 204: { description: "" } });
    expect(doc.components.schemas.PollsQuestion).toEqual({
      type: "object",
      properties: {
        id: { type: "integer", readOnly: true },
        question_text: { type: "string", maxLength: 200 },
        pub_date: { type: "string", format: "date-time" },
        choices: { type: "string", format: "uri-reference", readOnly: true },
      },
      required: ["question_text", "pub_date"],
    });
    expect(doc.paths["/rest/v1/polls/choice/{pk}/"].patch.requestBody.content["application/json"].schema.required).toBeUndefined();
    expect(doc.components.schemas.PollsChoice.properties.question).toEqual({ type: "integer" });
  });

  it("serves the document at <prefix>/openapi/ when asked", async () => {
    const res = await new APIClient(handler).get("/rest/v1/openapi/");
    expect(res.status).toBe(200);
    expect(res.data.components.schemas.PollsChoice.required).toEqual(["choice_text", "question"]);
    expect((await new APIClient(restifyApp("rest/v1", { only: true, models })).get("/rest/v1/openapi/")).status).toBe(404);
  });
});
