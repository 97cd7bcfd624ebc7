import { describe, expect, it } from "vitest";
import { hasRelated, InvalidOperation, ObjectDoesNotExist } from "torest";
import { models, Place, Restaurant, Waiter } from "../../examples/one-to-one/models.js";
import { dbName, useTestDatabase } from "../support/db.js";

useTestDatabase(models);

const names = (objects: object[]) => objects.map(String);

/** Django's one-to-one walkthrough (seed 001), step by step, with the outputs PRODUCT.md restates. */
describe(dbName("seed 001: one-to-one walkthrough"), () => {
  it("runs every step with Django's results", async () => {
    const p1 = new Place({ name: "Demon Dogs", address: "944 W. Fullerton" });
    await p1.save();
    const p2 = new Place({ name: "Ace Hardware", address: "1013 N. Ashland" });
    await p2.save();
    expect([p1.id, p2.id]).toEqual([1, 2]);

    const r = new Restaurant({ place: p1, serves_hot_dogs: true, serves_pizza: false });
    await r.save();
    expect(r.pk).toBe(p1.id);

    expect(String(await r.place)).toBe("Demon Dogs the place");
    expect(String(await p1.restaurant)).toBe("Demon Dogs the restaurant");

    await expect(p2.restaurant).rejects.toBeInstanceOf(ObjectDoesNotExist);
    await expect(p2.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
    await expect(p2.restaurant).rejects.toThrow("Place has no restaurant.");
    expect(await hasRelated(p2, "restaurant")).toBe(false);

    r.place = p2;
    await r.save();
    expect(String(await p2.restaurant)).toBe("Ace Hardware the restaurant");
    expect(String(await r.place)).toBe("Ace Hardware the place");

    p1.restaurant = r;
    expect(String(await p1.restaurant)).toBe("Demon Dogs the restaurant");

    const p3 = new Place({ name: "Demon Dogs", address: "944 W. Fullerton" });
    await expect(Restaurant.objects.create({ place: p3, serves_hot_dogs: true, serves_pizza: false }))
      .rejects.toThrow(new InvalidOperation("save() prohibited to prevent data loss due to unsaved related object 'place'."));
    expect(await Restaurant.objects.count()).toBe(2);
    expect(await Place.objects.count()).toBe(2);

    expect(names(await Restaurant.objects.selectRelated("place"))).toEqual(["Demon Dogs the restaurant", "Ace Hardware the restaurant"]);
    expect(names(await Place.objects.orderBy("name"))).toEqual(["Ace Hardware the place", "Demon Dogs the place"]);

    const demon = "Demon Dogs the restaurant";
    expect(String(await Restaurant.objects.selectRelated("place").get({ place: p1 }))).toBe(demon);
    expect(String(await Restaurant.objects.selectRelated("place").get({ place__pk: 1 }))).toBe(demon);
    expect(names(await Restaurant.objects.selectRelated("place").filter({ place__name__startswith: "Demon" }))).toEqual([demon]);
    expect(names(await Restaurant.objects.selectRelated("place").exclude({ place__address__contains: "Ashland" }))).toEqual([demon]);

    const place = "Demon Dogs the place";
    expect(String(await Place.objects.get({ pk: 1 }))).toBe(place);
    expect(String(await Place.objects.get({ restaurant__place: p1 }))).toBe(place);
    expect(String(await Place.objects.get({ restaurant: r }))).toBe(place);
    expect(String(await Place.objects.get({ restaurant__place__name__startswith: "Demon" }))).toBe(place);

    expect(await p2.delete()).toEqual([2, { "one_to_one.Restaurant": 1, "one_to_one.Place": 1 }]);
    expect(names(await Restaurant.objects.selectRelated("place"))).toEqual([demon]);

    const w = await r.waiter_set.create({ name: "Joe" });
    expect(String(w)).toBe("Joe the waiter at Demon Dogs the restaurant");

    const joe = ["Joe the waiter at Demon Dogs the restaurant"];
    expect(names(await Waiter.objects.selectRelated("restaurant__place").filter({ restaurant__place: p1 }))).toEqual(joe);
    expect(names(await Waiter.objects.selectRelated("restaurant__place").filter({ restaurant__place__name__startswith: "Demon" }))).toEqual(joe);
  });
});
