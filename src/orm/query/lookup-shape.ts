import type { Operations } from "../../db/operations.js";
import type { Field } from "../fields/field.js";
import type { Options } from "../model/options.js";
import { compileSelect } from "../sql/compiler.js";
import { isSqlExpr } from "../expressions/sql-expr.js";
import type { Query } from "./query.js";
import type { WhereChild } from "./where.js";

/**
 * Compiled queries of the commonest shape, "the model's rows whose column equals a value"
 * (`get({ pk })`, `get({ slug })`): the lookup, the SQL text and the parameter slot are made
 * once per backend, model, key and slice; each call only prepares its value. The first call of
 * a shape takes the general path and proves the shape: it is kept only when the compiled query
 * is one `column = ?` with exactly the parameter the value gives (else that key stays general).
 */
interface Shape {
  /** The query of the first call: its rows load the same way for any value. */
  readonly query: Query;
  readonly sql: string;
  /** The field that prepares the value (the lookup's left side). */
  readonly field: Field;
}

export interface CompiledLookup {
  query: Query;
  sql: string;
  params: unknown[];
  /** The column is unique (and the value not null): at most one row matches. */
  unique: boolean;
}

const shapes = new WeakMap<Operations, WeakMap<Options, Map<string, Shape | null>>>();
const UNUSABLE = Symbol("unusable");

/**
 * The select of `base` filtered by `{ [key]: value }` and sliced to `[0, high)`; null when the
 * shape does not apply (the caller takes the general path, which also reports bad input).
 */
export function compileSingleLookup(base: Query, key: string, value: unknown, high: number, ops: Operations): CompiledLookup | null {
  if (!isPristine(base) || !(typeof value === "number" || typeof value === "string" || typeof value === "bigint")) return null;
  let byModel = shapes.get(ops);
  if (!byModel) shapes.set(ops, (byModel = new WeakMap()));
  let byKey = byModel.get(base.options);
  if (!byKey) byModel.set(base.options, (byKey = new Map()));
  const cacheKey = `${high}:${key}`;
  const shape = byKey.get(cacheKey);
  if (shape === null) return null;
  if (shape) {
    const param = paramFor(shape.field, value, ops);
    return param === UNUSABLE ? null : { query: shape.query, sql: shape.sql, params: [param], unique: shape.field.unique };
  }
  const query = base.withFilter({ [key]: value }, false).withSlice(0, high);
  const compiled = compileSelect(query, ops);
  const field = singleColumnEquality(query);
  const param = field ? paramFor(field, value, ops) : UNUSABLE;
  const usable = field !== null && compiled.params.length === 1 && sameParam(compiled.params[0], param);
  byKey.set(cacheKey, usable ? { query, sql: compiled.sql, field } : null);
  return { query, sql: compiled.sql, params: compiled.params, unique: usable && field.unique };
}

/** A query fresh from its manager: nothing but the model and its default ordering. */
function isPristine(query: Query): boolean {
  return !query.joins.length && !query.where.children.length && query.ordering === null && !query.isSliced &&
    !query.distinct && !query.related.length && query.filterCalls === 0 && query.forUpdate === null && !query.empty &&
    query.subqueryColumn === null && !query.annotations.length && !query.having.children.length && query.groupBy === null &&
    query.shape === "models" && query.valueColumns === null && query.loadFields === null && !query.distinctOn.length &&
    query.combinator === null && !query.prefetch.length;
}

/** The field of the query's only condition when it is `<own column> = <value>`, else null. */
function singleColumnEquality(query: Query): Field | null {
  if (query.joins.length || query.having.children.length) return null;
  let node: WhereChild = query.where;
  // One condition, possibly inside one-child groups (a filter() call is a group of its own).
  while (node.kind === "where") {
    if (node.negated || node.children.length !== 1) return null;
    node = node.children[0]!;
  }
  if (node.kind !== "lookup" || node.lookup !== "exact" || node.lhs.kind !== "col" || isSqlExpr(node.rhs)) return null;
  return node.lhs.field;
}

/** The parameter of `value` as the exact lookup makes it (`prepValue`, then `toDb`). */
function paramFor(field: Field, value: unknown, ops: Operations): unknown {
  try {
    const prepared = field.prepValue(value);
    return prepared === null || prepared === undefined ? UNUSABLE : field.toDb(ops, prepared);
  } catch {
    // Bad input: the general path raises the error the user must see.
    return UNUSABLE;
  }
}

function sameParam(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}
