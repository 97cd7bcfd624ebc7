import type { OrderTerm, Query } from "./query.js";
import { resolvePath } from "./resolve-path.js";
import { FieldError } from "../errors.js";

/**
 * One `orderBy` term: `name`, `-name`, `relation__field` (joined outer, reusing joins), `?`.
 * Mutates `query` (a clone) with the joins it needs.
 */
export function resolveOrdering(query: Query, term: string): OrderTerm {
  if (term === "?") return { expr: "random", descending: false };
  const descending = term.startsWith("-");
  const name = descending || term.startsWith("+") ? term.slice(1) : term;
  const path = resolvePath(query, name.split("__"), -1, true);
  if (path.rest.length) {
    throw new FieldError(`Cannot resolve keyword '${path.rest[0]}' into field. Join on '${name}' not permitted.`);
  }
  return { expr: path.column, descending };
}
