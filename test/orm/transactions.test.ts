import { beforeEach, describe, expect, it } from "vitest";
import {
  atomic, CASCADE, CharField, ForeignKey, inTransaction, IntegrityError, ManyToManyField, Model, onCommit, type Manager,
  type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Account extends Model("tx", {
  name: CharField({ maxLength: 20, unique: true }),
}) {
  declare static objects: Manager<Account>;
  declare entry_set: RelatedManager<Entry>;
}

class Entry extends Model("tx", {
  account: ForeignKey(() => Account, { onDelete: CASCADE, null: true }),
  note: CharField({ maxLength: 20 }),
  tags: ManyToManyField(() => Tag),
}) {
  declare static objects: Manager<Entry>;
}

class Tag extends Model("tx", {
  name: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Tag>;
}

useTestDatabase([Account, Entry, Tag]);

const accountNames = async () => (await Account.objects.orderBy("name")).map((a) => a.name);

beforeEach(async () => {
  await Entry.objects.delete();
  await Account.objects.delete();
  await Tag.objects.delete();
});

describe(dbName("atomic"), () => {
  it("commits when the function returns, and gives its result", async () => {
    expect(inTransaction()).toBe(false);
    const result = await atomic(async () => {
      expect(inTransaction()).toBe(true);
      await Account.objects.create({ name: "a" });
      return 42;
    });
    expect(result).toBe(42);
    expect(await accountNames()).toEqual(["a"]);
  });

  it("a queryset returned from the function is evaluated inside the transaction", async () => {
    await Account.objects.create({ name: "q" });
    const found = await atomic(() => Account.objects.filter({ name: "q" }));
    expect(found.map((a) => a.name)).toEqual(["q"]);
    const nested = await atomic(async () => atomic(() => Account.objects.all()));
    expect(nested).toHaveLength(1);
  });

  it("rolls back everything when the function throws, and rethrows", async () => {
    const error = new Error("boom");
    await expect(atomic(async () => {
      await Account.objects.create({ name: "a" });
      await Account.objects.create({ name: "b" });
      throw error;
    })).rejects.toBe(error);
    expect(await accountNames()).toEqual([]);
  });

  it("nested blocks are savepoints: an inner failure rolls back only the inner block", async () => {
    await atomic(async () => {
      await Account.objects.create({ name: "outer1" });
      await expect(atomic(async () => {
        await Account.objects.create({ name: "inner" });
        await Account.objects.create({ name: "outer1" }); // unique clash
      })).rejects.toBeInstanceOf(IntegrityError);
      await atomic(async () => {
        await Account.objects.create({ name: "inner-ok" });
      });
      await Account.objects.create({ name: "outer2" });
    });
    expect(await accountNames()).toEqual(["inner-ok", "outer1", "outer2"]);
  });

  it("an outer failure rolls back committed inner blocks too", async () => {
    await expect(atomic(async () => {
      await atomic(async () => { await Account.objects.create({ name: "inner" }); });
      throw new Error("outer fails");
    })).rejects.toThrow("outer fails");
    expect(await accountNames()).toEqual([]);
  });

  it("uncommitted rows are not seen outside the transaction", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let created!: () => void;
    const inserted = new Promise<void>((resolve) => (created = resolve));
    const tx = atomic(async () => {
      await Account.objects.create({ name: "hidden" });
      created();
      await gate;
      throw new Error("abort");
    });
    await inserted;
    const outside = Account.objects.count();
    release();
    await expect(tx).rejects.toThrow("abort");
    expect(await outside).toBe(0);
  });

  it("onCommit runs after commit, not after a rollback", async () => {
    const calls: string[] = [];
    await atomic(async () => {
      await onCommit(() => { calls.push("committed"); });
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual(["committed"]);
    await atomic(async () => {
      await onCommit(() => { calls.push("rolled back"); });
      throw new Error("no");
    }).catch(() => undefined);
    expect(calls).toEqual(["committed"]);
    await onCommit(() => { calls.push("now"); });
    expect(calls).toEqual(["committed", "now"]);
  });

  it("onCommit callbacks of a rolled-back savepoint are discarded", async () => {
    const calls: string[] = [];
    await atomic(async () => {
      await onCommit(() => { calls.push("outer"); });
      await atomic(async () => {
        await onCommit(() => { calls.push("inner"); });
        throw new Error("inner fails");
      }).catch(() => undefined);
      await atomic(async () => {
        await onCommit(() => { calls.push("inner ok"); });
      });
    });
    expect(calls).toEqual(["outer", "inner ok"]);
  });
});

describe(dbName("multi-statement operations are atomic"), () => {
  it("many-to-many add: a failing link leaves no links", async () => {
    const e = await Entry.objects.create({ note: "e" });
    const t = await Tag.objects.create({ name: "t" });
    await expect(e.tags.add(t, 987654)).rejects.toBeInstanceOf(IntegrityError);
    expect(await e.tags.count()).toBe(0);
  });

  it("many-to-many set: a failure keeps the old links", async () => {
    const e = await Entry.objects.create({ note: "e" });
    const t1 = await Tag.objects.create({ name: "t1" });
    await e.tags.add(t1);
    await expect(e.tags.set([987654])).rejects.toBeInstanceOf(IntegrityError);
    expect((await e.tags.all()).map((t) => t.name)).toEqual(["t1"]);
  });

  it("reverse foreign key set: a failure keeps the old keys", async () => {
    const a = await Account.objects.create({ name: "acc" });
    const e1 = await Entry.objects.create({ note: "e1", account: a });
    const ghost = new Entry({ note: "ghost" });
    await expect(a.entry_set.set([ghost])).rejects.toThrow();
    expect((await Entry.objects.get({ pk: e1.id })).account_id).toBe(a.id);
  });

  it("create on a many-to-many manager: a failing link leaves no object", async () => {
    const e = await Entry.objects.create({ note: "e" });
    const before = await Tag.objects.count();
    await expect(atomic(async () => {
      await e.tags.create({ name: "made" });
      throw new Error("after create");
    })).rejects.toThrow("after create");
    expect(await Tag.objects.count()).toBe(before);
    expect(await e.tags.count()).toBe(0);
  });

  it("delete with cascades inside a rolled-back transaction leaves everything", async () => {
    const a = await Account.objects.create({ name: "del" });
    await Entry.objects.create({ note: "x", account: a });
    await expect(atomic(async () => {
      expect(await a.delete()).toEqual([2, { "tx.Entry": 1, "tx.Account": 1 }]);
      throw new Error("undo");
    })).rejects.toThrow("undo");
    expect(await Account.objects.count()).toBe(1);
    expect(await Entry.objects.count()).toBe(1);
  });
});
