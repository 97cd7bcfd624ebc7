/**
 * ORM benchmark: torest against the same work written by hand with the raw driver
 * (better-sqlite3 prepared statements, pg, mysql2), on the same data, per database.
 *
 *   npm run bench                      SQLite, PostgreSQL and MySQL/MariaDB
 *   npm run bench -- sqlite postgres   some of them
 *
 * ROWS (10,000), RUNS (7) and PK_FETCHES (ROWS on SQLite, 2,000 over the network) override the defaults.
 */
import { createTestDatabase, dropTestDatabase } from "../test/support/server-databases.js";
import { rawMysql, rawPostgres, rawSqlite, type RawTimings } from "./orm-raw.js";
import { atomic, CASCADE, CharField, closeDatabases, configureDatabases, createTables, DateTimeField, ForeignKey, IntegerField, Model } from "torest";
import { printTable, time, timeInsert, type Measurement } from "./support.js";

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 7);
const AUTHORS = 100;
type Vendor = "sqlite" | "postgres" | "mysql";
const VENDORS: Vendor[] = ["sqlite", "postgres", "mysql"];

class Author extends Model("bench", { name: CharField({ maxLength: 100 }) }) {}
class Book extends Model("bench", {
  title: CharField({ maxLength: 200 }),
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
  pages: IntegerField(),
  published: DateTimeField(),
}) {}

const published = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

async function torestSide(url: string, pkFetches: number): Promise<RawTimings> {
  configureDatabases({ default: url });
  await createTables([Author, Book]);
  await atomic(async () => {
    for (let i = 0; i < AUTHORS; i++) await Author.objects.create({ name: `Author ${i}` });
  });
  const insert = await timeInsert(RUNS,
    () => Book.objects.all().delete(),
    () => atomic(async () => {
      for (let i = 0; i < ROWS; i++) {
        await Book.objects.create({ title: `Book ${i}`, author_id: (i % AUTHORS) + 1, pages: i % 500, published });
      }
    }),
  );
  const ids = (await Book.objects.all()).map((b) => b.id);
  const fetchAll = await time(RUNS, async () => {
    if ((await Book.objects.all()).length !== ROWS) throw new Error("wrong count");
  });
  const filterRelation = await time(RUNS, async () => {
    await Book.objects.filter({ author__name__startswith: "Author 1" });
  });
  const byPk = await time(Math.max(1, RUNS >> 1), async () => {
    for (const id of ids.slice(0, pkFetches)) await Book.objects.get({ pk: id });
  });
  return { insert, fetchAll, filterRelation, byPk };
}

async function benchmark(vendor: Vendor): Promise<void> {
  const pkFetches = Number(process.env.PK_FETCHES ?? (vendor === "sqlite" ? ROWS : 2_000));
  const url = vendor === "sqlite" ? "sqlite::memory:" : await createTestDatabase(vendor);
  try {
    const torest = await torestSide(url, pkFetches);
    await closeDatabases();
    const options = { rows: ROWS, runs: RUNS, authors: AUTHORS, pkFetches };
    const raw = vendor === "sqlite" ? await rawSqlite(options)
      : vendor === "postgres" ? await rawPostgres(url, options) : await rawMysql(url, options);
    const rows: Measurement[] = [
      { name: `insert ${ROWS} rows (one transaction)`, torestMs: torest.insert, rawMs: raw.insert },
      { name: `fetch all ${ROWS} rows`, torestMs: torest.fetchAll, rawMs: raw.fetchAll },
      { name: "filter across a relation (author__name__startswith)", torestMs: torest.filterRelation, rawMs: raw.filterRelation },
      { name: `get by pk x ${pkFetches}`, torestMs: torest.byPk, rawMs: raw.byPk },
    ];
    printTable(`ORM benchmark, ${vendor}, ${ROWS} rows, median of ${RUNS} runs`, rows);
  } finally {
    await closeDatabases();
    if (vendor !== "sqlite") await dropTestDatabase(vendor, url);
  }
}

const asked = process.argv.slice(2).filter((a) => a !== "--");
for (const vendor of asked.length ? asked : VENDORS) {
  if (!VENDORS.includes(vendor as Vendor)) throw new Error(`Unknown database '${vendor}': choose from ${VENDORS.join(", ")}.`);
  await benchmark(vendor as Vendor);
}
