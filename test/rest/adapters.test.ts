// Adapter specifics: Express next() and mount paths, Fastify scoping and prefixes, .fetch.
import Fastify from "fastify";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { makeApp } from "./fixtures/app.js";
import { express, expressNotFound, type ExpressApp } from "./fixtures/express.js";

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

async function serveExpress(app: ExpressApp): Promise<string> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("Express", () => {
  it("passes requests outside the prefix on with next(), keeps 404s inside it", async () => {
    const { handler } = makeApp();
    const app = express();
    app.use(handler);
    app.get("/after", (_req, res) => void res.send("after torest"));
    app.use(expressNotFound);
    const origin = await serveExpress(app);

    const after = await fetch(`${origin}/after`);
    expect(await after.text()).toBe("after torest");
    const outside = await fetch(`${origin}/unknown`);
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe("express 404");
    const inside = await fetch(`${origin}/rest/v1/unknown/`);
    expect(await inside.json()).toEqual({ detail: "Not found." });
    expect((await fetch(`${origin}/`)).status).toBe(200);
  });

  it("works under a mount path, with links that include it", async () => {
    const { handler } = makeApp();
    const app = express();
    app.use("/api", handler);
    const origin = await serveExpress(app);
    const root = await fetch(`${origin}/api/`);
    expect(await root.json()).toEqual({ "rest/v1/items": `${origin}/api/rest/v1/items/` });
    const item = await fetch(`${origin}/api/rest/v1/items/2`);
    expect(await item.json()).toEqual({ id: 2, name: "second" });
  });

  it("uses a body express.json() already parsed", async () => {
    const { handler, items } = makeApp();
    const app = express();
    app.use(express.json());
    app.use(handler);
    const origin = await serveExpress(app);
    const res = await fetch(`${origin}/rest/v1/items/`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "parsed" }),
    });
    expect(res.status).toBe(201);
    expect(items.at(-1)).toEqual({ id: 3, name: "parsed" });
  });
});

describe("Fastify", () => {
  it("registers only its own routes and leaves the app's alone", async () => {
    const { handler } = makeApp();
    const fastify = Fastify();
    fastify.get("/health", async () => ({ ok: true }));
    fastify.post("/json-echo", async (request) => request.body);
    await fastify.register(handler);
    closers.push(() => fastify.close());
    const origin = await fastify.listen({ port: 0, host: "127.0.0.1" });

    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ ok: true });
    // Fastify's own JSON parsing still works outside torest's encapsulated scope.
    const echo = await fetch(`${origin}/json-echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(await echo.json()).toEqual({ a: 1 });
    const unknown = await fetch(`${origin}/unknown`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toMatch(/Route GET:\/unknown not found/);
    expect((await fetch(`${origin}/rest/v1/items`)).status).toBe(200);
    const missing = await fetch(`${origin}/rest/v1/unknown`);
    expect(await missing.json()).toEqual({ detail: "Not found." });
  });

  it("honours a register prefix", async () => {
    const { handler } = makeApp();
    const fastify = Fastify();
    await fastify.register(handler, { prefix: "/api" });
    closers.push(() => fastify.close());
    const origin = await fastify.listen({ port: 0, host: "127.0.0.1" });
    expect(await (await fetch(`${origin}/api/`)).json()).toEqual({ "rest/v1/items": `${origin}/api/rest/v1/items/` });
    expect(await (await fetch(`${origin}/api/rest/v1/items/1/`)).json()).toEqual({ id: 1, name: "first" });
    expect((await fetch(`${origin}/rest/v1/items/1/`)).status).toBe(404);
  });
});

describe("fetch", () => {
  it("serves WHATWG requests and keeps HEAD bodiless", async () => {
    const { handler } = makeApp();
    const get = await handler.fetch(new Request("https://example.org/rest/v1/items/1/"));
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ id: 1, name: "first" });
    const head = await handler.fetch(new Request("https://example.org/rest/v1/items/1/", { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    const root = await handler.fetch(new Request("https://example.org/"));
    expect(await root.json()).toEqual({ "rest/v1/items": "https://example.org/rest/v1/items/" });
  });

  it("refuses a body over the limit with 413 while streaming it", async () => {
    const { handler, items } = makeApp({ bodyLimit: 16 });
    const chunks = ['{"name": "', "x".repeat(8), '"}'];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" };
    const res = await handler.fetch(new Request("http://x/rest/v1/items/", init as RequestInit));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ detail: "Request body too large. The limit is 16 bytes." });
    expect(items).toHaveLength(2);
    const small = await handler.fetch(
      new Request("http://x/rest/v1/items/", { method: "POST", headers: { "content-type": "application/json" }, body: '{"name": "ok"}' }),
    );
    expect(small.status).toBe(201);
  });

  it("takes the client address from a Deno-style info argument", async () => {
    const { handler } = makeApp();
    const seen: (string | undefined)[] = [];
    const original = handler.app.handle.bind(handler.app);
    handler.app.handle = (request) => {
      seen.push(request.remoteAddress);
      return original(request);
    };
    await handler.fetch(new Request("http://x/rest/v1/items/"), { remoteAddr: { hostname: "10.1.2.3" } });
    expect(seen).toEqual(["10.1.2.3"]);
  });
});
