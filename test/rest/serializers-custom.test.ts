import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CharField,
  IntegerField,
  ModelSerializer,
  ModelViewSet,
  NestedSerializer,
  QueryParameterVersioning,
  Serializer,
  SerializerMethodField,
  ValidationError,
  restifyApp,
  type RenderContext,
  type SerializerClass,
} from "torest/rest";
import { dbName, useTestDatabase } from "../support/db.js";
import { serveHttp, type HttpClient } from "./fixtures/http-client.js";
import { Book, Review, models } from "./fixtures/library-models.js";

useTestDatabase(models);

class ReviewSerializer extends ModelSerializer {
  static override Meta = { model: Review, fields: ["id", "stars"] };
}

/** DRF's ModelSerializer, written by hand: declared, method and nested fields, hooks, overrides. */
class BookSerializer extends ModelSerializer {
  static override Meta = { model: Book, fields: ["id", "title", "year", "label", "reviews", "version"], readOnlyFields: ["id"] };
  label = new SerializerMethodField();
  reviews = new NestedSerializer(ReviewSerializer, { many: true, source: "review_set" });
  version = new SerializerMethodField({ methodName: "apiVersion" });

  async getLabel(book: Book) {
    return `${book.title} (${book.year}), ${await book.review_set.count()} reviews`;
  }

  apiVersion() {
    return this.context.request?.version ?? null;
  }

  validateTitle(value: string) {
    if (value.toLowerCase().includes("draft")) throw new ValidationError("Drafts are not books.");
    return value.trim();
  }

  override validate(attrs: Record<string, unknown>) {
    if (attrs.title === "Future" && (attrs.year as number) < 2100) throw new ValidationError("The future is later.");
    return attrs;
  }

  override async create(validated: Record<string, unknown>) {
    return super.create({ ...validated, title: `${validated.title as string}!` });
  }

  override toRepresentation(instance: Record<string, unknown>, context: RenderContext) {
    const data = super.toRepresentation(instance, context);
    return Promise.resolve(data).then((d) => ({ ...d, kind: "book" }));
  }
}

/** DRF's plain Serializer: declared fields only, create written by hand. */
class BookInputSerializer extends Serializer {
  title = new CharField({ maxLength: 10 });
  year = new IntegerField({ minValue: 0 });

  override async create(validated: Record<string, unknown>) {
    return Book.objects.create(validated);
  }
}

/** DRF's get_serializer_class: version 2 clients get the plain serializer. */
class VersionedBooks extends ModelViewSet {
  override getSerializerClass(): SerializerClass | undefined {
    return this.request.version === "2" ? BookInputSerializer : super.getSerializerClass();
  }
}

describe(dbName("user-written serializers (DRF's Serializer and ModelSerializer)"), () => {
  let http: HttpClient;
  beforeAll(async () => {
    http = await serveHttp(restifyApp("api", {
      only: true,
      settings: { versioning: new QueryParameterVersioning() },
      models: [[Book, { customViewParams: { serializerClass: BookSerializer, viewset: VersionedBooks } }], Review],
    }));
    const dune = await Book.objects.create({ title: "Dune", year: 1965 });
    await Review.objects.create({ book: dune, stars: 5 });
    await Review.objects.create({ book: dune, stars: 3 });
  });
  afterAll(() => http.close());

  it("renders Meta.fields in order, method fields (awaited), nested serializers and toRepresentation additions", async () => {
    const one = await http.get("/api/library/book/1/?version=1");
    expect(one.data).toEqual({
      id: 1,
      title: "Dune",
      year: 1965,
      label: "Dune (1965), 2 reviews",
      reviews: [{ id: 1, stars: 5 }, { id: 2, stars: 3 }],
      version: "1",
      kind: "book",
    });
    expect(Object.keys(one.data)).toEqual(["id", "title", "year", "label", "reviews", "version", "kind"]);
  });

  it("runs validate<Field> and validate(attrs) hooks with DRF's error shapes", async () => {
    const field = await http.send("POST", "/api/library/book/", { title: "My draft", year: 2000 });
    expect(field.status).toBe(400);
    expect(field.data).toEqual({ title: ["Drafts are not books."] });
    const object = await http.send("POST", "/api/library/book/", { title: "Future", year: 2000 });
    expect(object.data).toEqual({ non_field_errors: ["The future is later."] });
    // Field errors come first; hooks are not run for fields that failed.
    expect((await http.send("POST", "/api/library/book/", { title: "X" })).data).toEqual({ year: ["This field is required."] });
    expect(await Book.objects.count()).toBe(1);
  });

  it("saves through an overridden create, and reports read-only fields in OPTIONS", async () => {
    const created = await http.send("POST", "/api/library/book/", { title: " Emma ", year: 1815, label: "ignored" });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({ title: "Emma!", year: 1815, label: "Emma! (1815), 0 reviews", reviews: [] });
    const options = await http.send("OPTIONS", "/api/library/book/");
    expect(Object.keys(options.data.actions.POST)).toEqual(["id", "title", "year", "label", "reviews", "version"]);
    expect(options.data.actions.POST.label.read_only).toBe(true);
  });

  it("derives no default filter, search or ordering fields with a custom serializer class, as the original", async () => {
    expect((await http.get("/api/library/book/?title=Dune")).data).toHaveLength(2);
    expect((await http.get("/api/library/book/?search=Emma")).data).toHaveLength(2);
    expect((await http.get("/api/library/book/?ordering=-id")).data.map((b: { id: number }) => b.id)).toEqual([1, 2]);
  });

  it("chooses the serializer per request with getSerializerClass, a plain Serializer creating", async () => {
    const created = await http.send("POST", "/api/library/book/?version=2", { title: "Plain", year: 2001 });
    expect(created.status).toBe(201);
    expect(created.data).toEqual({ title: "Plain", year: 2001 });
    const tooLong = await http.send("POST", "/api/library/book/?version=2", { title: "Much too long", year: -1 });
    expect(tooLong.data).toEqual({ title: ["Ensure this field has no more than 10 characters."], year: ["Ensure this value is greater than or equal to 0."] });
    expect((await http.get("/api/library/book/3/?version=2")).data).toEqual({ title: "Plain", year: 2001 });
  });
});
