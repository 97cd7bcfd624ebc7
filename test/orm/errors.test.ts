import { describe, expect, it } from "vitest";
import {
  apps, BooleanField, CASCADE, CharField, DatabaseError, DateField, DateTimeField, DecimalField, FieldError, ForeignKey,
  ImproperlyConfigured, IntegerField, IntegrityError, InvalidOperation, JSONField, ManyToManyField, Model, SET_DEFAULT, SET_NULL, UUIDField,
  ValidationError, ModelTypeError,
  createTables, type Manager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Owner extends Model("errs", {
  name: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Owner>;
}

class Item extends Model("errs", {
  owner: ForeignKey(() => Owner, { onDelete: CASCADE }),
  count: IntegerField({ default: 0 }),
  price: DecimalField({ maxDigits: 6, decimalPlaces: 2, null: true }),
  when: DateTimeField({ null: true }),
  day: DateField({ null: true }),
  flag: BooleanField({ default: false }),
  ref: UUIDField({ null: true }),
  data: JSONField({ null: true }),
}) {
  declare static objects: Manager<Item>;
}

class Dangling extends Model("errs", {
  target: ForeignKey("errs.NeverDefined", { onDelete: CASCADE }),
}) {}

useTestDatabase([Owner, Item]);

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(() => { throw new Error("expected a failure"); }, (error: unknown) => error);
}

describe(dbName("bad input gives typed errors and changes nothing"), () => {
  it("values of the wrong type are refused on save, naming the field", async () => {
    const owner = await Owner.objects.create({ name: "o" });
    const cases: [Record<string, unknown>, string, string][] = [
      [{ count: "many" }, "count", "“many” value must be an integer."],
      [{ price: "cheap" }, "price", "“cheap” value must be a decimal number."],
      [{ when: "soon" }, "when", "“soon” value has an invalid format. It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format."],
      [{ day: "2024-02-31" }, "day", "“2024-02-31” value has the correct format (YYYY-MM-DD) but it is an invalid date."],
      [{ flag: "perhaps" }, "flag", "“perhaps” value must be either True or False."],
      [{ ref: "xyz" }, "ref", "“xyz” is not a valid UUID."],
    ];
    for (const [data, field, message] of cases) {
      const error = await failure(Item.objects.create({ owner, ...data }));
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).messageDict).toEqual({ [field]: [message] });
    }
    expect(await Item.objects.count()).toBe(0);
  });

  it("an update with a bad value changes nothing", async () => {
    const owner = await Owner.objects.create({ name: "u" });
    const item = await Item.objects.create({ owner, count: 3 });
    await expect(Item.objects.filter({ pk: item.id }).update({ count: "lots" })).rejects.toBeInstanceOf(ValidationError);
    item.count = "lots" as never;
    await expect(item.save()).rejects.toBeInstanceOf(ValidationError);
    expect((await Item.objects.get({ pk: item.id })).count).toBe(3);
  });

  it("values are stored in canonical form, so lookups find them", async () => {
    const owner = await Owner.objects.create({ name: "c" });
    const item = await Item.objects.create({ owner, when: "2024-05-06T07:08:09+02:00" as never, count: "12" as never, day: "2024-5-6" });
    expect(await Item.objects.filter({ when: new Date("2024-05-06T05:08:09Z") }).count()).toBe(1);
    expect(await Item.objects.filter({ when__hour: 5 }).count()).toBe(1);
    expect(await Item.objects.filter({ count: 12 }).count()).toBe(1);
    expect(await Item.objects.filter({ day: "2024-05-06" }).count()).toBe(1);
    const loaded = await Item.objects.get({ pk: item.id });
    expect(loaded.when!.toISOString()).toBe("2024-05-06T05:08:09.000Z");
    expect(loaded.count).toBe(12);
    await Item.objects.filter({ pk: item.id }).delete();
  });

  it("JSON that cannot be serialized is a ValidationError", async () => {
    const owner = await Owner.objects.create({ name: "j" });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(Item.objects.create({ owner, data: circular })).rejects.toBeInstanceOf(ValidationError);
    expect(await Item.objects.filter({ owner }).count()).toBe(0);
  });

  it("a missing required key is an IntegrityError (a DatabaseError) and writes nothing", async () => {
    const error = await failure(Item.objects.create({ count: 777 }));
    expect(error).toBeInstanceOf(IntegrityError);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as IntegrityError).constraintKind).toBe("notNull");
    expect(await Item.objects.filter({ count: 777 }).count()).toBe(0);
  });

  it("unknown fields in constructors, filters, ordering, updates and selectRelated", async () => {
    expect(() => new Item({ nope: 1 } as never)).toThrow(new ModelTypeError("Item() got unexpected keyword arguments: 'nope'"));
    expect(() => new Item({ nope: 1 } as never)).toThrow(TypeError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Item.objects.filter({ owner__nope: 1 })).toThrow(new FieldError("Unsupported lookup 'nope' for ForeignKey or join on the field not permitted."));
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Item.objects.orderBy("owner__nope")).toThrow(FieldError);
    await expect(Item.objects.update({ nope: 1 })).rejects.toBeInstanceOf(FieldError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Item.objects.selectRelated("count")).toThrow(FieldError);
  });

  it("configuration errors are ImproperlyConfigured", async () => {
    expect(() => apps.getModel("errs.Missing")).toThrow(ImproperlyConfigured);
    expect(apps.getModel("errs.owner").objectName).toBe("Owner");
    class NotAModel {}
    await expect(createTables([NotAModel])).rejects.toBeInstanceOf(ImproperlyConfigured);
    expect(() => {
      class Duplicate extends Model("errs", { name: CharField({ maxLength: 5 }) }, { name: "Owner" }) {}
      return Duplicate.objects;
    }).toThrow(new ImproperlyConfigured("Conflicting 'owner' models in application 'errs'."));
  });

  it("declaration mistakes are ImproperlyConfigured at once (Django's model checks)", () => {
    expect(() => CharField({} as never)).toThrow(new ImproperlyConfigured("CharFields must define a 'maxLength' attribute."));
    expect(() => CharField({ maxLength: 0 })).toThrow(new ImproperlyConfigured("'maxLength' must be a positive integer."));
    expect(() => DecimalField({ maxDigits: 2, decimalPlaces: 3 }))
      .toThrow(new ImproperlyConfigured("'maxDigits' must be greater or equal to 'decimalPlaces'."));
    expect(() => DecimalField({ maxDigits: 5 } as never)).toThrow(new ImproperlyConfigured("DecimalFields must define a 'decimalPlaces' attribute."));
    expect(() => ForeignKey(() => Owner, {} as never)).toThrow(TypeError);
    expect(() => ForeignKey(() => Owner, { onDelete: SET_NULL }))
      .toThrow(new ImproperlyConfigured("Field specifies onDelete=SET_NULL, but cannot be null. Set null: true or change the onDelete rule."));
    expect(() => ForeignKey(() => Owner, { onDelete: SET_DEFAULT, null: true })).toThrow(/SET_DEFAULT, but has no default value/);
    expect(() => ForeignKey(() => Owner, { onDelete: SET_NULL, null: true })).not.toThrow();
  });

  it("bad model declarations are ImproperlyConfigured (Django's model checks)", () => {
    const declare = (fields: Record<string, unknown>, meta: object = {}) => () => Model("errs", fields as never, meta);
    expect(declare({ name_: CharField({ maxLength: 5 }) })).toThrow("Field names must not end with an underscore: 'name_'.");
    expect(declare({ a__b: CharField({ maxLength: 5 }) })).toThrow(`Field names must not contain "__": 'a__b'.`);
    expect(declare({ pk: CharField({ maxLength: 5 }) })).toThrow("'pk' is a reserved word that cannot be used as a field name.");
    expect(declare({ save: CharField({ maxLength: 5 }) })).toThrow(ImproperlyConfigured);
    expect(declare({ id: IntegerField() })).toThrow("'id' can only be used as a field name if the field also sets 'primaryKey: true'.");
    expect(declare({ a: IntegerField({ primaryKey: true }), b: IntegerField({ primaryKey: true }) }))
      .toThrow("The model cannot have more than one field with 'primaryKey: true'.");
    expect(declare({ owner: ForeignKey(() => Owner, { onDelete: CASCADE }), owner_id: IntegerField() }))
      .toThrow("The field 'owner_id' clashes with the field 'owner'.");
    expect(declare({ name: CharField({ maxLength: 5 }) }, { ordering: ["nope"] })).toThrow("'ordering' refers to the nonexistent field 'nope'.");
    expect(declare({ name: CharField({ maxLength: 5 }) }, { uniqueTogether: [["name", "x"]] }))
      .toThrow("'uniqueTogether' refers to the nonexistent field 'x'.");
    expect(declare({ name: CharField({ maxLength: 5 }) }, { indexes: [{ fields: ["-y"] }] })).toThrow(ImproperlyConfigured);
    expect(declare({ name: CharField({ maxLength: 5 }) }, { ordering: ["-name", "pk", "?"] })).not.toThrow();
  });

  it("reverse names that clash are ImproperlyConfigured (Django's fields.E302-E305)", () => {
    class TwoKeys extends Model("errs", {
      seller: ForeignKey(() => Owner, { onDelete: CASCADE }),
      buyer: ForeignKey(() => Owner, { onDelete: CASCADE }),
    }) {}
    expect(() => TwoKeys.meta).toThrow(
      "Reverse accessor 'Owner.twokeys_set' for 'errs.TwoKeys.buyer' clashes with reverse accessor for 'errs.TwoKeys.seller'.",
    );
    class Shadow extends Model("errs", { owner: ForeignKey(() => Owner, { onDelete: CASCADE, relatedName: "name" }) }) {}
    expect(() => Shadow.meta).toThrow(ImproperlyConfigured);
    class Named extends Model("errs", {
      seller: ForeignKey(() => Owner, { onDelete: CASCADE, relatedName: "sales" }),
      buyer: ForeignKey(() => Owner, { onDelete: CASCADE, relatedName: "purchases" }),
    }) {}
    expect(() => Named.meta).not.toThrow();
  });

  it("orderings that refer to each other through relations are a FieldError", async () => {
    class LoopA extends Model("errs", { b: ForeignKey("LoopB", { onDelete: CASCADE, null: true }) }, { ordering: ["b"] }) {}
    class LoopB extends Model("errs", { a: ForeignKey(() => LoopA, { onDelete: CASCADE, null: true }) }, { ordering: ["a"] }) {}
    void LoopB.meta;
    await expect(LoopA.objects.all().fetch()).rejects.toThrow(new FieldError("Infinite loop caused by ordering."));
  });

  it("a relation whose target never appears fails when used, naming it", () => {
    expect(() => Dangling.objects.filter({ target: 1 })).toThrow(/'errs\.NeverDefined'/);
  });
});

describe("declaration and resolution mistakes name the problem", () => {
  it("a foreign key without onDelete, or a field hiding a model method, is refused at declaration", () => {
    expect(() => ForeignKey(() => Owner, {} as never)).toThrow(TypeError);
    expect(() => ForeignKey(() => Owner, {} as never)).toThrow(/ForeignKey needs onDelete/);
    expect(() => Model("errs", { save: CharField({ maxLength: 5 }) }))
      .toThrow(new ImproperlyConfigured("Field name 'save' would hide the model method save(); choose another name."));
  });

  it("a model class needs a name, a relation thunk must give a model class", () => {
    expect(() => (class extends Model("errs", { n: IntegerField() }) {}).meta).toThrow(/A model needs a name/);
    class BadTarget extends Model("errs", { t: ForeignKey(() => 42 as never, { onDelete: CASCADE }) }) {}
    expect(() => BadTarget.meta).toThrow(new ImproperlyConfigured("The relation target of errs.BadTarget must return a model class."));
  });

  it("apps.getModel() of an unknown label lists what exists", () => {
    expect(() => apps.getModel("errs.Nope")).toThrow(/^No installed model 'errs\.Nope'\. Known: .*errs\.Owner/);
  });

  it("a many-to-many to a model that never appears fails when used", () => {
    class Tagged extends Model("errs", { tags: ManyToManyField("errs.NoSuchTag") }) {}
    expect(() => Tagged.objects.filter({ tags: 1 })).toThrow(new InvalidOperation("Related model of Tagged.tags cannot be resolved."));
  });

  it("a through model without a key to each side is refused", () => {
    class Club extends Model("errs", { title: CharField({ maxLength: 5 }) }) {}
    class HalfLink extends Model("errs", { club: ForeignKey(() => Club, { onDelete: CASCADE }) }) {}
    class Member extends Model("errs", { clubs: ManyToManyField(() => Club, { through: () => HalfLink }) }) {}
    expect(() => Member.meta).toThrow(
      new ImproperlyConfigured("The through model errs.HalfLink of Member.clubs needs foreign keys to Member and Club."),
    );
  });
});
