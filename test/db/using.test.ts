import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { atomic, CharField, closeDatabases, configureDatabases, createTables, getBackend, ImproperlyConfigured, Model, type Manager } from "torest";
import { dbName, freshDatabase } from "../support/db.js";

class Note extends Model("dbusing", {
  text: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Note>;
}

const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  // Two databases of the backend under test, as Django's DATABASES = {"default": ..., "replica": ...}.
  const primary = await freshDatabase();
  const other = await freshDatabase();
  drops.push(primary.drop, other.drop);
  configureDatabases({ default: primary.url, other: other.url });
  await createTables([Note]);
  await createTables([Note], { using: "other" });
});

afterAll(async () => {
  await closeDatabases();
  for (const drop of drops) await drop();
});

const texts = async (alias?: string) => (await (alias ? Note.objects.using(alias) : Note.objects.all()).orderBy("id")).map((n) => n.text);

describe(dbName("several named databases and using()"), () => {
  it("reads and writes the database a queryset is bound to", async () => {
    await Note.objects.create({ text: "on default" });
    await Note.objects.using("other").create({ text: "on other" });
    expect(await texts()).toEqual(["on default"]);
    expect(await texts("other")).toEqual(["on other"]);
    expect(await Note.objects.using("other").filter({ text__startswith: "on" }).count()).toBe(1);
  });

  it("an instance loaded from a database saves and deletes there", async () => {
    const note = (await Note.objects.using("other").get({ text: "on other" })) as Note;
    note.text = "edited";
    await note.save();
    expect(await texts("other")).toEqual(["edited"]);
    expect(await texts()).toEqual(["on default"]);
    const copy = new Note({ text: "saved with using" });
    await copy.save({ using: "other" });
    expect(await texts("other")).toEqual(["edited", "saved with using"]);
    await note.delete();
    expect(await texts("other")).toEqual(["saved with using"]);
    expect(await texts()).toEqual(["on default"]);
  });

  it("updates, deletes and transactions stay on their database", async () => {
    await Note.objects.using("other").update({ text: "bulk" });
    expect(await texts()).toEqual(["on default"]);
    await expect(atomic(async () => {
      await Note.objects.using("other").create({ text: "rolled back" });
      throw new Error("undo");
    }, { using: "other" })).rejects.toThrow("undo");
    expect(await texts("other")).toEqual(["bulk"]);
    await Note.objects.using("other").all().delete();
    expect(await texts("other")).toEqual([]);
    expect(await texts()).toEqual(["on default"]);
    expect(getBackend("other")).not.toBe(getBackend("default"));
  });

  it("an unknown alias is a configuration error naming the configured ones", async () => {
    await expect(Note.objects.using("nope").count()).rejects.toThrow(ImproperlyConfigured);
    await expect(Note.objects.using("nope").count()).rejects.toThrow("The database 'nope' is not configured. Configured: default, other.");
  });
});
