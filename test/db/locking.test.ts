import { describe, expect, it } from "vitest";
import { atomic, CharField, IntegerField, Model, OperationalError, type Manager } from "torest";
import { dbName, testFeatures, useTestDatabase } from "../support/db.js";

class Seat extends Model("dblock", {
  label: CharField({ maxLength: 10 }),
  taken: IntegerField({ default: 0 }),
}) {
  declare static objects: Manager<Seat>;
}

useTestDatabase([Seat]);

// SQLite has no row locks: one writer holds the whole database, so FOR UPDATE is left out.
describe.runIf(testFeatures.supportsSelectForUpdate)(dbName("selectForUpdate locks rows until commit"), () => {
  it("others wait for the lock; nowait fails at once; skipLocked passes the row by", async () => {
    const seat = await Seat.objects.create({ label: "A1" });
    const other = await Seat.objects.create({ label: "A2" });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = atomic(async () => {
      await Seat.objects.filter({ pk: seat.pk }).selectForUpdate().fetch();
      locked();
      await gate;
      await Seat.objects.filter({ pk: seat.pk }).update({ taken: 1 });
    });
    await isLocked;

    const nowait = await atomic(() => Seat.objects.filter({ pk: seat.pk }).selectForUpdate({ nowait: true }).fetch())
      .then(() => null, (e: unknown) => e);
    expect(nowait).toBeInstanceOf(OperationalError);
    const free = await atomic(() => Seat.objects.selectForUpdate({ skipLocked: true }).orderBy("id").fetch());
    expect(free.map((s) => s.label)).toEqual([other.label]);

    // A plain locker waits for the holder's commit, then sees its write.
    const waiter = atomic(async () => (await Seat.objects.filter({ pk: seat.pk }).selectForUpdate().fetch())[0]!.taken);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await holder;
    expect(await waiter).toBe(1);
  });
});
