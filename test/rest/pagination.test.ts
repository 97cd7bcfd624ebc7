import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CursorPagination,
  LimitOffsetPagination,
  PageNumberPagination,
  cappedCount,
  estimatedCount,
  restifyApp,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Book, Review, Tag, models } from "./fixtures/library-models.js";

useTestDatabase(models);

const titles = (data: { results: { title: string }[] }) => data.results.map((b) => b.title);

describe(dbName("pagination: PageNumberPagination, CursorPagination, count strategies"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      // App-wide: page numbers, 3 per page (DEFAULT_PAGINATION_CLASS + PAGE_SIZE).
      settings: { pagination: new PageNumberPagination(), pageSize: 3 },
      models: [
        Book,
        // Per model: a client-chosen page size capped at 4, and a capped count.
        [Review, { customViewParams: { pagination: new PageNumberPagination({ pageSizeQueryParam: "page_size", maxPageSize: 4, count: cappedCount(5) }) } }],
        // Per model: cursor pages of 2 over the primary key, newest first.
        [Tag, { customViewParams: { pagination: new CursorPagination({ ordering: "-id", pageSize: 2 }) } }],
      ],
    }));
    for (let i = 1; i <= 7; i++) await Book.objects.create({ title: `B${i}`, year: 2000 + i });
    const book = await Book.objects.get({ pk: 1 });
    for (let i = 1; i <= 9; i++) await Review.objects.create({ book, stars: i });
    for (let i = 1; i <= 5; i++) await Tag.objects.create({ label: `t${i}` });
  });
  afterAll(() => http.close());

  it("answers count, next, previous and results by page number (DRF's PageNumberPagination)", async () => {
    const first = await http.get("/api/library/book/?search=B");
    expect(first.data).toEqual({
      count: 7,
      next: `${http.origin}/api/library/book/?page=2&search=B`,
      previous: null,
      results: expect.any(Array),
    });
    expect(titles(first.data)).toEqual(["B1", "B2", "B3"]);
    const second = await http.get("/api/library/book/?page=2&search=B");
    expect(second.data.previous).toBe(`${http.origin}/api/library/book/?search=B`);
    expect(second.data.next).toBe(`${http.origin}/api/library/book/?page=3&search=B`);
    const last = await http.get("/api/library/book/?page=last");
    expect(titles(last.data)).toEqual(["B7"]);
    expect(last.data.next).toBeNull();
    expect(last.data.previous).toBe(`${http.origin}/api/library/book/?page=2`);
  });

  it("answers 404 Invalid page. for pages that do not exist or are not numbers", async () => {
    for (const page of ["4", "0", "x", "2.0"]) {
      const reply = await http.get(`/api/library/book/?page=${page}`);
      expect(reply.status).toBe(404);
      expect(reply.data).toEqual({ detail: "Invalid page." });
    }
    // An empty list still has its first page.
    expect((await http.get("/api/library/book/?title=none")).data).toEqual({ count: 0, next: null, previous: null, results: [] });
  });

  it("lets the client choose the page size when page_size_query_param is set, capped by max_page_size", async () => {
    expect((await http.get("/api/library/review/?page_size=2")).data.results).toHaveLength(2);
    expect((await http.get("/api/library/review/?page_size=50")).data.results).toHaveLength(4);
    // Invalid sizes fall back to PAGE_SIZE, as DRF's _positive_int does.
    expect((await http.get("/api/library/review/?page_size=0")).data.results).toHaveLength(3);
    expect((await http.get("/api/library/review/?page_size=-2")).data.results).toHaveLength(3);
  });

  it("counts at most the threshold with cappedCount, still serving the pages past it", async () => {
    const first = await http.get("/api/library/review/?page_size=4");
    expect(first.data.count).toBe(5);
    const third = await http.get("/api/library/review/?page_size=4&page=3");
    expect(third.status).toBe(200);
    expect(third.data.results.map((r: { stars: number }) => r.stars)).toEqual([9]);
    expect(third.data.next).toBeNull();
    expect((await http.get("/api/library/review/?page_size=4&page=4")).data).toEqual({ detail: "Invalid page." });
  });

  it("pages by an opaque cursor that stays right when rows are added (DRF's CursorPagination)", async () => {
    const first = await http.get("/api/library/tag/");
    expect(Object.keys(first.data)).toEqual(["next", "previous", "results"]);
    expect(first.data.results.map((t: { label: string }) => t.label)).toEqual(["t5", "t4"]);
    expect(first.data.previous).toBeNull();
    const next = new URL(first.data.next as string);
    expect(next.searchParams.get("cursor")).toMatch(/^[A-Za-z0-9+/=]+$/);
    // A row added before the next request does not shift the following page.
    await Tag.objects.create({ label: "t6" });
    const second = await http.get(next.pathname + next.search);
    expect(second.data.results.map((t: { label: string }) => t.label)).toEqual(["t3", "t2"]);
    const back = new URL(second.data.previous as string);
    const previous = await http.get(back.pathname + back.search);
    expect(previous.data.results.map((t: { label: string }) => t.label)).toEqual(["t5", "t4"]);
    const thirdUrl = new URL(second.data.next as string);
    const third = await http.get(thirdUrl.pathname + thirdUrl.search);
    expect(third.data.results.map((t: { label: string }) => t.label)).toEqual(["t1"]);
    expect(third.data.next).toBeNull();
  });

  it("answers 404 Invalid cursor for a cursor it did not make", async () => {
    for (const cursor of ["%%%", Buffer.from("r=x").toString("base64"), Buffer.from("p=abc").toString("base64"), Buffer.from("o=-1").toString("base64")]) {
      const reply = await http.get(`/api/library/tag/?cursor=${encodeURIComponent(cursor)}`);
      expect(reply.status).toBe(404);
      expect(reply.data).toEqual({ detail: "Invalid cursor" });
    }
  });

  it("describes each paginator's envelope and parameters for OpenAPI (DRF's method names)", () => {
    const item = { type: "object" };
    expect(new PageNumberPagination().getPaginatedResponseSchema(item)).toMatchObject({ required: ["count", "results"], properties: { results: item } });
    expect(new PageNumberPagination({ pageSizeQueryParam: "size" }).getSchemaOperationParameters().map((p) => p.name)).toEqual(["page", "size"]);
    expect(new CursorPagination().getPaginatedResponseSchema(item)).toMatchObject({ required: ["results"] });
    // OpenAPI 3.1: a link that may be null has null among its types (3.0's `nullable` is gone).
    for (const paginator of [new PageNumberPagination(), new CursorPagination(), new LimitOffsetPagination({ defaultLimit: 5 })]) {
      const { properties } = paginator.getPaginatedResponseSchema(item) as { properties: Record<string, { type: unknown }> };
      expect([properties.next!.type, properties.previous!.type]).toEqual([["string", "null"], ["string", "null"]]);
    }
    expect(new CursorPagination().getSchemaOperationParameters()[0]).toEqual({
      name: "cursor", required: false, in: "query", description: "The pagination cursor value.", schema: { type: "string" },
    });
    expect(new LimitOffsetPagination().getSchemaOperationParameters().map((p) => p.name)).toEqual(["limit", "offset"]);
    expect(Object.keys(new LimitOffsetPagination({ defaultLimit: 10 }).getPaginatedResponseSchema(item).properties as object)).toEqual(["count", "next", "previous", "results"]);
    // Without a default limit of its own (the app's PAGE_SIZE may be unset), a list may come unpaginated.
    expect(new LimitOffsetPagination().getPaginatedResponseSchema(item)).toMatchObject({ anyOf: [{ required: ["count", "next", "previous", "results"] }, item] });
  });

  it("estimates big counts with estimatedCount: exact below the threshold", async () => {
    const estimate = estimatedCount(100);
    expect(await estimate(Review.objects.all())).toEqual({ count: 9, capped: false });
    const over = await estimatedCount(3)(Review.objects.all());
    expect(over.capped).toBe(true);
    expect(over.count).toBeGreaterThanOrEqual(3);
  });
});
