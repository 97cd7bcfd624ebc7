import { beforeAll, describe, expect, it } from "vitest";
import { CharField, DateField, DateTimeField, IntegerField, Model, type Manager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Word extends Model("dblook", {
  text: CharField({ maxLength: 40 }),
  n: IntegerField({ default: 0 }),
  at: DateTimeField({ null: true }),
  day: DateField({ null: true }),
}) {
  declare static objects: Manager<Word>;
}

useTestDatabase([Word]);

const texts = async (lookups: Record<string, unknown>) =>
  (await Word.objects.filter(lookups).orderBy("id")).map((w) => w.text);

beforeAll(async () => {
  for (const text of ["Apple", "apple", "APPLE pie", "banana", "100% juice", "under_score", "back\\slash"]) {
    await Word.objects.create({ text });
  }
});

describe(dbName("lookups behave as Django defines them on every database"), () => {
  it("exact and contains are case-sensitive; i-lookups are not", async () => {
    expect(await texts({ text: "apple" })).toEqual(["apple"]);
    expect(await texts({ text__iexact: "apple" })).toEqual(["Apple", "apple"]);
    expect(await texts({ text__contains: "pple" })).toEqual(["Apple", "apple"]);
    expect(await texts({ text__contains: "PPLE" })).toEqual(["APPLE pie"]);
    expect(await texts({ text__icontains: "PpLe" })).toEqual(["Apple", "apple", "APPLE pie"]);
    expect(await texts({ text__startswith: "A" })).toEqual(["Apple", "APPLE pie"]);
    expect(await texts({ text__istartswith: "a" })).toEqual(["Apple", "apple", "APPLE pie"]);
    expect(await texts({ text__endswith: "E pie" })).toEqual(["APPLE pie"]);
    expect(await texts({ text__iendswith: "PIE" })).toEqual(["APPLE pie"]);
  });

  it("pattern characters in values are literal", async () => {
    expect(await texts({ text__contains: "%" })).toEqual(["100% juice"]);
    expect(await texts({ text__contains: "_" })).toEqual(["under_score"]);
    expect(await texts({ text__icontains: "R_S" })).toEqual(["under_score"]);
    expect(await texts({ text__contains: "\\" })).toEqual(["back\\slash"]);
    expect(await texts({ text__startswith: "10" })).toEqual(["100% juice"]);
    expect(await texts({ text__iexact: "APPLE PIE" })).toEqual(["APPLE pie"]);
    expect(await texts({ text__iexact: "appl_" })).toEqual([]);
  });

  it("regex is case-sensitive, iregex is not", async () => {
    expect(await texts({ text__regex: "^[Aa]pple$" })).toEqual(["Apple", "apple"]);
    expect(await texts({ text__regex: "^A" })).toEqual(["Apple", "APPLE pie"]);
    expect(await texts({ text__iregex: "^apple" })).toEqual(["Apple", "apple", "APPLE pie"]);
    expect(await texts({ text__regex: "an(an)+a" })).toEqual(["banana"]);
    expect(await texts({ text__regex: "[0-9]+%" })).toEqual(["100% juice"]);
  });

  it("in, range and comparisons", async () => {
    expect(await texts({ text__in: ["banana", "apple", "nope"] })).toEqual(["apple", "banana"]);
    expect(await texts({ text__gt: "b", text__lt: "c" })).toEqual(["banana", "back\\slash"]);
  });
});

describe(dbName("date parts are taken in UTC"), () => {
  beforeAll(async () => {
    // 2024-03-10 is a Sunday; 23:30 UTC is already the next day east of UTC and still the 10th in UTC.
    await Word.objects.create({ text: "late", at: new Date("2024-03-10T23:30:45.123Z"), day: "2024-03-10" });
    await Word.objects.create({ text: "new year", at: new Date("2023-12-31T00:00:00Z"), day: "2023-12-31" });
  });

  it("year, month, day, hour, minute, second of a datetime", async () => {
    expect(await texts({ at__year: 2024 })).toEqual(["late"]);
    expect(await texts({ at__month: 3, at__day: 10 })).toEqual(["late"]);
    expect(await texts({ at__hour: 23, at__minute: 30, at__second: 45 })).toEqual(["late"]);
    expect(await texts({ at__year__gte: 2023 })).toEqual(["late", "new year"]);
    expect(await texts({ at__year__lt: 2024 })).toEqual(["new year"]);
  });

  it("week_day (1 = Sunday) and quarter", async () => {
    expect(await texts({ at__week_day: 1 })).toEqual(["late", "new year"]);
    expect(await texts({ day__week_day: 1 })).toEqual(["late", "new year"]);
    expect(await texts({ at__quarter: 1 })).toEqual(["late"]);
    expect(await texts({ day__quarter: 4 })).toEqual(["new year"]);
  });

  it("the date of a datetime, and parts of a date", async () => {
    expect(await texts({ at__date: "2024-03-10" })).toEqual(["late"]);
    expect(await texts({ day__year: 2023, day__month: 12, day__day: 31 })).toEqual(["new year"]);
  });
});
