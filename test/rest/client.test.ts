// APIClient: DRF's in-process test client.
import { describe, expect, it } from "vitest";
import { APIClient } from "../../src/rest/index.js";
import { makeApp } from "./fixtures/app.js";

describe("APIClient", () => {
  it("gets with a query string and returns status, headers, data and text", async () => {
    const client = new APIClient(makeApp().handler);
    const res = await client.get("/rest/v1/items/", { page: 2 });
    expect(res.status).toBe(200);
    expect(res.headers.allow).toBe("GET, POST, HEAD, OPTIONS");
    expect(res.data).toEqual([
      { id: 1, name: "first" },
      { id: 2, name: "second" },
    ]);
    expect(res.text).toBe('[{"id":1,"name":"first"},{"id":2,"name":"second"}]');
  });

  it("sends JSON by default, forms and multipart on request", async () => {
    const client = new APIClient(makeApp().handler);
    const json = await client.post("/rest/v1/echo/", { name: "x", n: [1, 2] });
    expect(json.data).toEqual({ kind: "object", data: { name: "x", n: [1, 2] }, files: {} });
    const form = await client.post("/rest/v1/echo/", { name: "x", n: [1, 2] }, { format: "form" });
    expect(form.data).toEqual({ kind: "QueryDict", data: { name: ["x"], n: ["1", "2"] }, files: {} });
    const file = new File(["abc"], "a.txt", { type: "text/plain" });
    const mp = await client.post("/rest/v1/echo/", { name: "x", doc: file }, { format: "multipart" });
    expect(mp.data.files).toEqual({ doc: { name: "a.txt", type: "text/plain", size: 3, text: "abc" } });
    const formClient = new APIClient(makeApp().handler, { format: "form" });
    expect((await formClient.post("/rest/v1/echo/", { a: "b" })).data.kind).toBe("QueryDict");
  });

  it("sends raw bodies with an explicit content type", async () => {
    const client = new APIClient(makeApp().handler);
    const res = await client.post("/rest/v1/items/", "name=x", { contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(res.data).toEqual({ detail: 'Unsupported media type "text/plain" in request.' });
  });

  it("changes data through put, patch and delete", async () => {
    const { handler, items } = makeApp();
    const client = new APIClient(handler);
    expect((await client.put("/rest/v1/items/1/", { name: "one" })).data).toEqual({ id: 1, name: "one" });
    expect((await client.patch("/rest/v1/items/1", { name: "uno" })).data).toEqual({ id: 1, name: "uno" });
    const del = await client.delete("/rest/v1/items/1/");
    expect(del.status).toBe(204);
    expect(del.data).toBeUndefined();
    expect(del.text).toBe("");
    expect(items.map((i) => i.id)).toEqual([2]);
  });

  it("answers HEAD and OPTIONS", async () => {
    const client = new APIClient(makeApp().handler);
    const head = await client.head("/rest/v1/items/");
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    expect((await client.options("/rest/v1/items/")).data.name).toBe("Item List");
  });

  it("sends stored credentials until cleared, and uses its origin in links", async () => {
    const client = new APIClient(makeApp().handler, { origin: "https://api.example.com" });
    expect((await client.get("/")).data).toEqual({ "rest/v1/items": "https://api.example.com/rest/v1/items/" });
    client.credentials({ authorization: `Basic ${Buffer.from("admin:s3cret:x").toString("base64")}` });
    expect((await client.get("/rest/v1/private/")).status).toBe(200);
    client.credentials();
    expect((await client.get("/rest/v1/private/")).status).toBe(401);
  });

  it("refuses to put files in a urlencoded form", async () => {
    const client = new APIClient(makeApp().handler);
    await expect(client.post("/rest/v1/echo/", { f: new File(["x"], "x") }, { format: "form" })).rejects.toThrow(
      /use format "multipart"/,
    );
  });
});
