import type { InternalType } from "./operations.js";

/** A column to create, described without reference to models. */
export interface ColumnSpec {
  name: string;
  type: InternalType;
  maxLength?: number;
  maxDigits?: number;
  decimalPlaces?: number;
  nullable: boolean;
  primaryKey: boolean;
  unique: boolean;
  references?: { table: string; column: string };
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  uniqueTogether: string[][];
  indexes: { name: string; columns: string[]; unique?: boolean }[];
}

/** DDL for one backend (Django's `DatabaseSchemaEditor`). */
export interface SchemaEditor {
  columnType(column: ColumnSpec): string;
  /** Statements creating the table, its constraints and indexes. Foreign keys are inline. */
  createTable(table: TableSpec): string[];
  dropTable(name: string): string;
  /**
   * ALTER TABLE adding the foreign key of `column` (which has `references`), for tables that
   * point at each other: the second key is added once both exist. Absent where a key may name
   * a table created later (SQLite).
   */
  addForeignKey?(table: string, column: ColumnSpec): string;
  /** Names of the tables that exist. */
  tableNamesSql(): string;
  /**
   * Session statements turning foreign-key checks off and on again, where dropping tables whose
   * keys form a cycle needs it (MySQL/MariaDB refuse to drop any table of the cycle otherwise).
   */
  foreignKeyChecks?: { off: string; on: string };
}

/**
 * A constraint name from its table, columns and a suffix (`_uniq`, `_fk`), shortened with a hash
 * to fit the database's identifier limit, as Django's `_create_index_name` does. Naming them
 * ourselves lets IntegrityError say which columns failed on every backend.
 */
export function constraintName(table: string, columns: readonly string[], suffix: string, maxLength: number): string {
  const full = `${table}_${columns.join("_")}_${suffix}`;
  if (full.length <= maxLength) return full;
  let hash = 0x811c9dc5;
  for (let i = 0; i < full.length; i++) hash = Math.imul(hash ^ full.charCodeAt(i), 0x01000193) >>> 0;
  const tail = `_${hash.toString(16).padStart(8, "0")}_${suffix}`;
  return `${table}_${columns.join("_")}`.slice(0, maxLength - tail.length) + tail;
}

/** `CREATE [UNIQUE] INDEX`, the same on every backend. */
export function createIndexSql(table: string, index: TableSpec["indexes"][number], quoteName: (name: string) => string): string {
  const q = quoteName;
  return `CREATE ${index.unique ? "UNIQUE " : ""}INDEX ${q(index.name)} ON ${q(table)} (${index.columns.map(q).join(", ")})`;
}

/** What differs between the backends that declare keys and uniques as named table constraints. */
export interface ConstraintDialect {
  quoteName(name: string): string;
  columnType(column: ColumnSpec): string;
  /** The column's PRIMARY KEY clause (identity/auto-increment included). */
  primaryKey(column: ColumnSpec): string;
  /** Identifier length limit for constraint names. */
  maxName: number;
  /** Foreign keys checked at commit (`DEFERRABLE INITIALLY DEFERRED`). */
  deferrableForeignKeys: boolean;
  /** Appended to CREATE TABLE (engine, charset). */
  tableOptions?: string;
}

/** `CONSTRAINT <name> FOREIGN KEY (...) REFERENCES ...` for a column with `references`. */
export function foreignKeyConstraint(table: string, c: ColumnSpec, d: ConstraintDialect): string {
  const q = d.quoteName;
  return `CONSTRAINT ${q(constraintName(table, [c.name], "fk", d.maxName))} FOREIGN KEY (${q(c.name)}) ` +
    `REFERENCES ${q(c.references!.table)} (${q(c.references!.column)})${d.deferrableForeignKeys ? " DEFERRABLE INITIALLY DEFERRED" : ""}`;
}

/**
 * CREATE TABLE with named unique and foreign key constraints (PostgreSQL, MySQL), then its
 * indexes. Naming the constraints lets IntegrityError say which columns failed.
 */
export function createTableWithConstraints(table: TableSpec, d: ConstraintDialect): string[] {
  const q = d.quoteName;
  const parts = table.columns.map((c) =>
    [q(c.name), d.columnType(c), c.nullable ? "NULL" : "NOT NULL", ...(c.primaryKey ? [d.primaryKey(c)] : [])].join(" "));
  for (const c of table.columns) {
    if (c.unique && !c.primaryKey) parts.push(`CONSTRAINT ${q(constraintName(table.name, [c.name], "uniq", d.maxName))} UNIQUE (${q(c.name)})`);
  }
  for (const group of table.uniqueTogether) {
    parts.push(`CONSTRAINT ${q(constraintName(table.name, group, "uniq", d.maxName))} UNIQUE (${group.map(q).join(", ")})`);
  }
  for (const c of table.columns) if (c.references) parts.push(foreignKeyConstraint(table.name, c, d));
  const create = `CREATE TABLE ${q(table.name)} (${parts.join(", ")})${d.tableOptions ? ` ${d.tableOptions}` : ""}`;
  return [create, ...table.indexes.map((index) => createIndexSql(table.name, index, q))];
}
