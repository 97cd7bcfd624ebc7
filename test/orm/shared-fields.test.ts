import { describe, expect, it } from "vitest";
import { CASCADE, CharField, DateTimeField, ForeignKey, Model, type Manager, type RelatedManager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Owner extends Model("shared", {
  name: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Owner>;
  declare note_set: RelatedManager<Note>;
  declare task_set: RelatedManager<Task>;
}

/** Fields shared by several models, TypeScript's answer to Django's abstract base classes. */
const common = {
  owner: ForeignKey(() => Owner, { onDelete: CASCADE }),
  created: DateTimeField({ autoNowAdd: true }),
  title: CharField({ maxLength: 30 }),
};

class Note extends Model("shared", { ...common }) {
  declare static objects: Manager<Note>;
}

class Task extends Model("shared", { ...common, done: CharField({ maxLength: 1, default: "n" }) }) {
  declare static objects: Manager<Task>;
}

useTestDatabase([Owner, Note, Task]);

describe(dbName("field declarations shared by several models"), () => {
  it("each model gets its own fields and relations", async () => {
    expect(Note.meta.getField("owner")).not.toBe(Task.meta.getField("owner"));
    expect((Note.meta.getField("title") as { model: unknown }).model).toBe(Note.meta);
    expect((Task.meta.getField("title") as { model: unknown }).model).toBe(Task.meta);
    const o = await Owner.objects.create({ name: "o" });
    const n = await Note.objects.create({ owner: o, title: "note" });
    const t = await Task.objects.create({ owner: o, title: "task" });
    expect(n.created).toBeInstanceOf(Date);
    expect((await o.note_set.all()).map((x) => x.title)).toEqual(["note"]);
    expect((await o.task_set.all()).map((x) => x.title)).toEqual(["task"]);
    expect((await Note.objects.filter({ owner__name: "o" })).map((x) => x.id)).toEqual([n.id]);
    expect((await Owner.objects.filter({ task__title: "task", note__title: "note" })).map((x) => x.id)).toEqual([o.id]);
    expect(String((await t.owner).name)).toBe("o");
    expect(await o.delete()).toEqual([3, { "shared.Note": 1, "shared.Task": 1, "shared.Owner": 1 }]);
  });
});
