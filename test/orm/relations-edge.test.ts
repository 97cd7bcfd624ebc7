import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  CASCADE, CharField, DateField, ForeignKey, getBackend, InvalidOperation, loaded, ManyToManyField, Model, ObjectDoesNotExist,
  OneToOneField, type Manager, type ManyRelatedManager, type Related, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Place extends Model("edge", {
  name: CharField({ maxLength: 30 }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Place>;
  declare restaurant: Related<Restaurant>;
  override toString() { return this.name; }
}

class Restaurant extends Model("edge", {
  place: OneToOneField(() => Place, { onDelete: CASCADE, primaryKey: true }),
  chef: CharField({ maxLength: 30, blank: true }),
}) {
  declare static objects: Manager<Restaurant>;
  declare waiter_set: RelatedManager<Waiter>;
  declare dishes: ManyRelatedManager<Dish>;
}

class Waiter extends Model("edge", {
  restaurant: ForeignKey(() => Restaurant, { onDelete: CASCADE }),
  name: CharField({ maxLength: 30 }),
  mentor: ForeignKey("self", { onDelete: CASCADE, null: true, relatedName: "mentees" }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Waiter>;
  declare mentees: RelatedManager<Waiter>;
  override toString() { return this.name; }
}

class Dish extends Model("edge", {
  name: CharField({ maxLength: 30 }),
  menus: ManyToManyField(() => Restaurant, { through: () => Listing, relatedName: "dishes" }),
}, { ordering: ["name"] }) {
  declare static objects: Manager<Dish>;
  declare listing_set: RelatedManager<Listing>;
  override toString() { return this.name; }
}

class Listing extends Model("edge", {
  // By string: a thunk here would make the two class types depend on each other.
  dish: ForeignKey("Dish", { onDelete: CASCADE }),
  restaurant: ForeignKey(() => Restaurant, { onDelete: CASCADE }),
  since: DateField({ null: true }),
}) {
  declare static objects: Manager<Listing>;
}

useTestDatabase([Place, Restaurant, Waiter, Dish, Listing]);

let statements = 0;
let restore: (() => void) | null = null;
beforeEach(() => {
  const backend = getBackend();
  const { query, execute } = backend;
  statements = 0;
  backend.query = function (sql, params) { statements++; return query.call(this, sql, params); };
  backend.execute = function (sql, params) { statements++; return execute.call(this, sql, params); };
  restore = () => { backend.query = query; backend.execute = execute; };
});
afterEach(() => restore?.());

async function setup() {
  await Place.objects.delete();
  const p1 = await Place.objects.create({ name: "Demon Dogs" });
  const p2 = await Place.objects.create({ name: "Ace Hardware" });
  const r = await Restaurant.objects.create({ place: p1, chef: "Joe" });
  const w1 = await r.waiter_set.create({ name: "Ann" });
  const w2 = await r.waiter_set.create({ name: "Bob", mentor: w1 });
  return { p1, p2, r, w1, w2 };
}

describe(dbName("relation edge cases"), () => {
  it("selectRelated fills caches so that no query is needed", async () => {
    await setup();
    const waiters = await Waiter.objects.selectRelated("restaurant__place", "mentor");
    const before = statements;
    expect(waiters.map((w) => loaded<Place>(loaded<Restaurant>(w, "restaurant")!, "place")?.name)).toEqual(["Demon Dogs", "Demon Dogs"]);
    const bob = waiters.find((w) => w.name === "Bob")!;
    expect(String(await bob.mentor)).toBe("Ann");
    expect(await waiters[0]!.mentor).toBeNull();
    expect(String(await (await bob.restaurant).place)).toBe("Demon Dogs");
    expect(statements).toBe(before);
    // Reverse one-to-one, nullable: a place without a restaurant caches "none".
    const places = await Place.objects.selectRelated("restaurant");
    const after = statements;
    expect(places.map((p) => loaded(p, "restaurant") === null)).toEqual([true, false]);
    await expect(places[0]!.restaurant).rejects.toBeInstanceOf(ObjectDoesNotExist);
    expect(statements).toBe(after);
  });

  it("selectRelated() without names follows the non-null foreign keys, any depth", async () => {
    await setup();
    const waiters = await Waiter.objects.selectRelated();
    const before = statements;
    expect(String(await (await waiters[0]!.restaurant).place)).toBe("Demon Dogs");
    expect(statements).toBe(before);
    // The nullable mentor is not followed.
    expect(loaded(waiters[1]!, "mentor")).toBeUndefined();
  });

  it("a required relation that is not set raises DoesNotExist; a nullable one gives null", async () => {
    const w = new Waiter({ name: "new" });
    await expect(w.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
    await expect(w.restaurant).rejects.toThrow("Waiter has no restaurant.");
    expect(await w.mentor).toBeNull();
    const { w1 } = await setup();
    w1.restaurant_id = 99999;
    await expect(w1.restaurant).rejects.toThrow("Restaurant matching query does not exist.");
    await expect(w1.restaurant).rejects.toBeInstanceOf(ObjectDoesNotExist);
  });

  it("ordering by a relation uses the related model's Meta.ordering, as Django", async () => {
    const { p2 } = await setup();
    await Restaurant.objects.create({ place: p2, chef: "Zed" });
    const chefs = async (...order: string[]) => (await Restaurant.objects.orderBy(...order)).map((r) => r.chef);
    // Place orders by name: Ace Hardware (Zed) before Demon Dogs (Joe), though Demon Dogs has the smaller key.
    expect(await chefs("place")).toEqual(["Zed", "Joe"]);
    expect(await chefs("-place")).toEqual(["Joe", "Zed"]);
    expect(await chefs("place_id")).toEqual(["Joe", "Zed"]);
    expect(await chefs("place__pk")).toEqual(["Joe", "Zed"]);
    expect((await Waiter.objects.orderBy("restaurant__place", "name")).map(String)).toEqual(["Ann", "Bob"]);
  });

  it("a one-to-one primary key: reassigning the place saves a new row", async () => {
    const { p2, r } = await setup();
    r.place = p2;
    await r.save();
    expect(await Restaurant.objects.count()).toBe(2);
    expect(r.pk).toBe(p2.id);
  });

  it("reverse one-to-one lookups: isnull, exclude, instance", async () => {
    const { r } = await setup();
    expect((await Place.objects.filter({ restaurant__isnull: true })).map(String)).toEqual(["Ace Hardware"]);
    expect((await Place.objects.exclude({ restaurant__isnull: true })).map(String)).toEqual(["Demon Dogs"]);
    expect((await Place.objects.filter({ restaurant: r })).map(String)).toEqual(["Demon Dogs"]);
    expect((await Place.objects.filter({ restaurant__waiter__name: "Bob" })).map(String)).toEqual(["Demon Dogs"]);
  });

  it("instances as values: in-lists of instances, wrong model refused", async () => {
    const { p1, p2, w1 } = await setup();
    expect(await Restaurant.objects.filter({ place__in: [p1, p2] }).count()).toBe(1);
    expect(await Waiter.objects.filter({ mentor__in: [w1] }).count()).toBe(1);
    expect(() => Restaurant.objects.filter({ place: w1 })).toThrow(new InvalidOperation(`Cannot query "Ann": Must be "Place" instance.`));
    expect(() => Restaurant.objects.filter({ place__in: [p1, w1] })).toThrow(InvalidOperation);
    expect(() => Place.objects.filter({ restaurant: p1 })).toThrow(`Cannot query "Demon Dogs": Must be "Restaurant" instance.`);
    expect(() => Restaurant.objects.filter({ place: new Place({ name: "unsaved" }) }))
      .toThrow(new InvalidOperation("Model instances passed to related filters must be saved."));
  });

  it("self-referencing foreign key both ways", async () => {
    const { w1, w2 } = await setup();
    expect((await w1.mentees.all()).map(String)).toEqual(["Bob"]);
    expect((await Waiter.objects.filter({ mentees__name: "Bob" })).map(String)).toEqual(["Ann"]);
    expect((await Waiter.objects.filter({ mentor__name: "Ann" })).map(String)).toEqual(["Bob"]);
    expect((await Waiter.objects.filter({ mentor__mentor__isnull: true, mentor__isnull: false })).map(String)).toEqual(["Bob"]);
    expect(w2.mentor_id).toBe(w1.id);
  });

  it("related managers: getOrCreate and updateOrCreate set the relation", async () => {
    const { r } = await setup();
    const [w, created] = await r.waiter_set.getOrCreate({ name: "Cid" });
    expect(created).toBe(true);
    expect(w.restaurant_id).toBe(r.pk);
    const [again, createdAgain] = await r.waiter_set.getOrCreate({ name: "Cid" });
    expect([again.id, createdAgain]).toEqual([w.id, false]);
    const [u, createdU] = await r.waiter_set.updateOrCreate({ name: "Dee" }, {});
    expect(createdU).toBe(true);
    expect(u.restaurant_id).toBe(r.pk);
    expect((await r.waiter_set.all()).map(String)).toEqual(["Ann", "Bob", "Cid", "Dee"]);
  });

  it("many-to-many managers: getOrCreate links the object", async () => {
    const { r } = await setup();
    const dishes = (r as unknown as { dishes: ManyRelatedManager<Dish> }).dishes;
    const [d, created] = await dishes.getOrCreate({ name: "Hot dog" });
    expect(created).toBe(true);
    expect((await dishes.all()).map(String)).toEqual(["Hot dog"]);
    const [again, createdAgain] = await dishes.getOrCreate({ name: "Hot dog" });
    expect([again.id, createdAgain]).toEqual([d.id, false]);
    expect(await Listing.objects.count()).toBe(1);
  });

  it("an explicit through model (given by thunk) is usable from both sides", async () => {
    const { r } = await setup();
    const pizza = await Dish.objects.create({ name: "Pizza" });
    await Listing.objects.create({ dish: pizza, restaurant: r, since: "2020-01-01" });
    expect((await pizza.menus.all()).map((x) => x.pk)).toEqual([r.pk]);
    expect((await Dish.objects.filter({ menus__chef: "Joe", listing__since__year: 2020 })).map(String)).toEqual(["Pizza"]);
    expect((await Restaurant.objects.filter({ dishes__name: "Pizza" })).map((x) => x.pk)).toEqual([r.pk]);
    await pizza.menus.remove(r);
    expect(await Listing.objects.count()).toBe(0);
  });

  it("related manager querysets chain like any other", async () => {
    const { r } = await setup();
    expect((await r.waiter_set.orderBy("-name").first())!.name).toBe("Bob");
    expect(await r.waiter_set.filter({ mentor__isnull: true }).count()).toBe(1);
    expect(await r.waiter_set.filter({ name: "Ann" }).update({ name: "Anne" })).toBe(1);
    expect(await r.waiter_set.exclude({ name: "Anne" }).delete()).toEqual([1, { "edge.Waiter": 1 }]);
    expect((await Waiter.objects.all()).map(String)).toEqual(["Anne"]);
  });

  it("deleting a place cascades through the one-to-one primary key and its dependants", async () => {
    const { p1 } = await setup();
    expect(await p1.delete()).toEqual([4, { "edge.Waiter": 2, "edge.Restaurant": 1, "edge.Place": 1 }]);
  });

  it("refreshFromDb drops cached relations", async () => {
    const { w2 } = await setup();
    expect(String(await w2.mentor)).toBe("Ann");
    await Waiter.objects.filter({ pk: w2.id }).update({ mentor: null });
    await w2.refreshFromDb();
    expect(await w2.mentor).toBeNull();
  });

  it("refreshFromDb({ fields }) reloads only those fields, by name or attname", async () => {
    const { w1, w2 } = await setup();
    expect(String(await w2.mentor)).toBe("Ann");
    await Waiter.objects.filter({ pk: w2.id }).update({ mentor: null, name: "Robert" });
    await w2.refreshFromDb({ fields: ["mentor_id"] });
    expect(w2.name).toBe("Bob");
    expect(await w2.mentor).toBeNull();
    await Waiter.objects.filter({ pk: w2.id }).update({ mentor: w1 });
    await w2.refreshFromDb({ fields: ["mentor", "name"] });
    expect(w2.name).toBe("Robert");
    expect(String(await w2.mentor)).toBe("Ann");
  });
});
