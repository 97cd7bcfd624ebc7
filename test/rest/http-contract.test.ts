// The same behaviour through every way of mounting the handler: node:http, Express, Fastify
// (real servers on 127.0.0.1), handler.fetch, and the in-process APIClient.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp, type FixtureApp } from "./fixtures/app.js";
import { startTransport, type Transport, type TransportName } from "./fixtures/transports.js";

const TRANSPORTS: TransportName[] = ["node", "express", "fastify", "fetch", "client"];
const LIST_ALLOW = "GET, POST, HEAD, OPTIONS";
const DETAIL_ALLOW = "GET, PUT, PATCH, DELETE, HEAD, OPTIONS";
const JSON_HEADERS = { "content-type": "application/json" };

describe.each(TRANSPORTS)("%s", (name) => {
  let fixture: FixtureApp;
  let t: Transport;
  beforeAll(async () => {
    fixture = makeApp({ bodyLimit: 1024 });
    t = await startTransport(name, fixture.handler);
  });
  afterAll(() => t.close());

  it("serves a list with JSON, Allow, Vary and Django's security headers", async () => {
    const res = await t.send("GET", "/rest/v1/items/");
    expect(res.status).toBe(200);
    expect(res.json()).toEqual([
      { id: 1, name: "first" },
      { id: 2, name: "second" },
    ]);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.headers.allow).toBe(LIST_ALLOW);
    expect(res.headers.vary).toBe("Accept, Cookie");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
    expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
  });

  it("answers with and without the trailing slash, without redirecting", async () => {
    const withSlash = await t.send("GET", "/rest/v1/items/1/");
    const without = await t.send("GET", "/rest/v1/items/1");
    expect(withSlash.status).toBe(200);
    expect(without.status).toBe(200);
    expect(without.json()).toEqual(withSlash.json());
    expect((await t.send("GET", "/rest/v1/items?x=1")).status).toBe(200);
  });

  it("lists the API root with absolute URLs at the site root", async () => {
    const res = await t.send("GET", "/");
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe("GET, HEAD, OPTIONS");
    expect(res.json()).toEqual({ "rest/v1/items": `${t.origin}/rest/v1/items/` });
  });

  it("creates from JSON, form-urlencoded and multipart bodies", async () => {
    const json = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: '{"name":"json"}' });
    expect(json.status).toBe(201);
    expect(json.json()).toMatchObject({ name: "json" });
    const form = await t.send("POST", "/rest/v1/items/", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "name=form+body",
    });
    expect(form.status).toBe(201);
    expect(form.json()).toMatchObject({ name: "form body" });
    const multipart = new FormData();
    multipart.append("name", "multi");
    const mp = await t.send("POST", "/rest/v1/items/", { body: multipart });
    expect(mp.status).toBe(201);
    expect(mp.json()).toMatchObject({ name: "multi" });
    expect(fixture.items.map((i) => i.name)).toEqual(expect.arrayContaining(["json", "form body", "multi"]));
  });

  it("parses forms into multi-valued dicts and multipart files", async () => {
    const form = await t.send("POST", "/rest/v1/echo/", {
      headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      body: "tag=a&tag=b&name=%C3%A9t%C3%A9",
    });
    expect(form.json()).toEqual({ kind: "QueryDict", data: { tag: ["a", "b"], name: ["été"] }, files: {} });
    const multipart = new FormData();
    multipart.append("title", "report");
    multipart.append("upload", new File(["hello file"], "hello.txt", { type: "text/plain" }));
    const mp = await t.send("POST", "/rest/v1/echo/", { body: multipart });
    expect(mp.status).toBe(200);
    expect(mp.json()).toEqual({
      kind: "QueryDict",
      data: { title: ["report"], upload: [{}] },
      files: { upload: { name: "hello.txt", type: "text/plain", size: 10, text: "hello file" } },
    });
  });

  it("rejects other media types with 415", async () => {
    const res = await t.send("POST", "/rest/v1/items/", { headers: { "content-type": "text/plain" }, body: "name=x" });
    expect(res.status).toBe(415);
    expect(res.json()).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
    expect(res.headers.allow).toBe(LIST_ALLOW);
  });

  it("rejects malformed JSON with DRF's 400 and changes nothing", async () => {
    const before = fixture.items.length;
    const res = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: '{"name": "broken", ' });
    expect(res.status).toBe(400);
    expect(res.json().detail).toMatch(/^JSON parse error - /);
    expect(fixture.items.length).toBe(before);
  });

  it("reports validation errors as a dict of lists", async () => {
    const missing = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: "{}" });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ name: ["This field is required."] });
    const list = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: "[]" });
    expect(list.json()).toEqual({ non_field_errors: ["Invalid data. Expected a dictionary, but got list."] });
  });

  it("refuses bodies over the limit with 413, by Content-Length or while streaming", async () => {
    const big = JSON.stringify({ name: "x".repeat(2000) });
    const res = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: big });
    expect(res.status).toBe(413);
    expect(res.json()).toEqual({ detail: "Request body too large. The limit is 1024 bytes." });
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode("x".repeat(500)));
        controller.close();
      },
    });
    const streamed = await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: chunked });
    expect(streamed.status).toBe(413);
  });

  it("answers 405 with Allow for methods a route lacks", async () => {
    const res = await t.send("DELETE", "/rest/v1/items/");
    expect(res.status).toBe(405);
    expect(res.json()).toEqual({ detail: 'Method "DELETE" not allowed.' });
    expect(res.headers.allow).toBe(LIST_ALLOW);
    const post = await t.send("POST", "/rest/v1/items/1/", { headers: JSON_HEADERS, body: "{}" });
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe(DETAIL_ALLOW);
  });

  it("answers JSON 404s: unknown URLs without Allow, unknown objects with it", async () => {
    const url = await t.send("GET", "/rest/v1/nowhere/");
    expect(url.status).toBe(404);
    expect(url.json()).toEqual({ detail: "Not found." });
    expect(url.headers.allow).toBeUndefined();
    expect(url.headers["x-frame-options"]).toBe("DENY");
    const object = await t.send("GET", "/rest/v1/items/999/");
    expect(object.status).toBe(404);
    expect(object.headers.allow).toBe(DETAIL_ALLOW);
    expect((await t.send("GET", "/rest/v1/items/abc/")).status).toBe(404);
  });

  it("answers HEAD like GET without a body", async () => {
    const get = await t.send("GET", "/rest/v1/items/1/");
    const head = await t.send("HEAD", "/rest/v1/items/1/");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect(head.headers.allow).toBe(DETAIL_ALLOW);
    expect(head.headers["content-type"]).toBe("application/json");
    if (head.headers["content-length"] !== undefined) {
      expect(head.headers["content-length"]).toBe(String(Buffer.byteLength(get.text)));
    }
    expect((await t.send("HEAD", "/rest/v1/items/999/")).status).toBe(404);
  });

  it("answers OPTIONS with metadata", async () => {
    const res = await t.send("OPTIONS", "/rest/v1/items/");
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe(LIST_ALLOW);
    expect(res.json()).toEqual({
      name: "Item List",
      description: "",
      // DRF's default renderers: JSON and the browsable API.
      renders: ["application/json", "text/html"],
      parses: ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
    });
  });

  it("updates, partially updates and deletes", async () => {
    const created = (await t.send("POST", "/rest/v1/items/", { headers: JSON_HEADERS, body: '{"name":"temp"}' })).json();
    const path = `/rest/v1/items/${created.id}/`;
    expect((await t.send("PUT", path, { headers: JSON_HEADERS, body: "{}" })).status).toBe(400);
    const put = await t.send("PUT", path, { headers: JSON_HEADERS, body: '{"name":"put"}' });
    expect(put.json()).toEqual({ id: created.id, name: "put" });
    const patch = await t.send("PATCH", path, { headers: JSON_HEADERS, body: "{}" });
    expect(patch.json()).toEqual({ id: created.id, name: "put" });
    const del = await t.send("DELETE", path);
    expect(del.status).toBe(204);
    expect(del.text).toBe("");
    expect(del.headers["content-type"]).toBeUndefined();
    expect((await t.send("GET", path)).status).toBe(404);
  });

  it("turns unexpected errors into a logged 500 without leaking them", async () => {
    const errorsBefore = fixture.errors.length;
    const res = await t.send("GET", "/rest/v1/boom/");
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ detail: "A server error occurred." });
    expect(res.text).not.toContain("hunter2");
    expect(fixture.errors.length).toBe(errorsBefore + 1);
    expect(String(fixture.errors.at(-1))).toContain("hunter2");
  });

  it("answers 406 when the Accept header rules out JSON", async () => {
    const res = await t.send("GET", "/rest/v1/items/", { headers: { accept: "text/csv" } });
    expect(res.status).toBe(406);
    expect(res.json()).toEqual({ detail: "Could not satisfy the request Accept header." });
    expect((await t.send("GET", "/rest/v1/items/", { headers: { accept: "text/html,*/*;q=0.8" } })).status).toBe(200);
  });
});
