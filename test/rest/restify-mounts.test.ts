import Fastify from "fastify";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp, type RestHandler } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { express, expressNotFound } from "./fixtures/express.js";
import { Question, models } from "./fixtures/quickstart-models.js";

useTestDatabase(models);

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  while (closers.length) await closers.pop()!();
});

async function crud(origin: string, mount: string): Promise<void> {
  const created = await fetch(`${origin}${mount}/rest/v1/polls/question/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question_text: `via ${mount || "root"}`, pub_date: "2022-07-08T10:02:16.290713Z" }),
  });
  expect(created.status).toBe(201);
  const body = (await created.json()) as { id: number; choices: string };
  expect(body.choices).toBe(`${mount}/rest/v1/polls/question/${body.id}/choices/`);
  const choice = await fetch(`${origin}${mount}/rest/v1/polls/choice/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: `question=${body.id}&choice_text=Yes`,
  });
  expect(choice.status).toBe(201);
  const nested = await fetch(`${origin}${body.choices}`);
  expect(nested.status).toBe(200);
  expect(nested.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
  expect(await nested.json()).toEqual([{ id: expect.any(Number), choice_text: "Yes", votes: 0, question: body.id }]);
  const root = await fetch(`${origin}${mount}/`);
  expect(await root.json()).toEqual({
    "rest/v1/polls/question": `${origin}${mount}/rest/v1/polls/question/`,
    "rest/v1/polls/choice": `${origin}${mount}/rest/v1/polls/choice/`,
  });
  const del = await fetch(`${origin}${mount}/rest/v1/polls/question/${body.id}`, { method: "DELETE" });
  expect(del.status).toBe(204);
  expect(await Question.objects.filter({ pk: body.id }).exists()).toBe(false);
}

describe(dbName("restifyApp mounted in Express and Fastify"), () => {
  let handler: RestHandler;
  beforeAll(() => {
    handler = restifyApp("rest/v1", { only: true, models });
  });

  it("serves model endpoints as Express middleware, under a mount path too", async () => {
    const app = express();
    app.use("/api", handler);
    app.use(handler);
    app.use(expressNotFound);
    const server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await crud(origin, "");
    await crud(origin, "/api");
    expect(await (await fetch(`${origin}/elsewhere`)).text()).toBe("express 404");
  });

  it("serves model endpoints as a Fastify plugin, with a prefix too", async () => {
    const fastify = Fastify();
    await fastify.register(handler);
    await fastify.register(handler, { prefix: "/api" });
    closers.push(() => fastify.close());
    const origin = await fastify.listen({ port: 0, host: "127.0.0.1" });
    await crud(origin, "");
    await crud(origin, "/api");
  });

  it("serves model endpoints through .fetch", async () => {
    const res = await handler.fetch(new Request("http://edge.test/rest/v1/polls/question/?ordering=-id"));
    expect(res.status).toBe(200);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD, OPTIONS");
    expect(await res.json()).toEqual([]);
  });
});
