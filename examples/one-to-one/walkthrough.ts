/**
 * Django's one-to-one example (seed 001) run step by step against torest, printing what
 * Django's shell printed. `npm run demo` (uses a fresh in-memory SQLite database).
 */
import { inspect } from "node:util";
import { closeDatabases, configureDatabases, createTables, hasRelated, ObjectDoesNotExist } from "torest";
import { models, Place, Restaurant, Waiter } from "./models.js";

const show = (value: unknown) => console.log(inspect(value));
const step = (code: string) => console.log(`>>> ${code}`);

configureDatabases({ default: "sqlite::memory:" });
await createTables(models);

step("p1 = Place(name='Demon Dogs', address='944 W. Fullerton'); p1.save()");
const p1 = new Place({ name: "Demon Dogs", address: "944 W. Fullerton" });
await p1.save();
step("p2 = Place(name='Ace Hardware', address='1013 N. Ashland'); p2.save()");
const p2 = new Place({ name: "Ace Hardware", address: "1013 N. Ashland" });
await p2.save();
console.log(`ids: ${p1.id}, ${p2.id}`);

step("r = Restaurant(place=p1, serves_hot_dogs=True, serves_pizza=False); r.save()");
const r = new Restaurant({ place: p1, serves_hot_dogs: true, serves_pizza: false });
await r.save();

step("r.place");
show(await r.place);
step("p1.restaurant");
show(await p1.restaurant);

step("p2.restaurant");
try {
  await p2.restaurant;
} catch (error) {
  if (!(error instanceof ObjectDoesNotExist)) throw error;
  console.log("There is no restaurant here.");
}
step("hasattr(p2, 'restaurant')");
console.log(await hasRelated(p2, "restaurant"));

step("r.place = p2; r.save()");
r.place = p2;
await r.save();
step("p2.restaurant");
show(await p2.restaurant);
step("r.place");
show(await r.place);

step("p1.restaurant = r");
p1.restaurant = r;
step("p1.restaurant");
show(await p1.restaurant);

step("Restaurant.objects.create(place=p3, serves_hot_dogs=True, serves_pizza=False)  # p3 unsaved");
const p3 = new Place({ name: "Demon Dogs", address: "944 W. Fullerton" });
try {
  await Restaurant.objects.create({ place: p3, serves_hot_dogs: true, serves_pizza: false });
} catch (error) {
  console.log(`${(error as Error).name}: ${(error as Error).message}`);
}

// toString() of a restaurant reads its place, so the listings load places in the same query.
const restaurants = () => Restaurant.objects.selectRelated("place");
step("Restaurant.objects.all()");
show(await restaurants());
step("Place.objects.order_by('name')");
show(await Place.objects.orderBy("name"));

step("Restaurant.objects.get(place=p1)");
show(await restaurants().get({ place: p1 }));
step("Restaurant.objects.get(place__pk=1)");
show(await restaurants().get({ place__pk: 1 }));
step('Restaurant.objects.filter(place__name__startswith="Demon")');
show(await restaurants().filter({ place__name__startswith: "Demon" }));
step('Restaurant.objects.exclude(place__address__contains="Ashland")');
show(await restaurants().exclude({ place__address__contains: "Ashland" }));

step("Place.objects.get(pk=1)");
show(await Place.objects.get({ pk: 1 }));
step("Place.objects.get(restaurant__place=p1)");
show(await Place.objects.get({ restaurant__place: p1 }));
step("Place.objects.get(restaurant=r)");
show(await Place.objects.get({ restaurant: r }));
step('Place.objects.get(restaurant__place__name__startswith="Demon")');
show(await Place.objects.get({ restaurant__place__name__startswith: "Demon" }));

step("p2.delete()");
show(await p2.delete());
step("Restaurant.objects.all()");
show(await restaurants());

step("w = r.waiter_set.create(name='Joe'); w");
show(await r.waiter_set.create({ name: "Joe" }));

const waiters = () => Waiter.objects.selectRelated("restaurant__place");
step("Waiter.objects.filter(restaurant__place=p1)");
show(await waiters().filter({ restaurant__place: p1 }));
step('Waiter.objects.filter(restaurant__place__name__startswith="Demon")');
show(await waiters().filter({ restaurant__place__name__startswith: "Demon" }));

await closeDatabases();
