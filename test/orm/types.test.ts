/**
 * Instance types are inferred from the field declarations. These checks run in `npm run typecheck`
 * (expectTypeOf and @ts-expect-error); the runtime assertions confirm the same shapes exist.
 */
import { beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  BooleanField, CASCADE, CharField, DateField, DateTimeField, DecimalField, ForeignKey, IntegerField, JSONField,
  F, FieldError, ManyToManyField, Model, OneToOneField, Q, UUIDField, type Lookups, type Manager, type ManyRelatedManager, type PkValue, type Related,
  type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Maker extends Model("types", {
  name: CharField({ maxLength: 20 }),
  nickname: CharField({ maxLength: 20, null: true }),
}) {
  declare static objects: Manager<Maker>;
  // Reverse relations are typed where declared: `gadget_set` is queried as `gadget` (Django's default).
  declare gadget_set: RelatedManager<Gadget>;
  declare backups: RelatedManager<Gadget>;
  declare supplied: ManyRelatedManager<Gadget>;
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
  declare licence: Related<Licence>;
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

describe(dbName("typed lookup keys"), () => {
  beforeEach(async () => {
    await Maker.objects.all().delete(); // cascades to gadgets and licences
  });

  it("filter, exclude and get accept fields, lookups, transforms, pk, attnames, forward and declared reverse relations", async () => {
    const maker = await Maker.objects.create({ name: "m" });
    const g = await Gadget.objects.create({ maker, price: "1.50", made: "2024-01-01" });
    await g.parts.add(maker);
    await Licence.objects.create({ code: "12345678-1234-5678-1234-567812345678", gadget: g });
    expect(await Gadget.objects.filter({ maker__name__startswith: "m", made__year__gte: 2024, maker_id__in: [maker.id], pk: g.pk }).count()).toBe(1);
    expect(await Gadget.objects.exclude({ backup__isnull: false, parts__nickname__isnull: false }).count()).toBe(1);
    expect(await Maker.objects.filter({ gadget__price__lt: "2", supplied__licence__code__isnull: false, gadget__maker__gadget__count: 0 }).count()).toBe(1);
    expect((await Maker.objects.get({ gadget: g })).id).toBe(maker.id);
    expect(await Licence.objects.filter({ pk: "12345678-1234-5678-1234-567812345678", gadget__pk__gte: 1 }).count()).toBe(1);
    // `pk` takes every lookup (its field is not known to the types); the query is built, not run.
    expect(() => Maker.objects.filter({ pk__startswith: "1" })).not.toThrow();
    expect(await Maker.objects.filter({ backups__isnull: true }).filter(Q({ name: "m" }), { nickname: null }).count()).toBe(1);
    expect(await Gadget.objects.annotate({ twice: F("count") }).filter({ twice__gte: 0 }).count()).toBe(1);
  });

  it("a misspelt field, lookup or relation is a compile error", () => {
    // @ts-expect-error -- Cannot resolve keyword 'nmae' into field.
    expect(() => Maker.objects.filter({ nmae: "x" })).toThrow(FieldError);
    // @ts-expect-error -- Unsupported lookup 'startwith' for 'name'.
    expect(() => Maker.objects.filter({ name__startwith: "x" })).toThrow(FieldError);
    // @ts-expect-error -- a lookup after a transform is checked too
    expect(() => Gadget.objects.exclude({ made__year__gtee: 1 })).toThrow(FieldError);
    // @ts-expect-error -- across a relation
    expect(() => Gadget.objects.filter({ maker__nmae: "x" })).toThrow(FieldError);
    // @ts-expect-error -- the accessor of a default reverse name is not its query name
    expect(() => Maker.objects.filter({ gadgets__count: 1 })).toThrow(FieldError);
    // @ts-expect-error -- methods are no fields
    expect(() => Maker.objects.filter({ save: 1 })).toThrow(FieldError);
    // @ts-expect-error -- a second lookups argument is checked as well
    expect(() => Maker.objects.filter(Q({ name: "x" }), { nickame: null })).toThrow(FieldError);
    // @ts-expect-error -- orderBy
    expect(() => Gadget.objects.orderBy("-maker__nmae")).toThrow(FieldError);
    // @ts-expect-error -- values
    expect(() => Gadget.objects.values("prise")).toThrow(FieldError);
    // @ts-expect-error -- valuesList
    expect(() => Gadget.objects.valuesList("prise", { flat: true })).toThrow(FieldError);
    // Beyond three relation hops a path is accepted as written and checked when the filter is built.
    expect(() => Gadget.objects.filter({ maker__gadget__maker__gadget__nmae: 1 })).toThrow(FieldError);
    // @ts-expect-error -- selectRelated takes relations only
    expect(() => Gadget.objects.selectRelated("price")).toThrow(FieldError);
  });

  it("orderBy, values, valuesList, selectRelated and prefetchRelated take typed paths", async () => {
    const maker = await Maker.objects.create({ name: "m" });
    await Gadget.objects.create({ maker, price: "1.50", made: "2024-01-01" });
    expect(await Gadget.objects.orderBy("-maker__name", "made", "?").count()).toBe(1);
    const rows = await Gadget.objects.values("price", "maker__name").orderBy("maker__nickname");
    expectTypeOf(rows[0]!.price).toEqualTypeOf<string>();
    expect(rows).toEqual([{ price: "1.50", maker__name: "m" }]);
    expect(await Gadget.objects.valuesList("maker_id", { flat: true })).toEqual([maker.id]);
    expect((await Gadget.objects.selectRelated("maker", "licence__gadget").prefetchRelated("parts", "maker__supplied")).length).toBe(1);
    // @ts-expect-error -- prefetchRelated checks each segment
    await expect(Gadget.objects.prefetchRelated("maker__nope").fetch()).rejects.toThrow();
  });

  it("keys not known statically stay possible: Q(), a Lookups object, a string key", async () => {
    const field: string = "name";
    const lookups: Lookups = { [`${field}__in`]: ["m"] };
    expect(await Maker.objects.filter(lookups).count()).toBe(0);
    expect(await Maker.objects.filter({ [field]: "m" }).orderBy(field).count()).toBe(0);
    expect(await Maker.objects.filter(Q({ gadget__maker__backups__licence__code__isnull: false }).or(Q({ name: "m" }))).count()).toBe(0);
  });
});
