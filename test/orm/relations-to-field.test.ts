import { describe, expect, it } from "vitest";
import { CASCADE, CharField, ForeignKey, Model, ValidationError, type Manager, type RelatedManager } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Country extends Model("tofield", {
  code: CharField({ maxLength: 2, unique: true }),
  name: CharField({ maxLength: 20 }),
}) {
  declare static objects: Manager<Country>;
  declare city_set: RelatedManager<City>;
}

class City extends Model("tofield", {
  name: CharField({ maxLength: 20 }),
  country: ForeignKey(() => Country, { onDelete: CASCADE, toField: "code" }),
}) {
  declare static objects: Manager<City>;
}

useTestDatabase([Country, City]);

describe(dbName("foreign key to a non-primary-key field (toField)"), () => {
  it("stores the referenced field's value and works both ways", async () => {
    const fr = await Country.objects.create({ code: "FR", name: "France" });
    const paris = await City.objects.create({ name: "Paris", country: fr });
    expect(paris.country_id).toBe("FR");
    expect(JSON.parse(JSON.stringify(paris))).toEqual({ id: paris.id, name: "Paris", country_id: "FR" });
    const loaded = await City.objects.get({ pk: paris.id });
    expect((await loaded.country).name).toBe("France");
    expect((await fr.city_set.all()).map((c) => c.name)).toEqual(["Paris"]);
    expect(await City.objects.filter({ country: fr }).count()).toBe(1);
    expect(await City.objects.filter({ country__name: "France" }).count()).toBe(1);
    expect(await Country.objects.filter({ city__name: "Paris" }).count()).toBe(1);
    expect((await City.objects.selectRelated("country").get({ pk: paris.id })).country_id).toBe("FR");
  });

  it("fullClean names the referenced field; delete cascades by it", async () => {
    const de = await Country.objects.create({ code: "DE", name: "Germany" });
    await de.city_set.create({ name: "Berlin" });
    await new City({ name: "Bonn", country_id: "DE" }).fullClean();
    const error = await new City({ name: "x", country_id: "ZZ" }).fullClean().catch((e: ValidationError) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).messageDict).toEqual({ country: ["country instance with code 'ZZ' does not exist."] });
    expect(await de.delete()).toEqual([2, { "tofield.City": 1, "tofield.Country": 1 }]);
  });
});
