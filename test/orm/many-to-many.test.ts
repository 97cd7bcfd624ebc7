import { describe, expect, it } from "vitest";
import {
  captureQueries, CASCADE, CharField, DateField, FieldError, ForeignKey, getBackend, IntegrityError, InvalidOperation, ManyToManyField, ModelTypeError, Model,
  Q, type Manager, type ManyRelatedManager, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Publication extends Model("m2m", {
  title: CharField({ maxLength: 30 }),
}, { ordering: ["title"] }) {
  declare static objects: Manager<Publication>;
  declare article_set: ManyRelatedManager<Article>;
  override toString() { return this.title; }
}

class Article extends Model("m2m", {
  headline: CharField({ maxLength: 100 }),
  publications: ManyToManyField(() => Publication),
  featured_in: ManyToManyField(() => Publication, { relatedName: "featured", relatedQueryName: "featured_article", dbTable: "m2m_features" }),
}, { ordering: ["headline"] }) {
  declare static objects: Manager<Article>;
  override toString() { return this.headline; }
}

class Person extends Model("m2m", {
  name: CharField({ maxLength: 30 }),
  friends: ManyToManyField("self"),
  following: ManyToManyField("self", { symmetrical: false, relatedName: "followers" }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Person>;
  declare followers: ManyRelatedManager<Person>;
  // Declared so that reverse lookups type-check (lookup keys are typed from the instance type).
  declare groups: ManyRelatedManager<Group>;
  declare membership_set: RelatedManager<Membership>;
  override toString() { return this.name; }
}

class Group extends Model("m2m", {
  name: CharField({ maxLength: 30 }),
  members: ManyToManyField("m2m.Person", { through: "Membership", relatedName: "groups" }),
}) {
  declare static objects: Manager<Group>;
  override toString() { return this.name; }
}

class Membership extends Model("m2m", {
  person: ForeignKey(() => Person, { onDelete: CASCADE }),
  group: ForeignKey(() => Group, { onDelete: CASCADE }),
  joined: DateField({ null: true }),
}) {
  declare static objects: Manager<Membership>;
}

useTestDatabase([Publication, Article, Person, Group, Membership]);

const names = (objects: object[]) => objects.map(String);

describe(dbName("many-to-many"), () => {
  it("creates the through table <app>_<model>_<field> with <model>_id columns", async () => {
    const backend = getBackend();
    const tables = (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0]));
    expect(tables).toEqual(expect.arrayContaining(["m2m_article_publications", "m2m_person_friends", "m2m_person_following", "m2m_membership"]));
    expect(tables).not.toContain("m2m_group_members");
    const q = backend.ops.quoteName;
    await backend.query(`SELECT ${q("id")}, ${q("article_id")}, ${q("publication_id")} FROM ${q("m2m_article_publications")} WHERE 1 = 0`, []);
    await backend.query(`SELECT ${q("from_person_id")}, ${q("to_person_id")} FROM ${q("m2m_person_friends")} WHERE 1 = 0`, []);
  });

  it("add, count, all, filter, exclude on both sides", async () => {
    const p1 = await Publication.objects.create({ title: "The Python Journal" });
    const p2 = await Publication.objects.create({ title: "Science News" });
    const p3 = await Publication.objects.create({ title: "Science Weekly" });
    const a1 = await Article.objects.create({ headline: "Django lets you build web apps easily" });
    const a2 = await Article.objects.create({ headline: "NASA uses Python" });
    await a1.publications.add(p1);
    await a2.publications.add(p1, p2);
    await a2.publications.add(p3);
    await a2.publications.add(p3); // adding twice keeps one link
    expect(await a2.publications.count()).toBe(3);
    expect(names(await a1.publications.all())).toEqual(["The Python Journal"]);
    expect(names(await a2.publications.all())).toEqual(["Science News", "Science Weekly", "The Python Journal"]);
    expect(names(await p2.article_set.all())).toEqual(["NASA uses Python"]);
    expect(names(await p1.article_set.all())).toEqual(["Django lets you build web apps easily", "NASA uses Python"]);
    expect(names(await a2.publications.filter({ title__startswith: "Science" }))).toEqual(["Science News", "Science Weekly"]);
    expect(names(await a2.publications.exclude({ title__startswith: "Science" }))).toEqual(["The Python Journal"]);

    // Lookups through the relation, both ways.
    expect(names(await Article.objects.filter({ publications: p1 }))).toEqual(["Django lets you build web apps easily", "NASA uses Python"]);
    expect(names(await Article.objects.filter({ publications__title__startswith: "Science" }).distinct())).toEqual(["NASA uses Python"]);
    expect(await Article.objects.filter({ publications__title__startswith: "Science" }).count()).toBe(2);
    expect(names(await Publication.objects.filter({ article__headline__startswith: "NASA" }))).toEqual(["Science News", "Science Weekly", "The Python Journal"]);
    expect(names(await Publication.objects.filter({ article: a1 }))).toEqual(["The Python Journal"]);
  });

  it("create links the new object; remove, set and clear unlink", async () => {
    const a = await Article.objects.create({ headline: "Links" });
    const made = await a.publications.create({ title: "Highlights for Children" });
    expect(names(await a.publications.all())).toEqual(["Highlights for Children"]);
    expect(names(await made.article_set.all())).toEqual(["Links"]);
    const other = await Publication.objects.create({ title: "Other" });
    await a.publications.set([other, made]);
    expect(names(await a.publications.all())).toEqual(["Highlights for Children", "Other"]);
    await a.publications.set([other]);
    expect(names(await a.publications.all())).toEqual(["Other"]);
    await a.publications.remove(other);
    expect(await a.publications.count()).toBe(0);
    expect(await Publication.objects.filter({ pk: other.id }).exists()).toBe(true);
    await a.publications.add(other, made);
    await made.article_set.clear();
    expect(names(await a.publications.all())).toEqual(["Other"]);
    // Keys work as well as instances.
    await a.publications.add(made.id);
    expect(await a.publications.count()).toBe(2);
    await a.publications.remove(made.id);
    expect(await a.publications.count()).toBe(1);
  });

  it("reverse side add/remove/set write the same links", async () => {
    const p = await Publication.objects.create({ title: "Reverse" });
    const a1 = await Article.objects.create({ headline: "R1" });
    const a2 = await Article.objects.create({ headline: "R2" });
    await p.article_set.add(a1, a2);
    expect(names(await a1.publications.all())).toEqual(["Reverse"]);
    await p.article_set.set([a2]);
    expect(await a1.publications.count()).toBe(0);
    expect(names(await p.article_set.all())).toEqual(["R2"]);
    const created = await p.article_set.create({ headline: "R3" });
    expect(names(await created.publications.all())).toEqual(["Reverse"]);
  });

  it("refuses unsaved objects, wrong models and direct assignment", async () => {
    const a = await Article.objects.create({ headline: "Strict" });
    await expect(a.publications.add(new Publication({ title: "unsaved" })))
      .rejects.toThrow(new InvalidOperation('Cannot add "<Publication: unsaved>": the value for field "id" is None'));
    await expect(a.publications.add(a as never)).rejects.toThrow(new ModelTypeError("'Publication' instance expected, got <Article: Strict>"));
    const unsaved = new Article({ headline: "no pk" });
    expect(() => unsaved.publications.all())
      .toThrow(new InvalidOperation('"<Article: no pk>" needs to have a value for field "id" before this many-to-many relationship can be used.'));
    expect(() => { (a as { publications: unknown }).publications = []; }).toThrow(TypeError);
    expect(() => new Article({ headline: "x", publications: [] } as never))
      .toThrow("Direct assignment to the forward side of a many-to-many set is prohibited. Use publications.set() instead.");
    expect(await a.publications.count()).toBe(0);
  });

  it("adding a key that does not exist is an IntegrityError and adds nothing", async () => {
    const a = await Article.objects.create({ headline: "Dangling" });
    const p = await Publication.objects.create({ title: "Real" });
    await expect(a.publications.add(p.id, 99999)).rejects.toBeInstanceOf(IntegrityError);
    expect(await a.publications.count()).toBe(0);
  });

  it('"self" is symmetrical by default', async () => {
    const ann = await Person.objects.create({ name: "Ann" });
    const bob = await Person.objects.create({ name: "Bob" });
    const cat = await Person.objects.create({ name: "Cat" });
    await ann.friends.add(bob, cat);
    expect(names(await bob.friends.all())).toEqual(["Ann"]);
    expect(names(await ann.friends.all())).toEqual(["Bob", "Cat"]);
    expect(names(await Person.objects.filter({ friends: cat }))).toEqual(["Ann"]);
    await bob.friends.remove(ann);
    expect(names(await ann.friends.all())).toEqual(["Cat"]);
    await cat.friends.clear();
    expect(await ann.friends.count()).toBe(0);
    expect("person_set" in ann).toBe(false);
  });

  it('"self" with symmetrical: false has a separate reverse side', async () => {
    const ann = await Person.objects.create({ name: "Ann2" });
    const bob = await Person.objects.create({ name: "Bob2" });
    await ann.following.add(bob);
    expect(names(await ann.following.all())).toEqual(["Bob2"]);
    expect(await bob.following.count()).toBe(0);
    expect(names(await bob.followers.all())).toEqual(["Ann2"]);
    expect(names(await Person.objects.filter({ followers: ann }))).toEqual(["Bob2"]);
  });

  it("an explicit through model carries extra data and is queried through", async () => {
    const ringo = await Person.objects.create({ name: "Ringo" });
    const paul = await Person.objects.create({ name: "Paul" });
    const beatles = await Group.objects.create({ name: "The Beatles" });
    await Membership.objects.create({ person: ringo, group: beatles, joined: "1962-08-16" });
    await Membership.objects.create({ person: paul, group: beatles, joined: "1960-08-01" });
    expect(names(await beatles.members.all())).toEqual(["Paul", "Ringo"]);
    const groups = (ringo as unknown as { groups: ManyRelatedManager<Group> }).groups;
    expect(names(await groups.all())).toEqual(["The Beatles"]);
    expect(names(await Group.objects.filter({ members__name: "Paul" }))).toEqual(["The Beatles"]);
    expect(names(await Person.objects.filter({ groups__name: "The Beatles", membership__joined__lt: "1961-01-01" }))).toEqual(["Paul"]);
  });

  it("relatedName, relatedQueryName and dbTable on a many-to-many field", async () => {
    const backend = getBackend();
    const tables = (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0]));
    expect(tables).toContain("m2m_features");
    const p = await Publication.objects.create({ title: "Featuring" });
    const a = await Article.objects.create({ headline: "Featured one" });
    await a.featured_in.add(p);
    const featured = (p as unknown as { featured: ManyRelatedManager<Article> }).featured;
    expect(names(await featured.all())).toEqual(["Featured one"]);
    expect(names(await Publication.objects.filter(Q({ featured_article__headline: "Featured one" })))).toEqual(["Featuring"]);
    expect(names(await p.article_set.all())).toEqual([]);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Publication.objects.filter({ featured__headline: "x" })).toThrow(FieldError);
  });

  it("deleting an object deletes its links and counts them", async () => {
    const p = await Publication.objects.create({ title: "Doomed" });
    const a1 = await Article.objects.create({ headline: "D1" });
    const a2 = await Article.objects.create({ headline: "D2" });
    await p.article_set.add(a1, a2);
    expect(await p.delete()).toEqual([3, { "m2m.Article_publications": 2, "m2m.Publication": 1 }]);
    expect(await a1.publications.count()).toBe(0);
    expect(await Article.objects.filter({ pk__in: [a1.id, a2.id] }).count()).toBe(2);
  });
  it("getOrCreate and updateOrCreate look within the linked objects and link what they create", async () => {
    const article = await Article.objects.create({ headline: "Linking" });
    const outside = await Publication.objects.create({ title: "Outside" });
    const [made, created] = await article.publications.getOrCreate({ title: "Outside" });
    // Not linked yet, so not found within the set: a second "Outside" is made and linked.
    expect(created).toBe(true);
    expect(made.id).not.toBe(outside.id);
    const [again, createdAgain] = await article.publications.getOrCreate({ title: "Outside" });
    expect([again.id, createdAgain]).toEqual([made.id, false]);
    const [updated, createdByUpdate] = await article.publications.updateOrCreate({ title: "Upd" }, { title: "Upd" });
    expect(createdByUpdate).toBe(true);
    const [same, createdTwice] = await article.publications.updateOrCreate({ title: "Upd" }, { title: "Upd2" });
    expect([same.id, same.title, createdTwice]).toEqual([updated.id, "Upd2", false]);
    expect(names(await article.publications.all())).toEqual(["Outside", "Upd2"]);
    await expect(new Article({ headline: "unsaved" }).publications.getOrCreate({ title: "x" })).rejects.toBeInstanceOf(InvalidOperation);
  });
  it("add() of several objects inserts the missing links in one statement", async () => {
    const article = await Article.objects.create({ headline: "Batch" });
    const [p1, p2, p3] = await Promise.all(["B1", "B2", "B3"].map((title) => Publication.objects.create({ title })));
    await article.publications.add(p1!);
    const { queries } = await captureQueries(() => article.publications.add(p1!, p2!, p3!));
    expect(queries.filter((q) => /^\s*INSERT/i.test(q.sql))).toHaveLength(1);
    expect(names(await article.publications.all())).toEqual(["B1", "B2", "B3"]);
  });
});
