import { describe, expect, it } from "vitest";
import { CharField, ForeignKey, IntegrityError, Model, SET_NULL, type Manager, type RelatedManager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

/** Each points at the other: one of the two foreign keys must be added after both tables exist. */
class Writer extends Model("dbschema", {
  name: CharField({ maxLength: 20 }),
  // By label: a thunk here would make the two class types depend on each other.
  favourite: ForeignKey("Novel", { onDelete: SET_NULL, null: true, relatedName: "fans" }),
}) {
  declare static objects: Manager<Writer>;
}

class Novel extends Model("dbschema", {
  title: CharField({ maxLength: 20 }),
  writer: ForeignKey(() => Writer, { onDelete: SET_NULL, null: true }),
}) {
  declare static objects: Manager<Novel>;
}

useTestDatabase([Writer, Novel]);

describe(dbName("createTables"), () => {
  it("creates tables whose foreign keys point at each other, with both constraints enforced", async () => {
    const writer = await Writer.objects.create({ name: "W" });
    const novel = await Novel.objects.create({ title: "N", writer });
    await Writer.objects.filter({ pk: writer.pk }).update({ favourite: novel });
    expect((await Writer.objects.get({ favourite__title: "N" })).name).toBe("W");
    await expect(Writer.objects.create({ name: "X", favourite_id: 999 })).rejects.toBeInstanceOf(IntegrityError);
    await expect(Novel.objects.create({ title: "Y", writer_id: 999 })).rejects.toBeInstanceOf(IntegrityError);
    await novel.delete();
    expect((await Writer.objects.get({ pk: writer.pk })).favourite_id).toBeNull();
  });
});

class Branch extends Model("dbschema", {
  name: CharField({ maxLength: 20 }),
  parent: ForeignKey("self", { onDelete: SET_NULL, null: true, relatedName: "children" }),
}) {
  declare static objects: Manager<Branch>;
  // Declared so that reverse lookups type-check (lookup keys are typed from the instance type).
  declare children: RelatedManager<Branch>;
}

describe(dbName("writes whose filter reads the same table"), () => {
  // MySQL refuses `UPDATE t ... WHERE id IN (SELECT ... FROM t)` (error 1093); the ORM selects the keys first.
  it("update and delete filtered through a relation to their own table", async () => {
    const { createTables } = await import("torest");
    await createTables([Branch]);
    const root = await Branch.objects.create({ name: "root" });
    const leaf = await Branch.objects.create({ name: "leaf", parent: root });
    await Branch.objects.create({ name: "lone" });
    expect(await Branch.objects.filter({ children__name: "leaf" }).update({ name: "has leaf" })).toBe(1);
    expect(await Branch.objects.exclude({ children__name: "leaf" }).update({ name: "no leaf child" })).toBe(2);
    expect((await Branch.objects.orderBy("id")).map((b) => b.name)).toEqual(["has leaf", "no leaf child", "no leaf child"]);
    const [deleted] = await Branch.objects.filter({ parent__name: "has leaf" }).delete();
    expect(deleted).toBe(1);
    expect(await Branch.objects.filter({ pk: leaf.pk }).exists()).toBe(false);
  });
});
