import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restifyApp } from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Author, Book, Review, Tag, models } from "./fixtures/library-models.js";

useTestDatabase(models);

// The differences a replay of django-to-rest's recorded answers found, each fixed as the original behaves.
describe(dbName("django-to-rest replay differences"), () => {
  let http: HttpClient;
  let actionRan = 0;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      models: [
        [Book, {
          methodFields: ["reviewCount"],
          customActions: [{
            name: "ping",
            detail: true,
            // Never loads the object: answers for any key, as a DRF action that skips get_object().
            handler: ({ request }) => ({ pong: request.params.pk, ran: ++actionRan }),
          }, {
            name: "title",
            detail: true,
            handler: async ({ getObject }) => ({ title: (await getObject()).title }),
          }],
        }],
        Review,
        Tag,
      ],
    }));
    const author = await Author.objects.create({ name: "Ann" });
    const book = await Book.objects.create({ title: "Dune", year: 1965, author });
    await Book.objects.create({ title: "Year one", year: 1 });
    await Review.objects.create({ book, stars: 5 });
    await Review.objects.create({ book, stars: 4 });
  });
  afterAll(() => http.close());

  it("awaits a method field whose method returns a promise (it reads the database)", async () => {
    const list = await http.get("/api/library/book/");
    expect(list.data.map((b: { reviewCount: number }) => b.reviewCount)).toEqual([2, 0]);
    const created = await http.send("POST", "/api/library/book/", { title: "New", year: 2000 });
    expect(created.status).toBe(201);
    expect(created.data.reviewCount).toBe(0);
  });

  it("leaves a foreign key to a model the app does not serve out of the serializer", async () => {
    const one = await http.get("/api/library/book/1/");
    expect(one.data).not.toHaveProperty("author");
    const created = await http.send("POST", "/api/library/book/", { title: "Solo", year: 1990, author: 1 });
    expect(created.status).toBe(201);
    const stored = await Book.objects.get({ pk: created.data.id });
    expect((stored as unknown as { author_id: unknown }).author_id).toBeNull();
    const options = await http.send("OPTIONS", "/api/library/book/");
    expect(options.data.actions.POST).not.toHaveProperty("author");
  });

  it("searches every field that is not a relation by default, primary key and integers included", async () => {
    const found = await http.get("/api/library/book/?search=1");
    const ids = found.data.map((b: { id: number }) => b.id);
    // id 1 (Dune, 1965) and year 1 (id 2).
    expect(ids).toContain(1);
    expect(ids).toContain(2);
    expect((await http.get("/api/library/book/?search=1965")).data.map((b: { title: string }) => b.title)).toEqual(["Dune"]);
    expect((await http.get("/api/library/review/?search=4")).data.map((r: { stars: number }) => r.stars)).toEqual([4]);
  });

  it("runs a custom detail action without loading the object unless the action asks (DRF calls get_object() only then)", async () => {
    const ping = await http.get("/api/library/book/999/ping/");
    expect(ping.status).toBe(200);
    expect(ping.data).toEqual({ pong: "999", ran: 1 });
    expect((await http.get("/api/library/book/999/title/")).status).toBe(404);
    expect((await http.get("/api/library/book/1/title/")).data).toEqual({ title: "Dune" });
  });

  it("puts reverse relations before forward many-to-many keys, as the original's JSON does", async () => {
    await Tag.objects.create({ label: "sf" });
    const book = await http.get("/api/library/book/1/");
    expect(Object.keys(book.data)).toEqual(["id", "title", "year", "published", "reviewCount", "review_set", "tags"]);
    expect(book.data.review_set).toBe("/api/library/book/1/review_set/");
    expect(book.data.tags).toBe("/api/library/book/1/tags/");
  });
});
