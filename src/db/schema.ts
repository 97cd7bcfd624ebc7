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
  /** Names of the tables that exist. */
  tableNamesSql(): string;
}
