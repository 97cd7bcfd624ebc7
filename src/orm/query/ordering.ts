import type { OrderTerm, Query } from "./query.js";
import { resolvePath } from "./resolve-path.js";
import { FieldError } from "../errors.js";
import { Expression, OrderBy } from "../expressions/expression.js";

/** `-name` → descending `name`; `+name` and `name` → ascending. */
function direction(term: string): { descending: boolean; name: string } {
  const descending = term.startsWith("-");
  return { descending, name: descending || term.startsWith("+") ? term.slice(1) : term };
}

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
  const { descending, name } = direction(term);
  const annotation = query.annotations.find((a) => a.name === name);
  if (annotation) return { expr: annotation.expr, descending };
  const path = resolvePath(query, name.split("__"), -1, true);
  if (path.rest.length) {
    throw new FieldError(`Cannot resolve keyword '${path.rest[0]}' into field. Join on '${name}' not permitted.`);
  }
  return { expr: path.column, descending };
}

/**
 * The terms one `orderBy` name stands for. A relation (`"restaurant"`, not `"restaurant_id"`)
 * orders by the related model's Meta.ordering when it has one, as Django does.
 */
export function resolveOrderingTerms(query: Query, term: string | Expression | OrderBy, seen: ReadonlySet<string> = new Set()): OrderTerm[] {
  if (typeof term !== "string" || term === "?") return [resolveOrdering(query, term)];
  const { descending, name } = direction(term);
  const pieces = name.split("__");
  if (pieces.at(-1) === "pk" || query.annotations.some((a) => a.name === name)) return [resolveOrdering(query, term)];
  // Look where the name leads on a copy: `query` only gets the joins of the terms kept.
  const path = resolvePath(query.clone(), pieces, -1, true);
  const target = path.relation && !path.rest.length ? path.target : undefined;
  const byKey = path.column.field.attname === pieces.at(-1) && path.column.field.attname !== path.column.field.name;
  if (!target || !target.ordering.length || byKey) return [resolveOrdering(query, term)];
  if (seen.has(target.label)) throw new FieldError("Infinite loop caused by ordering.");
  const inner = new Set(seen).add(target.label);
  return target.ordering.filter((t) => t !== "?").flatMap((t) => {
    const innerTerm = direction(t);
    return resolveOrderingTerms(query, `${descending !== innerTerm.descending ? "-" : ""}${name}__${innerTerm.name}`, inner);
  });
}
