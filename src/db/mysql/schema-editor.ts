import { AlterInPlaceEditor } from "../alter-in-place.js";
import type { Executor } from "../backend.js";
import type { ColumnSpec } from "../schema.js";
import { mysqlIntrospection } from "./introspection.js";
import { mysqlOperations as ops } from "./operations.js";
import { mysqlSchema } from "./schema.js";

/** Column types MySQL gives no literal DEFAULT (MariaDB does, MySQL 8 does not). */
const NO_DEFAULT = /^(longtext|json|blob)/;

/**
 * MySQL/MariaDB's editor: MODIFY for type and nullability. DDL is not transactional here: each
 * statement commits on its own, which the migrate command says.
 */
export class MysqlSchemaEditor extends AlterInPlaceEditor {
  protected readonly maxName = 64;

  constructor(db: Executor, collectOnly = false) {
    super(db, mysqlSchema, mysqlIntrospection, collectOnly);
  }

  quoteName(name: string): string {
    return ops.quoteName(name);
  }

  protected override quoteString(text: string): string {
    return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  }

  override async renameTable(from: string, to: string): Promise<void> {
    if (from !== to) await this.execute(`RENAME TABLE ${this.quoteName(from)} TO ${this.quoteName(to)}`);
  }

  protected dropForeignKeySql(table: string, name: string): string {
    return `ALTER TABLE ${this.quoteName(table)} DROP FOREIGN KEY ${this.quoteName(name)}`;
  }

  protected dropUniqueSql(table: string, name: string): string {
    return `ALTER TABLE ${this.quoteName(table)} DROP INDEX ${this.quoteName(name)}`;
  }

  protected dropIndexSql(table: string, name: string): string {
    return `DROP INDEX ${this.quoteName(name)} ON ${this.quoteName(table)}`;
  }

  protected alterColumnSql(table: string, _old: ColumnSpec, column: ColumnSpec): string[] {
    return [`ALTER TABLE ${this.quoteName(table)} MODIFY ${this.quoteName(column.name)} ${mysqlSchema.columnType(column)} ${column.nullable ? "NULL" : "NOT NULL"}`];
  }

  protected addColumnSql(table: string, column: ColumnSpec, fill: string | undefined): string[] {
    const q = (n: string) => this.quoteName(n);
    const type = mysqlSchema.columnType(column);
    const nullity = column.nullable ? "NULL" : "NOT NULL";
    if (fill === undefined) return [`ALTER TABLE ${q(table)} ADD COLUMN ${q(column.name)} ${type} ${nullity}`];
    if (NO_DEFAULT.test(type)) {
      return [
        `ALTER TABLE ${q(table)} ADD COLUMN ${q(column.name)} ${type} NULL`,
        `UPDATE ${q(table)} SET ${q(column.name)} = ${fill}`,
        ...(column.nullable ? [] : [`ALTER TABLE ${q(table)} MODIFY ${q(column.name)} ${type} NOT NULL`]),
      ];
    }
    return [
      `ALTER TABLE ${q(table)} ADD COLUMN ${q(column.name)} ${type} DEFAULT ${fill} ${nullity}`,
      `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column.name)} DROP DEFAULT`,
    ];
  }
}
