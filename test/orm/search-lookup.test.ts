import { describe, expect, it } from "vitest";
import { CharField, Model, TextField, type Manager } from "torest";
import { dbName, useTestDatabase, TEST_DB } from "../support/db.js";

// Django's `__search` lookup (django.contrib.postgres.search, tests/postgres_tests/test_search.py):
// the column's lexemes against plainto_tsquery's, so stemming and stop words apply. Databases
// without a text search of their own answer it as a case-insensitive contains.
class Line extends Model("fts", {
  character: CharField({ maxLength: 30 }),
  dialogue: TextField(),
}) {
  declare static objects: Manager<Line>;
}

useTestDatabase([Line]);

describe(dbName("the search lookup (Django's __search)"), () => {
  it("finds a row by a word of its text, whatever the case", async () => {
    await Line.objects.create({ character: "Minstrel", dialogue: "Bravely bold Sir Robin, rode forth from Camelot." });
    await Line.objects.create({ character: "Robin", dialogue: "Oh, shut up!" });
    const found = await Line.objects.filter({ dialogue__search: "camelot" });
    expect(found.map((line) => line.character)).toEqual(["Minstrel"]);
    expect(await Line.objects.filter({ dialogue__search: "Lancelot" }).count()).toBe(0);
  });

  // Only PostgreSQL has a text search of its own here: SQLite's FTS5 needs tables of its own and
  // MySQL's MATCH ... AGAINST a FULLTEXT index, so elsewhere "the Robins" is a plain substring.
  it.runIf(TEST_DB === "postgres")("PostgreSQL: matches stemmed words and ignores stop words, as plainto_tsquery does", async () => {
    // "Robins" stems to "robin" and "the" is a stop word: the Minstrel's line matches.
    expect((await Line.objects.filter({ dialogue__search: "the Robins" })).map((l) => l.character)).toEqual(["Minstrel"]);
  });
});
