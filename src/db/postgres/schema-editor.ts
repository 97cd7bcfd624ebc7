import { AlterInPlaceEditor } from "../alter-in-place.js";
import type { Executor } from "../backend.js";
import type { ColumnSpec } from "../schema.js";
import { postgresIntrospection } from "./introspection.js";
import { postgresOperations as ops } from "./operations.js";
import { postgresSchema } from "./schema.js";

const CHECK = /^(.*?) CHECK \((.*)\)$/;

/** Splits `integer CHECK ("n" >= 0)` into the type and the check (positive integer kinds). */
function splitType(type: string): [string, string | null] {
  const m = CHECK.exec(type);
  return m ? [m[1]!, m[2]!] : [type, null];
}

/** PostgreSQL's editor: transactional DDL, ALTER COLUMN ... TYPE ... USING for conversions. */
export class PostgresSchemaEditor extends AlterInPlaceEditor {
  protected readonly maxName = 63;

  constructor(db: Executor, collectOnly = false) {
    super(db, postgresSchema, postgresIntrospection, collectOnly);
  }

  quoteName(name: string): string {
    return ops.quoteName(name);
  }

  override quoteValue(value: unknown): string {
    if (typeof value === "boolean") return value ? "true" : "false";
    return super.quoteValue(value);
  }

  protected dropForeignKeySql(table: string, name: string): string {
    return `ALTER TABLE ${this.quoteName(table)} DROP CONSTRAINT ${this.quoteName(name)}`;
  }

  protected dropUniqueSql(table: string, name: string): string {
    return this.dropForeignKeySql(table, name);
  }

  protected dropIndexSql(_table: string, name: string): string {
    return `DROP INDEX IF EXISTS ${this.quoteName(name)}`;
  }

  protected alterColumnSql(table: string, old: ColumnSpec, column: ColumnSpec): string[] {
    const q = (n: string) => this.quoteName(n);
    const prefix = `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column.name)}`;
    const [oldType, oldCheck] = splitType(postgresSchema.columnType({ ...old, name: column.name }));
    const [newType, newCheck] = splitType(postgresSchema.columnType(column));
    const out: string[] = [];
    if (oldCheck !== newCheck && oldCheck) out.push(`ALTER TABLE ${q(table)} DROP CONSTRAINT IF EXISTS ${q(`${table}_${old.name}_check`)}`);
    if (oldType !== newType) out.push(`${prefix} TYPE ${newType} USING ${q(column.name)}::${newType}`);
    if (oldCheck !== newCheck && newCheck) out.push(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(`${table}_${column.name}_check`)} CHECK (${newCheck})`);
    if (old.nullable !== column.nullable) out.push(`${prefix} ${column.nullable ? "DROP" : "SET"} NOT NULL`);
    return out;
  }

  protected addColumnSql(table: string, column: ColumnSpec, fill: string | undefined): string[] {
    const q = (n: string) => this.quoteName(n);
    const definition = `${postgresSchema.columnType(column)}${fill === undefined ? "" : ` DEFAULT ${fill}`} ${column.nullable ? "NULL" : "NOT NULL"}`;
    const out = [`ALTER TABLE ${q(table)} ADD COLUMN ${q(column.name)} ${definition}`];
    if (fill !== undefined) out.push(`ALTER TABLE ${q(table)} ALTER COLUMN ${q(column.name)} DROP DEFAULT`);
    return out;
  }
}
