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
