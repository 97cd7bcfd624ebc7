import type { Executor } from "../backend.js";
import type { ColumnInfo, ConstraintInfo, Introspection } from "../introspection.js";

/** MySQL/MariaDB's information_schema, in the connection's database. */
export const mysqlIntrospection: Introspection = {
  async tableNames(db: Executor) {
    const rows = await db.query("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name", []);
    return rows.map((r) => String(r[0]));
  },

  async describe(db: Executor, table: string) {
    const rows = await db.query(
      `SELECT column_name, column_type, is_nullable, column_key, extra, character_maximum_length, numeric_precision, numeric_scale, data_type
       FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? ORDER BY ordinal_position`,
      [table],
    );
    if (!rows.length) return null;
    const columns: ColumnInfo[] = rows.map((r) => {
      const dbType = String(r[1]).toLowerCase();
      const dataType = String(r[8]).toLowerCase();
      return {
        name: String(r[0]), dbType, nullable: String(r[2]) === "YES", primaryKey: String(r[3]) === "PRI",
        autoIncrement: String(r[4]).toLowerCase().includes("auto_increment"),
        ...(/char/.test(dataType) && r[5] !== null ? { maxLength: Number(r[5]) } : {}),
        ...(dataType === "decimal" ? { precision: Number(r[6]), scale: Number(r[7]) } : {}),
      };
    });
    const constraints: ConstraintInfo[] = [];
    const keys = await db.query(
      `SELECT tc.constraint_name, tc.constraint_type, kcu.column_name, kcu.referenced_table_name, kcu.referenced_column_name
       FROM information_schema.table_constraints tc JOIN information_schema.key_column_usage kcu
         ON kcu.constraint_schema = tc.constraint_schema AND kcu.table_name = tc.table_name AND kcu.constraint_name = tc.constraint_name
       WHERE tc.table_schema = DATABASE() AND tc.table_name = ? ORDER BY tc.constraint_name, kcu.ordinal_position`,
      [table],
    );
    const named = new Map<string, ConstraintInfo>();
    for (const r of keys) {
      const name = String(r[0]);
      const type = String(r[1]);
      const kind = type === "PRIMARY KEY" ? "primaryKey" : type === "UNIQUE" ? "unique" : type === "FOREIGN KEY" ? "foreignKey" : null;
      if (!kind) continue;
      const key = `${kind}:${name}`;
      let c = named.get(key);
      if (!c) {
        c = { name, columns: [], kind, ...(kind === "foreignKey" ? { references: { table: String(r[3]), column: String(r[4]) } } : {}) };
        named.set(key, c);
        constraints.push(c);
      }
      c.columns.push(String(r[2]));
    }
    const taken = new Set(constraints.filter((c) => c.kind !== "foreignKey").map((c) => c.kind === "primaryKey" ? "PRIMARY" : c.name));
    const stats = await db.query(
      "SELECT index_name, non_unique, column_name FROM information_schema.statistics WHERE table_schema = DATABASE() AND table_name = ? ORDER BY index_name, seq_in_index",
      [table],
    );
    const indexes = new Map<string, ConstraintInfo>();
    for (const r of stats) {
      const name = String(r[0]);
      if (taken.has(name)) continue;
      let index = indexes.get(name);
      if (!index) {
        index = { name, columns: [], kind: "index", unique: Number(r[1]) === 0 };
        indexes.set(name, index);
        constraints.push(index);
      }
      index.columns.push(String(r[2]));
    }
    return { name: table, columns, constraints };
  },
};
