/**
 * The ORM benchmark's hand-written side: the same work as bench/orm.bench.ts with each raw
 * driver (prepared statements, rows turned into plain objects with Dates as an application
 * would). The server databases reuse the tables torest created (`bench_author`, `bench_book`).
 */
import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import { parseDatabaseUrl } from "torest";
import { time, timeInsert } from "./support.js";

export interface RawTimings {
  insert: number;
  fetchAll: number;
  filterRelation: number;
  byPk: number;
}

export interface RawOptions {
  rows: number;
  runs: number;
  authors: number;
  pkFetches: number;
}

const COLUMNS = "id, title, author_id, pages, published";
const published = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

export async function rawSqlite(o: RawOptions): Promise<RawTimings> {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE author (id integer PRIMARY KEY AUTOINCREMENT, name varchar(100) NOT NULL);
    CREATE TABLE book (id integer PRIMARY KEY AUTOINCREMENT, title varchar(200) NOT NULL,
      author_id integer NOT NULL REFERENCES author (id), pages integer NOT NULL, published datetime NOT NULL);
    CREATE INDEX book_author ON book (author_id);`);
  const addAuthor = db.prepare("INSERT INTO author (name) VALUES (?)");
  for (let i = 0; i < o.authors; i++) addAuthor.run(`Author ${i}`);
  const addBook = db.prepare("INSERT INTO book (title, author_id, pages, published) VALUES (?, ?, ?, ?)");
  const stored = "2024-01-01 12:00:00";
  const insert = await timeInsert(o.runs, () => db.exec("DELETE FROM book"), () => db.transaction(() => {
    for (let i = 0; i < o.rows; i++) addBook.run(`Book ${i}`, (i % o.authors) + 1, i % 500, stored);
  })());
  const toBook = (r: { published: string }) => ({ ...r, published: new Date(`${r.published.replace(" ", "T")}Z`) });
  const all = db.prepare(`SELECT ${COLUMNS} FROM book`);
  const ids = (all.all() as { id: number }[]).map((r) => r.id).slice(0, o.pkFetches);
  const fetchAll = await time(o.runs, () => (all.all() as never[]).map(toBook));
  const byAuthor = db.prepare(`SELECT book.id, book.title, book.author_id, book.pages, book.published FROM book INNER JOIN author ON book.author_id = author.id WHERE author.name LIKE ?`);
  const filterRelation = await time(o.runs, () => (byAuthor.all("Author 1%") as never[]).map(toBook));
  const one = db.prepare(`SELECT ${COLUMNS} FROM book WHERE id = ?`);
  const byPk = await time(Math.max(1, o.runs >> 1), () => {
    for (const id of ids) toBook(one.get(id) as never);
  });
  db.close();
  return { insert, fetchAll, filterRelation, byPk };
}

export async function rawPostgres(url: string, o: RawOptions): Promise<RawTimings> {
  const s = parseDatabaseUrl(url);
  const client = new pg.Client({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.database });
  await client.connect();
  try {
    const insert = await timeInsert(o.runs, () => client.query("DELETE FROM bench_book"), async () => {
      await client.query("BEGIN");
      for (let i = 0; i < o.rows; i++) {
        await client.query({
          name: "add-book",
          text: "INSERT INTO bench_book (title, author_id, pages, published) VALUES ($1, $2, $3, $4) RETURNING id",
          values: [`Book ${i}`, (i % o.authors) + 1, i % 500, published],
        });
      }
      await client.query("COMMIT");
    });
    const all = { name: "all-books", text: `SELECT ${COLUMNS} FROM bench_book` };
    const ids = (await client.query(all)).rows.map((r) => r.id).slice(0, o.pkFetches);
    // pg returns bigint ids as strings and timestamps as Dates: an application converts the ids.
    const toBook = (r: Record<string, unknown>) => ({ ...r, id: Number(r.id), author_id: Number(r.author_id) });
    const fetchAll = await time(o.runs, async () => (await client.query(all)).rows.map(toBook));
    const byAuthor = {
      name: "by-author",
      text: "SELECT b.id, b.title, b.author_id, b.pages, b.published FROM bench_book b INNER JOIN bench_author a ON b.author_id = a.id WHERE a.name LIKE $1",
      values: ["Author 1%"],
    };
    const filterRelation = await time(o.runs, async () => (await client.query(byAuthor)).rows.map(toBook));
    const byPk = await time(Math.max(1, o.runs >> 1), async () => {
      for (const id of ids) toBook((await client.query({ name: "one-book", text: `SELECT ${COLUMNS} FROM bench_book WHERE id = $1`, values: [id] })).rows[0]);
    });
    return { insert, fetchAll, filterRelation, byPk };
  } finally {
    await client.end();
  }
}

export async function rawMysql(url: string, o: RawOptions): Promise<RawTimings> {
  const s = parseDatabaseUrl(url);
  const conn = await mysql.createConnection({ host: s.host, port: s.port, user: s.user, password: s.password, database: s.database, timezone: "Z" });
  try {
    const insert = await timeInsert(o.runs, () => conn.query("DELETE FROM bench_book"), async () => {
      await conn.beginTransaction();
      for (let i = 0; i < o.rows; i++) {
        await conn.execute("INSERT INTO bench_book (title, author_id, pages, published) VALUES (?, ?, ?, ?)",
          [`Book ${i}`, (i % o.authors) + 1, i % 500, published]);
      }
      await conn.commit();
    });
    const all = `SELECT ${COLUMNS} FROM bench_book`;
    const [idRows] = await conn.execute(all);
    const ids = (idRows as { id: number }[]).map((r) => r.id).slice(0, o.pkFetches);
    const toBook = (r: Record<string, unknown>) => ({ ...r });
    const fetchAll = await time(o.runs, async () => ((await conn.execute(all))[0] as Record<string, unknown>[]).map(toBook));
    const byAuthor = "SELECT b.id, b.title, b.author_id, b.pages, b.published FROM bench_book b INNER JOIN bench_author a ON b.author_id = a.id WHERE a.name LIKE ?";
    const filterRelation = await time(o.runs, async () => ((await conn.execute(byAuthor, ["Author 1%"]))[0] as Record<string, unknown>[]).map(toBook));
    const one = `SELECT ${COLUMNS} FROM bench_book WHERE id = ?`;
    const byPk = await time(Math.max(1, o.runs >> 1), async () => {
      for (const id of ids) toBook(((await conn.execute(one, [id]))[0] as Record<string, unknown>[])[0]!);
    });
    return { insert, fetchAll, filterRelation, byPk };
  } finally {
    await conn.end();
  }
}
