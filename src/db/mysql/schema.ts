import { constraintName, type ColumnSpec, type SchemaEditor, type TableSpec } from "../schema.js";
import { mysqlOperations as ops } from "./operations.js";

/** MySQL's identifier limit. */
const MAX_NAME = 64;

// Django's MySQL data_types.
const TYPES: Record<ColumnSpec["type"], (c: ColumnSpec) => string> = {
  AutoField: () => "integer AUTO_INCREMENT",
  BigAutoField: () => "bigint AUTO_INCREMENT",
  SmallAutoField: () => "smallint AUTO_INCREMENT",
  CharField: (c) => `varchar(${c.maxLength})`,
  SlugField: (c) => `varchar(${c.maxLength})`,
  TextField: () => "longtext",
  IntegerField: () => "integer",
  SmallIntegerField: () => "smallint",
  BigIntegerField: () => "bigint",
  PositiveIntegerField: () => "integer UNSIGNED",
  PositiveSmallIntegerField: () => "smallint UNSIGNED",
  PositiveBigIntegerField: () => "bigint UNSIGNED",
  FloatField: () => "double precision",
  DecimalField: (c) => (c.maxDigits === undefined ? "numeric(65, 30)" : `numeric(${c.maxDigits}, ${c.decimalPlaces ?? 0})`),
  BooleanField: () => "bool",
  DateField: () => "date",
  DateTimeField: () => "datetime(6)",
  UUIDField: () => "char(32)",
  JSONField: () => "json",
};

/** Column-level REFERENCES is ignored by MySQL: foreign keys must be table constraints. */
function foreignKey(table: string, c: ColumnSpec): string {
  const q = ops.quoteName;
  return `CONSTRAINT ${q(constraintName(table, [c.name], "fk", MAX_NAME))} FOREIGN KEY (${q(c.name)}) ` +
    `REFERENCES ${q(c.references!.table)} (${q(c.references!.column)})`;
}

/**
 * Tables use a binary collation so that `exact` (and unique constraints) compare case-sensitively,
 * as on the other databases; the `i*` lookups lower both sides (operations.ts).
 */
const TABLE_OPTIONS = "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin";

export const mysqlSchema: SchemaEditor = {
  columnType: (c) => TYPES[c.type](c),
  createTable(table: TableSpec): string[] {
    const q = ops.quoteName;
    const parts = table.columns.map((c) => {
      const column = [q(c.name), TYPES[c.type](c), c.nullable ? "NULL" : "NOT NULL"];
      if (c.primaryKey) column.push("PRIMARY KEY");
      return column.join(" ");
    });
    for (const c of table.columns) {
      if (c.unique && !c.primaryKey) parts.push(`CONSTRAINT ${q(constraintName(table.name, [c.name], "uniq", MAX_NAME))} UNIQUE (${q(c.name)})`);
    }
    for (const group of table.uniqueTogether) {
      parts.push(`CONSTRAINT ${q(constraintName(table.name, group, "uniq", MAX_NAME))} UNIQUE (${group.map(q).join(", ")})`);
    }
    for (const c of table.columns) if (c.references) parts.push(foreignKey(table.name, c));
    const statements = [`CREATE TABLE ${q(table.name)} (${parts.join(", ")}) ${TABLE_OPTIONS}`];
    for (const index of table.indexes) {
      statements.push(
        `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${q(table.name)} (${index.columns.map(q).join(", ")})`,
      );
    }
    return statements;
  },
  dropTable: (name) => `DROP TABLE IF EXISTS ${ops.quoteName(name)}`,
  addForeignKey: (table, column) => `ALTER TABLE ${ops.quoteName(table)} ADD ${foreignKey(table, column)}`,
  tableNamesSql: () => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
};
