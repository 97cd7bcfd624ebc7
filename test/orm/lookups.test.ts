import { beforeAll, describe, expect, it } from "vitest";
import {
  CASCADE, CharField, DateField, DateTimeField, DecimalField, FieldError, ForeignKey, IntegerField, InvalidOperation, Model, Q,
  type Manager, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Country extends Model("lookups", {
  name: CharField({ maxLength: 30 }),
}) {
  declare static objects: Manager<Country>;
  // Declared so that reverse lookups type-check (lookup keys are typed from the instance type).
  declare city_set: RelatedManager<City>;
}

class City extends Model("lookups", {
  name: CharField({ maxLength: 30 }),
  country: ForeignKey(() => Country, { onDelete: CASCADE }),
}) {
  declare static objects: Manager<City>;
  declare person_set: RelatedManager<Person>;
}

class Person extends Model("lookups", {
  name: CharField({ maxLength: 50 }),
  age: IntegerField({ null: true }),
  city: ForeignKey(() => City, { onDelete: CASCADE, null: true }),
  born: DateField({ null: true }),
  seen: DateTimeField({ null: true }),
  balance: DecimalField({ maxDigits: 8, decimalPlaces: 2, null: true }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Person>;
  declare pet_set: RelatedManager<Pet>;
}

class Pet extends Model("lookups", {
  name: CharField({ maxLength: 30 }),
  owner: ForeignKey(() => Person, { onDelete: CASCADE }),
  kind: CharField({ maxLength: 10 }),
}) {
  declare static objects: Manager<Pet>;
}

/** Django's Blog/Entry example for multi-valued relations. */
class Blog extends Model("lookups", {
  name: CharField({ maxLength: 30 }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Blog>;
  declare entry_set: RelatedManager<Entry>;
}

class Entry extends Model("lookups", {
  blog: ForeignKey(() => Blog, { onDelete: CASCADE }),
  headline: CharField({ maxLength: 50 }),
  pub_date: DateField(),
}) {
  declare static objects: Manager<Entry>;
}

useTestDatabase([Country, City, Person, Pet, Blog, Entry]);

const names = (objects: { name: string }[]) => objects.map((o) => o.name);
const people = async (lookups: Record<string, unknown>) => names(await Person.objects.filter(lookups));

beforeAll(async () => {
  const fr = await Country.objects.create({ name: "France" });
  const de = await Country.objects.create({ name: "Germany" });
  const paris = await City.objects.create({ name: "Paris", country: fr });
  const lyon = await City.objects.create({ name: "Lyon", country: fr });
  const berlin = await City.objects.create({ name: "Berlin", country: de });
  const ann = await Person.objects.create({ name: "Ann", age: 30, city: paris, born: "1994-03-15", seen: new Date("2024-03-15T23:30:00Z"), balance: "10.50" });
  const bob = await Person.objects.create({ name: "Bob", age: 25, city: lyon, born: "1999-12-01", seen: new Date("2024-12-01T08:00:00Z"), balance: "-2.00" });
  const cid = await Person.objects.create({ name: "Cid 100%_done", age: 40, city: berlin, born: "1984-03-02", balance: "1000.00" });
  await Person.objects.create({ name: "Dee*[?]", age: null, city: null });
  await Pet.objects.create({ name: "Rex", owner: ann, kind: "dog" });
  await Pet.objects.create({ name: "Tom", owner: ann, kind: "cat" });
  await Pet.objects.create({ name: "Fido", owner: bob, kind: "dog" });
  await Pet.objects.create({ name: "Kit", owner: cid, kind: "cat" });

  const lennon = await Blog.objects.create({ name: "Lennon both" });
  const split = await Blog.objects.create({ name: "Lennon split" });
  await Blog.objects.create({ name: "Empty" });
  await Entry.objects.create({ blog: lennon, headline: "Lennon in 2008", pub_date: "2008-05-01" });
  await Entry.objects.create({ blog: split, headline: "Lennon in 2005", pub_date: "2005-05-01" });
  await Entry.objects.create({ blog: split, headline: "Other in 2008", pub_date: "2008-01-01" });
});

describe(dbName("field lookups"), () => {
  it("exact and iexact (None means IS NULL)", async () => {
    expect(await people({ name: "Ann" })).toEqual(["Ann"]);
    // (Whether `exact` ignores case depends on the column's collation, as in Django: not asserted here.)
    expect(await people({ name__iexact: "BOB" })).toEqual(["Bob"]);
    expect(await people({ age: null })).toEqual(["Dee*[?]"]);
    expect(await people({ age__exact: null })).toEqual(["Dee*[?]"]);
  });

  it("contains, startswith, endswith are case-sensitive; the i-forms are not", async () => {
    expect(await people({ name__contains: "ob" })).toEqual(["Bob"]);
    expect(await people({ name__contains: "OB" })).toEqual([]);
    expect(await people({ name__icontains: "OB" })).toEqual(["Bob"]);
    expect(await people({ name__startswith: "b" })).toEqual([]);
    expect(await people({ name__istartswith: "b" })).toEqual(["Bob"]);
    expect(await people({ name__endswith: "NN" })).toEqual([]);
    expect(await people({ name__iendswith: "NN" })).toEqual(["Ann"]);
  });

  it("pattern characters are taken literally", async () => {
    expect(await people({ name__contains: "%" })).toEqual(["Cid 100%_done"]);
    expect(await people({ name__contains: "_" })).toEqual(["Cid 100%_done"]);
    expect(await people({ name__icontains: "0%_D" })).toEqual(["Cid 100%_done"]);
    expect(await people({ name__contains: "*[?]" })).toEqual(["Dee*[?]"]);
    expect(await people({ name__endswith: "?]" })).toEqual(["Dee*[?]"]);
    expect(await people({ name__istartswith: "dee*" })).toEqual(["Dee*[?]"]);
    expect(await people({ name__contains: "?" })).toEqual(["Dee*[?]"]);
  });

  it("gt, gte, lt, lte, range, in on numbers, decimals and dates", async () => {
    expect(await people({ age__gt: 30 })).toEqual(["Cid 100%_done"]);
    expect(await people({ age__gte: 30 })).toEqual(["Ann", "Cid 100%_done"]);
    expect(await people({ age__lt: 30 })).toEqual(["Bob"]);
    expect(await people({ age__lte: 30 })).toEqual(["Ann", "Bob"]);
    expect(await people({ age__range: [26, 40] })).toEqual(["Ann", "Cid 100%_done"]);
    expect(await people({ age__in: [25, 40, 99] })).toEqual(["Bob", "Cid 100%_done"]);
    expect(await people({ age__in: [] })).toEqual([]);
    expect(await people({ balance__gt: "9.99" })).toEqual(["Ann", "Cid 100%_done"]);
    expect(await people({ balance__lt: 0 })).toEqual(["Bob"]);
    expect(await people({ balance__gte: "1000" })).toEqual(["Cid 100%_done"]);
    expect(await people({ born__gte: "1990-01-01" })).toEqual(["Ann", "Bob"]);
    expect(await people({ born__range: ["1984-01-01", "1995-01-01"] })).toEqual(["Ann", "Cid 100%_done"]);
    expect(await people({ name__in: ["Ann", "nobody"] })).toEqual(["Ann"]);
  });

  it("isnull", async () => {
    expect(await people({ age__isnull: true })).toEqual(["Dee*[?]"]);
    expect(await people({ city__isnull: true })).toEqual(["Dee*[?]"]);
    expect((await people({ seen__isnull: false }))).toEqual(["Ann", "Bob"]);
    expect(() => Person.objects.filter({ age__isnull: "yes" })).toThrow(InvalidOperation);
  });

  it("regex and iregex", async () => {
    expect(await people({ name__regex: "^[ab]" })).toEqual([]);
    expect(await people({ name__iregex: "^[ab]" })).toEqual(["Ann", "Bob"]);
    expect(await people({ name__regex: "[0-9]+%" })).toEqual(["Cid 100%_done"]);
  });

  it("year, month, day on dates and datetimes, date on datetimes (UTC)", async () => {
    expect(await people({ born__year: 1994 })).toEqual(["Ann"]);
    expect(await people({ born__year__gte: 1994 })).toEqual(["Ann", "Bob"]);
    expect(await people({ born__month: 3 })).toEqual(["Ann", "Cid 100%_done"]);
    expect(await people({ born__day: 2 })).toEqual(["Cid 100%_done"]);
    expect(await people({ born__month__in: [12, 1] })).toEqual(["Bob"]);
    expect(await people({ seen__year: 2024 })).toEqual(["Ann", "Bob"]);
    expect(await people({ seen__month: 12 })).toEqual(["Bob"]);
    expect(await people({ seen__day: 15 })).toEqual(["Ann"]);
    expect(await people({ seen__date: "2024-03-15" })).toEqual(["Ann"]);
    expect(await people({ seen__date__gt: "2024-06-01" })).toEqual(["Bob"]);
  });

  it("pk works wherever a field name does", async () => {
    const ann = await Person.objects.get({ name: "Ann" });
    expect(await people({ pk: ann.id })).toEqual(["Ann"]);
    expect(await people({ pk__in: [ann.id] })).toEqual(["Ann"]);
    expect(await people({ pk__gt: ann.id, pk__lte: ann.id + 1 })).toEqual(["Bob"]);
    expect(await people({ city__pk: ann.city_id })).toEqual(["Ann"]);
    expect(await people({ pet__pk__in: (await Pet.objects.filter({ kind: "cat" })).map((p) => p.id) })).toEqual(["Ann", "Cid 100%_done"]);
    expect(names(await Person.objects.orderBy("-pk").slice(0, 1))).toEqual(["Dee*[?]"]);
    expect(names(await Pet.objects.filter({ owner__pk: ann.pk }).orderBy("name"))).toEqual(["Rex", "Tom"]);
  });

  it("in accepts a queryset (a subquery)", async () => {
    const french = City.objects.filter({ country__name: "France" });
    expect(await people({ city__in: french })).toEqual(["Ann", "Bob"]);
    expect(await people({ city__in: await french })).toEqual(["Ann", "Bob"]);
  });

  it("bad values and names are typed errors", async () => {
    expect(() => Person.objects.filter({ age: "old" })).toThrow(InvalidOperation);
    expect(() => Person.objects.filter({ age: "old" })).toThrow("Field 'age' expected a number but got 'old'.");
    expect(() => Person.objects.filter({ age__range: [1] })).toThrow(InvalidOperation);
    expect(() => Person.objects.filter({ age__gt: null })).toThrow(InvalidOperation);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Person.objects.filter({ nope: 1 })).toThrow(FieldError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Person.objects.filter({ nope: 1 }))
      .toThrow("Cannot resolve keyword 'nope' into field. Choices are: age, balance, born, city, city_id, id, name, pet, seen");
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Person.objects.filter({ name__foo: 1 }))
      .toThrow(new FieldError("Unsupported lookup 'foo' for CharField or join on the field not permitted."));
    expect(() => Person.objects.filter({ age__year: 1 })).toThrow(FieldError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Person.objects.filter({ city__nope: 1 }))
      .toThrow(new FieldError("Unsupported lookup 'nope' for ForeignKey or join on the field not permitted."));
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Person.objects.filter({ city__contains: "x" })).toThrow(new FieldError("Related Field got invalid lookup: contains"));
  });
});

describe(dbName("lookups across relations"), () => {
  it("forward, any depth", async () => {
    expect(await people({ city__name: "Paris" })).toEqual(["Ann"]);
    expect(await people({ city__country__name: "France" })).toEqual(["Ann", "Bob"]);
    expect(await people({ city__country__name__startswith: "Ger" })).toEqual(["Cid 100%_done"]);
    expect(names(await Pet.objects.filter({ owner__city__country__name: "France" }).orderBy("name"))).toEqual(["Fido", "Rex", "Tom"]);
    const fr = await Country.objects.get({ name: "France" });
    expect(names(await Pet.objects.filter({ owner__city__country: fr }).orderBy("name"))).toEqual(["Fido", "Rex", "Tom"]);
  });

  it("reverse, any depth (default query names)", async () => {
    expect(names(await Country.objects.filter({ city__person__pet__name: "Kit" }))).toEqual(["Germany"]);
    expect(names(await City.objects.filter({ person__name: "Bob" }))).toEqual(["Lyon"]);
    const rex = await Pet.objects.get({ name: "Rex" });
    expect(names(await Country.objects.filter({ city__person__pet: rex }))).toEqual(["France"]);
    expect(names(await City.objects.filter({ person__isnull: true }))).toEqual([]);
    expect(names(await Country.objects.filter({ city__person__pet__kind: "dog" }).distinct().orderBy("name"))).toEqual(["France"]);
  });

  it("a reverse filter repeats a row per match, as SQL joins do; distinct removes repeats", async () => {
    expect(await people({ pet__kind__in: ["cat", "dog"] })).toEqual(["Ann", "Ann", "Bob", "Cid 100%_done"]);
    expect(names(await Person.objects.filter({ pet__kind__in: ["cat", "dog"] }).distinct())).toEqual(["Ann", "Bob", "Cid 100%_done"]);
    expect(await Person.objects.filter({ pet__kind__in: ["cat", "dog"] }).distinct().count()).toBe(3);
  });

  it("multi-valued: conditions in one filter() call apply to the same related row", async () => {
    const both = await Blog.objects.filter({ entry__headline__contains: "Lennon", entry__pub_date__year: 2008 });
    expect(names(both)).toEqual(["Lennon both"]);
    expect(await people({ pet__kind: "cat", pet__name: "Rex" })).toEqual([]);
  });

  it("multi-valued: conditions in separate filter() calls may match different rows", async () => {
    const either = await Blog.objects.filter({ entry__headline__contains: "Lennon" }).filter({ entry__pub_date__year: 2008 });
    expect(names(either)).toEqual(["Lennon both", "Lennon split"]);
    expect(names(await Person.objects.filter({ pet__kind: "cat" }).filter({ pet__name: "Rex" }))).toEqual(["Ann"]);
  });

  it("exclude on a multi-valued relation excludes objects having any such related row", async () => {
    expect(names(await Blog.objects.exclude({ entry__headline__contains: "Lennon" }))).toEqual(["Empty"]);
    expect(names(await Person.objects.exclude({ pet__kind: "dog" }))).toEqual(["Cid 100%_done", "Dee*[?]"]);
    // Django: the conditions of one exclude() need not hold for the same entry.
    expect(names(await Blog.objects.exclude({ entry__headline__contains: "Lennon", entry__pub_date__year: 2008 }))).toEqual(["Empty"]);
  });

  it("exclude and negated Q across several multi-valued levels", async () => {
    expect(names(await Country.objects.exclude({ city__person__pet__kind: "dog" }))).toEqual(["Germany"]);
    expect(names(await Country.objects.filter(Q({ city__person__pet__kind: "cat" }).not()))).toEqual([]);
    expect(names(await City.objects.exclude({ person__pet__isnull: false }).orderBy("name"))).toEqual([]);
    expect(names(await Person.objects.exclude({ pet__isnull: true }))).toEqual(["Ann", "Bob", "Cid 100%_done"]);
    expect(names(await Person.objects.filter({ pet__isnull: true }))).toEqual(["Dee*[?]"]);
    expect(names(await Person.objects.filter(Q({ pet__kind: "dog" }).not(), { city__country__name: "France" }))).toEqual([]);
    expect(names(await Person.objects.filter(Q({ pet__kind: "cat" }).not(), { city__isnull: false }))).toEqual(["Bob"]);
  });

  it("exclude keeps rows where a nullable column is NULL", async () => {
    expect(names(await Person.objects.exclude({ age: 30 }))).toEqual(["Bob", "Cid 100%_done", "Dee*[?]"]);
    expect(names(await Person.objects.exclude({ city__name: "Paris" }))).toEqual(["Bob", "Cid 100%_done", "Dee*[?]"]);
  });
});
