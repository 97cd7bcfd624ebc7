import type { DatabaseBackend } from "../../db/backend.js";
import type { Operations } from "../../db/operations.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import type { Query } from "../query/query.js";
import { SqlCompiler, type CompiledSql } from "./compiler.js";
import { isSqlExpr } from "../expressions/sql-expr.js";

/** INSERT of one or more rows; with `returnPk`, the generated keys come back where supported. */
export function compileInsert(options: Options, fields: Field[], rows: unknown[][], backend: DatabaseBackend, returnPk: boolean): CompiledSql {
  const { ops } = backend;
  const q = ops.quoteName;
  const table = q(options.dbTable);
  const returning = returnPk ? ops.returning([q(options.pk.column)]) ?? "" : "";
  if (fields.length === 0 && rows.length <= 1) return { sql: ops.insertDefaultValues(table) + returning, params: [] };
  if (fields.length === 0) {
    // Several rows of a model with nothing but its key: the key's default per row, as Django's
    // `pk_default_value()` (NULL on SQLite, DEFAULT elsewhere).
    const value = backend.vendor === "sqlite" ? "NULL" : "DEFAULT";
    return { sql: `INSERT INTO ${table} (${q(options.pk.column)}) VALUES ${rows.map(() => `(${value})`).join(", ")}${returning}`, params: [] };
  }
  const c = new SqlCompiler(ops);
  // A resolved expression (`create({ name: Lower(Value("X")) })`) is computed by the database.
  const tuples = rows.map((row) => `(${row.map((value, i) => (isSqlExpr(value) ? value.sql(c) : c.param(fields[i]!.toDb(ops, value)))).join(", ")})`);
  return { sql: `INSERT INTO ${table} (${fields.map((f) => q(f.column)).join(", ")}) VALUES ${tuples.join(", ")}${returning}`, params: c.params };
}

/** Single-row INSERT text per field list (a list kept by its model, see `savedFields`), backend and key return. */
const insertRowSql = new WeakMap<readonly Field[], Map<DatabaseBackend, [string | undefined, string | undefined]>>();

/**
 * A one-row INSERT of plain values (no expressions) over a field list that stays the same
 * object for its model: the SQL text is built once per list and backend, only the parameters
 * are made per row (Django builds it every time; `create()` in a loop pays for it).
 */
export function compileInsertRow(options: Options, fields: readonly Field[], row: readonly unknown[], backend: DatabaseBackend, returnPk: boolean): CompiledSql {
  let byBackend = insertRowSql.get(fields);
  if (!byBackend) insertRowSql.set(fields, (byBackend = new Map()));
  let texts = byBackend.get(backend);
  if (!texts) byBackend.set(backend, (texts = [undefined, undefined]));
  const slot = returnPk ? 1 : 0;
  const sql = texts[slot];
  if (sql === undefined) {
    const compiled = compileInsert(options, fields as Field[], [row as unknown[]], backend, returnPk);
    texts[slot] = compiled.sql;
    return compiled;
  }
  const { ops } = backend;
  const params = new Array<unknown>(fields.length);
  for (let i = 0; i < fields.length; i++) params[i] = fields[i]!.toDb(ops, row[i]);
  return { sql, params };
}

/** Multi-row INSERT text per model, backend, columns and row count (bulkCreate's full batches repeat it). */
const insertRowsSql = new WeakMap<Options, Map<DatabaseBackend, Map<string, string>>>();

/**
 * As `compileInsert` without RETURNING, for rows of plain values: the SQL text is built once per
 * model, backend, field list and number of rows, and only the parameters per call. A row holding
 * an expression takes `compileInsert`.
 */
export function compileInsertRows(options: Options, fields: readonly Field[], rows: readonly unknown[][], backend: DatabaseBackend): CompiledSql {
  if (!fields.length) return compileInsert(options, fields as Field[], rows as unknown[][], backend, false);
  const { ops } = backend;
  const params = new Array<unknown>(rows.length * fields.length);
  let k = 0;
  for (const row of rows) {
    for (let i = 0; i < fields.length; i++) {
      const value = row[i];
      if (isSqlExpr(value)) return compileInsert(options, fields as Field[], rows as unknown[][], backend, false);
      params[k++] = fields[i]!.toDb(ops, value);
    }
  }
  let byBackend = insertRowsSql.get(options);
  if (!byBackend) insertRowsSql.set(options, (byBackend = new Map()));
  let texts = byBackend.get(backend);
  if (!texts) byBackend.set(backend, (texts = new Map()));
  const key = `${rows.length}:${fields.map((f) => f.column).join(",")}`;
  let sql = texts.get(key);
  if (sql === undefined) texts.set(key, (sql = compileInsert(options, fields as Field[], rows as unknown[][], backend, false).sql));
  return { sql, params };
}

type Assignments = readonly (readonly [Field, unknown])[];

/** `col = ?` (or `col = <expression>`, for F() updates) for each assignment. */
function setClause(c: SqlCompiler, values: Assignments): string {
  const q = c.ops.quoteName;
  return values.map(([field, value]) => `${q(field.column)} = ${isSqlExpr(value) ? value.sql(c) : c.param(field.toDb(c.ops, value))}`).join(", ");
}

/** UPDATE of the row with the given key. */
export function compileUpdate(options: Options, values: Assignments, where: { field: Field; value: unknown }, ops: Operations): CompiledSql {
  const q = ops.quoteName;
  const c = new SqlCompiler(ops);
  const sets = setClause(c, values);
  return { sql: `UPDATE ${q(options.dbTable)} SET ${sets} WHERE ${q(where.field.column)} = ${c.param(where.field.toDb(ops, where.value))}`, params: c.params };
}

/** UPDATE or DELETE restricted to a list of keys of one column. */
export function compileWhereIn(kind: "update" | "delete", options: Options, column: Field, keys: unknown[], ops: Operations, values: Assignments = []): CompiledSql {
  const q = ops.quoteName;
  const c = new SqlCompiler(ops);
  const sets = kind === "update" ? setClause(c, values) : "";
  const where = `${q(column.column)} IN (${keys.map((key) => c.param(column.toDb(ops, key))).join(", ")})`;
  const sql = kind === "delete" ? `DELETE FROM ${q(options.dbTable)} WHERE ${where}` : `UPDATE ${q(options.dbTable)} SET ${sets} WHERE ${where}`;
  return { sql, params: c.params };
}

/**
 * UPDATE or DELETE of the rows a query matches, its conditions carried directly: only for a
 * query on the model's own table (no joins or subqueries; see `QuerySet.update`).
 */
export function compileQueryWrite(kind: "update" | "delete", query: Query, ops: Operations, values: Assignments = []): CompiledSql {
  const table = ops.quoteName(query.options.dbTable);
  const c = new SqlCompiler(ops);
  const head = kind === "delete" ? `DELETE FROM ${table}` : `UPDATE ${table} SET ${setClause(c, values)}`;
  return { sql: head + c.where(query), params: c.params };
}
