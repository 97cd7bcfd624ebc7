import type { Executor } from "../backend.js";
import { BaseSchemaEditor, diffTables, sameReference, type AlterHints } from "../schema-editor.js";
import { createIndexSql, type TableSpec } from "../schema.js";
import { sqliteIntrospection } from "./introspection.js";
import { sqliteOperations as ops } from "./operations.js";
import { sqliteSchema } from "./schema.js";

/**
 * SQLite's editor. SQLite alters little in place, so most changes rebuild the table as Django's
 * `_remake_table` does: create `new__<table>` in the new shape, copy the rows, drop the old table,
 * rename, recreate the indexes. The migration executor runs this in a transaction with foreign
 * key enforcement off and checks the keys before committing, so rows pointing at the table survive.
 */
export class SqliteSchemaEditor extends BaseSchemaEditor {
  constructor(db: Executor, collectOnly = false) {
    super(db, sqliteSchema, sqliteIntrospection, collectOnly);
  }

  quoteName(name: string): string {
    return ops.quoteName(name);
  }

  async alterTable(from: TableSpec, to: TableSpec, hints: AlterHints = {}): Promise<void> {
    const renamed = hints.renamed ?? {};
    const defaults = hints.defaults ?? {};
    const diff = diffTables(from, to, renamed);
    const q = (n: string) => this.quoteName(n);
    const type = (c: TableSpec["columns"][number]) => sqliteSchema.columnType(c);
    const columnsChanged = diff.kept.some(([o, n]) =>
      type({ ...o, name: n.name }) !== type(n) || o.nullable !== n.nullable || o.primaryKey !== n.primaryKey || !sameReference(o, n));
    const simpleAdds = diff.added.every((c) => c.nullable && !c.unique && !c.primaryKey && defaults[c.name] === undefined);
    const inPlace = !columnsChanged && !diff.removed.length && simpleAdds && !diff.uniquesAdded.length && !diff.uniquesDropped.length;
    if (!inPlace) return this.remake(from, to, hints);
    for (const index of diff.indexesDropped) await this.execute(`DROP INDEX ${q(index.name)}`);
    await this.renameTable(from.name, to.name);
    for (const [old, column] of diff.kept) {
      if (old.name !== column.name) await this.execute(`ALTER TABLE ${q(to.name)} RENAME COLUMN ${q(old.name)} TO ${q(column.name)}`);
    }
    for (const column of diff.added) {
      const references = column.references ? ` REFERENCES ${q(column.references.table)} (${q(column.references.column)}) DEFERRABLE INITIALLY DEFERRED` : "";
      await this.execute(`ALTER TABLE ${q(to.name)} ADD COLUMN ${q(column.name)} ${type(column)} NULL${references}`);
    }
    for (const index of diff.indexesAdded) await this.execute(createIndexSql(to.name, index, q));
  }

  /** Django's `_remake_table`. */
  private async remake(from: TableSpec, to: TableSpec, hints: AlterHints): Promise<void> {
    const q = (n: string) => this.quoteName(n);
    const renamed = hints.renamed ?? {};
    const defaults = hints.defaults ?? {};
    const temp = `new__${to.name}`;
    const [create] = sqliteSchema.createTable({ ...to, name: temp, indexes: [] });
    await this.execute(create!);
    const targets: string[] = [];
    const sources: string[] = [];
    for (const column of to.columns) {
      const oldName = renamed[column.name] ?? column.name;
      const old = from.columns.find((c) => c.name === oldName);
      const fill = defaults[column.name];
      if (old) sources.push(fill === undefined || column.nullable ? q(old.name) : `coalesce(${q(old.name)}, ${this.quoteValue(fill)})`);
      else if (fill !== undefined) sources.push(this.quoteValue(fill));
      else if (column.nullable) sources.push("NULL");
      else continue; // NOT NULL without a value: the INSERT fails only if the table has rows, as Django's does.
      targets.push(q(column.name));
    }
    await this.execute(`INSERT INTO ${q(temp)} (${targets.join(", ")}) SELECT ${sources.join(", ")} FROM ${q(from.name)}`);
    await this.execute(`DROP TABLE ${q(from.name)}`);
    await this.execute(`ALTER TABLE ${q(temp)} RENAME TO ${q(to.name)}`);
    for (const index of to.indexes) await this.execute(createIndexSql(to.name, index, q));
  }
}
