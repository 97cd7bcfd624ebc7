// The Fetch adapter under real Hono, served over HTTP by @hono/node-server: Hono hands every
// PATCH/DELETE a body stream (even an empty one), and app.mount() strips its path before
// calling the handler.
import { serve, type ServerType } from "@hono/node-server";
import { Hono } from "hono";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { replaySuite } from "./fixtures/replay.js";
import { Choice, Question, Student, System } from "./fixtures/relationships-models.js";

useTestDatabase([Student, System, Question, Choice]);

describe(dbName("Fetch adapter under Hono"), () => {
  let server: ServerType;
  let origin = "";
  beforeAll(async () => {
    const app = new Hono();
    app.get("/health", (c) => c.json({ ok: true }));
    const mounted = restifyApp("rest/v1", { models: [Student, System, Question, Choice], only: true, basePath: "/api" });
    app.mount("/api", mounted.fetch);
    const direct = restifyApp("rest/v1", { models: [Student, System], only: true });
    app.all("/direct/*", (c) => {
      const url = new URL(c.req.url);
      url.pathname = url.pathname.slice("/direct".length);
      return direct.fetch(new Request(url, c.req.raw));
    });
    await new Promise<void>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve());
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("replays seed 000 under app.mount('/api'), including the PATCH without a body (DRF: an empty partial update)", async () => {
    const result = await replaySuite(origin, "seed000.json", ["--prefix", "/api/rest/v1"]);
    expect(result.output.split("\n").filter((line) => !line.startsWith("PASS")).join("\n")).toBe("6 passed, 0 failed\n");
  });

  it("answers a bodiless PATCH with 200 and a bodiless DELETE with 204, not 415", async () => {
    const created = await fetch(`${origin}/api/rest/v1/lab/student/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Ann", discipline: "EE", program: "BS" }),
    });
    const { id } = (await created.json()) as { id: number };
    const patched = await fetch(`${origin}/api/rest/v1/lab/student/${id}/`, { method: "PATCH" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toEqual({ id, name: "Ann", discipline: "EE", program: "BS", system: null });
    const deleted = await fetch(`${origin}/api/rest/v1/lab/student/${id}/`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    expect((await fetch(`${origin}/api/rest/v1/lab/student/${id}/`)).status).toBe(404);
  });

  it("still refuses a body of a media type no parser reads with 415", async () => {
    const res = await fetch(`${origin}/api/rest/v1/lab/student/1/`, { method: "PATCH", headers: { "content-type": "text/plain" }, body: "name=x" });
    expect(res.status).toBe(415);
    expect(await res.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });

  it("puts the mount path (basePath) in the API root and in relation links", async () => {
    const root = (await (await fetch(`${origin}/api/`)).json()) as Record<string, string>;
    expect(root["rest/v1/lab/student"]).toBe(`${origin}/api/rest/v1/lab/student/`);
    const question = await fetch(`${origin}/api/rest/v1/polls/question/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question_text: "Mounted?", pub_date: "2022-07-08T10:02:16.290713Z" }),
    });
    const body = (await question.json()) as { id: number; choices: string };
    expect(body.choices).toBe(`/api/rest/v1/polls/question/${body.id}/choices/`);
    expect((await fetch(`${origin}${body.choices}`)).status).toBe(200);
  });

  it("without basePath, links are relative to where the handler sees itself, and Hono's own routes are untouched", async () => {
    const root = (await (await fetch(`${origin}/direct/`)).json()) as Record<string, string>;
    expect(root["rest/v1/lab/student"]).toBe(`${origin}/rest/v1/lab/student/`);
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ ok: true });
  });
});
