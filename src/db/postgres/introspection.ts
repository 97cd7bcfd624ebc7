import type { Executor } from "../backend.js";
import type { ColumnInfo, ConstraintInfo, Introspection } from "../introspection.js";

const KINDS: Record<string, ConstraintInfo["kind"]> = { p: "primaryKey", u: "unique", f: "foreignKey", c: "check" };

/** PostgreSQL's catalog (pg_catalog), in the current schema search path. */
export const postgresIntrospection: Introspection = {
  async tableNames(db: Executor) {
    const rows = await db.query("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = ANY (current_schemas(false)) ORDER BY tablename", []);
    return rows.map((r) => String(r[0]));
  },

  async describe(db: Executor, table: string) {
    const rows = await db.query(
      `SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%'
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relname = $1 AND pg_table_is_visible(c.oid) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      [table],
    );
    if (!rows.length) return null;
    const constraints: ConstraintInfo[] = [];
    const cons = await db.query(
      `SELECT con.conname, con.contype, array_to_string(array(SELECT att.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
         JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.n ORDER BY k.i), ','),
         ft.relname, (SELECT fa.attname FROM pg_attribute fa WHERE fa.attrelid = con.confrelid AND fa.attnum = con.confkey[1])
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid LEFT JOIN pg_class ft ON ft.oid = con.confrelid
       WHERE c.relname = $1 AND pg_table_is_visible(c.oid) ORDER BY con.conname`,
      [table],
    );
    for (const r of cons) {
      const kind = KINDS[String(r[1])];
      if (!kind) continue;
      constraints.push({
        name: String(r[0]), columns: String(r[2]).split(",").filter(Boolean), kind,
        ...(kind === "foreignKey" ? { references: { table: String(r[3]), column: String(r[4]) } } : {}),
      });
    }
    const indexes = await db.query(
      `SELECT ic.relname, i.indisunique, array_to_string(array(SELECT att.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o)
         JOIN pg_attribute att ON att.attrelid = i.indrelid AND att.attnum = k.n ORDER BY k.o), ',')
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
       WHERE c.relname = $1 AND pg_table_is_visible(c.oid)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u'))
       ORDER BY ic.relname`,
      [table],
    );
    for (const r of indexes) constraints.push({ name: String(r[0]), columns: String(r[2]).split(","), kind: "index", unique: Boolean(r[1]) });
    const pk = new Set(constraints.find((c) => c.kind === "primaryKey")?.columns ?? []);
    const columns: ColumnInfo[] = rows.map((r) => {
      const dbType = String(r[1]).toLowerCase();
      const m = /\((\d+)(?:,\s*(\d+))?\)/.exec(dbType);
      return {
        name: String(r[0]), dbType, nullable: Boolean(r[2]), primaryKey: pk.has(String(r[0])), autoIncrement: Boolean(r[3]),
        ...(/char/.test(dbType) && m ? { maxLength: Number(m[1]) } : {}),
        ...(dbType.startsWith("numeric") && m ? { precision: Number(m[1]), scale: Number(m[2] ?? 0) } : {}),
      };
    });
    return { name: table, columns, constraints };
  },
};
