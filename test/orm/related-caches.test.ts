import { describe, expect, it } from "vitest";
import {
  BooleanField, CASCADE, CharField, IntegrityError, InvalidOperation, Model, OneToOneField, type Manager, type Related,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

// Django's one_to_one models.
class Place extends Model("relcache", {
  name: CharField({ maxLength: 50 }),
  address: CharField({ maxLength: 80 }),
}) {
  declare static objects: Manager<Place>;
  declare restaurant: Related<Restaurant>;
}

class Restaurant extends Model("relcache", {
  place: OneToOneField(() => Place, { onDelete: CASCADE, primaryKey: true }),
  serves_hot_dogs: BooleanField({ default: false }),
  serves_pizza: BooleanField({ default: false }),
}) {
  declare static objects: Manager<Restaurant>;
}

useTestDatabase([Place, Restaurant]);

describe(dbName("caches of related objects (one_to_one)"), () => {
  it("test_refresh_from_db_clears_reverse_one_to_one: a restaurant created after a failed access is found after refresh", async () => {
    const place = await Place.objects.create({ name: "Refresh", address: "1 Main" });
    await expect(place.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
    await Restaurant.objects.create({ place_id: place.pk, serves_pizza: true });
    // Still the cached answer until the instance is refreshed (as in Django).
    await expect(place.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
    await place.refreshFromDb();
    expect((await place.restaurant).serves_pizza).toBe(true);
  });

  it("test_unsaved_object: a save refused for an unsaved related object leaves no reverse cache", async () => {
    const place = new Place({ name: "User", address: "London" });
    await expect(place.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
    await expect(Restaurant.objects.create({ place, serves_hot_dogs: true })).rejects.toThrow(
      new InvalidOperation("save() prohibited to prevent data loss due to unsaved related object 'place'."),
    );
    // place should not cache restaurant
    await expect(place.restaurant).rejects.toBeInstanceOf(Restaurant.DoesNotExist);
  });

  it("test_get_or_create_leaves_no_unsaved_reverse_cache: the instance passed in sees the stored restaurant", async () => {
    const place = await Place.objects.create({ name: "GetOrCreate", address: "2 Main" });
    await Restaurant.objects.create({ place, serves_hot_dogs: true });
    const lookup = await Place.objects.get({ pk: place.pk });
    // The lookup differs from the stored row: get() misses, the INSERT collides with it.
    await expect(Restaurant.objects.getOrCreate({ place: lookup, serves_hot_dogs: false })).rejects.toBeInstanceOf(IntegrityError);
    const found = await lookup.restaurant;
    expect(found.serves_hot_dogs).toBe(true);
    const [again, created] = await Restaurant.objects.getOrCreate({ place: lookup });
    expect(created).toBe(false);
    expect(again.serves_hot_dogs).toBe(true);
    expect((await lookup.restaurant).serves_hot_dogs).toBe(true);
  });
});
