import { describe, expect, it } from "vitest";
import { CASCADE, CharField, createTables, dropTables, ForeignKey, getBackend, ManyToManyField, Model } from "torest";
import { dbName, useTestDatabase } from "../support/db.js";

class Author extends Model("schema", {
  name: CharField({ maxLength: 20 }),
}) {}

class Book extends Model("schema", {
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
  coauthors: ManyToManyField(() => Author, { relatedName: "cowritten", dbTable: "schema_book_people" }),
}) {}

/** Two tables whose keys point at each other (Django creates the second key afterwards). */
class Team extends Model("schema", {
  name: CharField({ maxLength: 20 }),
  captain: ForeignKey("schema.Player", { onDelete: CASCADE, null: true, relatedName: "captains" }),
}) {}

class Player extends Model("schema", {
  team: ForeignKey(() => Team, { onDelete: CASCADE, null: true }),
}) {}

useTestDatabase([]);

async function tables(): Promise<string[]> {
  const backend = getBackend();
  return (await backend.query(backend.schema.tableNamesSql(), [])).map((r) => String(r[0])).filter((t) => t.startsWith("schema_"));
}

describe(dbName("createTables / dropTables"), () => {
  it("creates referenced tables first, with many-to-many tables, once", async () => {
    expect(await tables()).toEqual([]);
    // Book first in the list: Author must still be created before it (its key references Author).
    const created = await createTables([Book, Author]);
    expect(created).toEqual(["schema_author", "schema_book", "schema_book_people"]);
    expect((await tables()).sort()).toEqual(["schema_author", "schema_book", "schema_book_people"]);
    expect(await createTables([Book, Author])).toEqual([]);
    const author = await Author.objects.create({ name: "a" });
    const book = await Book.objects.create({ author });
    await book.coauthors.add(author);
    expect(await book.coauthors.count()).toBe(1);
  });

  it("dropTables drops them (dependants first)", async () => {
    await dropTables([Book, Author]);
    expect(await tables()).toEqual([]);
  });

  it("test_drop_tables_with_circular_foreign_keys: dropTables drops tables whose keys form a cycle, rows and all", async () => {
    await createTables([Team, Player]);
    const team = await Team.objects.create({ name: "t" });
    const player = await Player.objects.create({ team });
    team.captain = player;
    await team.save();
    await dropTables([Team, Player]);
    expect(await tables()).toEqual([]);
    // Checks are on again: a dangling key is refused.
    await createTables([Team, Player]);
    await expect(Player.objects.create({ team_id: 999 })).rejects.toThrow();
    await dropTables([Player, Team]);
    expect(await tables()).toEqual([]);
  });
});
