import type { DatabaseBackend } from "../../db/backend.js";
import type { Operations } from "../../db/operations.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import { SqlCompiler, type CompiledSql } from "./compiler.js";
import { isSqlExpr } from "../expressions/sql-expr.js";

/** INSERT of one or more rows; with `returnPk`, the generated keys come back where supported. */
export function compileInsert(options: Options, fields: Field[], rows: unknown[][], backend: DatabaseBackend, returnPk: boolean): CompiledSql {
  const { ops } = backend;
  const q = ops.quoteName;
  const table = q(options.dbTable);
  const returning = returnPk ? ops.returning([q(options.pk.column)]) ?? "" : "";
  if (fields.length === 0) return { sql: ops.insertDefaultValues(table) + returning, params: [] };
  const params: unknown[] = [];
  const tuples = rows.map((row) => `(${row.map((value, i) => {
    params.push(fields[i]!.toDb(ops, value));
    return ops.placeholder(params.length);
  }).join(", ")})`);
  return { sql: `INSERT INTO ${table} (${fields.map((f) => q(f.column)).join(", ")}) VALUES ${tuples.join(", ")}${returning}`, params };
}

/** UPDATE of the row with the given key. */
export function compileUpdate(options: Options, values: readonly (readonly [Field, unknown])[], where: { field: Field; value: unknown }, ops: Operations): CompiledSql {
  const q = ops.quoteName;
  const params: unknown[] = [];
  const c = new SqlCompiler(ops, params);
  const sets = values.map(([field, value]) => `${q(field.column)} = ${isSqlExpr(value) ? value.sql(c) : c.param(field.toDb(ops, value))}`);
  params.push(where.field.toDb(ops, where.value));
  return { sql: `UPDATE ${q(options.dbTable)} SET ${sets.join(", ")} WHERE ${q(where.field.column)} = ${ops.placeholder(params.length)}`, params };
}

/** UPDATE or DELETE restricted to a list of keys of one column. */
export function compileWhereIn(kind: "update" | "delete", options: Options, column: Field, keys: unknown[], ops: Operations, values: readonly (readonly [Field, unknown])[] = []): CompiledSql {
  const q = ops.quoteName;
  const params: unknown[] = [];
  const c = new SqlCompiler(ops, params);
  const sets = values.map(([field, value]) => `${q(field.column)} = ${isSqlExpr(value) ? value.sql(c) : c.param(field.toDb(ops, value))}`);
  const list = keys.map((key) => {
    params.push(column.toDb(ops, key));
    return ops.placeholder(params.length);
  });
  const where = `${q(column.column)} IN (${list.join(", ")})`;
  const sql = kind === "delete"
    ? `DELETE FROM ${q(options.dbTable)} WHERE ${where}`
    : `UPDATE ${q(options.dbTable)} SET ${sets.join(", ")} WHERE ${where}`;
  return { sql, params };
}
