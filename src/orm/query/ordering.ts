import type { OrderTerm, Query } from "./query.js";
import { resolvePath } from "./resolve-path.js";
import { FieldError } from "../errors.js";
import { Expression, OrderBy } from "../expressions/expression.js";

/**
 * One `orderBy` term: `name`, `-name`, `relation__field` (joined outer, reusing joins), `?`,
 * an annotation name, or an expression (`F("x").desc({ nullsLast: true })`, `Lower("name")`).
 * Mutates `query` (a clone) with the joins it needs.
 */
export function resolveOrdering(query: Query, term: string | Expression | OrderBy): OrderTerm {
  if (term instanceof OrderBy || term instanceof Expression) {
    const order = term instanceof OrderBy ? term : new OrderBy(term, false, {});
    const expr = order.expression.resolve({ query, filterCall: -1, reuse: true, allowJoins: true });
    return { expr, descending: order.descending, ...order.nulls };
  }
  if (term === "?") return { expr: "random", descending: false };
  const descending = term.startsWith("-");
  const name = descending || term.startsWith("+") ? term.slice(1) : term;
  const annotation = query.annotations.find((a) => a.name === name);
  if (annotation) return { expr: annotation.expr, descending };
  const path = resolvePath(query, name.split("__"), -1, true);
  if (path.rest.length) {
    throw new FieldError(`Cannot resolve keyword '${path.rest[0]}' into field. Join on '${name}' not permitted.`);
  }
  return { expr: path.column, descending };
}
