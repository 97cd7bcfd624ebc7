/**
 * ORM benchmark (issue 2): torest against hand-written better-sqlite3 prepared statements on the
 * same data. Run: `npm run bench` (ROWS, RUNS env vars override the defaults).
 */
import Database from "better-sqlite3";
import { atomic, CASCADE, CharField, closeDatabases, configureDatabases, createTables, DateTimeField, ForeignKey, IntegerField, Model } from "torest";
import { median, printTable, time, type Measurement } from "./support.js";

const ROWS = Number(process.env.ROWS ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 7);
const AUTHORS = 100;

class Author extends Model("bench", { name: CharField({ maxLength: 100 }) }) {}
class Book extends Model("bench", {
  title: CharField({ maxLength: 200 }),
  author: ForeignKey(() => Author, { onDelete: CASCADE }),
  pages: IntegerField(),
  published: DateTimeField(),
}) {}

/** Median insert time over RUNS rounds, emptying the table (untimed) before each. */
async function timeInsert(empty: () => unknown, insert: () => unknown): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    await empty();
    const start = performance.now();
    await insert();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const published = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

async function torestSide(): Promise<Record<string, number>> {
  configureDatabases({ default: "sqlite::memory:" });
  await createTables([Author, Book]);
  await atomic(async () => {
    for (let i = 0; i < AUTHORS; i++) await Author.objects.create({ name: `Author ${i}` });
  });
  const insert = await timeInsert(
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
    for (const id of ids) await Book.objects.get({ pk: id });
  });
  await closeDatabases();
  return { insert, fetchAll, filterRelation, byPk };
}

async function rawSide(): Promise<Record<string, number>> {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE author (id integer PRIMARY KEY AUTOINCREMENT, name varchar(100) NOT NULL);
    CREATE TABLE book (id integer PRIMARY KEY AUTOINCREMENT, title varchar(200) NOT NULL,
      author_id integer NOT NULL REFERENCES author (id), pages integer NOT NULL, published datetime NOT NULL);
    CREATE INDEX book_author ON book (author_id);`);
  const addAuthor = db.prepare("INSERT INTO author (name) VALUES (?)");
  for (let i = 0; i < AUTHORS; i++) addAuthor.run(`Author ${i}`);
  const addBook = db.prepare("INSERT INTO book (title, author_id, pages, published) VALUES (?, ?, ?, ?)");
  const stored = "2024-01-01 12:00:00";
  const insert = await timeInsert(
    () => db.exec("DELETE FROM book"),
    () => db.transaction(() => {
      for (let i = 0; i < ROWS; i++) addBook.run(`Book ${i}`, (i % AUTHORS) + 1, i % 500, stored);
    })(),
  );
  // The hand-written version also turns rows into objects with Dates, as an application would.
  const toBook = (r: { id: number; title: string; author_id: number; pages: number; published: string }) =>
    ({ ...r, published: new Date(`${r.published.replace(" ", "T")}Z`) });
  const all = db.prepare("SELECT id, title, author_id, pages, published FROM book");
  const ids = (all.all() as { id: number }[]).map((r) => r.id);
  const fetchAll = await time(RUNS, () => (all.all() as never[]).map(toBook));
  const byAuthor = db.prepare("SELECT book.id, book.title, book.author_id, book.pages, book.published FROM book INNER JOIN author ON book.author_id = author.id WHERE author.name LIKE ?");
  const filterRelation = await time(RUNS, () => (byAuthor.all("Author 1%") as never[]).map(toBook));
  const one = db.prepare("SELECT id, title, author_id, pages, published FROM book WHERE id = ?");
  const byPk = await time(Math.max(1, RUNS >> 1), () => {
    for (const id of ids) toBook(one.get(id) as never);
  });
  db.close();
  return { insert, fetchAll, filterRelation, byPk };
}

const torest = await torestSide();
const raw = await rawSide();
const rows: Measurement[] = [
  { name: `insert ${ROWS} rows (one transaction)`, torestMs: torest.insert!, rawMs: raw.insert! },
  { name: `fetch all ${ROWS} rows`, torestMs: torest.fetchAll!, rawMs: raw.fetchAll! },
  { name: "filter across a relation (author__name__startswith)", torestMs: torest.filterRelation!, rawMs: raw.filterRelation! },
  { name: `get by pk x ${ROWS}`, torestMs: torest.byPk!, rawMs: raw.byPk! },
];
printTable(`ORM benchmark, SQLite, ${ROWS} rows, median of ${RUNS} runs`, rows);
