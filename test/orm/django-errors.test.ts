import { describe, expect, it } from "vitest";
import {
  CASCADE, CharField, DateTimeField, FieldError, ForeignKey, IntegrityError, ManyToManyField, Model, OneToOneField,
  PROTECT, ProtectedError, RESTRICT, RestrictedError, type Manager, type Related, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Django's delete tests: P <- R (CASCADE) <- A.protect (PROTECT) / A.restrict (RESTRICT).
class P extends Model("djerr", {}) {
  declare static objects: Manager<P>;
}
class R extends Model("djerr", {
  p: ForeignKey(() => P, { onDelete: CASCADE, null: true }),
}) {
  declare static objects: Manager<R>;
}
class A extends Model("djerr", {
  name: CharField({ maxLength: 30 }),
  protect: ForeignKey(() => R, { onDelete: PROTECT, null: true, relatedName: "protected_by" }),
  restrict: ForeignKey(() => R, { onDelete: RESTRICT, null: true, relatedName: "restricted_by" }),
}) {
  declare static objects: Manager<A>;
}

// Django's lookup tests: Author, Article (pub_date, author), Tag (articles).
class Author extends Model("djerr", {
  name: CharField({ maxLength: 100 }),
}) {
  declare static objects: Manager<Author>;
  declare article_set: RelatedManager<Article>;
}
class Article extends Model("djerr", {
  headline: CharField({ maxLength: 100 }),
  pub_date: DateTimeField({ null: true }),
  author: ForeignKey(() => Author, { onDelete: CASCADE, null: true }),
}) {
  declare static objects: Manager<Article>;
}
class Tag extends Model("djerr", {
  articles: ManyToManyField(() => Article),
  name: CharField({ maxLength: 100 }),
}) {
  declare static objects: Manager<Tag>;
}

// Django's one_to_one: a restaurant whose primary key is its place.
class Place extends Model("djerr", {
  name: CharField({ maxLength: 50 }),
}) {
  declare static objects: Manager<Place>;
  declare restaurant: Related<Restaurant>;
}
class Restaurant extends Model("djerr", {
  place: OneToOneField(() => Place, { onDelete: CASCADE, primaryKey: true }),
}) {
  declare static objects: Manager<Restaurant>;
}

useTestDatabase([P, R, A, Author, Article, Tag, Place, Restaurant]);

/** The TypeError `fn` throws (Django raises TypeError here), by message. */
const typeError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error("expected a TypeError");
};

const fieldError = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(FieldError);
    return (error as Error).message;
  }
  throw new Error("expected a FieldError");
};

describe(dbName("deletion errors (Django's delete tests)"), () => {
  it("test_protect_path: a PROTECT reached through a cascade names the deleted model and the cascade's key", async () => {
    const p = await P.objects.create();
    const r = await R.objects.create({ p });
    await A.objects.create({ name: "protect", protect: r });
    const error = await p.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProtectedError);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toBe("Cannot delete some instances of model 'P' because they are referenced through protected foreign keys: 'R.p'.");
    expect(await P.objects.filter({ pk: p.pk }).exists()).toBe(true);
    await A.objects.all().delete();
  });

  it("test_protect: a direct PROTECT names the model and the protecting key", async () => {
    const r = await R.objects.create();
    await A.objects.create({ name: "protect", protect: r });
    const error = await r.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toBe("Cannot delete some instances of model 'R' because they are referenced through protected foreign keys: 'A.protect'.");
    await A.objects.all().delete();
  });

  it("test_restrict_path_cascade_indirect: RESTRICT through a cascade names the deleted model and the restricting key", async () => {
    const p = await P.objects.create();
    const r = await R.objects.create({ p });
    await A.objects.create({ name: "restrict", restrict: r });
    const error = await p.delete().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestrictedError);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as Error).message).toBe("Cannot delete some instances of model 'P' because they are referenced through restricted foreign keys: 'A.restrict'.");
    await A.objects.all().delete();
  });
});

describe(dbName("TypeError where Django raises TypeError"), () => {
  it("test_cannot_specify_unknown_keyword / direct assignment / onDelete", async () => {
    expect(typeError(() => new Author({ name: "x", nope: 1 } as never))).toBe("Author() got unexpected keyword arguments: 'nope'");
    const author = await Author.objects.create({ name: "assign" });
    expect(typeError(() => { (author as { article_set: unknown }).article_set = []; }))
      .toBe("Direct assignment to the reverse side of a related set is prohibited. Use article_set.set() instead.");
    expect(typeError(() => new Tag({ articles: [] } as never)))
      .toBe("Direct assignment to the forward side of a many-to-many set is prohibited. Use articles.set() instead.");
    expect(() => ForeignKey(() => Author, { onDelete: "CASCADE" as never })).toThrow(TypeError);
    expect(() => ForeignKey(() => Author, { onDelete: { kind: "NOPE" } as never })).toThrow(TypeError);
  });
});

describe(dbName("FieldError wording (Django's lookup tests)"), () => {
  it("test_lookup_with_invalid_field: choices list attnames and reverse query names", () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ nope: 1 })))
      .toBe("Cannot resolve keyword 'nope' into field. Choices are: author, author_id, headline, id, pub_date, tag");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Author.objects.filter({ nope: 1 })))
      .toBe("Cannot resolve keyword 'nope' into field. Choices are: article, id, name");
  });

  it("test_unsupported_lookups: close matches are suggested", () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ headline__starts: "Article" })))
      .toBe("Unsupported lookup 'starts' for CharField or join on the field not permitted, perhaps you meant startswith or istartswith?");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ headline__is_null: true })))
      .toBe("Unsupported lookup 'is_null' for CharField or join on the field not permitted, perhaps you meant isnull?");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ pub_date__gobbledygook: "blahblah" })))
      .toBe("Unsupported lookup 'gobbledygook' for DateTimeField or join on the field not permitted.");
  });

  it("test_unsupported_lookups: several unknown parts are named together", () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ pub_date__gt__foo: "blahblah" })))
      .toBe("Unsupported lookup 'gt__foo' for DateTimeField or join on the field not permitted, perhaps you meant gt or gte?");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ headline__blahblah__exact: "x" })))
      .toBe("Unsupported lookup 'blahblah__exact' for CharField or join on the field not permitted.");
  });

  it("test_relation_nested_lookup_error: an unknown name after a relation", () => {
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Article.objects.filter({ author__editor__name: "James" })))
      .toBe("Unsupported lookup 'editor__name' for ForeignKey or join on the field not permitted.");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(fieldError(() => Tag.objects.filter({ articles__foo: "bar" })))
      .toBe("Unsupported lookup 'foo' for ForeignKey or join on the field not permitted.");
  });

  it("test_filter_pk_with_one_to_one_instance: pk__exact takes the model's own instance when its key is a one-to-one", async () => {
    const place = await Place.objects.create({ name: "Demon Dogs" });
    const restaurant = await Restaurant.objects.create({ place });
    const found = await Restaurant.objects.filter({ pk__exact: restaurant });
    expect(found.map((r) => r.pk)).toEqual([place.pk]);
    expect((await Restaurant.objects.filter({ pk: restaurant })).length).toBe(1);
    expect((await Restaurant.objects.filter({ pk__in: [restaurant] })).length).toBe(1);
    expect((await Restaurant.objects.filter({ pk: place })).length).toBe(1);
  });
});
