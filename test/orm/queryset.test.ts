import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  CASCADE, CharField, FieldError, ForeignKey, getBackend, IntegerField, IntegrityError, InvalidOperation, Model,
  MultipleObjectsReturned, ObjectDoesNotExist, QuerySet, type Manager, type RelatedManager,
} from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Team extends Model("qs", {
  name: CharField({ maxLength: 30, unique: true }),
  rank: IntegerField(),
}) {
  declare static objects: Manager<Team>;
  // Declared so that reverse lookups type-check (lookup keys are typed from the instance type).
  declare player_set: RelatedManager<Player>;
}

class Player extends Model("qs", {
  name: CharField({ maxLength: 30 }),
  team: ForeignKey(() => Team, { onDelete: CASCADE, null: true }),
  score: IntegerField({ default: 0 }),
}, { ordering: ["-score", "name"] }) {
  declare static objects: Manager<Player>;
}

class Plain extends Model("qs", {
  label: CharField({ maxLength: 10 }),
}) {
  declare static objects: Manager<Plain>;
}

useTestDatabase([Team, Player, Plain]);

/** Count the statements sent to the database while `fn` runs. */
let statements: string[] = [];
let restore: (() => void) | null = null;
beforeEach(() => {
  const backend = getBackend();
  const { query, execute } = backend;
  statements = [];
  backend.query = function (sql, params) { statements.push(sql); return query.call(this, sql, params); };
  backend.execute = function (sql, params) { statements.push(sql); return execute.call(this, sql, params); };
  restore = () => { backend.query = query; backend.execute = execute; };
});
afterEach(() => restore?.());

const names = (objects: { name: string }[]) => objects.map((o) => o.name);

beforeAll(async () => {
  const red = await Team.objects.create({ name: "Red", rank: 2 });
  const blue = await Team.objects.create({ name: "Blue", rank: 1 });
  await Player.objects.create({ name: "Ann", team: red, score: 10 });
  await Player.objects.create({ name: "Bea", team: blue, score: 30 });
  await Player.objects.create({ name: "Cal", team: red, score: 20 });
  await Player.objects.create({ name: "Dan", team: blue, score: 20 });
  await Player.objects.create({ name: "Eve", score: 5 });
  for (const label of ["c", "a", "b"]) await Plain.objects.create({ label });
});

describe(dbName("querysets"), () => {
  it("are lazy: building and chaining runs no query; awaiting runs one, and caches it", async () => {
    const qs = Player.objects.filter({ score__gte: 10 }).exclude({ name: "Ann" }).orderBy("name").slice(0, 10);
    expect(qs).toBeInstanceOf(QuerySet);
    expect(statements).toEqual([]);
    const result = await qs;
    expect(names(result)).toEqual(["Bea", "Cal", "Dan"]);
    expect(statements).toHaveLength(1);
    expect(await qs).toBe(result);
    expect(await qs.count()).toBe(3);
    expect(await qs.exists()).toBe(true);
    expect(statements).toHaveLength(1);
  });

  it("are immutable: chaining returns new querysets and leaves the original alone", async () => {
    const all = Player.objects.all();
    const filtered = all.filter({ team__name: "Red" });
    const ordered = filtered.orderBy("name");
    expect(filtered).not.toBe(all);
    expect(ordered).not.toBe(filtered);
    expect(await all.count()).toBe(5);
    expect(names(await ordered)).toEqual(["Ann", "Cal"]);
    expect(names(await filtered)).toEqual(["Cal", "Ann"]);
  });

  it("reverse() flips the ordering; none() chains to nothing without a query", async () => {
    expect(names(await Player.objects.orderBy("name").reverse())).toEqual(["Eve", "Dan", "Cal", "Bea", "Ann"]);
    expect(names(await Player.objects.all().reverse())).toEqual(["Eve", "Ann", "Dan", "Cal", "Bea"]);
    const before = statements.length;
    expect(await Player.objects.none().filter({ name: "Ann" })).toEqual([]);
    expect(await Player.objects.none().count()).toBe(0);
    expect(statements.length).toBe(before);
    expect(await Player.objects.filter({ name__in: [] }).count()).toBe(0);
  });

  it("are async-iterable", async () => {
    const seen: string[] = [];
    for await (const p of Player.objects.filter({ team__name: "Blue" })) seen.push(p.name);
    expect(seen).toEqual(["Bea", "Dan"]);
  });

  it("order by Meta.ordering by default; orderBy overrides it, ascending, descending, across relations", async () => {
    expect(names(await Player.objects.all())).toEqual(["Bea", "Cal", "Dan", "Ann", "Eve"]);
    expect(names(await Player.objects.orderBy("name"))).toEqual(["Ann", "Bea", "Cal", "Dan", "Eve"]);
    expect(names(await Player.objects.orderBy("-name"))).toEqual(["Eve", "Dan", "Cal", "Bea", "Ann"]);
    expect(names(await Player.objects.filter({ team__isnull: false }).orderBy("team__rank", "-score"))).toEqual(["Bea", "Dan", "Cal", "Ann"]);
    expect(names(await Player.objects.filter({ team__isnull: false }).orderBy("-team__name", "name"))).toEqual(["Ann", "Cal", "Bea", "Dan"]);
    // A player without a team is kept when ordering across the relation.
    expect(await Player.objects.orderBy("team__name").count()).toBe(5);
    expect((await Player.objects.orderBy("team__name")).length).toBe(5);
    expect(names(await Team.objects.orderBy("-player__score").distinct().slice(0, 1))).toEqual(["Blue"]);
    // Ordering does not change a count.
    expect(await Team.objects.filter({ player__isnull: false }).orderBy("-player__score").distinct().count()).toBe(2);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Player.objects.orderBy("nope")).toThrow(FieldError);
    // @ts-expect-error -- a misspelt lookup key is a compile error too (typed lookups)
    expect(() => Player.objects.orderBy("nope")).toThrow("Cannot resolve keyword 'nope' into field. Choices are: id, name, score, team");
  });

  it("first and last follow the ordering, else the primary key", async () => {
    expect((await Player.objects.first())!.name).toBe("Bea");
    expect((await Player.objects.last())!.name).toBe("Eve");
    expect((await Player.objects.orderBy("name").last())!.name).toBe("Eve");
    expect((await Plain.objects.first())!.label).toBe("c");
    expect((await Plain.objects.last())!.label).toBe("b");
    expect(await Plain.objects.filter({ label: "zzz" }).first()).toBeNull();
    expect(await Plain.objects.filter({ label: "zzz" }).last()).toBeNull();
  });

  it("slice like Python: limit and offset, chained slices narrow", async () => {
    const byName = Player.objects.orderBy("name");
    expect(names(await byName.slice(1, 3))).toEqual(["Bea", "Cal"]);
    expect(names(await byName.slice(3))).toEqual(["Dan", "Eve"]);
    expect(names(await byName.slice(1, 4).slice(1, 2))).toEqual(["Cal"]);
    expect(await byName.slice(1, 3).count()).toBe(2);
    expect(await byName.slice(10).exists()).toBe(false);
    expect(await byName.slice(2, 1)).toEqual([]);
    expect(await byName.slice(3, 3)).toEqual([]);
    expect(await byName.slice(2, 1).count()).toBe(0);
    expect(names(await byName.slice(1, 4).slice(2, 10))).toEqual(["Dan"]);
    expect(names(await byName.slice(1, 4).slice(5))).toEqual([]);
    expect(() => byName.slice(-1)).toThrow(InvalidOperation);
    expect(() => byName.slice(0, 2).orderBy("score")).toThrow(InvalidOperation);
    expect(() => byName.slice(0, 2).filter({ score: 1 })).toThrow(new InvalidOperation("Cannot filter a query once a slice has been taken."));
    expect(() => byName.slice(0, 2).exclude({ score: 1 })).toThrow(new InvalidOperation("Cannot filter a query once a slice has been taken."));
    expect(() => byName.slice(0, 2).distinct()).toThrow(new InvalidOperation("Cannot create distinct fields once a slice has been taken."));
    expect((await byName.slice(0, 1).get()).name).toBe("Ann");
    await expect(byName.slice(0, 2).update({ score: 0 })).rejects.toBeInstanceOf(TypeError);
  });

  it("distinct, count, exists", async () => {
    expect(await Team.objects.filter({ player__score__gte: 10 }).count()).toBe(4);
    expect(await Team.objects.filter({ player__score__gte: 10 }).distinct().count()).toBe(2);
    expect(await Team.objects.filter({ name: "Red" }).exists()).toBe(true);
    expect(await Team.objects.filter({ name: "Green" }).exists()).toBe(false);
    expect(await Team.objects.none().count()).toBe(0);
    expect(await Team.objects.none()).toEqual([]);
  });

  it("get: one object, DoesNotExist or MultipleObjectsReturned with Django's messages", async () => {
    expect((await Player.objects.get({ name: "Ann" })).score).toBe(10);
    const missing = await Player.objects.get({ name: "Zed" }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Player.DoesNotExist);
    expect(missing).toBeInstanceOf(ObjectDoesNotExist);
    expect(missing).not.toBeInstanceOf(Team.DoesNotExist);
    expect((missing as Error).message).toBe("Player matching query does not exist.");
    const many = await Player.objects.get({ team__name: "Red" }).catch((e: unknown) => e);
    expect(many).toBeInstanceOf(Player.MultipleObjectsReturned);
    expect(many).toBeInstanceOf(MultipleObjectsReturned);
    expect((many as Error).message).toBe("get() returned more than one Player -- it returned 2!");
    await Plain.objects.create({ label: "dup" });
    for (let i = 0; i < 25; i++) await Plain.objects.create({ label: "many" });
    await expect(Plain.objects.get({ label: "many" })).rejects.toThrow("get() returned more than one Plain -- it returned more than 20!");
  });

  it("create, update and delete", async () => {
    const t = await Team.objects.create({ name: "Green", rank: 3 });
    expect(t.id).toEqual(expect.any(Number));
    const a = await Player.objects.create({ name: "G1", team: t, score: 1 });
    await Player.objects.create({ name: "G2", team: t, score: 2 });
    expect(await Player.objects.filter({ team__name: "Green" }).update({ score: 50 })).toBe(2);
    expect((await Player.objects.get({ pk: a.id })).score).toBe(50);
    expect(await Player.objects.filter({ team: t }).update({ team: null })).toBe(2);
    expect(await Player.objects.filter({ name__startswith: "G", team__isnull: true }).count()).toBe(2);
    expect(await Player.objects.filter({ name__startswith: "G" }).delete()).toEqual([2, { "qs.Player": 2 }]);
    expect(await Team.objects.filter({ name: "Green" }).delete()).toEqual([1, { "qs.Team": 1 }]);
    await expect(Player.objects.update({ nope: 1 })).rejects.toBeInstanceOf(FieldError);
    await expect(Team.objects.create({ name: "Red", rank: 9 })).rejects.toBeInstanceOf(IntegrityError);
    await expect(Team.objects.filter({ name: "Blue" }).update({ name: "Red" })).rejects.toBeInstanceOf(IntegrityError);
    expect(await Team.objects.filter({ name: "Blue" }).count()).toBe(1);
  });

  it("getOrCreate and updateOrCreate", async () => {
    const [made, created] = await Team.objects.getOrCreate({ name: "Gold" }, { rank: 7 });
    expect(created).toBe(true);
    expect(made.rank).toBe(7);
    const [again, createdAgain] = await Team.objects.getOrCreate({ name: "Gold" }, { rank: 8 });
    expect([again.id, createdAgain, again.rank]).toEqual([made.id, false, 7]);
    const [updated, createdU] = await Team.objects.updateOrCreate({ name: "Gold" }, { rank: 9 });
    expect([updated.id, createdU]).toEqual([made.id, false]);
    expect((await Team.objects.get({ name: "Gold" })).rank).toBe(9);
    await Team.objects.filter({ name: "Gold" }).delete();
  });

  it("getOrCreate: concurrent callers get one object; a conflict that is not a match still fails", async () => {
    const results = await Promise.all([
      Team.objects.getOrCreate({ name: "Race" }, { rank: 1 }),
      Team.objects.getOrCreate({ name: "Race" }, { rank: 1 }),
    ]);
    expect(results.map(([, created]) => created).sort()).toEqual([false, true]);
    expect(results[0][0].id).toBe(results[1][0].id);
    expect(await Team.objects.filter({ name: "Race" }).count()).toBe(1);
    await expect(Team.objects.getOrCreate({ name: "Race", rank: 99 })).rejects.toBeInstanceOf(IntegrityError);
    await Team.objects.filter({ name: "Race" }).delete();
  });

  it("instances: save inserts then updates, refreshFromDb reloads, toString default", async () => {
    const p = new Plain({ label: "new" });
    expect(String(p)).toBe("Plain object (None)");
    await p.save();
    expect(String(p)).toBe(`Plain object (${p.id})`);
    p.label = "changed";
    await p.save();
    expect(await Plain.objects.filter({ label: "changed" }).count()).toBe(1);
    await Plain.objects.filter({ pk: p.id }).update({ label: "db" });
    expect(p.label).toBe("changed");
    await p.refreshFromDb();
    expect(p.label).toBe("db");
    await p.delete();
    await expect(new Plain({ id: 424242, label: "x" }).refreshFromDb()).rejects.toBeInstanceOf(Plain.DoesNotExist);
    const count = await Plain.objects.count();
    await expect(p.save({ forceUpdate: true })).rejects.toThrow(new InvalidOperation("Cannot force an update in save() with no primary key."));
    await expect(p.save({ updateFields: ["label"] })).rejects.toThrow(new InvalidOperation("Cannot force an update in save() with no primary key."));
    await expect(new Plain({ id: 424242, label: "x" }).save({ forceUpdate: true }))
      .rejects.toThrow(new InvalidOperation("Forced update did not affect any rows."));
    await expect(new Plain({ id: 424242, label: "x" }).save({ updateFields: ["label"] }))
      .rejects.toThrow(new InvalidOperation("Save with update_fields did not affect any rows."));
    await expect(new Plain({ label: "x" }).save({ forceInsert: true, forceUpdate: true }))
      .rejects.toThrow(new InvalidOperation("Cannot force both insert and updating in model saving."));
    expect(await Plain.objects.count()).toBe(count);
  });

  it("save() with a primary key no row has inserts the row, the key as the field stores it", async () => {
    const p = new Plain({ id: "434343" as never, label: "explicit" });
    await p.save();
    expect((await Plain.objects.get({ pk: 434343 })).label).toBe("explicit");
    p.label = "again";
    await p.save();
    expect(await Plain.objects.filter({ pk: 434343 }).values("label")).toEqual([{ label: "again" }]);
    await Plain.objects.filter({ pk: 434343 }).delete();
  });

  it("save({ updateFields }) writes only those fields", async () => {
    const p = await Plain.objects.create({ label: "uf" });
    const stale = await Plain.objects.get({ pk: p.id });
    p.label = "uf2";
    await p.save({ updateFields: ["label"] });
    stale.label = "other";
    await stale.save({ updateFields: [] as string[] });
    expect((await Plain.objects.get({ pk: p.id })).label).toBe("uf2");
  });

  it("unknown constructor arguments are refused", () => {
    expect(() => new Plain({ label: "x", nope: 1 } as never)).toThrow("Plain() got unexpected keyword arguments: 'nope'");
  });
});
