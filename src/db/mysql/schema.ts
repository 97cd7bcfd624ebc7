import { createTableWithConstraints, foreignKeyConstraint, type ColumnSpec, type ConstraintDialect, type SchemaEditor, type TableSpec } from "../schema.js";
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

/**
 * Column-level REFERENCES is ignored by MySQL: foreign keys are table constraints (never
 * deferrable). Tables use a binary collation so that `exact` (and unique constraints) compare
 * case-sensitively, as on the other databases; the `i*` lookups lower both sides (operations.ts).
 */
const dialect: ConstraintDialect = {
  quoteName: ops.quoteName,
  columnType: (c) => TYPES[c.type](c),
  primaryKey: () => "PRIMARY KEY",
  maxName: MAX_NAME,
  deferrableForeignKeys: false,
  tableOptions: "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin",
};

export const mysqlSchema: SchemaEditor = {
  columnType: dialect.columnType,
  createTable: (table: TableSpec) => createTableWithConstraints(table, dialect),
  dropTable: (name) => `DROP TABLE IF EXISTS ${ops.quoteName(name)}`,
  addForeignKey: (table, column) => `ALTER TABLE ${ops.quoteName(table)} ADD ${foreignKeyConstraint(table, column, dialect)}`,
  tableNamesSql: () => "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()",
  foreignKeyChecks: { off: "SET FOREIGN_KEY_CHECKS = 0", on: "SET FOREIGN_KEY_CHECKS = 1" },
};
