import { describe, expect, it } from "vitest";
import {
  CASCADE, CharField, FieldError, ForeignKey, getBackend, hasRelated, IntegrityError, InvalidOperation, Model, ModelTypeError, ObjectDoesNotExist,
  OneToOneField, Q, SET_NULL, type Manager, type Related, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Reporter extends Model("rel", {
  first_name: CharField({ maxLength: 30 }),
  last_name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Reporter>;
  declare article_set: RelatedManager<Article>;
  declare edited: RelatedManager<Article>;
  declare profile: Related<Profile>;
  override toString() { return `${this.first_name} ${this.last_name}`; }
}

class Article extends Model("rel", {
  headline: CharField({ maxLength: 100 }),
  reporter: ForeignKey(() => Reporter, { onDelete: CASCADE, null: true }),
  editor: ForeignKey("rel.Reporter", { onDelete: SET_NULL, null: true, relatedName: "edited", relatedQueryName: "edited_article" }),
  section: ForeignKey("Section", { onDelete: CASCADE, null: true, relatedName: "+" }),
}, { ordering: ["headline"] }) {
  declare static objects: Manager<Article>;
  override toString() { return this.headline; }
}

/** Declared after Article, which names it by string. */
class Section extends Model("rel", {
  title: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Section>;
}

class Category extends Model("rel", {
  name: CharField({ maxLength: 30 }),
  parent: ForeignKey("self", { onDelete: CASCADE, null: true, relatedName: "children" }),
}) {
  declare static objects: Manager<Category>;
  declare children: RelatedManager<Category>;
}

class Profile extends Model("rel", {
  reporter: OneToOneField(() => Reporter, { onDelete: CASCADE }),
  bio: CharField({ maxLength: 100, blank: true }),
}) {
  declare static objects: Manager<Profile>;
}

class Required extends Model("rel", {
  reporter: ForeignKey(() => Reporter, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Required>;
}

useTestDatabase([Reporter, Article, Section, Category, Profile, Required]);

const names = (objects: object[]) => objects.map(String);

async function columnsExist(table: string, columns: string[]): Promise<boolean> {
  const backend = getBackend();
  const q = backend.ops.quoteName;
  await backend.query(`SELECT ${columns.map(q).join(", ")} FROM ${q(table)} WHERE 1 = 0`, []);
  return true;
}

describe(dbName("foreign keys and one-to-ones"), () => {
  it("follow Django's table and column names", async () => {
    const backend = getBackend();
    const tables = (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0]));
    expect(tables).toEqual(expect.arrayContaining(["rel_reporter", "rel_article", "rel_section", "rel_category", "rel_profile"]));
    expect(await columnsExist("rel_article", ["id", "headline", "reporter_id", "editor_id", "section_id"])).toBe(true);
    await expect(columnsExist("rel_article", ["reporter"])).rejects.toThrow();
    expect(Article.meta.getField("reporter")).toMatchObject({ attname: "reporter_id", column: "reporter_id" });
  });

  it("resolve targets given by thunk, 'app.Model', 'Model' and 'self'", () => {
    const target = (name: string) => (Article.meta.getField(name) as { remote: { label: string } }).remote.label;
    expect(target("reporter")).toBe("rel.Reporter");
    expect(target("editor")).toBe("rel.Reporter");
    expect(target("section")).toBe("rel.Section");
    expect((Category.meta.getField("parent") as { remote: { label: string } }).remote.label).toBe("rel.Category");
  });

  it("forward access is awaitable, cached, and the key is on <name>_id", async () => {
    const r = await Reporter.objects.create({ first_name: "John", last_name: "Smith" });
    const a = await Article.objects.create({ headline: "First", reporter: r });
    expect(a.reporter_id).toBe(r.id);
    const fresh = await Article.objects.get({ pk: a.id });
    expect(fresh.reporter_id).toBe(r.id);
    const loaded = await fresh.reporter;
    expect(String(loaded)).toBe("John Smith");
    expect(await fresh.reporter).toBe(loaded);
    const none = await Article.objects.create({ headline: "Orphan" });
    expect(await none.reporter).toBeNull();
    expect(none.reporter_id).toBeNull();
  });

  it("assigning an instance sets the key; assigning the key drops the stale cache", async () => {
    const r1 = await Reporter.objects.create({ first_name: "A", last_name: "One" });
    const r2 = await Reporter.objects.create({ first_name: "B", last_name: "Two" });
    const a = await Article.objects.create({ headline: "Switch", reporter: r1 });
    a.reporter = r2;
    expect(a.reporter_id).toBe(r2.id);
    await a.save();
    expect((await Article.objects.get({ pk: a.id })).reporter_id).toBe(r2.id);
    a.reporter_id = r1.id;
    expect(String(await a.reporter)).toBe("A One");
    a.reporter = null;
    expect(a.reporter_id).toBeNull();
    await a.save();
    expect((await Article.objects.get({ pk: a.id })).reporter_id).toBeNull();
  });

  it("refuses an instance of the wrong model", async () => {
    const s = await Section.objects.create({ title: "News" });
    const a = new Article({ headline: "x" });
    expect(() => { (a as { reporter: unknown }).reporter = s; })
      .toThrow(new InvalidOperation(`Cannot assign "<Section: Section object (${s.id})>": "Article.reporter" must be a "Reporter" instance.`));
  });

  it("a key to a missing row is an IntegrityError and nothing is written", async () => {
    const before = await Article.objects.count();
    await expect(Article.objects.create({ headline: "Ghost", reporter_id: 9999 })).rejects.toBeInstanceOf(IntegrityError);
    expect(await Article.objects.count()).toBe(before);
  });

  it("saving with an unsaved related object fails and writes nothing", async () => {
    const unsaved = new Reporter({ first_name: "Not", last_name: "Saved" });
    const before = await Article.objects.count();
    const a = new Article({ headline: "Lost", reporter: unsaved });
    await expect(a.save()).rejects.toThrow(new InvalidOperation("save() prohibited to prevent data loss due to unsaved related object 'reporter'."));
    expect(await Article.objects.count()).toBe(before);
    expect(a.id).toBeNull();
    // Saving the related object first makes it work, picking up its new key.
    await unsaved.save();
    await a.save();
    expect(a.reporter_id).toBe(unsaved.id);
  });

  it("default reverse names: <model>_set and <model> for one-to-one", async () => {
    const r = await Reporter.objects.create({ first_name: "Rev", last_name: "Erse" });
    await Article.objects.create({ headline: "R1", reporter: r });
    await Article.objects.create({ headline: "R2", reporter: r });
    expect(names(await r.article_set.all())).toEqual(["R1", "R2"]);
    expect((await Reporter.objects.filter({ article__headline: "R2" })).map((x) => x.id)).toEqual([r.id]);
  });

  it("relatedName and relatedQueryName rename the reverse accessor and lookup", async () => {
    const ed = await Reporter.objects.create({ first_name: "Ed", last_name: "Itor" });
    await Article.objects.create({ headline: "Edited", editor: ed });
    expect(names(await ed.edited.all())).toEqual(["Edited"]);
    expect((await Reporter.objects.get(Q({ edited_article__headline: "Edited" }))).id).toBe(ed.id);
    const parent = await Category.objects.create({ name: "root" });
    await Category.objects.create({ name: "leaf", parent });
    expect((await parent.children.all()).map((c) => c.name)).toEqual(["leaf"]);
    expect((await Category.objects.get({ children__name: "leaf" })).name).toBe("root");
  });

  it("a relatedName ending in + hides the reverse side", async () => {
    const s = await Section.objects.create({ title: "Hidden" });
    expect("article_set" in s).toBe(false);
    // As in Django, filter() itself raises (before any query).
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Section.objects.filter({ article__headline: "x" }))
      .toThrow(new FieldError("Cannot resolve keyword 'article' into field. Choices are: id, title"));
  });

  it("reverse one-to-one: awaitable, DoesNotExist, hasRelated, assignment", async () => {
    const r = await Reporter.objects.create({ first_name: "Pro", last_name: "File" });
    await expect(r.profile).rejects.toBeInstanceOf(Profile.DoesNotExist);
    await expect(r.profile).rejects.toBeInstanceOf(ObjectDoesNotExist);
    await expect(r.profile).rejects.toThrow("Reporter has no profile.");
    expect(await hasRelated(r, "profile")).toBe(false);
    const p = await Profile.objects.create({ reporter: r, bio: "hi" });
    const again = await Reporter.objects.get({ pk: r.id });
    expect((await again.profile).id).toBe(p.id);
    expect(await hasRelated(again, "profile")).toBe(true);
    // The one-to-one caches both ways.
    const loaded = await again.profile;
    expect(await loaded.reporter).toBe(again);

    const other = await Reporter.objects.create({ first_name: "Oth", last_name: "Er" });
    const p2 = new Profile({ bio: "moved" });
    other.profile = p2;
    expect(p2.reporter_id).toBe(other.id);
    await p2.save();
    expect((await Profile.objects.get({ reporter: other })).bio).toBe("moved");
    expect(() => { (other as { profile: unknown }).profile = r; }).toThrow(InvalidOperation);
  });

  it("one-to-one is unique", async () => {
    const r = await Reporter.objects.create({ first_name: "Uni", last_name: "Que" });
    await Profile.objects.create({ reporter: r });
    await expect(Profile.objects.create({ reporter: r })).rejects.toBeInstanceOf(IntegrityError);
  });
});

describe(dbName("reverse foreign key managers"), () => {
  it("all, filter, exclude, count, create", async () => {
    const r = await Reporter.objects.create({ first_name: "Man", last_name: "Ager" });
    const other = await Reporter.objects.create({ first_name: "Oth", last_name: "Er" });
    await Article.objects.create({ headline: "Other's", reporter: other });
    const made = await r.article_set.create({ headline: "M1" });
    expect(made.reporter_id).toBe(r.id);
    expect(String(await made.reporter)).toBe("Man Ager");
    await r.article_set.create({ headline: "M2" });
    await r.article_set.create({ headline: "X3" });
    expect(await r.article_set.count()).toBe(3);
    expect(names(await r.article_set.filter({ headline__startswith: "M" }))).toEqual(["M1", "M2"]);
    expect(names(await r.article_set.exclude({ headline__startswith: "M" }))).toEqual(["X3"]);
    expect(names(await r.article_set.all().orderBy("-headline"))).toEqual(["X3", "M2", "M1"]);
    expect(await r.article_set.filter({ headline: "Other's" }).exists()).toBe(false);
  });

  it("add, remove, clear and set change keys (and need null=True to unlink)", async () => {
    const r = await Reporter.objects.create({ first_name: "Set", last_name: "Ter" });
    const a1 = await Article.objects.create({ headline: "S1" });
    const a2 = await Article.objects.create({ headline: "S2" });
    const a3 = await Article.objects.create({ headline: "S3" });
    await r.article_set.add(a1, a2);
    expect(a1.reporter_id).toBe(r.id);
    expect(names(await r.article_set.all())).toEqual(["S1", "S2"]);
    await r.article_set.remove(a1);
    expect(a1.reporter_id).toBeNull();
    // An object that is not in the set is refused, and left alone.
    await expect(r.article_set.remove(a3)).rejects.toBeInstanceOf(Reporter.DoesNotExist);
    await expect(r.article_set.remove(a3)).rejects.toThrow("<Article: S3> is not related to <Reporter: Set Ter>.");
    expect(names(await r.article_set.all())).toEqual(["S2"]);
    await r.article_set.set([a1, a3]);
    expect(names(await r.article_set.all())).toEqual(["S1", "S3"]);
    expect((await Article.objects.get({ pk: a2.id })).reporter_id).toBeNull();
    await r.article_set.clear();
    expect(await r.article_set.count()).toBe(0);
    expect(await Article.objects.filter({ headline__in: ["S1", "S2", "S3"] }).count()).toBe(3);

    const unsaved = new Article({ headline: "U" });
    await expect(r.article_set.add(unsaved))
      .rejects.toThrow(new InvalidOperation("<Article: U> instance isn't saved. Use bulk=False or save the object first."));
    await expect(r.article_set.add(r as never))
      .rejects.toThrow(new ModelTypeError("'Article' instance expected, got <Reporter: Set Ter>"));
    await expect(r.article_set.remove(r as never))
      .rejects.toThrow(new ModelTypeError("'Article' instance expected, got <Reporter: Set Ter>"));
    const req = await Required.objects.create({ reporter: r });
    const manager = (r as unknown as { required_set: RelatedManager<Required, "reporter"> }).required_set;
    // Django defines remove() and clear() only when the foreign key is nullable.
    // @ts-expect-error -- no remove() on the reverse side of a non-null foreign key
    expect(manager.remove).toBeUndefined();
    // @ts-expect-error -- no clear() either
    expect(manager.clear).toBeUndefined();
    expect(await manager.count()).toBe(1);
    // With a non-null key, set() only adds (as Django): the others keep pointing here.
    const other = await Reporter.objects.create({ first_name: "Ot", last_name: "Her" });
    const moved = await Required.objects.create({ reporter: other });
    await manager.set([moved]);
    expect((await manager.all()).map((x) => x.id).sort()).toEqual([req.id, moved.id].sort());
  });

  it("an unsaved instance has no usable related manager", async () => {
    const r = new Reporter({ first_name: "No", last_name: "Key" });
    expect(() => r.article_set.all())
      .toThrow(new InvalidOperation("'Reporter' instance needs to have a primary key value before this relationship can be used."));
  });

  it("direct assignment to the reverse side is refused", () => {
    const r = new Reporter({ first_name: "a", last_name: "b" });
    expect(() => { (r as { article_set: unknown }).article_set = []; }).toThrow(TypeError);
  });
});
