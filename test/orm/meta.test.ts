import { describe, expect, it } from "vitest";
import { CharField, getBackend, IntegerField, IntegrityError, Model, type Manager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";
import { indexNames } from "./fixtures/index-names.js";

class CustomTable extends Model("meta", {
  name: CharField({ maxLength: 20 }),
}, { dbTable: "legacy_people", verboseName: "person of note", verboseNamePlural: "people of note" }) {
  declare static objects: Manager<CustomTable>;
}

class Ranked extends Model("meta", {
  name: CharField({ maxLength: 20 }),
  rank: IntegerField(),
  group: CharField({ maxLength: 5 }),
}, {
  ordering: ["group", "-rank"],
  uniqueTogether: [["group", "rank"]],
  constraints: [{ type: "unique", fields: ["group", "name"], name: "ranked_unique_name_per_group" }],
  indexes: [{ fields: ["name", "rank"], name: "ranked_name_rank_idx" }, { fields: ["group"] }],
}) {
  declare static objects: Manager<Ranked>;
}

class CamelCaseThing extends Model("meta", {
  label: CharField({ maxLength: 20, dbIndex: true }),
}) {}

/** Nothing but the automatic key. */
class Bare extends Model("meta", {}) {
  declare static objects: Manager<Bare>;
}

useTestDatabase([CustomTable, Ranked, CamelCaseThing, Bare]);

describe(dbName("Meta options"), () => {
  it("dbTable names the table; default is <app>_<model lower-case>", async () => {
    const backend = getBackend();
    const tables = (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0]));
    expect(tables).toEqual(expect.arrayContaining(["legacy_people", "meta_ranked", "meta_camelcasething"]));
    expect(tables).not.toContain("meta_customtable");
    await CustomTable.objects.create({ name: "x" });
    const q = backend.ops.quoteName;
    expect(await backend.query(`SELECT ${q("name")} FROM ${q("legacy_people")}`, [])).toEqual([["x"]]);
  });

  it("names: label, modelName, objectName, verbose names", () => {
    expect(CustomTable.meta.label).toBe("meta.CustomTable");
    expect(CustomTable.meta.modelName).toBe("customtable");
    expect(CustomTable.meta.objectName).toBe("CustomTable");
    expect(CustomTable.meta.verboseName).toBe("person of note");
    expect(CustomTable.meta.verboseNamePlural).toBe("people of note");
    expect(CamelCaseThing.meta.verboseName).toBe("camel case thing");
    expect(CamelCaseThing.meta.verboseNamePlural).toBe("camel case things");
  });

  it("default id primary key and pk alias", async () => {
    expect(CustomTable.meta.pk.name).toBe("id");
    expect(CustomTable.meta.fields.map((f) => f.name)).toEqual(["id", "name"]);
    const c = await CustomTable.objects.create({ name: "pk" });
    expect(c.pk).toBe(c.id);
    c.pk = 12345;
    expect(c.id).toBe(12345);
  });

  it("a model with no declared fields has just its key, and saves", async () => {
    const a = await Bare.objects.create();
    const b = new Bare();
    await b.save();
    expect(b.id).toBeGreaterThan(a.id);
    await b.save();
    expect(await Bare.objects.count()).toBe(2);
    expect(Bare.meta.fields.map((f) => f.name)).toEqual(["id"]);
  });

  it("ordering is the default order of querysets", async () => {
    for (const [name, rank, group] of [["a", 1, "x"], ["b", 2, "x"], ["c", 1, "w"], ["d", 3, "x"]] as const) {
      await Ranked.objects.create({ name, rank, group });
    }
    expect((await Ranked.objects.all()).map((r) => r.name)).toEqual(["c", "d", "b", "a"]);
    expect((await Ranked.objects.orderBy("name")).map((r) => r.name)).toEqual(["a", "b", "c", "d"]);
    expect((await Ranked.objects.first())!.name).toBe("c");
    expect((await Ranked.objects.last())!.name).toBe("a");
  });

  it("uniqueTogether and unique constraints are enforced by the database", async () => {
    await Ranked.objects.create({ name: "u1", rank: 10, group: "u" });
    await expect(Ranked.objects.create({ name: "u2", rank: 10, group: "u" })).rejects.toBeInstanceOf(IntegrityError);
    await expect(Ranked.objects.create({ name: "u1", rank: 11, group: "u" })).rejects.toBeInstanceOf(IntegrityError);
    await Ranked.objects.create({ name: "u1", rank: 10, group: "v" });
    expect(await Ranked.objects.filter({ name__startswith: "u" }).count()).toBe(2);
  });

  it("indexes and dbIndex create indexes", async () => {
    const ranked = await indexNames("meta_ranked");
    expect(ranked).toContain("ranked_name_rank_idx");
    expect(ranked.some((n) => n !== "ranked_name_rank_idx" && n.includes("group"))).toBe(true);
    expect((await indexNames("meta_camelcasething")).some((n) => n.includes("label"))).toBe(true);
  });
});
