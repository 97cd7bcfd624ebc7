import type { Executor } from "./backend.js";

/** A column as the database reports it (Django's `FieldInfo`). */
export interface ColumnInfo {
  name: string;
  /** The type as the database spells it, lower-cased: `varchar(50)`, `integer`, `timestamp with time zone`. */
  dbType: string;
  nullable: boolean;
  primaryKey: boolean;
  /** Filled by the database (identity, AUTO_INCREMENT, SQLite's INTEGER PRIMARY KEY AUTOINCREMENT). */
  autoIncrement: boolean;
  maxLength?: number;
  precision?: number;
  scale?: number;
}

/** A constraint or index (Django's `get_constraints` entries). */
export interface ConstraintInfo {
  name: string;
  columns: string[];
  kind: "primaryKey" | "unique" | "foreignKey" | "index" | "check";
  /** For unique indexes made with CREATE UNIQUE INDEX. */
  unique?: boolean;
  references?: { table: string; column: string };
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  constraints: ConstraintInfo[];
}

/** Reads the schema of a database (Django's `DatabaseIntrospection`); one per backend. */
export interface Introspection {
  tableNames(db: Executor): Promise<string[]>;
  /** The table's columns and constraints, or null when it does not exist. */
  describe(db: Executor, table: string): Promise<TableInfo | null>;
}

/** `varchar(50)` → 50; `numeric(10, 2)` → [10, 2]. */
export function typeArguments(dbType: string): number[] {
  const m = /\(([\d,\s]+)\)/.exec(dbType);
  return m ? m[1]!.split(",").map((s) => Number(s.trim())) : [];
}
