import type { ConstraintInfo } from "./introspection.js";
import { BaseSchemaEditor, diffTables, sameReference, type AlterHints } from "./schema-editor.js";
import { constraintName, createIndexSql, type ColumnSpec, type TableSpec } from "./schema.js";

/**
 * The editor of the databases that alter tables in place (PostgreSQL, MySQL/MariaDB), in
 * Django's `_alter_field` order: drop the foreign keys, uniques and indexes that go or block,
 * drop and rename columns, alter types and nullability (filling NULLs first when a default is
 * given), add columns (with the default as a literal for existing rows, then dropped, as Django
 * keeps no database defaults), then add uniques, foreign keys and indexes.
 */
export abstract class AlterInPlaceEditor extends BaseSchemaEditor {
  protected abstract readonly maxName: number;

  protected abstract dropForeignKeySql(table: string, name: string): string;
  protected abstract dropUniqueSql(table: string, name: string): string;
  protected abstract dropIndexSql(table: string, name: string): string;
  /** Statements changing the column's type and/or nullability (named as `column`). */
  protected abstract alterColumnSql(table: string, old: ColumnSpec, column: ColumnSpec): string[];
  /** Statements adding a column; `fill` is the literal for existing rows, if any. */
  protected abstract addColumnSql(table: string, column: ColumnSpec, fill: string | undefined): string[];

  protected renameColumnSql(table: string, old: string, name: string): string {
    return `ALTER TABLE ${this.quoteName(table)} RENAME COLUMN ${this.quoteName(old)} TO ${this.quoteName(name)}`;
  }

  protected typeChanged(old: ColumnSpec, column: ColumnSpec): boolean {
    return this.ddl.columnType({ ...old, name: column.name }) !== this.ddl.columnType(column);
  }

  async alterTable(from: TableSpec, to: TableSpec, hints: AlterHints = {}): Promise<void> {
    const q = (n: string) => this.quoteName(n);
    const defaults = hints.defaults ?? {};
    const renamed = hints.renamed ?? {};
    const diff = diffTables(from, to, renamed);
    const existing = await this.constraintsOf(from.name);
    const oldName = (name: string) => renamed[name] ?? name;
    const named = (kind: ConstraintInfo["kind"], columns: string[], fallback: string) =>
      existing.find((c) => c.kind === kind && c.columns.join(",") === columns.join(","))?.name ?? fallback;

    // Keys whose column goes, changes target or type, or sits in an index being dropped (MySQL
    // refuses to drop an index a foreign key uses): dropped first, re-added at the end if kept.
    const blocked = new Set([...diff.uniquesDropped.flat(), ...diff.indexesDropped.flatMap((i) => i.columns).map((c) => diff.kept.find(([o]) => o.name === c)?.[1].name ?? c)]);
    const fkDrops: ColumnSpec[] = from.columns.filter((o) => {
      if (!o.references) return false;
      const pair = diff.kept.find(([old]) => old === o);
      return !pair || !sameReference(o, pair[1]) || this.typeChanged(o, pair[1]) || blocked.has(pair[1].name) || o.name !== pair[1].name;
    });
    for (const column of fkDrops) {
      await this.execute(this.dropForeignKeySql(from.name, named("foreignKey", [column.name], constraintName(from.name, [column.name], "fk", this.maxName))));
    }
    for (const group of diff.uniquesDropped) {
      const cols = group.map(oldName);
      await this.execute(this.dropUniqueSql(from.name, named("unique", cols, constraintName(from.name, cols, "uniq", this.maxName))));
    }
    for (const index of diff.indexesDropped) await this.execute(this.dropIndexSql(from.name, index.name));
    await this.renameTable(from.name, to.name);
    const table = to.name;
    for (const column of diff.removed) await this.execute(`ALTER TABLE ${q(table)} DROP COLUMN ${q(column.name)}`);
    for (const [old, column] of diff.kept) {
      if (old.name !== column.name) await this.execute(this.renameColumnSql(table, old.name, column.name));
    }
    for (const [old, column] of diff.kept) {
      const fill = defaults[column.name];
      if (old.nullable && !column.nullable && fill !== undefined) {
        await this.execute(`UPDATE ${q(table)} SET ${q(column.name)} = ${this.quoteValue(fill)} WHERE ${q(column.name)} IS NULL`);
      }
      if (this.typeChanged(old, column) || old.nullable !== column.nullable) {
        for (const statement of this.alterColumnSql(table, old, column)) await this.execute(statement);
      }
    }
    for (const column of diff.added) {
      const fill = defaults[column.name];
      for (const statement of this.addColumnSql(table, column, fill === undefined ? undefined : this.quoteValue(fill))) await this.execute(statement);
    }
    for (const group of diff.uniquesAdded) {
      await this.execute(`ALTER TABLE ${q(table)} ADD CONSTRAINT ${q(constraintName(table, group, "uniq", this.maxName))} UNIQUE (${group.map(q).join(", ")})`);
    }
    const fkAdds = to.columns.filter((c) => c.references && (diff.added.includes(c) || fkDrops.some((o) => diff.kept.some(([old, n]) => old === o && n === c))));
    for (const column of fkAdds) await this.execute(this.ddl.addForeignKey!(table, column));
    for (const index of diff.indexesAdded) await this.execute(createIndexSql(table, index, q));
  }
}
