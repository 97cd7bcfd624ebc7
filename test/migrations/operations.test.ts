import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BigAutoField, CASCADE, CharField, closeDatabases, configureDatabases, ForeignKey, getBackend, IntegerField, ManyToManyField } from "torest";
import {
  AddIndex, AlterModelTable, AlterUniqueTogether, CreateModel, DeleteModel, IrreversibleError, Migration, RemoveConstraint,
  AddConstraint, RemoveIndex, RenameField, RenameModel, RunCode, RunSQL, type Operation,
} from "torest/migrations";
import { introspectionFor } from "../../src/db/schema-editors.js";
import { MigrationExecutor } from "../../src/migrations/executor.js";
import { MigrationGraph } from "../../src/migrations/graph.js";
import { dbName, freshDatabase, TEST_DB } from "../support/db.js";

let drop = async () => undefined as void;
beforeAll(async () => {
  const fresh = await freshDatabase();
  drop = fresh.drop;
  configureDatabases({ default: fresh.url });
});
afterAll(async () => {
  await closeDatabases();
  await drop();
});

/** A graph of migrations of app "ops", each depending on the one before. */
function chain(app: string, ...operations: Operation[][]): { executor: MigrationExecutor; migrations: Migration[] } {
  const graph = new MigrationGraph();
  const migrations = operations.map((ops, i) => {
    const m = new Migration({ dependencies: i ? [[app, `000${i}_step`]] : [], operations: ops, initial: i === 0 });
    m.appLabel = app;
    m.name = `000${i + 1}_step`;
    graph.add(m);
    return m;
  });
  graph.validate();
  return { get executor() { return new MigrationExecutor(graph, getBackend()); }, migrations };
}

async function forwards(executor: MigrationExecutor, target?: [string, string | null]) {
  for (const step of await executor.plan(target ? [target] : undefined)) await executor.run(step);
}

const table = (name: string) => introspectionFor(getBackend()).describe(getBackend(), name);
// Quoted without opening the database: the migrations below are built at collection time.
const q = (name: string) => (TEST_DB === "mysql" ? `\`${name}\`` : `"${name}"`);

describe("migration operations", () => {
  const base = [
    CreateModel({ name: "Shelf", fields: { id: BigAutoField(), code: CharField({ maxLength: 10 }) } }),
    CreateModel({
      name: "Item",
      fields: {
        id: BigAutoField(),
        shelf: ForeignKey("ops.shelf", { onDelete: CASCADE }),
        label: CharField({ maxLength: 20 }),
        qty: IntegerField({ default: 1 }),
        similar: ManyToManyField("ops.item"),
      },
    }),
  ];
  const built = chain(
    "ops",
    base,
    [
      AddIndex({ modelName: "item", index: { fields: ["label"], name: "item_label_idx" } }),
      AlterUniqueTogether({ name: "item", uniqueTogether: [["shelf", "label"]] }),
      AddConstraint({ modelName: "shelf", constraint: { type: "unique", fields: ["code"], name: "shelf_code_uniq" } }),
    ],
    [
      RemoveIndex({ modelName: "item", name: "item_label_idx" }),
      RemoveConstraint({ modelName: "shelf", name: "shelf_code_uniq" }),
      AlterModelTable({ name: "item", table: "ops_things" }),
      RunSQL({ sql: [`UPDATE ${q("ops_things")} SET ${q("qty")} = ${q("qty")} + 10`], reverseSql: `UPDATE ${q("ops_things")} SET ${q("qty")} = ${q("qty")} - 10` }),
    ],
    [DeleteModel({ name: "Item" }), RunSQL({ sql: "SELECT 1" })],
  );
  const migrations = built.migrations;
  let executor: MigrationExecutor;
  beforeAll(() => {
    executor = built.executor;
  });

  it(dbName("CreateModel makes the table and the self many-to-many through table; rows go in"), async () => {
    await forwards(executor, ["ops", "0001_step"]);
    await getBackend().execute(`INSERT INTO ${q("ops_shelf")} (${q("code")}) VALUES ('A'), ('B')`, []);
    await getBackend().execute(`INSERT INTO ${q("ops_item")} (${q("shelf_id")}, ${q("label")}, ${q("qty")}) VALUES (1, 'x', 1), (2, 'x', 2)`, []);
    await getBackend().execute(`INSERT INTO ${q("ops_item_similar")} (${q("from_item_id")}, ${q("to_item_id")}) VALUES (1, 2)`, []);
    expect((await table("ops_item_similar"))!.columns.map((c) => c.name)).toEqual(["id", "from_item_id", "to_item_id"]);
  });

  it(dbName("AddIndex, AlterUniqueTogether and AddConstraint add them, and a duplicate is refused"), async () => {
    await forwards(executor, ["ops", "0002_step"]);
    const item = (await table("ops_item"))!;
    expect(item.constraints.some((c) => c.kind === "index" && c.name === "item_label_idx")).toBe(true);
    await expect(getBackend().execute(`INSERT INTO ${q("ops_item")} (${q("shelf_id")}, ${q("label")}, ${q("qty")}) VALUES (1, 'x', 3)`, [])).rejects.toThrow();
    await expect(getBackend().execute(`INSERT INTO ${q("ops_shelf")} (${q("code")}) VALUES ('A')`, [])).rejects.toThrow();
  });

  it(dbName("RemoveIndex, RemoveConstraint, AlterModelTable (through table follows) and RunSQL"), async () => {
    await forwards(executor, ["ops", "0003_step"]);
    const names = await introspectionFor(getBackend()).tableNames(getBackend());
    expect(names).toContain("ops_things");
    expect(names).toContain("ops_things_similar");
    expect(names).not.toContain("ops_item");
    expect((await table("ops_things"))!.constraints.some((c) => c.name === "item_label_idx")).toBe(false);
    expect((await getBackend().query(`SELECT ${q("qty")} FROM ${q("ops_things")} ORDER BY ${q("id")}`, [])).map((r) => Number(r[0]))).toEqual([11, 12]);
    expect((await getBackend().query(`SELECT COUNT(*) FROM ${q("ops_things_similar")}`, []))[0]![0]).toEqual(expect.anything());
  });

  it(dbName("sqlmigrate's SQL per operation; an irreversible RunSQL refuses to unapply"), async () => {
    const sql = await executor.collectSqlByOperation(migrations[2]!, true);
    expect(sql).toHaveLength(4);
    expect(sql[0]!.join(";")).toContain("- 10");
    await forwards(executor);
    await expect(executor.run({ migration: migrations[3]!, backwards: true })).rejects.toThrow(IrreversibleError);
    expect(() => RunSQL({ sql: "SELECT 1" })).not.toThrow();
  });

  it(dbName("unapplying restores tables, data kept where the schema allows"), async () => {
    const other = chain(
      "boxes",
      [CreateModel({ name: "Box", fields: { id: BigAutoField(), size: IntegerField({ default: 0 }) } })],
      [RunCode({
        code: async (apps) => {
          const Box = apps.getModel("boxes", "Box");
          await Box.objects.create({ size: 5 });
        },
        reverseCode: async (apps) => {
          await apps.getModel("boxes.Box").objects.all().delete();
        },
      })],
    );
    const boxes = async () => (await getBackend().query(`SELECT ${q("size")} FROM ${q("boxes_box")}`, [])).map((r) => Number(r[0]));
    const run = other.executor;
    await forwards(run);
    expect(await boxes()).toEqual([5]);
    await forwards(run, ["boxes", "0001_step"]);
    expect(await boxes()).toEqual([]);
    await forwards(run, ["boxes", null]);
    expect(await introspectionFor(getBackend()).tableNames(getBackend())).not.toContain("boxes_box");
  });

  it(dbName("RenameModel renames the table, the through tables and their key columns; RenameField of a many-to-many renames its table; rows kept"), async () => {
    const renamed = chain(
      "lib",
      [
        CreateModel({ name: "Genre", fields: { id: BigAutoField(), name: CharField({ maxLength: 10 }) } }),
        CreateModel({ name: "Novel", fields: { id: BigAutoField(), genres: ManyToManyField("lib.genre") } }),
      ],
      [RenameModel({ oldName: "Genre", newName: "Kind" }), RenameModel({ oldName: "Novel", newName: "Book" }), RenameField({ modelName: "book", oldName: "genres", newName: "kinds" })],
    );
    const run = renamed.executor;
    await forwards(run, ["lib", "0001_step"]);
    await getBackend().execute(`INSERT INTO ${q("lib_genre")} (${q("name")}) VALUES ('sf')`, []);
    await getBackend().execute(`INSERT INTO ${q("lib_novel")} (${q("id")}) VALUES (7)`, []);
    await getBackend().execute(`INSERT INTO ${q("lib_novel_genres")} (${q("novel_id")}, ${q("genre_id")}) VALUES (7, 1)`, []);
    await forwards(run);
    const info = (await table("lib_book_kinds"))!;
    expect(info.columns.map((c) => c.name)).toEqual(["id", "book_id", "kind_id"]);
    expect(info.constraints.filter((c) => c.kind === "foreignKey").map((c) => `${c.columns[0]}->${c.references!.table}`).sort()).toEqual(["book_id->lib_book", "kind_id->lib_kind"]);
    expect((await getBackend().query(`SELECT ${q("book_id")}, ${q("kind_id")} FROM ${q("lib_book_kinds")}`, [])).map((r) => r.map(Number))).toEqual([[7, 1]]);
    await forwards(run, ["lib", "0001_step"]);
    expect((await getBackend().query(`SELECT ${q("novel_id")}, ${q("genre_id")} FROM ${q("lib_novel_genres")}`, [])).map((r) => r.map(Number))).toEqual([[7, 1]]);
  });
});
