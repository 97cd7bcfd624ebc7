import { getBackend } from "../../db/connection.js";
import { executorFor } from "../../db/transaction.js";
import { FieldError } from "../errors.js";
import { Aggregate } from "../expressions/aggregates.js";
import { FExpression } from "../expressions/f.js";
import { toExpression } from "../expressions/expression.js";
import type { Field } from "../fields/field.js";
import { SqlCompiler } from "../sql/compiler.js";
import { selectSql } from "../sql/select.js";
import type { Query, ValueColumn } from "./query.js";

/** Does `aggregate()` need the queryset as a derived table (Django's `get_aggregation` subquery)? */
export function needsAggregateSubquery(query: Query): boolean {
  return query.annotations.some((a) => a.expr.aggregate) || query.isSliced || query.distinct || query.distinctOn.length > 0;
}

/**
 * `aggregate()` over a queryset that must be computed first (grouped by an aggregate
 * annotation, sliced, or distinct): the queryset becomes `(SELECT pk, arg0, arg1 ...) subquery`
 * and the aggregates run over its columns, so `annotate({ n: Count(...) }).aggregate({ avg: Avg("n") })`
 * averages the per-object counts.
 */
export async function aggregateOverSubquery(query: Query, aggregates: Record<string, unknown>, alias: string): Promise<Record<string, unknown>> {
  const inner = query.clone();
  inner.related = [];
  inner.prefetch = [];
  if (!inner.isSliced) inner.ordering = [];
  const ctx = { query: inner, filterCall: -1, reuse: true, allowJoins: true };
  const columns: ValueColumn[] = query.valueColumns ? [...query.valueColumns]
    : [{ name: "__pk", expr: new FExpression("pk").resolve(ctx) }];
  const outer: { name: string; fn: string; distinct: boolean; column: string | null; field: Field | null; fallback: unknown }[] = [];
  Object.entries(aggregates).forEach(([name, value], i) => {
    if (!(value instanceof Aggregate)) throw new FieldError(`'${name}' is not an aggregate expression`);
    const { arg, field } = value.argument(ctx);
    const column = arg ? `__col${i}` : null;
    if (arg) columns.push({ name: column!, expr: arg });
    outer.push({ name, fn: value.fn, distinct: value.options.distinct === true, column, field, fallback: value.options.default });
  });
  inner.valueColumns = columns;
  inner.shape = "lists";
  const backend = getBackend(alias);
  const { ops } = backend;
  const q = ops.quoteName;
  const c = new SqlCompiler(ops);
  const innerSql = selectSql(c, inner, { aliasColumns: true });
  const list = outer.map((o) => {
    const call = `${o.fn}(${o.distinct ? "DISTINCT " : ""}${o.column ? `${q("subquery")}.${q(o.column)}` : "*"})`;
    if (o.fallback === undefined || o.fallback === null) return call;
    // The default of an aggregate over the derived table (Django's Coalesce around it).
    return `COALESCE(${call}, ${toExpression(o.fallback, o.field ?? undefined).resolve(ctx).sql(c)})`;
  });
  const sql = `SELECT ${list.join(", ")} FROM (${innerSql}) ${q("subquery")}`;
  const [row] = await executorFor(backend).query(sql, c.params);
  return Object.fromEntries(outer.map((o, i) => {
    const value = row?.[i] ?? null;
    const convert = o.field && value !== null && ops.convertedTypes.has(o.field.internalType);
    return [o.name, convert ? o.field!.fromDb(ops, value) : value];
  }));
}

