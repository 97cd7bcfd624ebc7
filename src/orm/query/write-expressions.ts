import type { Operations } from "../../db/operations.js";
import { FieldError, InvalidOperation } from "../errors.js";
import type { Expression } from "../expressions/expression.js";
import type { SqlExpr } from "../expressions/sql-expr.js";
import type { Options } from "../model/options.js";
import { SqlCompiler } from "../sql/compiler.js";
import type { ColumnRef } from "./where.js";
import { Query } from "./query.js";

/** A compiler that records which table aliases an expression reads (its SQL is thrown away). */
class AliasProbe extends SqlCompiler {
  readonly read = new Set<string>();

  override column(ref: ColumnRef): string {
    this.read.add(ref.alias);
    return super.column(ref);
  }
}

function aliasesRead(expr: SqlExpr, ops: Operations): Set<string> {
  const probe = new AliasProbe(ops);
  expr.sql(probe);
  return probe.read;
}

/**
 * An expression given to `create()` / `save()` of a new row: allowed when it reads no column
 * (`Lower(Value("UPPER"))`), as Django; `F()` has no row to read yet.
 */
export function resolveInsertValue(value: Expression, options: Options, ops: Operations): SqlExpr {
  const refuse = () => new InvalidOperation(`Failed to insert expression "${value.constructor.name}" on ${options.label}. F() expressions can only be used to update, not to insert.`);
  let expr: SqlExpr;
  try {
    expr = value.resolve({ query: Query.forModel(options), filterCall: -1, reuse: false, allowJoins: false });
  } catch (error) {
    if (error instanceof FieldError) throw refuse();
    throw error;
  }
  if (aliasesRead(expr, ops).size || expr.aggregate) throw refuse();
  return expr;
}

/**
 * A value of `update({ name: expression })`, resolved on the queryset's own query so `F()` may
 * name its annotations (Django's `test_update_annotated_queryset`). A reference into another
 * table, even through an annotation, is Django's "Joined field references are not permitted";
 * an aggregate over the row's own table is "Aggregate functions are not allowed".
 */
export function resolveUpdateValue(name: string, value: Expression, query: Query, ops: Operations): SqlExpr {
  const copy = query.clone();
  const joinsBefore = copy.joins.length;
  const expr = value.resolve({ query: copy, filterCall: -1, reuse: false, allowJoins: false });
  if (copy.joins.length > joinsBefore || [...aliasesRead(expr, ops)].some((alias) => alias !== query.baseAlias)) {
    throw new FieldError("Joined field references are not permitted in this query");
  }
  if (expr.aggregate) throw new FieldError(`Aggregate functions are not allowed in this query (${name}=${describe(value)}).`);
  return expr;
}

function describe(value: Expression): string {
  const named = value as { name?: unknown; fn?: unknown; source?: unknown };
  if (typeof named.name === "string") return `F(${named.name})`;
  return value.constructor.name;
}
