import { beforeAll, describe, expect, it } from "vitest";
import { CASCADE, CharField, FieldError, ForeignKey, IntegerField, Model, Q, QNode, type Manager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Shelf extends Model("qobj", {
  name: CharField({ maxLength: 20 }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Shelf>;
}

class Book extends Model("qobj", {
  title: CharField({ maxLength: 40 }),
  pages: IntegerField({ null: true }),
  shelf: ForeignKey(() => Shelf, { onDelete: CASCADE, null: true }),
}, { ordering: ["title"] }) {
  declare static objects: Manager<Book>;
}

useTestDatabase([Shelf, Book]);

const titles = (books: { title: string }[]) => books.map((b) => b.title);
const shelves = (list: { name: string }[]) => list.map((s) => s.name);

beforeAll(async () => {
  const top = await Shelf.objects.create({ name: "top" });
  const bottom = await Shelf.objects.create({ name: "bottom" });
  await Shelf.objects.create({ name: "empty" });
  await Book.objects.create({ title: "Alpha", pages: 100, shelf: top });
  await Book.objects.create({ title: "Beta", pages: 300, shelf: top });
  await Book.objects.create({ title: "Gamma", pages: 200, shelf: bottom });
  await Book.objects.create({ title: "Delta", pages: null, shelf: null });
});

describe(dbName("Q objects"), () => {
  it("are immutable nodes built from lookups", () => {
    const q = Q({ title: "Alpha" });
    expect(q).toBeInstanceOf(QNode);
    const combined = q.or({ title: "Beta" });
    expect(combined).not.toBe(q);
    expect(q.connector).toBe("AND");
    expect(combined.connector).toBe("OR");
    expect(Q().isEmpty).toBe(true);
    expect(Object.isFrozen(q)).toBe(true);
  });

  it("or, and, not", async () => {
    expect(titles(await Book.objects.filter(Q({ title: "Alpha" }).or(Q({ title: "Gamma" }))))).toEqual(["Alpha", "Gamma"]);
    expect(titles(await Book.objects.filter(Q({ pages__gt: 150 }).and({ pages__lt: 250 })))).toEqual(["Gamma"]);
    expect(titles(await Book.objects.filter(Q({ title__startswith: "A" }).not()))).toEqual(["Beta", "Delta", "Gamma"]);
    expect(titles(await Book.objects.exclude(Q({ title: "Alpha" }).or({ title: "Beta" })))).toEqual(["Delta", "Gamma"]);
    // A Q with several lookups ANDs them.
    expect(titles(await Book.objects.filter(Q({ pages__gte: 100, title__endswith: "a" })))).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(titles(await Book.objects.filter(Q()))).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
  });

  it("empty Q objects drop out of combinations, as Django's", async () => {
    expect(titles(await Book.objects.filter(Q({ title: "Alpha" }).and(Q().not())))).toEqual(["Alpha"]);
    expect(titles(await Book.objects.filter(Q({ title: "Alpha" }).or(Q())))).toEqual(["Alpha"]);
    expect(titles(await Book.objects.filter(Q().or({ title: "Beta" })))).toEqual(["Beta"]);
    expect(titles(await Book.objects.filter(Q().not().and(Q())))).toEqual(["Alpha", "Beta", "Delta", "Gamma"]);
  });

  it("nest to any depth and mix with keyword filters", async () => {
    const q = Q({ shelf__name: "top" }).and(Q({ pages__lt: 150 }).or({ pages__gt: 250 })).or(Q({ shelf__isnull: true }));
    expect(titles(await Book.objects.filter(q))).toEqual(["Alpha", "Beta", "Delta"]);
    expect(titles(await Book.objects.filter(q, { pages__isnull: false }))).toEqual(["Alpha", "Beta"]);
    expect(titles(await Book.objects.filter(q.not()))).toEqual(["Gamma"]);
    expect(titles(await Book.objects.filter(q.not().not()))).toEqual(["Alpha", "Beta", "Delta"]);
  });

  it("negation keeps rows whose column is NULL, as Django does", async () => {
    expect(titles(await Book.objects.filter(Q({ pages: 100 }).not()))).toEqual(["Beta", "Delta", "Gamma"]);
    expect(titles(await Book.objects.filter(Q({ pages__gt: 150 }).not()))).toEqual(["Alpha", "Delta"]);
    expect(titles(await Book.objects.filter(Q({ shelf__name: "top" }).not()))).toEqual(["Delta", "Gamma"]);
  });

  it("cross reverse relations with Django's multi-valued rules", async () => {
    // OR across the same relation in one filter: one join, any matching book.
    const either = Shelf.objects.filter(Q({ book__title: "Alpha" }).or({ book__title: "Gamma" }));
    expect(shelves(await either)).toEqual(["bottom", "top"]);
    // AND in one Q: the same book must match both.
    expect(shelves(await Shelf.objects.filter(Q({ book__title: "Alpha" }).and({ book__pages: 300 })))).toEqual([]);
    // Negated: shelves with no such book (the empty shelf included).
    expect(shelves(await Shelf.objects.filter(Q({ book__pages__gt: 250 }).not()))).toEqual(["bottom", "empty"]);
  });

  it("unknown names raise FieldError when the filter is built", () => {
    expect(() => Book.objects.filter(Q({ title: "x" }).or({ nope: 1 })))
      .toThrow(new FieldError("Cannot resolve keyword 'nope' into field. Choices are: id, pages, shelf, shelf_id, title"));
  });
});
