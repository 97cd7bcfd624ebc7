import { describe, expect, it } from "vitest";
import { apps, CASCADE, CharField, createTables, ForeignKey, getBackend, Model, type Manager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Django registers a model when its class statement runs. Nothing in this file touches Target:
// it is found through the "registry.Target" string alone.
export class Target extends Model("registry", {
  name: CharField({ maxLength: 30 }),
}) {}

class Pointer extends Model("registry", {
  target: ForeignKey("registry.Target", { onDelete: CASCADE }),
}) {
  declare static objects: Manager<Pointer>;
}

/** Never used either, and not passed to createTables(). */
export class Lonely extends Model("registry", {
  title: CharField({ maxLength: 30 }),
}) {}

useTestDatabase([]);

async function tables(): Promise<string[]> {
  const backend = getBackend();
  return (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0])).filter((t) => t.startsWith("registry_")).sort();
}

describe(dbName("models are registered when declared (Django's apps registry)"), () => {
  it("test_get_model_by_label: a model never touched resolves by its 'app.Model' label", () => {
    expect(apps.getModel("registry.Target").label).toBe("registry.Target");
    expect(apps.getModel("registry.Lonely").dbTable).toBe("registry_lonely");
    expect(Pointer.meta.getField("target")).toMatchObject({ column: "target_id" });
  });

  it("test_create_tables_all_models: createTables() without arguments creates every declared model", async () => {
    expect(await tables()).toEqual([]);
    await createTables();
    expect(await tables()).toEqual(["registry_lonely", "registry_pointer", "registry_target"]);
  });

  it("test_relation_to_untouched_model: queries and relations through the untouched model work", async () => {
    const TargetModel = apps.getModel("registry.Target").model;
    const target = await TargetModel.objects.create({ name: "reached" });
    const pointer = await Pointer.objects.create({ target_id: target.pk });
    expect(await Pointer.objects.filter({ target__name: "reached" }).count()).toBe(1);
    expect(((await pointer.target) as unknown as { name: string }).name).toBe("reached");
    // The user's class takes over once it is used; the model keeps its name.
    expect(Target.meta.label).toBe("registry.Target");
    expect(await Target.objects.get({ name: "reached" })).toBeInstanceOf(Target);
  });
});
