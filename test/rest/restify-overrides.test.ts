import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuerySet } from "torest";
import {
  ManyToManyListView,
  ModelViewSet,
  OneToManyListView,
  PermissionDenied,
  RestResponse,
  restifyApp,
  type ModelInstance,
  type RestRequest,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Book, Review, Tag, models } from "./fixtures/library-models.js";

useTestDatabase(models);

const calls: string[] = [];

/** DRF-style overrides, each calling the default through `super`. */
class BookViewSet extends ModelViewSet {
  override getQueryset(): QuerySet<any> {
    return super.getQueryset().filter({ year__gte: 1900 });
  }

  override async getObject(): Promise<ModelInstance> {
    calls.push(`getObject ${this.request.params.pk}`);
    return super.getObject();
  }

  override async list(request: RestRequest): Promise<RestResponse> {
    const response = await super.list(request);
    response.headers["x-count"] = String((response.data as unknown[]).length);
    return response;
  }

  override async retrieve(request: RestRequest): Promise<RestResponse> {
    const response = await super.retrieve(request);
    return new RestResponse({ ...(response.data as object), action: this.action });
  }

  override performCreate(validated: Record<string, unknown>): Promise<ModelInstance> {
    return super.performCreate({ ...validated, title: String(validated.title).toUpperCase() });
  }

  override async performUpdate(instance: ModelInstance, validated: Record<string, unknown>): Promise<void> {
    calls.push("performUpdate");
    await super.performUpdate(instance, validated);
  }

  override async partialUpdate(request: RestRequest): Promise<RestResponse> {
    calls.push("partialUpdate");
    return super.partialUpdate(request);
  }

  override async update(request: RestRequest, partial = false): Promise<RestResponse> {
    calls.push(`update partial=${partial}`);
    return super.update(request, partial);
  }

  override async performDestroy(instance: ModelInstance): Promise<void> {
    if ((instance.year as number) < 2000) throw new PermissionDenied("Classics stay.");
    await super.performDestroy(instance);
  }

  override async destroy(request: RestRequest): Promise<RestResponse> {
    calls.push("destroy");
    return super.destroy(request);
  }

  override async create(request: RestRequest): Promise<RestResponse> {
    const response = await super.create(request);
    response.headers.location = `/api/library/book/${(response.data as { id: number }).id}/`;
    return response;
  }
}

describe(dbName("viewset overrides with super (DRF's ModelViewSet methods) on model and nested routes"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      models: [
        [Book, {
          customViewParams: { viewset: BookViewSet },
          nestedViews: {
            // django-to-rest's nested list replaced by name: only good reviews.
            review_set: { list: class extends OneToManyListView {
              override getQueryset(): QuerySet<any> {
                return super.getQueryset().filter({ stars__gte: 3 });
              }
            } },
            tags: { list: class extends ManyToManyListView {
              override async create(request: RestRequest): Promise<RestResponse> {
                const response = await super.create(request);
                response.headers["x-linked"] = "yes";
                return response;
              }
            } },
          },
        }],
        Review,
        Tag,
      ],
    }));
    const old = await Book.objects.create({ title: "Old", year: 1850 });
    const dune = await Book.objects.create({ title: "Dune", year: 1965 });
    await Book.objects.create({ title: "New", year: 2020 });
    await Review.objects.create({ book: dune, stars: 5 });
    await Review.objects.create({ book: dune, stars: 1 });
    await Review.objects.create({ book: old, stars: 4 });
    await Tag.objects.create({ label: "sf" });
  });
  afterAll(() => http.close());

  it("narrows list and detail with getQueryset, and extends list and retrieve through super", async () => {
    const list = await http.get("/api/library/book/");
    expect(list.data.map((b: { title: string }) => b.title)).toEqual(["Dune", "New"]);
    expect(list.headers["x-count"]).toBe("2");
    expect((await http.get("/api/library/book/1/")).status).toBe(404);
    const dune = await http.get("/api/library/book/2/");
    expect(dune.data).toMatchObject({ title: "Dune", action: "retrieve" });
    expect(calls).toContain("getObject 2");
  });

  it("changes what is saved in performCreate and adds headers in create", async () => {
    const created = await http.send("POST", "/api/library/book/", { title: "small", year: 2001 });
    expect(created.status).toBe(201);
    expect(created.data.title).toBe("SMALL");
    expect(created.headers.location).toBe(`/api/library/book/${created.data.id}/`);
  });

  it("runs update, partialUpdate and performUpdate overrides in DRF's order", async () => {
    calls.length = 0;
    expect((await http.send("PATCH", "/api/library/book/3/", { year: 2021 })).data.year).toBe(2021);
    expect(calls).toEqual(["partialUpdate", "update partial=true", "getObject 3", "performUpdate"]);
    calls.length = 0;
    expect((await http.send("PUT", "/api/library/book/3/", { title: "Newer", year: 2022 })).status).toBe(200);
    expect(calls).toEqual(["update partial=false", "getObject 3", "performUpdate"]);
  });

  it("refuses in performDestroy and rolls back, deletes through super otherwise", async () => {
    const refused = await http.send("DELETE", "/api/library/book/2/");
    expect(refused.status).toBe(403);
    expect(refused.data).toEqual({ detail: "Classics stay." });
    expect(await Book.objects.filter({ pk: 2 }).exists()).toBe(true);
    expect((await http.send("DELETE", "/api/library/book/3/")).status).toBe(204);
    expect(calls).toContain("destroy");
  });

  it("replaces django-to-rest's nested list and many-to-many views by accessor name", async () => {
    const reviews = await http.get("/api/library/book/2/review_set/");
    expect(reviews.data.map((r: { stars: number }) => r.stars)).toEqual([5]);
    const linked = await http.send("POST", "/api/library/book/2/tags/", { tag: 1 });
    expect(linked.status).toBe(201);
    expect(linked.headers["x-linked"]).toBe("yes");
    expect((await http.get("/api/library/book/2/tags/")).data).toEqual([{ id: 1, book: 2, tag: 1 }]);
  });
});

describe("nestedViews are checked", () => {
  it("names the unknown nested route and the choices", () => {
    expect(() => restifyApp("api", { only: true, models: [[Book, { nestedViews: { reviews: {} } }], Review, Tag] })).toThrow(
      '@restifyModel nestedViews of library.Book names "reviews", which is not one of its nested routes. Choices are: review_set, tags.',
    );
  });
});
