import type { Executor } from "../backend.js";
import { typeArguments, type ColumnInfo, type ConstraintInfo, type Introspection } from "../introspection.js";

/** SQLite's catalog through its PRAGMAs. */
export const sqliteIntrospection: Introspection = {
  async tableNames(db: Executor) {
    const rows = await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", []);
    return rows.map((r) => String(r[0]));
  },

  async describe(db: Executor, table: string) {
    const sqlRows = await db.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
    if (!sqlRows.length) return null;
    const createSql = String(sqlRows[0]![0]).toLowerCase();
    const q = table.replace(/"/g, '""');
    // cid, name, type, notnull, dflt_value, pk
    const info = await db.query(`PRAGMA table_info("${q}")`, []);
    const columns: ColumnInfo[] = info.map((r) => {
      const dbType = String(r[2]).toLowerCase();
      const [a, b] = typeArguments(dbType);
      const primaryKey = Number(r[5]) > 0;
      return {
        name: String(r[1]),
        dbType,
        nullable: Number(r[3]) === 0 && !primaryKey,
        primaryKey,
        autoIncrement: primaryKey && dbType === "integer" && createSql.includes("autoincrement"),
        ...(dbType.startsWith("varchar") || dbType.startsWith("char") ? { maxLength: a } : {}),
        ...(dbType.startsWith("decimal") && a !== undefined ? { precision: a, scale: b ?? 0 } : {}),
      };
    });
    const constraints: ConstraintInfo[] = [];
    const pk = columns.filter((c) => c.primaryKey).map((c) => c.name);
    if (pk.length) constraints.push({ name: "__primary__", columns: pk, kind: "primaryKey" });
    // id, seq, table, from, to, on_update, on_delete, match
    for (const r of await db.query(`PRAGMA foreign_key_list("${q}")`, [])) {
      constraints.push({ name: `fk_${String(r[3])}`, columns: [String(r[3])], kind: "foreignKey", references: { table: String(r[2]), column: String(r[4] ?? "id") } });
    }
    // seq, name, unique, origin (c: CREATE INDEX, u: UNIQUE constraint, pk), partial
    for (const r of await db.query(`PRAGMA index_list("${q}")`, [])) {
      const origin = String(r[3]);
      if (origin === "pk") continue;
      const name = String(r[1]);
      const cols = (await db.query(`PRAGMA index_info("${name.replace(/"/g, '""')}")`, [])).map((c) => String(c[2]));
      if (origin === "u") constraints.push({ name, columns: cols, kind: "unique" });
      else constraints.push({ name, columns: cols, kind: "index", unique: Number(r[2]) === 1 });
    }
    return { name: table, columns, constraints };
  },
};
