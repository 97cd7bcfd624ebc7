/**
 * Instance types are inferred from the field declarations. These checks run in `npm run typecheck`
 * (expectTypeOf and @ts-expect-error); the runtime assertions confirm the same shapes exist.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BooleanField, CASCADE, CharField, DateField, DateTimeField, DecimalField, ForeignKey, IntegerField, JSONField,
  ManyToManyField, Model, OneToOneField, UUIDField, type Manager, type ManyRelatedManager, type PkValue, type Related,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Maker extends Model("types", {
  name: CharField({ maxLength: 20 }),
  nickname: CharField({ maxLength: 20, null: true }),
}) {
  declare static objects: Manager<Maker>;
}

class Gadget extends Model("types", {
  maker: ForeignKey(() => Maker, { onDelete: CASCADE }),
  backup: ForeignKey(() => Maker, { onDelete: CASCADE, null: true, relatedName: "backups" }),
  price: DecimalField({ maxDigits: 5, decimalPlaces: 2 }),
  made: DateField(),
  seen: DateTimeField({ null: true }),
  on: BooleanField({ default: false }),
  count: IntegerField({ default: 0 }),
  // An explicit value type needs the options type too (TypeScript infers all type arguments or none).
  specs: JSONField<{ volts: number }, { null: true }>({ null: true }),
  parts: ManyToManyField(() => Maker, { relatedName: "supplied" }),
}) {
  declare static objects: Manager<Gadget>;
}

class Licence extends Model("types", {
  code: UUIDField({ primaryKey: true }),
  gadget: OneToOneField(() => Gadget, { onDelete: CASCADE }),
}) {}

useTestDatabase([Maker, Gadget, Licence]);

describe(dbName("inferred model types"), () => {
  it("field values, nullability, relations, keys", async () => {
    const maker = await Maker.objects.create({ name: "m" });
    expectTypeOf(maker.name).toEqualTypeOf<string>();
    expectTypeOf(maker.nickname).toEqualTypeOf<string | null>();
    expectTypeOf(maker.id).toEqualTypeOf<number>();

    const g = new Gadget({ maker, price: "1.50", made: "2024-01-01" });
    expectTypeOf(g.price).toEqualTypeOf<string>();
    expectTypeOf(g.made).toEqualTypeOf<string>();
    expectTypeOf(g.seen).toEqualTypeOf<Date | null>();
    expectTypeOf(g.on).toEqualTypeOf<boolean>();
    expectTypeOf(g.count).toEqualTypeOf<number>();
    expectTypeOf(g.specs).toEqualTypeOf<{ volts: number } | null>();
    expectTypeOf(g.maker).toEqualTypeOf<Related<Maker>>();
    expectTypeOf(g.backup).toEqualTypeOf<Related<Maker | null>>();
    expectTypeOf(g.maker_id).toEqualTypeOf<PkValue>();
    expectTypeOf(g.backup_id).toEqualTypeOf<PkValue | null>();
    expectTypeOf(g.parts).toEqualTypeOf<ManyRelatedManager<Maker>>();
    // Type only: calling get() here would run a query that rejects (no such row yet).
    expectTypeOf<ReturnType<typeof Gadget.objects.get>>().resolves.toEqualTypeOf<Gadget>();

    await g.save();
    expect(typeof g.price).toBe("string");
    expect(await g.maker).toBe(maker);
    g.backup = maker;
    g.backup = null;
    g.maker_id = maker.id;
    expect(g.backup_id).toBeNull();

    const l = new Licence({ code: "12345678-1234-5678-1234-567812345678", gadget: g });
    expectTypeOf(l.code).toEqualTypeOf<string>();
    // @ts-expect-error -- a model with its own primary key has no `id`
    void l.id;
    expect("id" in l).toBe(false);
  });

  it("constructor data is checked", () => {
    // @ts-expect-error -- unknown field
    expect(() => new Maker({ name: "x", nope: 1 })).toThrow();
    // @ts-expect-error -- wrong value type
    void new Maker({ name: 5 });
    // @ts-expect-error -- many-to-many fields are not constructor data
    expect(() => new Gadget({ parts: [] })).toThrow();
    const ok = new Gadget({ maker_id: 1, seen: "2024-01-01T00:00:00Z", price: "1", made: new Date("2024-02-03T10:00:00Z") });
    // Instance values have the declared types whatever form the input took.
    expect(ok.made).toBe("2024-02-03");
    expect(ok.seen).toBeInstanceOf(Date);
    expect(ok.seen!.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    expect(new Gadget({ seen: "not a date" as never }).seen as unknown).toBe("not a date");
    // @ts-expect-error -- a Date is no CharField value
    void new Maker({ name: new Date() });
    expect(ok.maker_id).toBe(1);
  });

  it("objects.create() and related managers' create() check the names", async () => {
    // @ts-expect-error -- misspelt field name
    await expect(Maker.objects.create({ nmae: "x" })).rejects.toThrow("Maker() got unexpected keyword arguments: 'nmae'");
    // @ts-expect-error -- methods are not data
    await expect(Maker.objects.create({ save: 1 })).rejects.toThrow();
    const maker = await Maker.objects.create({ name: "ok", nickname: null });
    const g = await Gadget.objects.create({ maker, price: "2", made: "2024-01-01" });
    expect(g.maker_id).toBe(maker.id);
    // @ts-expect-error -- misspelt field name
    await expect(g.parts.create({ nme: "x" })).rejects.toThrow();
  });
});
