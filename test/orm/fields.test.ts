import { describe, expect, it } from "vitest";
import {
  AutoField, BigAutoField, BigIntegerField, BooleanField, CharField, DateField, DateTimeField, DecimalField,
  EmailField, FloatField, IntegerField, IntegrityError, JSONField, Model, PositiveIntegerField, PreciseDate,
  SlugField, SmallIntegerField, TextField, URLField, UUIDField, getBackend,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";
import { indexNames } from "./fixtures/index-names.js";

/** One of every field kind the issue lists. */
class Everything extends Model("fields", {
  char: CharField({ maxLength: 20 }),
  text: TextField({ blank: true }),
  integer: IntegerField({ default: 7 }),
  small: SmallIntegerField({ null: true }),
  big: BigIntegerField({ null: true }),
  positive: PositiveIntegerField({ null: true }),
  ratio: FloatField({ null: true }),
  price: DecimalField({ maxDigits: 12, decimalPlaces: 2, null: true }),
  flag: BooleanField({ default: false }),
  maybe: BooleanField({ null: true }),
  day: DateField({ null: true }),
  moment: DateTimeField({ null: true }),
  email: EmailField({ blank: true }),
  url: URLField({ blank: true }),
  slug: SlugField({ blank: true }),
  uuid: UUIDField({ null: true }),
  data: JSONField({ null: true, default: { tags: [] } }),
}) {}

class SmallAuto extends Model("fields", {
  ident: AutoField(),
  name: CharField({ maxLength: 10 }),
}) {}

class BigAuto extends Model("fields", {
  ident: BigAutoField({ primaryKey: true }),
  name: CharField({ maxLength: 10 }),
}) {}

class Coded extends Model("fields", {
  code: CharField({ maxLength: 8, primaryKey: true }),
  label: CharField({ maxLength: 30, dbColumn: "label_text", unique: true, helpText: "Shown to users", verboseName: "display label" }),
  hidden: IntegerField({ editable: false, default: () => 41 + 1 }),
}) {}

let counter = 0;
class Defaults extends Model("fields", {
  tags: JSONField({ default: () => [] as string[] }),
  serial: IntegerField({ default: () => ++counter }),
  stamp: DateTimeField({ autoNowAdd: true }),
  touched: DateTimeField({ autoNow: true }),
  born: DateField({ autoNowAdd: true }),
}) {}

class Keyed extends Model("fields", {
  id: UUIDField({ primaryKey: true, default: () => "12345678-1234-5678-1234-567812345678" }),
  note: CharField({ maxLength: 10 }),
}) {}

useTestDatabase([Everything, SmallAuto, BigAuto, Coded, Defaults, Keyed]);

async function reload<T extends { pk: unknown }>(cls: { objects: { get(q: object): Promise<T> } }, obj: T): Promise<T> {
  return cls.objects.get({ pk: obj.pk });
}

describe(dbName("fields round-trip"), () => {
  it("saves and loads every kind with the right JS types", async () => {
    const e = new Everything({
      char: "hello",
      text: "long text",
      small: -5,
      big: 9007199254740991,
      positive: 3,
      ratio: 0.25,
      price: "1234567890.12",
      flag: true,
      maybe: null,
      day: "2024-02-29",
      moment: new Date("2024-03-01T12:34:56.789Z"),
      email: "a@example.com",
      url: "https://example.com/x",
      slug: "a-slug_1",
      uuid: "ABCDEF01-2345-6789-ABCD-EF0123456789",
      data: { a: [1, 2, { b: null }], c: "d" },
    });
    expect(e.integer).toBe(7);
    await e.save();
    expect(typeof e.id).toBe("number");
    const loaded = await reload(Everything, e);
    expect(loaded.char).toBe("hello");
    expect(loaded.text).toBe("long text");
    expect(loaded.integer).toBe(7);
    expect(loaded.small).toBe(-5);
    expect(loaded.big).toBe(9007199254740991);
    expect(loaded.positive).toBe(3);
    expect(loaded.ratio).toBe(0.25);
    expect(loaded.price).toBe("1234567890.12");
    expect(loaded.flag).toBe(true);
    expect(loaded.maybe).toBeNull();
    expect(loaded.day).toBe("2024-02-29");
    expect(loaded.moment).toBeInstanceOf(Date);
    expect(loaded.moment!.toISOString()).toBe("2024-03-01T12:34:56.789Z");
    expect(loaded.email).toBe("a@example.com");
    expect(loaded.url).toBe("https://example.com/x");
    expect(loaded.slug).toBe("a-slug_1");
    expect(loaded.uuid).toBe("abcdef01-2345-6789-abcd-ef0123456789");
    expect(loaded.data).toEqual({ a: [1, 2, { b: null }], c: "d" });
  });

  it("bulkUpdate writes every kind (PostgreSQL casts each CASE to the column type)", async () => {
    const first = await Everything.objects.create({ char: "a", positive: 1, price: "1.00", day: "2024-01-01", maybe: true });
    const second = await Everything.objects.create({ char: "b", positive: 2, price: "2.00", day: "2024-01-02", maybe: false });
    first.positive = 10;
    second.positive = 20;
    first.price = "10.50";
    first.day = "2025-03-04";
    second.maybe = null;
    second.uuid = "12345678-1234-5678-1234-567812345678";
    first.moment = new Date(Date.UTC(2024, 5, 6, 7, 8, 9));
    const fields = ["positive", "price", "day", "maybe", "uuid", "moment", "small", "ratio", "data"];
    expect(await Everything.objects.bulkUpdate([first, second], fields)).toBe(2);
    const [a, b] = await Everything.objects.filter({ pk__in: [first.pk, second.pk] }).orderBy("pk");
    expect([a!.positive, b!.positive]).toEqual([10, 20]);
    expect([a!.price, a!.day, b!.maybe, b!.uuid]).toEqual(["10.50", "2025-03-04", null, "12345678-1234-5678-1234-567812345678"]);
    expect(a!.moment?.toISOString()).toBe("2024-06-06T07:08:09.000Z");
  });

  it("keeps decimals exact, never through a float", async () => {
    const e = await Everything.objects.create({ char: "dec", price: "0.10" });
    await Everything.objects.filter({ pk: e.id }).update({ price: "9999999999.99" });
    expect((await reload(Everything, e)).price).toBe("9999999999.99");
    const f = await Everything.objects.create({ char: "dec2", price: 0.1 });
    expect((await reload(Everything, f)).price).toBe("0.10");
    const g = await Everything.objects.create({ char: "dec3", price: "-3" });
    expect((await reload(Everything, g)).price).toBe("-3.00");
    expect(await Everything.objects.filter({ price__gt: "9999999999.98" }).count()).toBe(1);
    // More places than the field keeps are rounded half to even on save, as Django quantizes.
    for (const [given, stored] of [["1.239", "1.24"], ["1.005", "1.00"], ["1.015", "1.02"], ["-2.675", "-2.68"], ["0.994", "0.99"]]) {
      const r = await Everything.objects.create({ char: "round", price: given });
      expect((await reload(Everything, r)).price).toBe(stored);
    }
  });

  it("keeps datetimes in UTC with microseconds (PreciseDate)", async () => {
    const moment = new PreciseDate(Date.UTC(2022, 6, 8, 10, 2, 16, 290), 290713);
    const e = await Everything.objects.create({ char: "micro", moment });
    const loaded = await reload(Everything, e);
    expect(loaded.moment).toBeInstanceOf(PreciseDate);
    expect((loaded.moment as PreciseDate).microseconds).toBe(290713);
    expect(loaded.moment!.toISOString()).toBe("2022-07-08T10:02:16.290Z");
    const fromText = await Everything.objects.create({ char: "text", moment: "2022-07-08T12:02:16.5+02:00" as never });
    expect((await reload(Everything, fromText)).moment!.toISOString()).toBe("2022-07-08T10:02:16.500Z");
    expect(await Everything.objects.filter({ moment: moment }).count()).toBe(1);
  });

  it("keeps DateField as YYYY-MM-DD and accepts a Date", async () => {
    const e = await Everything.objects.create({ char: "date", day: new Date("2021-12-31T23:30:00Z") as never });
    expect((await reload(Everything, e)).day).toBe("2021-12-31");
  });

  it("booleans come back as booleans", async () => {
    const e = await Everything.objects.create({ char: "b", flag: false, maybe: true });
    const loaded = await reload(Everything, e);
    expect(loaded.flag).toBe(false);
    expect(loaded.maybe).toBe(true);
    expect(await Everything.objects.filter({ pk: e.id, flag: false, maybe: true }).count()).toBe(1);
  });

  it("UUID pattern lookups ignore how the database stores the dashes (as Django)", async () => {
    const e = await Everything.objects.create({ char: "uuid", uuid: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0" });
    const match = async (lookups: Record<string, unknown>) => (await Everything.objects.filter({ pk: e.id, ...lookups })).length;
    expect(await match({ uuid__contains: "4b5a-6978" })).toBe(1);
    expect(await match({ uuid__icontains: "4B5A-6978" })).toBe(1);
    expect(await match({ uuid__startswith: "0f1e2d3c-4b" })).toBe(1);
    expect(await match({ uuid__endswith: "a5b4c3d2e1f0" })).toBe(1);
    expect(await match({ uuid__iexact: "0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0" })).toBe(1);
    expect(await match({ uuid: "0f1e2d3c4b5a69788796a5b4c3d2e1f0" })).toBe(1);
    expect(await match({ uuid__contains: "zzzz" })).toBe(0);
  });

  it("JSON keeps arrays, strings, numbers and nested objects", async () => {
    for (const data of [[1, "two", 3.5], "plain", 42, { nested: { deep: [true, false] } }]) {
      const e = await Everything.objects.create({ char: "json", data });
      expect((await reload(Everything, e)).data).toEqual(data);
    }
  });
});

describe(dbName("primary keys"), () => {
  it("adds a default auto-increment id with a pk alias", async () => {
    const a = await Everything.objects.create({ char: "first" });
    const b = await Everything.objects.create({ char: "second" });
    expect(b.id).toBe(a.id + 1);
    expect(a.pk).toBe(a.id);
    expect(Everything.meta.pk.name).toBe("id");
    expect((await Everything.objects.get({ pk: b.id })).char).toBe("second");
  });

  it("supports AutoField and BigAutoField under another name", async () => {
    const s = await SmallAuto.objects.create({ name: "x" });
    expect(typeof s.ident).toBe("number");
    expect(s.pk).toBe(s.ident);
    expect(SmallAuto.meta.fields.map((f) => f.name)).toEqual(["ident", "name"]);
    const b = await BigAuto.objects.create({ name: "y" });
    expect(b.pk).toBe(b.ident);
    expect((await BigAuto.objects.get({ ident: b.ident })).name).toBe("y");
  });

  it("uses a custom primary key: save with the key updates, not duplicates", async () => {
    const c = new Coded({ code: "AB", label: "first" });
    await c.save();
    expect(c.pk).toBe("AB");
    const again = new Coded({ code: "AB", label: "second" });
    await again.save();
    expect(await Coded.objects.count()).toBe(1);
    expect((await Coded.objects.get({ pk: "AB" })).label).toBe("second");
  });

  it("UUID primary key with a default function", async () => {
    const k = await Keyed.objects.create({ note: "n" });
    expect(k.pk).toBe("12345678-1234-5678-1234-567812345678");
    expect((await Keyed.objects.get({ pk: "12345678123456781234567812345678" })).note).toBe("n");
  });
});

describe(dbName("field options"), () => {
  it("default values and default functions (called per instance)", async () => {
    const a = new Defaults();
    const b = new Defaults();
    expect(a.tags).toEqual([]);
    expect(a.tags).not.toBe(b.tags);
    expect(b.serial).toBe(a.serial + 1);
  });

  it("a plain object or array default is not shared between instances", () => {
    const a = new Everything();
    const b = new Everything();
    (a.data as { tags: string[] }).tags.push("x");
    expect(b.data).toEqual({ tags: [] });
    expect(new Everything().data).toEqual({ tags: [] });
  });

  it("autoNowAdd is set on insert only, autoNow on every save", async () => {
    const before = Date.now();
    const d = await Defaults.objects.create();
    expect(d.stamp).toBeInstanceOf(Date);
    expect(d.stamp.getTime()).toBeGreaterThanOrEqual(before);
    expect(d.born).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const stamp = d.stamp.getTime();
    const touched = d.touched.getTime();
    await new Promise((r) => setTimeout(r, 5));
    await d.save();
    expect(d.stamp.getTime()).toBe(stamp);
    expect(d.touched.getTime()).toBeGreaterThan(touched);
    const loaded = await Defaults.objects.get({ pk: d.id });
    expect(loaded.stamp.getTime()).toBe(stamp);
    expect(loaded.touched.getTime()).toBe(d.touched.getTime());
    expect(Defaults.meta.getField("stamp")).toMatchObject({ editable: false, blank: true });
  });

  it("unique raises IntegrityError on save", async () => {
    await Coded.objects.create({ code: "U1", label: "unique label" });
    const error = await Coded.objects.create({ code: "U2", label: "unique label" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IntegrityError);
    expect((error as IntegrityError).constraintKind).toBe("unique");
    expect(await Coded.objects.filter({ code: "U2" }).exists()).toBe(false);
  });

  it("dbColumn names the column; lookups still use the field name", async () => {
    await Coded.objects.create({ code: "C1", label: "columned" });
    const backend = getBackend();
    const q = backend.ops.quoteName;
    const rows = await backend.query(`SELECT ${q("label_text")} FROM ${q("fields_coded")} WHERE ${q("code")} = ${backend.ops.placeholder(1)}`, ["C1"]);
    expect(rows).toEqual([["columned"]]);
    expect((await Coded.objects.get({ label: "columned" })).code).toBe("C1");
    expect(Coded.meta.getField("label")).toMatchObject({ column: "label_text", helpText: "Shown to users", verboseName: "display label" });
  });

  it("editable, helpText and verboseName are kept on the field", () => {
    const hidden = Coded.meta.getField("hidden") as { editable: boolean; verboseName: string; helpText: string };
    expect(hidden.editable).toBe(false);
    expect(hidden.verboseName).toBe("hidden");
    expect(hidden.helpText).toBe("");
    expect(new Coded({ code: "x", label: "y" }).hidden).toBe(42);
  });

  it("SlugField is indexed by default", async () => {
    const indexes = await indexNames("fields_everything");
    expect(indexes.some((name) => name.includes("slug"))).toBe(true);
    expect(indexes.some((name) => name.includes("email"))).toBe(false);
  });

  it("the null option: NULL is stored for null fields, refused by the database for others", async () => {
    const e = await Everything.objects.create({ char: "nulls" });
    expect((await reload(Everything, e)).small).toBeNull();
    e.char = null as never;
    await expect(e.save()).rejects.toBeInstanceOf(IntegrityError);
    expect((await reload(Everything, e)).char).toBe("nulls");
  });

  it("a non-null CharField starts as the empty string", () => {
    expect(new Everything().char).toBe("");
    expect(new Everything().small).toBeNull();
  });
});
