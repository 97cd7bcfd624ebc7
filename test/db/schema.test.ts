import { describe, expect, it } from "vitest";
import { CharField, ForeignKey, IntegrityError, Model, SET_NULL, type Manager } from "torest";
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
