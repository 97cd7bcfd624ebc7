import type { Executor } from "./backend.js";
import type { Introspection } from "./introspection.js";
import type { ColumnSpec, SchemaEditor, TableSpec } from "./schema.js";

/** What an alteration cannot see in the two table shapes alone. */
export interface AlterHints {
  /** New column name → old column name, for renamed columns. */
  renamed?: Readonly<Record<string, string>>;
  /**
   * Driver values (already `ops.toDb`-converted) for existing rows: of an added column, or of a
   * column becoming NOT NULL (its NULLs are replaced, as Django's four-way default alteration).
   */
  defaults?: Readonly<Record<string, unknown>>;
}

/** The column pairs, additions and removals between two shapes of a table. */
export interface TableDiff {
  /** [old, new] for every column kept (possibly renamed or altered). */
  kept: [ColumnSpec, ColumnSpec][];
  added: ColumnSpec[];
  removed: ColumnSpec[];
  /** Unique column groups (single unique columns and unique-together), as new column names. */
  uniquesDropped: string[][];
  uniquesAdded: string[][];
  indexesDropped: TableSpec["indexes"];
  indexesAdded: TableSpec["indexes"];
}

const key = (columns: readonly string[]) => columns.join(",");

function uniqueGroups(spec: TableSpec): string[][] {
  return [...spec.columns.filter((c) => c.unique && !c.primaryKey).map((c) => [c.name]), ...spec.uniqueTogether];
}

/** Compares two shapes of a table, old names mapped through `renamed`. */
export function diffTables(from: TableSpec, to: TableSpec, renamed: Readonly<Record<string, string>> = {}): TableDiff {
  const oldToNew = new Map(Object.entries(renamed).map(([n, o]) => [o, n]));
  const newName = (old: string) => oldToNew.get(old) ?? old;
  const kept: [ColumnSpec, ColumnSpec][] = [];
  const added: ColumnSpec[] = [];
  for (const column of to.columns) {
    const oldName = renamed[column.name] ?? column.name;
    const old = from.columns.find((c) => c.name === oldName);
    if (old) kept.push([old, column]);
    else added.push(column);
  }
  const removed = from.columns.filter((c) => !kept.some(([old]) => old === c));
  const oldUniques = uniqueGroups(from).map((g) => g.map(newName));
  const newUniques = uniqueGroups(to);
  const oldIndexes = from.indexes.map((i) => ({ ...i, columns: i.columns.map(newName) }));
  const indexKey = (i: TableSpec["indexes"][number]) => `${i.name}|${key(i.columns)}|${Boolean(i.unique)}`;
  return {
    kept,
    added,
    removed,
    uniquesDropped: oldUniques.filter((g) => !newUniques.some((n) => key(n) === key(g))),
    uniquesAdded: newUniques.filter((g) => !oldUniques.some((o) => key(o) === key(g))),
    indexesDropped: from.indexes.filter((_, i) => !to.indexes.some((n) => indexKey(n) === indexKey(oldIndexes[i]!))),
    indexesAdded: to.indexes.filter((n) => !oldIndexes.some((o) => indexKey(o) === indexKey(n))),
  };
}

/** Same foreign key target? */
export const sameReference = (a: ColumnSpec, b: ColumnSpec) =>
  a.references?.table === b.references?.table && a.references?.column === b.references?.column;

/**
 * Applies schema changes described as table shapes (Django's `BaseDatabaseSchemaEditor`): the
 * migration operations compute the table before and after, the editor of each backend finds the
 * statements. CREATE TABLE comes from the backend's existing DDL builder (`db/<vendor>/schema.ts`),
 * so tables made by migrations and by `createTables` are the same.
 *
 * With `collectOnly` nothing runs: the statements are only collected (`sqlmigrate`).
 */
export abstract class BaseSchemaEditor {
  /** Every statement issued, in order. */
  readonly collected: string[] = [];

  constructor(
    protected readonly db: Executor,
    protected readonly ddl: SchemaEditor,
    protected readonly introspection: Introspection,
    readonly collectOnly = false,
  ) {}

  abstract quoteName(name: string): string;

  /** A driver value as an SQL literal (DDL takes no parameters on every backend). */
  quoteValue(value: unknown): string {
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number" || typeof value === "bigint") return String(value);
    if (typeof value === "boolean") return value ? "1" : "0";
    if (value instanceof Date) return this.quoteString(value.toISOString());
    if (typeof value === "object") return this.quoteString(JSON.stringify(value));
    return this.quoteString(String(value));
  }

  protected quoteString(text: string): string {
    return `'${text.replace(/'/g, "''")}'`;
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<void> {
    this.collected.push(sql);
    if (!this.collectOnly) await this.db.execute(sql, params);
  }

  async createTable(spec: TableSpec): Promise<void> {
    for (const statement of this.ddl.createTable(spec)) await this.execute(statement);
  }

  async dropTable(name: string): Promise<void> {
    await this.execute(this.ddl.dropTable(name).replace(" IF EXISTS", ""));
  }

  async renameTable(from: string, to: string): Promise<void> {
    if (from !== to) await this.execute(`ALTER TABLE ${this.quoteName(from)} RENAME TO ${this.quoteName(to)}`);
  }

  /** Change the table from one shape to the other, keeping its rows. */
  abstract alterTable(from: TableSpec, to: TableSpec, hints?: AlterHints): Promise<void>;

  /** The constraints of a table as they are now (empty while only collecting for a table not yet made). */
  protected async constraintsOf(table: string) {
    try {
      return (await this.introspection.describe(this.db, table))?.constraints ?? [];
    } catch (error) {
      if (this.collectOnly) return [];
      throw error;
    }
  }
}
