import { FieldError, InvalidOperation } from "../errors.js";
import { Expression, toExpression } from "../expressions/expression.js";
import { isTrue } from "./build-filter.js";
import type { Query } from "./query.js";
import { whereNode } from "./where.js";

/**
 * `annotate({ name: expression })`: computed columns on each row. The first aggregate makes the
 * query GROUP BY the model's columns, or the `values()` columns when `values()` came first.
 */
export function withAnnotations(query: Query, annotations: Record<string, unknown>): Query {
  const copy = query.clone();
  for (const [name, value] of Object.entries(annotations)) {
    if (copy.options.findField(name)) throw new InvalidOperation(`The annotation '${name}' conflicts with a field on the model.`);
    const expr = toExpression(value).resolve({ query: copy, filterCall: -1, reuse: true, allowJoins: true });
    copy.annotations = [...copy.annotations.filter((a) => a.name !== name), { name, expr, hidden: false }];
    if (expr.aggregate && !copy.groupBy) {
      copy.groupBy = copy.valueColumns ? "values" : "model";
      if (copy.valueColumns) copy.groupByValues = copy.valueColumns.filter((v) => !v.expr.aggregate && !v.expr.window).map((v) => v.expr);
    }
    if (copy.valueColumns) copy.valueColumns = [...copy.valueColumns, { name, expr }];
  }
  return copy;
}

/** `filter(Exists(...))`, `filter(Q)`'s expression form: keep rows where the expression is true. */
export function withExpressionFilter(query: Query, expression: Expression, negated: boolean): Query {
  const copy = query.clone();
  copy.filterCalls++;
  const expr = expression.resolve({ query: copy, filterCall: copy.filterCalls, reuse: false, allowJoins: true });
  copy.addCondition(whereNode("AND", [isTrue(expr)], negated));
  return copy;
}

/**
 * The query computing `aggregate({ name: Aggregate })` over the whole queryset: one row, no
 * GROUP BY, no ordering.
 */
export function aggregateQuery(query: Query, aggregates: Record<string, unknown>): Query {
  if (query.combinator) throw new InvalidOperation("aggregate() after union(), intersection() or difference() is not supported yet.");
  const copy = query.clone();
  copy.ordering = [];
  copy.related = [];
  copy.valueColumns = Object.entries(aggregates).map(([name, value]) => {
    if (!(value instanceof Expression)) throw new FieldError(`aggregate() value for '${name}' is not an expression.`);
    const expr = value.resolve({ query: copy, filterCall: -1, reuse: true, allowJoins: true });
    if (!expr.aggregate) throw new FieldError(`'${name}' is not an aggregate expression`);
    return { name, expr };
  });
  copy.groupBy = "values";
  copy.shape = "dicts";
  return copy;
}
