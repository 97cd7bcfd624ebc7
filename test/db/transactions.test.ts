import { afterAll, describe, expect, it } from "vitest";
import { atomic, CharField, closeDatabases, configureDatabases, getBackend, IntegrityError, Model, type Manager } from "torest";
import { dbName, freshDatabase, TEST_DB, useTestDatabase } from "../support/db.js";
import { sessionControl } from "../support/sessions.js";

class Entry extends Model("dbtx", {
  name: CharField({ maxLength: 30, unique: true }),
}) {
  declare static objects: Manager<Entry>;
}

useTestDatabase([Entry]);

const names = async () => (await Entry.objects.orderBy("name")).map((e) => e.name);

describe(dbName("transactions"), () => {
  it("commits, and rolls back on a thrown error", async () => {
    await atomic(() => Entry.objects.create({ name: "kept" }));
    await expect(atomic(async () => {
      await Entry.objects.create({ name: "lost" });
      throw new Error("boom");
    })).rejects.toThrow("boom");
    expect(await names()).toEqual(["kept"]);
    await Entry.objects.all().delete();
  });

  it("nested atomic makes a savepoint: an inner rollback keeps the outer work", async () => {
    await atomic(async () => {
      await Entry.objects.create({ name: "outer" });
      await expect(atomic(async () => {
        await Entry.objects.create({ name: "inner" });
        await Entry.objects.create({ name: "outer" }); // unique violation inside the savepoint
      })).rejects.toBeInstanceOf(IntegrityError);
      // The transaction is still usable after the savepoint was rolled back (PostgreSQL would
      // otherwise refuse every statement until ROLLBACK).
      await Entry.objects.create({ name: "after" });
      await atomic(() => Entry.objects.create({ name: "inner ok" }));
    });
    expect(await names()).toEqual(["after", "inner ok", "outer"]);
    await Entry.objects.all().delete();
  });

  it("an outer rollback also undoes released savepoints", async () => {
    await expect(atomic(async () => {
      await atomic(() => Entry.objects.create({ name: "saved in savepoint" }));
      throw new Error("outer fails");
    })).rejects.toThrow("outer fails");
    expect(await names()).toEqual([]);
  });

  it("work outside the transaction does not see uncommitted rows (read committed)", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertDone = new Promise<void>((resolve) => (inserted = resolve));
    const tx = atomic(async () => {
      await Entry.objects.create({ name: "pending" });
      inserted();
      await gate;
    });
    await insertDone;
    let seenOutside: number;
    if (TEST_DB === "sqlite") {
      // SQLite has one connection: the outside read waits until the transaction commits, so it
      // sees the row, never a half-done state.
      const pending = Entry.objects.count();
      release();
      seenOutside = await pending;
      expect(seenOutside).toBe(1);
    } else {
      // PostgreSQL and MariaDB: the outside read runs now, on another connection, and must not
      // see the uncommitted insert.
      seenOutside = await Entry.objects.count();
      release();
      expect(seenOutside).toBe(0);
    }
    await tx;
    expect(await Entry.objects.count()).toBe(1);
    await Entry.objects.all().delete();
  });
});

describe(dbName("connection pool"), () => {
  it("no connection stays checked out after many operations, and the pool stays bounded", async () => {
    const backend = getBackend();
    await Promise.all(Array.from({ length: 100 }, (_, i) => Entry.objects.create({ name: `n${i}` })));
    await Promise.all(Array.from({ length: 100 }, () => Entry.objects.filter({ name__startswith: "n" }).count()));
    await Promise.all(Array.from({ length: 20 }, (_, i) => atomic(() => Entry.objects.filter({ name: `n${i}` }).update({ name: `m${i}` }))));
    expect(await Entry.objects.filter({ name__startswith: "m" }).count()).toBe(20);
    expect(backend.busyConnections()).toBe(0);
    expect(backend.openConnections()).toBeGreaterThan(0);
    expect(backend.openConnections()).toBeLessThanOrEqual(10);
    await Entry.objects.all().delete();
  });

  it("errors inside transactions and savepoints give their connections back", async () => {
    const backend = getBackend();
    await Entry.objects.create({ name: "dup" });
    const failures = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => atomic(async () => {
      if (i % 3 === 0) throw new Error("application error");
      if (i % 3 === 1) await Entry.objects.create({ name: "dup" });
      await atomic(async () => {
        await Entry.objects.create({ name: `x${i}` });
        await Entry.objects.create({ name: "dup" });
      });
    })));
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    await expect(backend.query("SELECT 1 + 1", [])).resolves.toHaveLength(1);
    expect(backend.busyConnections()).toBe(0);
    expect(backend.openConnections()).toBeLessThanOrEqual(10);
    expect(await names()).toEqual(["dup"]);
  });

  it("closing the databases closes every connection", async () => {
    const { url, drop } = await freshDatabase();
    configureDatabases({ closing: url });
    const backend = getBackend("closing");
    await Promise.all(Array.from({ length: 5 }, () => backend.query("SELECT 1", [])));
    expect(backend.openConnections()).toBeGreaterThan(0);
    await closeDatabases("closing");
    expect(backend.openConnections()).toBe(0);
    await drop();
  });
});

afterAll(async () => {
  await closeDatabases("closing");
});

// SQLite has one connection: a second transaction waits for the first instead of running beside it.
describe.skipIf(!sessionControl)(dbName("isolation"), () => {
  it("a transaction sees rows other transactions committed meanwhile (READ COMMITTED, as Django)", async () => {
    const entry = await Entry.objects.create({ name: "v1" });
    const seen = await atomic(async () => {
      const before = (await Entry.objects.get({ pk: entry.pk })).name;
      // Straight on the backend: another pooled connection, committed at once (autocommit).
      const backend = getBackend();
      const { quoteName: q, placeholder: p } = backend.ops;
      await backend.execute(`UPDATE ${q("dbtx_entry")} SET ${q("name")} = ${p(1)} WHERE ${q("id")} = ${p(2)}`, ["v2", entry.pk]);
      const after = (await Entry.objects.get({ pk: entry.pk })).name;
      return [before, after];
    });
    expect(seen[0]).toBe("v1");
    expect(seen[1]).toBe("v2");
    await Entry.objects.all().delete();
  });
});
