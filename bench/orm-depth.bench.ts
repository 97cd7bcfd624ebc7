/**
 * Eager-loading benchmark (issue 5): `selectRelated` of a foreign key over 10,000 rows, and
 * `prefetchRelated` of 1,000 parents with 10 children each, against the same work written by
 * hand with better-sqlite3 prepared statements (rows turned into objects with Dates and the
 * related objects attached, as an application would).
 * Run: `npm run bench:orm-depth` (PARENTS, CHILDREN, RUNS env vars override the defaults).
 * Samples of both sides alternate, so a busy machine slows both alike.
 */
import Database from "better-sqlite3";
import { atomic, CASCADE, CharField, closeDatabases, configureDatabases, createTables, DateTimeField, ForeignKey, IntegerField, loaded, Model, type Manager, type RelatedManager } from "torest";
import { median, printTable, type Measurement } from "./support.js";

const PARENTS = Number(process.env.PARENTS ?? 1_000);
const CHILDREN = Number(process.env.CHILDREN ?? 10);
const RUNS = Number(process.env.RUNS ?? 15);
const ROWS = PARENTS * CHILDREN;

class Parent extends Model("benchdepth", { name: CharField({ maxLength: 100 }) }) {
  declare static objects: Manager<Parent>;
  declare child_set: RelatedManager<Child>;
}
class Child extends Model("benchdepth", {
  parent: ForeignKey(() => Parent, { onDelete: CASCADE }),
  name: CharField({ maxLength: 100 }),
  value: IntegerField(),
  created: DateTimeField(),
}) {
  declare static objects: Manager<Child>;
}

const created = new Date(Date.UTC(2024, 0, 1, 12, 0, 0));

/** The torest side: the two operations, on data made with bulkCreate. */
async function torestSide(): Promise<Record<string, () => Promise<void>>> {
  configureDatabases({ default: "sqlite::memory:" });
  await createTables([Parent, Child]);
  await atomic(async () => {
    const parents = await Parent.objects.bulkCreate(Array.from({ length: PARENTS }, (_, i) => new Parent({ name: `Parent ${i}` })));
    await Child.objects.bulkCreate(parents.flatMap((parent, p) =>
      Array.from({ length: CHILDREN }, (_, c) => new Child({ parent, name: `Child ${p}.${c}`, value: c, created }))));
  });
  return {
    async selectRelated() {
      const children = await Child.objects.selectRelated("parent");
      if (children.length !== ROWS || !loaded<Parent>(children[ROWS - 1]!, "parent")) throw new Error("selectRelated: wrong result");
    },
    async prefetch() {
      const parents = await Parent.objects.prefetchRelated("child_set");
      let total = 0;
      for (const parent of parents) total += (await parent.child_set.all()).length;
      if (parents.length !== PARENTS || total !== ROWS) throw new Error("prefetchRelated: wrong result");
    },
  };
}

interface RawParent { id: number; name: string; child_set?: RawChild[] }
interface RawChild { id: number; parent_id: number; name: string; value: number; created: Date; parent?: RawParent }

/** The same work by hand with better-sqlite3 prepared statements. */
function rawSide(): Record<string, () => Promise<void>> {
  const db = new Database(":memory:");
  db.exec(`CREATE TABLE parent (id integer PRIMARY KEY AUTOINCREMENT, name varchar(100) NOT NULL);
    CREATE TABLE child (id integer PRIMARY KEY AUTOINCREMENT, parent_id integer NOT NULL REFERENCES parent (id),
      name varchar(100) NOT NULL, value integer NOT NULL, created datetime NOT NULL);
    CREATE INDEX child_parent ON child (parent_id);`);
  const addParent = db.prepare("INSERT INTO parent (name) VALUES (?)");
  const addChild = db.prepare("INSERT INTO child (parent_id, name, value, created) VALUES (?, ?, ?, ?)");
  db.transaction(() => {
    for (let p = 0; p < PARENTS; p++) {
      const id = Number(addParent.run(`Parent ${p}`).lastInsertRowid);
      for (let c = 0; c < CHILDREN; c++) addChild.run(id, `Child ${p}.${c}`, c, "2024-01-01 12:00:00");
    }
  })();
  const toDate = (s: string) => new Date(`${s.replace(" ", "T")}Z`);

  const joined = db.prepare(`SELECT child.id, child.parent_id, child.name, child.value, child.created, parent.id, parent.name
    FROM child INNER JOIN parent ON (child.parent_id = parent.id)`).raw(true);
  const selectRelated = async () => {
    const children = (joined.all() as unknown[][]).map((r): RawChild => ({
      id: r[0] as number, parent_id: r[1] as number, name: r[2] as string, value: r[3] as number, created: toDate(r[4] as string),
      parent: { id: r[5] as number, name: r[6] as string },
    }));
    if (children.length !== ROWS) throw new Error("raw selectRelated: wrong result");
  };

  const parentsSql = db.prepare("SELECT id, name FROM parent").raw(true);
  const childrenIn = db.prepare(`SELECT id, parent_id, name, value, created FROM child WHERE parent_id IN (${Array(PARENTS).fill("?").join(", ")})`).raw(true);
  const prefetch = async () => {
    const parents = (parentsSql.all() as unknown[][]).map((r): RawParent => ({ id: r[0] as number, name: r[1] as string }));
    const byId = new Map<number, RawChild[]>();
    for (const r of childrenIn.all(...parents.map((p) => p.id)) as unknown[][]) {
      const child: RawChild = { id: r[0] as number, parent_id: r[1] as number, name: r[2] as string, value: r[3] as number, created: toDate(r[4] as string) };
      let list = byId.get(child.parent_id);
      if (!list) byId.set(child.parent_id, (list = []));
      list.push(child);
    }
    let total = 0;
    for (const parent of parents) total += (parent.child_set = byId.get(parent.id) ?? []).length;
    if (total !== ROWS) throw new Error("raw prefetch: wrong result");
  };
  return { selectRelated, prefetch };
}

/** Medians of RUNS alternating samples of each side (after a warm-up of both). */
async function compare(a: () => Promise<void>, b: () => Promise<void>): Promise<[number, number]> {
  for (let i = 0; i < 3; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    let start = performance.now();
    await a();
    as.push(performance.now() - start);
    start = performance.now();
    await b();
    bs.push(performance.now() - start);
  }
  return [median(as), median(bs)];
}

const torest = await torestSide();
const raw = rawSide();
const [srTorest, srRaw] = await compare(torest.selectRelated!, raw.selectRelated!);
const [pfTorest, pfRaw] = await compare(torest.prefetch!, raw.prefetch!);
await closeDatabases();
const rows: Measurement[] = [
  { name: `selectRelated("parent") over ${ROWS} rows`, torestMs: srTorest, rawMs: srRaw },
  { name: `prefetchRelated("child_set"): ${PARENTS} parents x ${CHILDREN} children`, torestMs: pfTorest, rawMs: pfRaw },
];
printTable(`ORM eager-loading benchmark, SQLite, median of ${RUNS} alternating runs (goal: ratio <= 1.5x)`, rows);
