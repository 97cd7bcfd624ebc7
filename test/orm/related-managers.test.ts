import { describe, expect, expectTypeOf, it } from "vitest";
import {
  CASCADE, CharField, ForeignKey, InvalidOperation, ManyToManyField, Model, ModelTypeError, SET_NULL,
  type Manager, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Django's many_to_one and many_to_many models, side by side.
class Reporter extends Model("relmgr", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Reporter>;
  declare article_set: RelatedManager<Article, "reporter">;
  declare edited: RelatedManager<Article, "editor">;
}

class Publication extends Model("relmgr", {
  title: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Publication>;
}

class Article extends Model("relmgr", {
  headline: CharField({ maxLength: 100 }),
  reporter: ForeignKey(() => Reporter, { onDelete: CASCADE }),
  editor: ForeignKey(() => Reporter, { onDelete: SET_NULL, null: true, relatedName: "edited" }),
  publications: ManyToManyField(() => Publication),
}, { ordering: ["headline"] }) {
  declare static objects: Manager<Article>;
  override toString() { return this.headline; }
}

useTestDatabase([Reporter, Publication, Article]);

const headlines = (articles: Article[]) => articles.map((a) => a.headline);

describe(dbName("related managers"), () => {
  it("test_set (many_to_many): set() takes a queryset and evaluates it first", async () => {
    const p1 = await Publication.objects.create({ title: "The Python Journal" });
    const p2 = await Publication.objects.create({ title: "Science News" });
    const r = await Reporter.objects.create({ name: "m2m" });
    const a = await Article.objects.create({ headline: "Django lets you build web apps", reporter: r });
    await a.publications.set(Publication.objects.filter({ pk__in: [p1.pk, p2.pk] }));
    expect((await a.publications.all()).map((p) => p.title).sort()).toEqual(["Science News", "The Python Journal"]);
    await a.publications.set(Publication.objects.filter({ title: "Science News" }));
    expect((await a.publications.all()).map((p) => p.title)).toEqual(["Science News"]);
  });

  it("test_set (many_to_one): reverse foreign-key set() takes a queryset", async () => {
    const r1 = await Reporter.objects.create({ name: "set a" });
    const r2 = await Reporter.objects.create({ name: "set b" });
    const x = await Article.objects.create({ headline: "x", reporter: r1, editor: r1 });
    const y = await Article.objects.create({ headline: "y", reporter: r1 });
    await r2.edited.set(Article.objects.filter({ pk__in: [x.pk, y.pk] }));
    expect(headlines(await r2.edited.all())).toEqual(["x", "y"]);
    await r1.edited.set(Article.objects.filter({ headline: "y" }));
    expect(headlines(await r1.edited.all())).toEqual(["y"]);
    expect(headlines(await r2.edited.all())).toEqual(["x"]);
    // A non-null key only adds.
    await r2.article_set.set(Article.objects.filter({ headline: "x" }));
    expect(headlines(await r2.article_set.all())).toEqual(["x"]);
  });

  it("test_add_then_remove_after_prefetch / bulk=False: add(obj, { bulk: false }) saves an unsaved object", async () => {
    const r = await Reporter.objects.create({ name: "bulk" });
    const other = await Reporter.objects.create({ name: "other" });
    const unsaved = new Article({ headline: "unsaved", reporter: other });
    await expect(r.article_set.add(unsaved)).rejects.toThrow(
      new InvalidOperation("<Article: unsaved> instance isn't saved. Use bulk=False or save the object first."),
    );
    expect(unsaved.pk).toBeNull();
    await r.article_set.add(unsaved, { bulk: false });
    expect(unsaved.pk).not.toBeNull();
    expect(unsaved.reporter_id).toBe(r.pk);
    expect(headlines(await r.article_set.all())).toEqual(["unsaved"]);
  });

  it("test_remove_clear_only_with_null: a reverse manager of a non-null foreign key has no remove() or clear()", async () => {
    const r = await Reporter.objects.create({ name: "no remove" });
    // @ts-expect-error -- Article.reporter is not nullable: no remove()
    expect(r.article_set.remove).toBeUndefined();
    // @ts-expect-error -- nor clear()
    expect(r.article_set.clear).toBeUndefined();
    expect("remove" in r.article_set).toBe(false);
    expect(typeof r.edited.remove).toBe("function");
    expect(typeof r.edited.clear).toBe("function");
    expectTypeOf(r.edited.remove).toBeFunction();
  });

  it("test_add_invalid (many_to_many): a value that is not a key gives Django's message", async () => {
    const r = await Reporter.objects.create({ name: "invalid" });
    const a = await Article.objects.create({ headline: "invalid pubs", reporter: r });
    await expect(a.publications.add("invalid")).rejects.toThrow(new InvalidOperation("Field 'id' expected a number but got 'invalid'."));
    expect(await a.publications.count()).toBe(0);
  });

  it("test_add_wrong_type / test_reverse_add_pk: wrong instances and bare keys are TypeErrors", async () => {
    const r = await Reporter.objects.create({ name: "types" });
    const a = await Article.objects.create({ headline: "typed", reporter: r });
    const error = await r.article_set.add(r as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe(`'Article' instance expected, got <Reporter: Reporter object (${r.pk})>`);
    await expect(r.article_set.add(a.pk as never)).rejects.toThrow(new ModelTypeError(`'Article' instance expected, got ${a.pk}`));
    await expect(a.publications.add(r)).rejects.toBeInstanceOf(TypeError);
  });
});
