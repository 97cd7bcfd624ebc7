import { afterAll, describe, expect, it } from "vitest";
import { CharField, closeDatabases, createTables, getBackend, Model, type Manager } from "torest";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";

class Memo extends Model("dburl", {
  text: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Memo>;
}

let drop: (() => Promise<void>) | null = null;
afterAll(async () => {
  await closeDatabases();
  delete process.env.DATABASE_URL;
  await drop?.();
});

// No configureDatabases() in this file: the default database comes from the environment.
describe(dbName("DATABASE_URL selects the default database"), () => {
  it("opens the database the URL names, with its backend", async () => {
    const fresh = await freshDatabase();
    drop = fresh.drop;
    process.env.DATABASE_URL = fresh.url;
    expect(getBackend().vendor).toBe(TEST_DB);
    await createTables([Memo]);
    await Memo.objects.create({ text: "from env" });
    expect((await Memo.objects.all()).map((m) => m.text)).toEqual(["from env"]);
  });
});
