/**
 * Django's one-to-one example (seed 001), ported to torest: served by the demo (`torest serve`
 * without a config) and walked through by examples/one-to-one/walkthrough.ts.
 */
import { BooleanField, CASCADE, CharField, ForeignKey, loaded, Model, OneToOneField, type Manager, type Related, type RelatedManager } from "../../index.js";

export class Place extends Model("one_to_one", {
  name: CharField({ maxLength: 50 }),
  address: CharField({ maxLength: 80 }),
}) {
  declare static objects: Manager<Place>;
  /** Reverse side of Restaurant.place. */
  declare restaurant: Related<Restaurant>;

  override toString() {
    return `${this.name} the place`;
  }
}

export class Restaurant extends Model("one_to_one", {
  place: OneToOneField(() => Place, { onDelete: CASCADE, primaryKey: true }),
  serves_hot_dogs: BooleanField({ default: false }),
  serves_pizza: BooleanField({ default: false }),
}) {
  declare static objects: Manager<Restaurant>;
  declare waiter_set: RelatedManager<Waiter>;

  override toString() {
    // Django's __str__ reads self.place; here the place must have been loaded (awaited or selectRelated).
    return `${placeName(this)} the restaurant`;
  }
}

export class Waiter extends Model("one_to_one", {
  restaurant: ForeignKey(() => Restaurant, { onDelete: CASCADE }),
  name: CharField({ maxLength: 50 }),
}) {
  declare static objects: Manager<Waiter>;

  override toString() {
    return `${this.name} the waiter at ${loadedName(this, "restaurant")}`;
  }
}

function placeName(restaurant: Restaurant): string {
  return loaded<Place>(restaurant, "place")?.name ?? `place ${String(restaurant.place_id)}`;
}

function loadedName(instance: object, accessor: string): string {
  return String(loaded(instance, accessor) ?? "(not loaded)");
}

export const models = [Place, Restaurant, Waiter];
