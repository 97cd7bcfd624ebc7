import { describe, expect, it } from "vitest";
import {
  BooleanField, CharField, DateField, DateTimeField, DecimalField, getBackend, JSONField, Model, PreciseDate, formatDateTimeIso,
  type Manager,
} from "torest";
import { dbName, testFeatures, useTestDatabase } from "../support/db.js";

class Sample extends Model("dbval", {
  label: CharField({ maxLength: 20, default: "" }),
  at: DateTimeField({ null: true }),
  day: DateField({ null: true }),
  amount: DecimalField({ maxDigits: 19, decimalPlaces: 2, null: true }),
  flag: BooleanField({ default: false }),
  maybe: BooleanField({ null: true }),
  data: JSONField({ null: true }),
}) {
  declare static objects: Manager<Sample>;
}

useTestDatabase([Sample]);

const reload = async (s: Sample) => (await Sample.objects.get({ pk: s.pk })) as Sample;

describe(dbName("values keep their exact value on every database"), () => {
  it("DateTime: microseconds and UTC survive the round trip", async () => {
    const at = new PreciseDate(Date.UTC(2022, 6, 8, 10, 2, 16, 290), 290713);
    const s = await Sample.objects.create({ at });
    const loaded = (await reload(s)).at!;
    expect(loaded).toBeInstanceOf(PreciseDate);
    expect(formatDateTimeIso(loaded)).toBe("2022-07-08T10:02:16.290713Z");
    expect(loaded.getTime()).toBe(at.getTime());
    // An offset in the input is converted to UTC, not stored as local time.
    const offset = await Sample.objects.create({ at: "2022-07-08T12:02:16.5+02:00" as unknown as Date });
    expect(formatDateTimeIso((await reload(offset)).at!)).toBe("2022-07-08T10:02:16.500000Z");
    // Filtering by the precise value finds exactly that row.
    expect(await Sample.objects.filter({ at }).count()).toBe(1);
    expect(await Sample.objects.filter({ at__gt: new Date(Date.UTC(2022, 6, 8, 10, 2, 16, 290)) }).count()).toBe(2);
    await Sample.objects.all().delete();
  });

  it("Date stays the calendar date whatever the time zone", async () => {
    const s = await Sample.objects.create({ day: "1999-12-31" });
    expect((await reload(s)).day).toBe("1999-12-31");
    expect(await Sample.objects.filter({ day__lt: "2000-01-01" }).count()).toBe(1);
    await Sample.objects.all().delete();
  });

  it("Decimal keeps its places, and 15 significant digits everywhere", async () => {
    const wide = await Sample.objects.create({ amount: "1234567890123.45" });
    const small = await Sample.objects.create({ amount: "0.10" });
    const negative = await Sample.objects.create({ amount: "-3.5" });
    expect((await reload(wide)).amount).toBe("1234567890123.45");
    expect((await reload(small)).amount).toBe("0.10");
    expect((await reload(negative)).amount).toBe("-3.50");
    expect(await Sample.objects.filter({ amount: "0.1" }).count()).toBe(1);
    expect(await Sample.objects.filter({ amount__lt: "0" }).count()).toBe(1);
    await Sample.objects.all().delete();
  });

  // SQLite stores decimal columns as floats (as with Django): exact only to ~15 significant digits.
  it.runIf(testFeatures.supportsExactDecimals)("Decimal is exact to the last of 19 digits", async () => {
    const big = await Sample.objects.create({ amount: "12345678901234567.12" });
    expect((await reload(big)).amount).toBe("12345678901234567.12");
    expect(await Sample.objects.filter({ amount: "12345678901234567.12" }).count()).toBe(1);
    expect(await Sample.objects.filter({ amount__gt: "12345678901234567.11" }).count()).toBe(1);
    expect(await Sample.objects.filter({ amount__gt: "12345678901234567.12" }).count()).toBe(0);
    await Sample.objects.all().delete();
  });

  it("booleans come back as booleans, null stays null", async () => {
    const t = await Sample.objects.create({ flag: true, maybe: null });
    const f = await Sample.objects.create({ flag: false, maybe: false });
    expect([(await reload(t)).flag, (await reload(t)).maybe]).toEqual([true, null]);
    expect([(await reload(f)).flag, (await reload(f)).maybe]).toEqual([false, false]);
    expect(await Sample.objects.filter({ flag: true }).count()).toBe(1);
    expect(await Sample.objects.filter({ maybe__isnull: true }).count()).toBe(1);
    await Sample.objects.all().delete();
  });

  it("JSON round-trips objects, arrays, strings, numbers, booleans and unicode", async () => {
    const values = [{ a: { b: [1, 2.5, null, "x"] } }, ["one", 2], "plain", 'quote " and \\ backslash', 42, 0.5, true, false, { emoji: "ünïcødé 🎉" }];
    for (const data of values) {
      const s = await Sample.objects.create({ data });
      expect((await reload(s)).data).toEqual(data);
    }
    await Sample.objects.all().delete();
  });

  it("unicode text and identifiers needing quotes", async () => {
    const s = await Sample.objects.create({ label: "Grüße 🎉 'x'" });
    expect((await reload(s)).label).toBe("Grüße 🎉 'x'");
    const backend = getBackend();
    const q = backend.ops.quoteName;
    const rows = await backend.query(`SELECT ${q("label")} AS ${q("select")} FROM ${q("dbval_sample")}`, []);
    expect(rows).toEqual([["Grüße 🎉 'x'"]]);
    await Sample.objects.all().delete();
  });
});
