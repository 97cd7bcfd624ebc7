import { createIndexSql, type ColumnSpec, type SchemaEditor, type TableSpec } from "../schema.js";
import { sqliteOperations as ops } from "./operations.js";

// Django's SQLite data_types, so tables match what `manage.py migrate` creates.
const TYPES: Record<ColumnSpec["type"], (c: ColumnSpec) => string> = {
  AutoField: () => "integer",
  BigAutoField: () => "integer",
  SmallAutoField: () => "integer",
  CharField: (c) => `varchar(${c.maxLength})`,
  SlugField: (c) => `varchar(${c.maxLength})`,
  TextField: () => "text",
  IntegerField: () => "integer",
  SmallIntegerField: () => "smallint",
  BigIntegerField: () => "bigint",
  PositiveIntegerField: (c) => `integer unsigned CHECK (${ops.quoteName(c.name)} >= 0)`,
  PositiveSmallIntegerField: (c) => `smallint unsigned CHECK (${ops.quoteName(c.name)} >= 0)`,
  PositiveBigIntegerField: (c) => `bigint unsigned CHECK (${ops.quoteName(c.name)} >= 0)`,
  FloatField: () => "real",
  DecimalField: () => "decimal",
  BooleanField: () => "bool",
  DateField: () => "date",
  DateTimeField: () => "datetime",
  UUIDField: () => "char(32)",
  JSONField: (c) => `text CHECK ((JSON_VALID(${ops.quoteName(c.name)}) OR ${ops.quoteName(c.name)} IS NULL))`,
};

const AUTO = new Set(["AutoField", "BigAutoField", "SmallAutoField"]);

export const sqliteSchema: SchemaEditor = {
  columnType: (c) => TYPES[c.type](c),
  createTable(table: TableSpec): string[] {
    const q = ops.quoteName;
    const columns = table.columns.map((c) => {
      const parts = [q(c.name), TYPES[c.type](c)];
      parts.push(c.nullable ? "NULL" : "NOT NULL");
      if (c.primaryKey) parts.push(AUTO.has(c.type) ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY");
      else if (c.unique) parts.push("UNIQUE");
      if (c.references) {
        parts.push(`REFERENCES ${q(c.references.table)} (${q(c.references.column)}) DEFERRABLE INITIALLY DEFERRED`);
      }
      return parts.join(" ");
    });
    for (const group of table.uniqueTogether) columns.push(`UNIQUE (${group.map(q).join(", ")})`);
    return [`CREATE TABLE ${q(table.name)} (${columns.join(", ")})`, ...table.indexes.map((index) => createIndexSql(table.name, index, q))];
  },
  dropTable: (name) => `DROP TABLE IF EXISTS ${ops.quoteName(name)}`,
  tableNamesSql: () => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  // Dropping a table deletes its rows first, which a row of the cycle still pointing at it refuses.
  foreignKeyChecks: { off: "PRAGMA foreign_keys = OFF", on: "PRAGMA foreign_keys = ON" },
};
